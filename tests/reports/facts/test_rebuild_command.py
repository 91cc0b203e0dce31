"""`rebuild_indicator_facts` rebuilds the facts and reports every figure that differs from the
live computation."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from .history import populated_world

pytestmark = pytest.mark.django_db
DAY = "2026-06-30"


@pytest.fixture
def world():
    return populated_world(31, people=20)


def corrupt_facts() -> None:
    """Add one serving person to every day row, as a broken write path would."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_indicatorfact SET people = people + 1 WHERE kind = 'd'")


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("rebuild_indicator_facts", *args, stdout=out)
    return out.getvalue()


def test_verify_only_names_the_figures_that_differ(world):
    corrupt_facts()
    with pytest.raises(CommandError, match="figures differ"), translation.override("en"):
        run("--verify-only", "--date", DAY)


def test_rebuild_repairs_corrupted_facts(world):
    corrupt_facts()
    output = run("--date", DAY)
    assert "agree with the live computation on 2026-06-30" in output


def test_verify_prints_each_difference_with_its_area_and_indicator(world):
    corrupt_facts()
    out = StringIO()
    with pytest.raises(CommandError), translation.override("en"):
        call_command("rebuild_indicator_facts", "--verify-only", "--date", DAY, stdout=out)
    assert f"{datetime.date.fromisoformat(DAY)} VN party_share_dqtv" in out.getvalue()


def test_a_bad_date_names_the_argument(world):
    with pytest.raises(CommandError, match="--date"), translation.override("en"):
        run("--verify-only", "--date", "30/06/2026")


@pytest.mark.django_db(transaction=True)
def test_flush_leaves_no_facts_behind():
    """`flush` (which the browser tests' teardown runs) empties the facts with the records,
    whatever order SQLite's table-by-table deletes take."""
    populated_world(32, people=10)
    call_command("flush", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM reports_indicatorfact")
        assert cursor.fetchone()[0] == 0


def test_the_facts_keep_every_category_a_party_share_tells_apart():
    """A share by category reads the facts, which keep only KEPT_CATEGORIES apart."""
    from reports.facts.sql import KEPT_CATEGORIES
    from reports.indicators.shares import SHARE_FORCES

    for forces in SHARE_FORCES.values():
        assert set(forces.categories) <= set(KEPT_CATEGORIES)
