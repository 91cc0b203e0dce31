"""seed_demo reproduces the seed figures from stored rows on the seed date (2024-12-31).

The demo is built for today: its legacy history holds the seed figures on their legacy dates,
and it lives on in the current units after the reform (test_current_era.py).

The demo is built once per module into the test database (committed, then deleted at teardown);
each test reads it with its own ORM queries, inside a transaction that rolls back.
"""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Exists, F, OuterRef, Q
from rest_framework.test import APIClient

from accounts.models import Role, User
from accounts.services import token_issue
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
from members.validators import validate_national_id
from reports.areas import resolve_area
from reports.report import build_report, default_window
from targets.models import Directive
from units.models import (
    CellRating,
    Commune,
    ForceUnit,
    MilitaryPartyCell,
)

DAY = datetime.date(2024, 12, 31)
DQTV = ("militia", "self_defence")


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_demo")]


def members_on(day):
    return PartyRecord.objects.filter(admitted_on__lte=day).filter(
        Q(exit_on__isnull=True) | Q(exit_on__gt=day)
    )


def core_on(day, **filters):
    return ServiceRecord.objects.filter(is_core=True, start__lte=day, **filters).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def share(records, day=DAY):
    party = records.filter(person__in=members_on(day).values("person")).count()
    return round(100 * party / records.count(), 2)


def in_post(position, day=DAY):
    return CommandPost.objects.filter(position=position, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def dqtv_admissions(first, last, **service_filters):
    covering = ServiceRecord.objects.filter(
        person=OuterRef("person"),
        force__in=DQTV,
        is_core=True,
        start__lte=OuterRef("admitted_on"),
        **service_filters,
    ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef("admitted_on")))
    return PartyRecord.objects.filter(admitted_on__range=(first, last)).filter(Exists(covering))


def people_digest():
    rows = Person.objects.order_by("national_id").values_list(
        "national_id", "full_name", "birth_date"
    )
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def test_militia_party_share_is_11_89_percent():
    assert share(core_on(DAY, force="militia")) == 11.89


def test_reserve_party_share_is_5_83_percent():
    assert share(core_on(DAY, force="reserve")) == 5.83


def test_self_defence_serves_in_host_organisations():
    units = ForceUnit.objects.filter(force="self_defence", service_records__in=core_on(DAY))
    assert units.exists() and not units.filter(host_organisation="").exists()


def test_reserve_officers_are_registered():
    assert core_on(DAY, force="reserve", category="officer").count() == 240


def test_34_deputy_commanders_in_post_are_not_party_members():
    deputies = in_post("deputy_commander").exclude(person__in=members_on(DAY).values("person"))
    assert deputies.count() == 34


def test_some_commanders_in_post_are_not_on_the_party_committee():
    assert in_post("commander").filter(in_party_committee=False).exists()


@pytest.mark.parametrize("year", [2019, 2020])
def test_200_to_300_dqtv_admissions_a_year_before_2021(year):
    count = dqtv_admissions(datetime.date(year, 1, 1), datetime.date(year, 12, 31)).count()
    assert 200 <= count < 300


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024])
def test_over_300_dqtv_admissions_a_year_since_2021(year):
    count = dqtv_admissions(datetime.date(year, 1, 1), datetime.date(year, 12, 31)).count()
    assert count > 300


def test_chi_lang_27_dqtv_admissions_from_january_2023_to_february_2024():
    admitted = dqtv_admissions(
        datetime.date(2023, 1, 1), datetime.date(2024, 2, 29), commune__district__code="187"
    )
    assert admitted.count() == 27


def test_cao_loc_27_admissions_in_2023():
    admitted = PartyRecord.objects.filter(
        admitted_on__year=2023, admission_case__commune__district__code="183"
    )
    assert admitted.count() == 27


def test_cao_loc_20_of_its_2023_admissions_from_dqtv():
    admitted = dqtv_admissions(
        datetime.date(2023, 1, 1), datetime.date(2023, 12, 31), commune__district__code="183"
    )
    assert admitted.count() == 20


def test_every_commune_has_a_military_cell_in_2023():
    end_2023 = datetime.date(2023, 12, 31)
    communes = Commune.objects.valid_on(end_2023).filter(province__code="20")
    with_cell = communes.filter(military_cells__established_on__lte=end_2023).distinct()
    assert (with_cell.count(), communes.count()) == (194, 194)


def test_all_cells_completed_2023_and_97_percent_good_or_better():
    ratings = CellRating.objects.filter(year=2023)
    good = ratings.filter(rating__in=["good", "excellent"]).count()
    assert not ratings.filter(rating="not_completed").exists()
    assert round(100 * good / ratings.count()) == 97


def test_engine_shows_every_cell_completed_its_tasks_in_2023():
    end_2023 = datetime.date(2023, 12, 31)
    report = build_report(area=resolve_area("20", end_2023), window=default_window(end_2023))
    completed = next(
        e for e in report["indicators"] if e["code"] == "military_cells_completed_tasks"
    )
    assert (completed["value"], completed["denominator"]) == (100.0, 194)


def test_tan_thanh_cell_grew_from_8_to_9_members():
    cell = MilitaryPartyCell.objects.get(commune__code="06442")
    before = members_on(datetime.date(2023, 12, 31)).filter(military_cell=cell).count()
    after = members_on(DAY).filter(military_cell=cell).count()
    assert (before, after) == (8, 9)


@pytest.mark.parametrize("stage", STAGE_ORDER)
def test_an_open_case_stops_at_each_stage(stage):
    later = AdmissionStep.objects.filter(
        case=OuterRef("pk"), stage__in=STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :]
    )
    cases = AdmissionCase.objects.filter(outcome="", steps__stage=stage).exclude(Exists(later))
    if stage == Stage.RECOGNITION:
        cases = AdmissionCase.objects.filter(steps__stage=stage)  # completed cases
    assert cases.exists()


