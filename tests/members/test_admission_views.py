"""The admission pages through their URLs, as each role uses them (DOMAIN.md §5).

Dates are 2023–2025 under the 2021 rule set that migration 0003 loads. Deadlines are counted with
the rules' own working-day calendar, so the 30 April and 1 May holidays inside the decision
window are honoured.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from members.models import (
    STAGE_ORDER,
    VOTE_STAGES,
    AdmissionCase,
    AdmissionStep,
    Outcome,
    PartyRecord,
    PersonReadLog,
    Stage,
)
from members.rules import add_months, add_working_days, format_day
from members.selectors import admission_next_step
from members.selectors.admission import DEADLINES
from members.services import admission_case_open, admission_step_record
from tests.members.factories import CandidateFactory

D = datetime.date
CELL_VOTE = D(2024, 3, 18)
DECISION = add_working_days(CELL_VOTE, 60)
CEREMONY = add_working_days(DECISION, 30)
PROBATION_END = add_months(CEREMONY, 12)
RECOGNITION_VOTE = add_working_days(PROBATION_END, 30)
# A case that meets every rule, each deadline met on its last day.
TIMELINE = {
    Stage.SOURCED: D(2023, 9, 4),
    Stage.AWARENESS_COURSE: D(2023, 10, 2),
    Stage.APPLICATION: D(2023, 11, 6),
    Stage.VERIFICATION: D(2023, 12, 4),
    Stage.INTRODUCTION: D(2024, 1, 8),
    Stage.CELL_VOTE: CELL_VOTE,
    Stage.COMMITTEE_RESOLUTION: add_working_days(CELL_VOTE, 5),
    Stage.DECISION: DECISION,
    Stage.CEREMONY: CEREMONY,
    Stage.RECOGNITION_VOTE: RECOGNITION_VOTE,
    Stage.RECOGNITION: add_working_days(RECOGNITION_VOTE, 30),
}
SOURCE = "24-QĐ/TW"
LIST = reverse("members:case_list")

# name: (stage posted on a case waiting for it, candidate fields, POST changes, where, code)
REFUSALS = {
    "under_age": (
        Stage.CELL_VOTE,
        {"birth_date": add_months(CELL_VOTE, -(18 * 12 - 1))},
        {},
        "id_done_on_error",
        "age_below_minimum",
    ),
    "five_of_nine_votes": (
        Stage.CELL_VOTE,
        {},
        {"votes_for": 5, "votes_against": 4},
        "id_votes_for_error",
        "cell_vote_share",
    ),
    "decision_after_60_working_days": (
        Stage.DECISION,
        {},
        {"done_on": add_working_days(CELL_VOTE, 61)},
        "id_done_on_error",
        "decision_deadline",
    ),
    "crafted_out_of_order": (
        Stage.AWARENESS_COURSE,
        {},
        {"stage": Stage.DECISION},
        "step-errors",
        "step_out_of_order",
    ),
}
RULE_REFUSALS = [name for name in REFUSALS if name != "crafted_out_of_order"]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cadre_client(commune_cadre) -> Client:
    return signed_in(commune_cadre)


@pytest.fixture
def province_client(province_officer) -> Client:
    return signed_in(province_officer)


def step_fields(stage: str) -> dict:
    fields = {"done_on": TIMELINE[stage], "document_number": f"{STAGE_ORDER.index(stage)}-KNĐ"}
    if stage in VOTE_STAGES:
        fields |= {"eligible_voters": 9, "votes_for": 9, "votes_against": 0}
    return fields


def post_data(stage: str, /, **changes) -> dict:
    """What the record-step form sends for `stage`, meeting every rule unless changed."""
    fields = {"stage": stage, **step_fields(stage), **changes}
    return fields | {"done_on": format_day(fields["done_on"])}


def case_before(stage: str, commune, actor, **person_fields) -> AdmissionCase:
    """Open a case in `commune` and record every step before `stage` through the services."""
    person = CandidateFactory(residence_commune=commune, **person_fields)
    opened_on = TIMELINE[Stage.SOURCED]
    case = admission_case_open(person=person, commune=commune, actor=actor, opened_on=opened_on)
    for earlier in STAGE_ORDER[1 : STAGE_ORDER.index(stage)]:
        admission_step_record(case=case, stage=earlier, actor=actor, **step_fields(earlier))
    return case


def record_url(case: AdmissionCase) -> str:
    return reverse("members:case_record_step", args=[case.pk])


def detail_url(case: AdmissionCase) -> str:
    return reverse("members:case_detail", args=[case.pk])


def codes_in(html: str, container_id: str) -> list[str]:
    """Return the error codes shown inside the element with id `container_id`."""
    found = re.search(rf'id="{container_id}"[^>]*>(.*?)</(?:ul|div)>', html, re.S)
    return re.findall(r'data-code="([^"]+)"', found.group(1)) if found else []


def row_of(html: str, case: AdmissionCase) -> str:
    found = re.search(rf'<tr id="case-{case.pk}".*?</tr>', html, re.S)
    return found.group(0) if found else ""


def post_refusal(name: str, commune, actor, client):
    stage, person_fields, changes, _where, _code = REFUSALS[name]
    case = case_before(stage, commune, actor, **person_fields)
    return client.post(record_url(case), post_data(stage, **changes))


# Recording steps


def test_commune_cadre_takes_a_candidate_to_full_membership(home_commune, cadre_client):
    person = CandidateFactory(residence_commune=home_commune)
    opened_on = format_day(TIMELINE[Stage.SOURCED])
    cadre_client.post(reverse("members:case_open"), {"person": person.pk, "opened_on": opened_on})
    case = AdmissionCase.objects.get(person=person)
    for stage in STAGE_ORDER[1:]:
        response = cadre_client.post(record_url(case), post_data(stage))
        assert response.status_code == 302, (stage, codes_in(response.content.decode(), "content"))
    assert PartyRecord.objects.get(person=person).full_member_on == PROBATION_END


@pytest.mark.parametrize("name", REFUSALS)
def test_refusal_shows_its_reason_where_it_belongs(name, home_commune, commune_cadre, cadre_client):
    response = post_refusal(name, home_commune, commune_cadre, cadre_client)
    _stage, _fields, _changes, where, code = REFUSALS[name]
    assert codes_in(response.content.decode(), where) == [code]


@pytest.mark.parametrize("name", RULE_REFUSALS)
def test_rule_refusal_names_its_source_document(name, home_commune, commune_cadre, cadre_client):
    response = post_refusal(name, home_commune, commune_cadre, cadre_client)
    _stage, _fields, _changes, where, _code = REFUSALS[name]
    shown = re.search(rf'id="{where}"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert SOURCE in shown.group(1)


@pytest.mark.parametrize("name", REFUSALS)
def test_refusal_writes_nothing(name, home_commune, commune_cadre, cadre_client):
    stage, person_fields, changes, _where, _code = REFUSALS[name]
    case = case_before(stage, home_commune, commune_cadre, **person_fields)
    before = (AdmissionStep.objects.count(), AdmissionStep.history.count())
    cadre_client.post(record_url(case), post_data(stage, **changes))
    assert (AdmissionStep.objects.count(), AdmissionStep.history.count()) == before


def test_refused_form_keeps_what_was_typed(home_commune, commune_cadre, cadre_client):
    response = post_refusal("five_of_nine_votes", home_commune, commune_cadre, cadre_client)
    assert 'name="votes_against" value="4"' in response.content.decode()


def test_override_with_a_reason_is_saved(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.DECISION, home_commune, commune_cadre)
    late = add_working_days(CELL_VOTE, 61)
    reason = "Chờ kết luận thẩm tra bổ sung"
    cadre_client.post(
        record_url(case), post_data(Stage.DECISION, done_on=late, override_reason=reason)
    )
    assert case.steps.get(stage=Stage.DECISION).override_reason == reason


def test_override_is_shown_on_the_step(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.DECISION, home_commune, commune_cadre)
    late = add_working_days(CELL_VOTE, 61)
    data = post_data(Stage.DECISION, done_on=late, override_reason="Chờ kết luận thẩm tra")
    response = cadre_client.post(record_url(case), data, follow=True)
    shown = re.search(r'id="override-decision">(.*?)</p>', response.content.decode(), re.S)
    assert "Chờ kết luận thẩm tra" in shown.group(1)


def test_record_form_of_a_vote_stage_asks_for_the_votes(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.CELL_VOTE, home_commune, commune_cadre)
    assert 'name="votes_for"' in cadre_client.get(detail_url(case)).content.decode()


def test_record_form_of_another_stage_has_no_vote_fields(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.DECISION, home_commune, commune_cadre)
    assert 'name="votes_for"' not in cadre_client.get(detail_url(case)).content.decode()


def test_record_form_offers_only_the_next_stage(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.DECISION, home_commune, commune_cadre)
    html = cadre_client.get(detail_url(case)).content.decode()
    assert re.findall(r'name="stage" value="([^"]+)"', html) == [Stage.DECISION]


# Reading a case


def test_detail_shows_step_dates_as_dd_mm_yyyy(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.CELL_VOTE, home_commune, commune_cadre)
    html = cadre_client.get(detail_url(case)).content.decode()
    assert re.search(r'id="step-introduction">.*?08/01/2024', html, re.S)


def test_detail_shows_the_next_deadline(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.DECISION, home_commune, commune_cadre)
    html = cadre_client.get(detail_url(case)).content.decode()
    assert format_day(DECISION) in re.search(r'id="next-step-deadline".*?</span>', html).group(0)


def test_reading_a_case_is_logged(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    cadre_client.get(detail_url(case))
    assert PersonReadLog.objects.filter(person=case.person, reader=commune_cadre).count() == 1


# Access


def test_case_of_another_commune_answers_404(other_commune, other_commune_cadre, cadre_client):
    case = case_before(Stage.APPLICATION, other_commune, other_commune_cadre)
    assert cadre_client.get(detail_url(case)).status_code == 404


def test_missing_case_answers_404(cadre_client):
    assert cadre_client.get(reverse("members:case_detail", args=[999_999])).status_code == 404


def test_recording_on_another_communes_case_answers_404(
    other_commune, other_commune_cadre, cadre_client
):
    case = case_before(Stage.APPLICATION, other_commune, other_commune_cadre)
    assert cadre_client.post(record_url(case), post_data(Stage.APPLICATION)).status_code == 404


def test_provincial_staff_read_a_case_of_their_province(
    home_commune, commune_cadre, province_client
):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    assert province_client.get(detail_url(case)).status_code == 200


def test_provincial_staff_are_offered_no_record_form(home_commune, commune_cadre, province_client):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    assert 'id="record-step-form"' not in province_client.get(detail_url(case)).content.decode()


def test_provincial_staff_cannot_record_a_step(home_commune, commune_cadre, province_client):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    response = province_client.post(record_url(case), post_data(Stage.APPLICATION))
    assert response.status_code == 403


def test_provincial_staff_cannot_open_a_case(province_client):
    assert province_client.get(reverse("members:case_open")).status_code == 403


def test_provincial_staff_cannot_close_a_case(home_commune, commune_cadre, province_client):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    url = reverse("members:case_close", args=[case.pk])
    assert province_client.post(url, {"outcome": Outcome.STOPPED}).status_code == 403


def test_aggregate_client_cannot_list_cases(aggregate_client):
    assert signed_in(aggregate_client).get(LIST).status_code == 403


# Opening and closing


def test_open_form_offers_only_people_of_the_actors_commune(
    home_commune, other_commune, cadre_client
):
    mine = CandidateFactory(residence_commune=home_commune)
    theirs = CandidateFactory(residence_commune=other_commune)
    html = cadre_client.get(reverse("members:case_open")).content.decode()
    assert (f'value="{mine.pk}"' in html, f'value="{theirs.pk}"' in html) == (True, False)


def test_opening_a_case_of_another_communes_person_is_refused(other_commune, cadre_client):
    theirs = CandidateFactory(residence_commune=other_commune)
    data = {"person": theirs.pk, "opened_on": format_day(TIMELINE[Stage.SOURCED])}
    response = cadre_client.post(reverse("members:case_open"), data)
    assert codes_in(response.content.decode(), "id_person_error") == ["invalid_choice"]


def test_opening_a_case_twice_is_refused_beside_the_person(
    home_commune, commune_cadre, cadre_client
):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    data = {"person": case.person.pk, "opened_on": format_day(TIMELINE[Stage.APPLICATION])}
    response = cadre_client.post(reverse("members:case_open"), data)
    assert codes_in(response.content.decode(), "id_person_error") == ["case_in_progress"]


def test_closing_a_case_records_the_outcome(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    data = {"outcome": Outcome.STOPPED, "on": "15/11/2023", "reason": "Chuyển công tác"}
    cadre_client.post(reverse("members:case_close", args=[case.pk]), data)
    case.refresh_from_db()
    assert (case.outcome, case.outcome_on) == (Outcome.STOPPED, D(2023, 11, 15))


def test_closing_without_a_reason_is_refused_beside_it(home_commune, commune_cadre, cadre_client):
    case = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    data = {"outcome": Outcome.STOPPED, "on": "15/11/2023", "reason": ""}
    response = cadre_client.post(reverse("members:case_close", args=[case.pk]), data)
    assert codes_in(response.content.decode(), "id_reason_error") == ["reason_required"]


# The list


def test_list_shows_only_the_actors_area(
    home_commune, other_commune, commune_cadre, other_commune_cadre, cadre_client
):
    mine = case_before(Stage.APPLICATION, home_commune, commune_cadre)
    theirs = case_before(Stage.APPLICATION, other_commune, other_commune_cadre)
    html = cadre_client.get(LIST).content.decode()
    assert (bool(row_of(html, mine)), bool(row_of(html, theirs))) == (True, False)


def test_list_shows_overdue_cases_first(home_commune, commune_cadre, cadre_client):
    overdue = case_before(Stage.DECISION, home_commune, commune_cadre, full_name="Vũ Văn Y")
    no_deadline = case_before(Stage.APPLICATION, home_commune, commune_cadre, full_name="An Văn B")
    html = cadre_client.get(LIST).content.decode()
    assert html.index(f'id="case-{overdue.pk}"') < html.index(f'id="case-{no_deadline.pk}"')


def test_list_highlights_an_overdue_case(home_commune, commune_cadre, cadre_client):
    overdue = case_before(Stage.DECISION, home_commune, commune_cadre)
    assert 'data-overdue="true"' in row_of(cadre_client.get(LIST).content.decode(), overdue)


def test_list_filters_by_current_step(home_commune, commune_cadre, cadre_client):
    at_cell_vote = case_before(Stage.COMMITTEE_RESOLUTION, home_commune, commune_cadre)
    case_before(Stage.APPLICATION, home_commune, commune_cadre)
    html = cadre_client.get(LIST, {"stage": Stage.CELL_VOTE}).content.decode()
    assert re.findall(r'<tr id="case-(\d+)"', html) == [str(at_cell_vote.pk)]


@pytest.mark.parametrize("stage", list(DEADLINES))
def test_list_deadline_is_the_selectors(stage, home_commune, commune_cadre, cadre_client):
    case = case_before(stage, home_commune, commune_cadre)
    expected = format_day(admission_next_step(case).deadline)
    assert expected in row_of(cadre_client.get(LIST).content.decode(), case)


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_cases(home_commune, commune_cadre, cadre_client):
    case_before(Stage.DECISION, home_commune, commune_cadre)
    few = list_queries(cadre_client)
    for stage in (*DEADLINES, Stage.APPLICATION, Stage.CELL_VOTE):
        case_before(stage, home_commune, commune_cadre)
    assert list_queries(cadre_client) == few
