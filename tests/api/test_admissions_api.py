"""Admission cases through the API: read only, the case list's filters and order, logged reads."""

import datetime

import pytest
from django.urls import reverse

from members.models import Outcome, PersonReadLog, Stage
from members.rules import add_working_days
from tests.api.conftest import token_client
from tests.members.factories import AdmissionCaseFactory, AdmissionStepFactory, PersonFactory
from tests.units.factories import MilitaryPartyCellFactory

pytestmark = pytest.mark.django_db
LIST = reverse("api:admission_list")
SOURCED_ON = datetime.date(2023, 9, 4)
CELL_VOTE = datetime.date(2024, 3, 18)


def detail(pk: int | str) -> str:
    return reverse("api:admission_detail", args=[pk])


def sourced_case(commune, **fields):
    case = AdmissionCaseFactory(person__residence_commune=commune, **fields)
    AdmissionStepFactory(case=case, stage=Stage.SOURCED, done_on=SOURCED_ON)
    return case


def voted_case(commune, **fields):
    """A case whose cell voted on 18 March 2024: the decision is long overdue."""
    case = sourced_case(commune, **fields)
    AdmissionStepFactory(
        case=case,
        stage=Stage.CELL_VOTE,
        done_on=CELL_VOTE,
        document_number="05-NQ/CB",
        eligible_voters=9,
        votes_for=8,
        votes_against=1,
    )
    return case


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_list_item_has_the_documented_fields(commune_cadre):
    cell = MilitaryPartyCellFactory(commune=commune_cadre.commune)
    case = voted_case(commune_cadre.commune, cell=cell)
    item = token_client(commune_cadre).get(LIST).json()["results"][0]
    assert item == {
        "id": case.pk,
        "person": {"id": case.person_id, "full_name": case.person.full_name},
        "commune": commune_cadre.commune.code,
        "cell": {"id": cell.pk, "name": cell.name},
        "opened_on": "2023-09-04",
        "current_stage": "cell_vote",
        "next_stage": "committee_resolution",
        "deadline": add_working_days(CELL_VOTE, 60).isoformat(),
        "overdue": True,
        "outcome": None,
        "outcome_on": None,
    }


def test_list_puts_overdue_cases_first(commune_cadre):
    waiting = sourced_case(commune_cadre.commune)
    overdue = voted_case(commune_cadre.commune)
    assert ids(token_client(commune_cadre).get(LIST)) == [overdue.pk, waiting.pk]


def test_list_leaves_out_other_areas(commune_cadre, other_commune):
    mine = sourced_case(commune_cadre.commune)
    sourced_case(other_commune)
    assert ids(token_client(commune_cadre).get(LIST)) == [mine.pk]


def test_filter_by_stage_reached(commune_cadre):
    sourced_case(commune_cadre.commune)
    voted = voted_case(commune_cadre.commune)
    assert ids(token_client(commune_cadre).get(LIST, {"stage": "cell_vote"})) == [voted.pk]


def test_filter_by_outcome(commune_cadre):
    sourced_case(commune_cadre.commune)
    stopped = sourced_case(
        commune_cadre.commune, outcome=Outcome.STOPPED, outcome_on=datetime.date(2024, 1, 5)
    )
    response = token_client(commune_cadre).get(LIST, {"outcome": "stopped"})
    assert (ids(response), response.json()["results"][0]["outcome_on"]) == (
        [stopped.pk],
        "2024-01-05",
    )


def test_filter_by_person(commune_cadre):
    wanted = sourced_case(commune_cadre.commune)
    sourced_case(commune_cadre.commune)
    response = token_client(commune_cadre).get(LIST, {"person": wanted.person_id})
    assert ids(response) == [wanted.pk]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("stage", "nowhere"), ("outcome", "won"), ("person", "abc"), ("person", str(10**30))],
)
def test_a_bad_parameter_answers_400_naming_it(commune_cadre, parameter, value):
    response = token_client(commune_cadre).get(LIST, {parameter: value})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, parameter)


def test_detail_lists_the_steps_in_procedure_order(commune_cadre):
    case = voted_case(commune_cadre.commune)
    body = token_client(commune_cadre).get(detail(case.pk)).json()
    assert [step["stage"] for step in body["steps"]] == ["sourced", "cell_vote"]
    assert body["steps"][1] == {
        "stage": "cell_vote",
        "done_on": "2024-03-18",
        "document_number": "05-NQ/CB",
        "eligible_voters": 9,
        "votes_for": 8,
        "votes_against": 1,
        "extension_reason": "",
        "override_reason": "",
        "note": "",
    }


def test_detail_read_is_logged_against_the_person(commune_cadre):
    case = sourced_case(commune_cadre.commune)
    token_client(commune_cadre).get(detail(case.pk))
    log = PersonReadLog.objects.get()
    assert (log.person_id, log.reader, log.purpose) == (
        case.person_id,
        commune_cadre,
        "api_admission_case",
    )


def test_detail_in_another_area_answers_as_missing(commune_cadre, other_commune):
    elsewhere = sourced_case(other_commune)
    client = token_client(commune_cadre)
    outside = client.get(detail(elsewhere.pk))
    missing = client.get(detail(elsewhere.pk + 1000))
    assert (outside.status_code, outside.json()) == (404, missing.json())
    assert not PersonReadLog.objects.exists()


@pytest.mark.parametrize("pk", [str(10**30), "-1", "null,null"])
def test_detail_of_an_impossible_id_answers_the_json_404(commune_cadre, pk):
    response = token_client(commune_cadre).get(detail(pk))
    assert (response.status_code, response.json()["errors"][0]["code"]) == (404, "not_found")


@pytest.mark.parametrize("url", [LIST, detail(1)])
def test_aggregate_client_is_refused(aggregate_client, home_commune, url):
    sourced_case(home_commune, pk=1)
    assert token_client(aggregate_client).get(url).status_code == 403


def test_cases_are_read_only(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    response = token_client(commune_cadre).post(LIST, {"person": person.pk}, format="json")
    assert response.status_code == 405


def test_list_queries_do_not_grow_with_rows(commune_cadre, django_assert_max_num_queries):
    client = token_client(commune_cadre)
    for _ in range(6):
        voted_case(commune_cadre.commune)
    # Savepoint pair, token, two permission reads, the area scope (two), the cases, their
    # steps and the rule sets: none of them per case.
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert response.json()["count"] == 6
