"""Directives of three reaches: the officer's province, another province and the nation."""

import pytest

from targets.models import Directive
from tests.targets.factories import DirectiveFactory


@pytest.fixture
def mine(home_commune) -> Directive:
    return DirectiveFactory(province=home_commune.province, title="Chỉ thị của tỉnh nhà")


@pytest.fixture
def theirs(other_commune) -> Directive:
    return DirectiveFactory(province=other_commune.province, title="Chỉ thị của tỉnh khác")


@pytest.fixture
def national(db) -> Directive:
    return DirectiveFactory(province=None, issuer="Ban Bí thư", title="Chỉ thị toàn quốc")