@pytest.mark.parametrize("outcome", ["struck_off", "stopped", "transferred"])
def test_closed_cases_of_each_outcome_exist(outcome):
    assert AdmissionCase.objects.filter(outcome=outcome).exists()


def test_steps_of_each_case_are_dated_in_stage_order():
    steps = AdmissionStep.objects.order_by("case_id").values_list("case_id", "stage", "done_on")
    by_case = {}
    for case_id, stage, done_on in steps:
        by_case.setdefault(case_id, []).append((STAGE_ORDER.index(stage), done_on))
    disordered = [
        c for c, s in by_case.items() if [d for _, d in sorted(s)] != sorted(d for _, d in s)
    ]
    assert disordered == []


def test_every_vote_reaches_two_thirds():
    votes = AdmissionStep.objects.filter(eligible_voters__isnull=False)
    assert votes.exists()
    assert not [v for v in votes.values_list("votes_for", "eligible_voters") if 3 * v[0] < 2 * v[1]]


def test_probation_lasts_twelve_months():
    records = PartyRecord.objects.filter(admission_case__isnull=False, full_member_on__isnull=False)
    wrong = [
        r
        for r in records.values_list("ceremony_on", "full_member_on")
        if (r[1].year - r[0].year) * 12 + r[1].month - r[0].month != 12
    ]
    assert records.exists() and wrong == []


def test_members_admitted_before_joining_have_no_admission_case():
    before_service = PartyRecord.objects.filter(
        admission_case__isnull=True,
        person__services__force="militia",
        person__services__start__gt=F("admitted_on"),
    )
    assert before_service.exists()


def test_national_ids_are_valid_and_unique():
    people = list(Person.objects.values_list("national_id", "birth_date", "sex"))
    for national_id, birth_date, sex in people:
        validate_national_id(national_id, birth_date=birth_date, sex=sex)
    assert len({p[0] for p in people}) == len(people)


@pytest.mark.parametrize(("sex", "oldest"), [("male", 45), ("female", 40)])
def test_serving_militia_are_of_militia_age(sex, oldest):
    births = core_on(DAY, force="militia", person__sex=sex).values_list(
        "person__birth_date", flat=True
    )
    ages = {(DAY - b).days // 365.25 for b in births}
    assert min(ages) >= 18 and max(ages) <= oldest


def test_seed_000_targets_are_attached_to_a_lang_son_directive_citing_seed_000():
    directive = Directive.objects.get(province__code="20")
    assert directive.targets.count() == 10 and "000" in directive.source


def test_one_login_per_role():
    assert sorted(User.objects.values_list("role", flat=True)) == sorted(Role.values)


def test_running_again_without_reset_changes_nothing():
    before = (people_digest(), ServiceRecord.objects.count(), AdmissionStep.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert (people_digest(), ServiceRecord.objects.count(), AdmissionStep.objects.count()) == before


def test_same_seed_gives_the_same_people():
    before = people_digest()
    call_command("seed_demo", "--reset", stdout=StringIO())
    assert people_digest() == before


def test_another_seed_gives_other_people():
    before = people_digest()
    call_command("seed_demo", "--reset", "--seed", "7", stdout=StringIO())
    assert people_digest() != before


@pytest.mark.parametrize("date", ["2024-13-01", "31/12/2024", "2019-12-31", "2999-01-01"])
def test_bad_date_is_refused_and_writes_nothing(date):
    count = Person.objects.count()
    with pytest.raises(CommandError):
        call_command("seed_demo", "--reset", "--date", date, stdout=StringIO())
    assert Person.objects.count() == count


def test_negative_seed_is_refused():
    with pytest.raises(CommandError):
        call_command("seed_demo", "--reset", "--seed", "-1", stdout=StringIO())


# The indicator engine on the demo: seed 000's situation, against the target in force.


def engine_indicator(code: str) -> dict:
    report = build_report(area=resolve_area("20", DAY), window=default_window(DAY))
    return next(entry for entry in report["indicators"] if entry["code"] == code)


def test_engine_reports_militia_below_its_target_with_the_gap_in_people():
    militia = engine_indicator("party_share_militia")
    expected_gap = -(-(125 * militia["denominator"] - 1000 * militia["numerator"]) // 1000)
    assert (militia["value"], militia["target"]["lower"], militia["status"], militia["gap"]) == (
        11.89,
        12.5,
        "below",
        expected_gap,
    )


def test_engine_reports_reserve_below_its_target_with_the_gap_in_people():
    reserve = engine_indicator("party_share_reserve")
    expected_gap = -(-(75 * reserve["denominator"] - 1000 * reserve["numerator"]) // 1000)
    assert (reserve["value"], reserve["target"]["lower"], reserve["status"], reserve["gap"]) == (
        5.83,
        7.5,
        "below",
        expected_gap,
    )


def test_the_demo_api_client_pulls_its_provinces_summary_with_its_token(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + token_issue(user=demo_user("demo_api")))
    summary = client.get("/api/v1/reports/summary/", {"area": "20", "date": DAY.isoformat()})
    militia = next(i for i in summary.json()["indicators"] if i["code"] == "party_share_militia")
    assert (militia["numerator"], militia["denominator"]) == (1189, 10000)


def test_the_demo_api_client_never_reads_a_person(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + token_issue(user=demo_user("demo_api")))
    assert client.get("/api/v1/people/").status_code == 403


def demo_user(username: str) -> User:
    return User.objects.get(username=username)
