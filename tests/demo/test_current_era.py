"""The demo built for today lives on past the July 2025 reform in the current units of Lạng Sơn.

The demo is built once per module into the test database (committed, then deleted at teardown);
each test reads it with its own ORM queries, inside a transaction that rolls back.
"""

import datetime

import pytest
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from members.models import (
    STAGE_ORDER,
    AdmissionCase,
    AdmissionStep,
    CommandPost,
    PartyRecord,
    Person,
    ServiceRecord,
    Stage,
)
from reports.areas import resolve_area
from reports.report import build_report, default_window
from reports.trends import build_trend, series_windows
from units.models import Commune, CommuneLineage, ForceUnit, MilitaryPartyCell

LAST_LEGACY_DAY = datetime.date(2025, 6, 30)
FIRST_DAY = datetime.date(2025, 7, 1)
PARTY_SHARES = [
    "party_share_dqtv",
    "party_share_militia",
    "party_share_self_defence",
    "party_share_reserve",
    "party_share_reserve_officers",
]
BEFORE_DECISION = STAGE_ORDER[: STAGE_ORDER.index(Stage.DECISION)]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_demo")]


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


def current_communes(today: datetime.date):
    return Commune.objects.valid_on(today).filter(province__code="20")


def core_on(day: datetime.date, **filters):
    return ServiceRecord.objects.filter(is_core=True, start__lte=day, **filters).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def test_the_demo_cadres_commune_is_a_current_commune(today):
    commune = User.objects.get(username="demo_xa").commune
    assert (commune.is_valid_on(today), commune.province.is_valid_on(today)) == (True, True)


def test_people_serve_in_the_demo_cadres_commune_today(today):
    commune = User.objects.get(username="demo_xa").commune
    assert core_on(today, commune=commune).exists()


def test_the_demo_provincial_officer_belongs_to_the_current_province(today):
    province = User.objects.get(username="demo_tinh").province
    assert (province.code, province.is_valid_on(today)) == ("20", True)


def test_every_current_commune_has_a_military_command(today):
    communes = current_communes(today)
    assert communes.exists() and not communes.filter(command__isnull=True).exists()


def test_every_current_commune_has_militia_units_valid_today(today):
    communes = current_communes(today)
    militia = ForceUnit.objects.valid_on(today).filter(force="militia", commune=OuterRef("pk"))
    assert communes.exists() and not communes.exclude(Exists(militia)).exists()


def test_every_current_command_has_a_commander_today(today):
    commanders = CommandPost.objects.filter(
        position="commander", start__lte=today, command__commune__in=current_communes(today)
    ).filter(Q(end__isnull=True) | Q(end__gte=today))
    assert commanders.count() == current_communes(today).count()


def test_nobody_has_a_core_record_in_a_legacy_commune_after_the_reform():
    legacy = Commune.objects.filter(province__code="20", valid_to=LAST_LEGACY_DAY)
    after = ServiceRecord.objects.filter(is_core=True, commune__in=legacy).filter(
        Q(end__isnull=True) | Q(end__gt=LAST_LEGACY_DAY)
    )
    assert legacy.exists() and not after.exists()


def test_no_command_post_is_held_in_a_legacy_commune_after_the_reform():
    posts = CommandPost.objects.filter(command__commune__valid_to=LAST_LEGACY_DAY)
    assert posts.exists() and not posts.filter(Q(end__isnull=True) | Q(end__gt=LAST_LEGACY_DAY))


def test_people_serving_on_30_june_2025_serve_on_1_july_in_a_successor_commune():
    successors: dict[int, set[int]] = {}
    for old, new in CommuneLineage.objects.values_list("predecessor", "successor"):
        successors.setdefault(old, set()).add(new)
    before = dict(core_on(LAST_LEGACY_DAY).values_list("person", "commune"))
    after = dict(core_on(FIRST_DAY).values_list("person", "commune"))
    lost = [person for person, old in before.items() if after.get(person) not in successors[old]]
    assert before and lost == []


