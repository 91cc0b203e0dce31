"""The dashboard on the demo: the provincial officer reads the seed's figures against its targets
on the seed date (31/12/2024, legacy Lạng Sơn), the commune cadre their current commune today.

The demo is built once per module into the test database (committed, then deleted at teardown),
as in test_seed_demo.py; each test reads it through the page, as `demo_tinh` would.
"""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from reports.targets import STATUS_LABELS
from tests.conftest import client_for
from tests.reports.test_dashboard_views import texts

MILITIA = "party_share_militia"
RESERVE = "party_share_reserve"


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_demo")]


@pytest.fixture
def page() -> dict[str, str]:
    """The provincial officer's dashboard of Lạng Sơn on the demo date, text by element id."""
    client = client_for(User.objects.get(username="demo_tinh"))
    response = client.get(reverse("reports:dashboard"), {"area": "20", "date": "31/12/2024"})
    assert response.status_code == 200
    return texts(response)


def test_the_militia_share_is_11_89_percent(page):
    assert page[f"value-{MILITIA}"] == "11,89 %"


def test_the_militia_target_is_12_5_percent(page):
    assert page[f"target-{MILITIA}"].startswith("≥ 12,5 %")


def test_the_militia_share_is_below_its_target(page):
    assert page[f"status-{MILITIA}"] == str(STATUS_LABELS["below"])


def test_the_militia_gap_is_61_party_members(page):
    assert re.findall(r"[\d.]+", page[f"gap-{MILITIA}"]) == ["61"]


def test_the_reserve_share_is_5_83_percent(page):
    assert page[f"value-{RESERVE}"] == "5,83 %"


def test_the_reserve_target_is_7_5_percent(page):
    assert page[f"target-{RESERVE}"].startswith("≥ 7,5 %")


def test_the_demo_commune_cadre_reads_their_commune_by_default():
    client = client_for(User.objects.get(username="demo_xa"))

    response = client.get(reverse("reports:dashboard"))  # today, in the current commune

    commune = User.objects.get(username="demo_xa").commune
    assert (
        response.status_code,
        texts(response)["dashboard-breadcrumb"].endswith(commune.name),
    ) == (
        200,
        True,
    )