@pytest.mark.parametrize(("sex", "oldest"), [("male", 45), ("female", 40)])
def test_militia_serving_today_are_of_militia_age(sex, oldest, today):
    births = core_on(today, force="militia", person__sex=sex).values_list(
        "person__birth_date", flat=True
    )
    ages = {(today - birth).days // 365.25 for birth in births}
    assert min(ages) >= 18 and max(ages) <= oldest


def test_everyone_lives_in_a_current_commune(today):
    assert not Person.objects.exclude(residence_commune__in=current_communes(today)).exists()


def test_legacy_cells_are_dissolved_on_30_june_2025():
    cells = MilitaryPartyCell.objects.filter(commune__valid_to=LAST_LEGACY_DAY)
    assert cells.exists() and not cells.exclude(dissolved_on=LAST_LEGACY_DAY).exists()


def test_most_current_communes_have_a_military_cell_today(today):
    communes = current_communes(today)
    with_cell = communes.filter(military_cells__established_on__lte=today).distinct()
    assert 10 * with_cell.count() >= 9 * communes.count()


def test_no_current_cell_was_founded_before_the_reform(today):
    cells = MilitaryPartyCell.objects.filter(commune__in=current_communes(today))
    assert cells.exists() and not cells.filter(established_on__lt=FIRST_DAY).exists()


def dqtv_admissions_in(communes, first: datetime.date, last: datetime.date):
    covering = ServiceRecord.objects.filter(
        person=OuterRef("person"),
        force__in=("militia", "self_defence"),
        is_core=True,
        commune__in=communes,
        start__lte=OuterRef("admitted_on"),
    ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef("admitted_on")))
    return PartyRecord.objects.filter(admitted_on__range=(first, last)).filter(Exists(covering))


def test_current_communes_admit_about_300_dqtv_members_a_year(today):
    last = datetime.date(2026, 6, 30)  # the twelve months from the reform
    count = dqtv_admissions_in(current_communes(today), FIRST_DAY, last).count()
    assert 250 <= count <= 400


def test_the_current_province_admits_over_300_dqtv_members_in_2025_across_the_reform(today):
    trend = build_trend(
        area=resolve_area("20", today),
        code="admissions_dqtv",
        windows=series_windows(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), "year"),
        step="year",
    )
    assert trend["points"][0]["value"] > 300


@pytest.mark.parametrize("stage", BEFORE_DECISION)
def test_a_case_open_in_a_current_commune_stops_at_each_stage_before_the_decision(stage, today):
    later = AdmissionStep.objects.filter(
        case=OuterRef("pk"), stage__in=STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :]
    )
    cases = AdmissionCase.objects.filter(
        outcome="", steps__stage=stage, commune__in=current_communes(today)
    ).exclude(Exists(later))
    assert cases.exists()


def test_cases_open_before_their_decision_in_current_communes_begin_after_the_reform(today):
    decided = AdmissionStep.objects.filter(case=OuterRef("pk"), stage=Stage.DECISION)
    cases = AdmissionCase.objects.filter(outcome="", commune__in=current_communes(today))
    undecided = cases.exclude(Exists(decided))
    early = AdmissionStep.objects.filter(case__in=undecided, done_on__lt=FIRST_DAY)
    assert undecided.exists() and not early.exists()


@pytest.mark.parametrize("code", PARTY_SHARES)
def test_the_current_provinces_party_shares_have_a_denominator_today(code, today):
    report = build_report(area=resolve_area("20", today), window=default_window(today))
    entry = next(entry for entry in report["indicators"] if entry["code"] == code)
    assert entry["denominator"] > 0


def test_the_dqtv_party_share_trend_has_values_on_both_sides_of_the_reform(today):
    trend = build_trend(
        area=resolve_area("20", today),
        code="party_share_dqtv",
        windows=series_windows(datetime.date(2020, 1, 1), today, "year"),
        step="year",
    )
    dated = [
        (datetime.date.fromisoformat(p["date"]), p["value"])
        for p in trend["points"]
        if p["value"] is not None
    ]
    sides = {day >= FIRST_DAY for day, _ in dated}
    assert sides == {False, True}


def test_every_current_village_has_a_party_register_count_today(today):
    report = build_report(area=resolve_area("20", today), window=default_window(today))
    villages = next(
        e for e in report["indicators"] if e["code"] == "villages_without_party_members"
    )
    assert (villages["unknown"], villages["value"] is not None) == (0, True)


def test_commanders_appointed_since_2026_are_regular_officers(today):
    since = CommandPost.objects.filter(position="commander", start__gte=datetime.date(2026, 1, 1))
    assert since.exists() and set(since.values_list("holder_kind", flat=True)) == {
        "regular_officer"
    }
