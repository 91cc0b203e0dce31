"""The pipeline page: cases by stage, the funnel, the overdue steps and the communes below."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.models import STAGE_ORDER, Stage
from members.rules import add_working_days
from tests.conftest import client_for, page_text
from tests.units.factories import CommuneFactory, ForceUnitFactory, ProvinceFactory

from .test_pipeline import CELL_VOTE_ON, case_with, voted

URL = reverse("reports:pipeline")
# The decision is due 60 working days after the cell vote: on this date it is one day late.
LATE = add_working_days(CELL_VOTE_ON, 61)
MARCH = datetime.date(2026, 3, 2)


def get(user, **params):
    return client_for(user).get(URL, {"date": LATE.isoformat(), **params})


def case_link(case) -> str:
    return f'href="{reverse("members:case_detail", args=[case.pk])}"'


def row_cells(response, row_id: str) -> list[str]:
    """Return the text of the cells of the table row with this id."""
    row = re.search(rf'<tr id="{row_id}"[^>]*>(.*?)</tr>', page_text(response), re.S).group(1)
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


@pytest.fixture
def late_case(home_commune):
    """A case whose decision is overdue on LATE: it waits at the committee resolution."""
    return case_with(home_commune, *voted())


# Who may read it.


@pytest.mark.parametrize(
    ("actor", "area"),
    [
        ("national_admin", "province"),
        ("province_officer", "province"),
        ("aggregate_client", "province"),
        ("commune_cadre", "commune"),
    ],
)
def test_every_role_reads_the_pipeline_of_its_own_area(request, actor, area, home_commune):
    code = home_commune.province.code if area == "province" else home_commune.code
    response = get(request.getfixturevalue(actor), area=code)
    assert (response.status_code, response.context["area"]["code"]) == (200, code)


def test_anonymous_visitor_is_sent_to_sign_in(db, client):
    response = client.get(URL)
    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


@pytest.mark.parametrize(
    ("actor", "own"),
    [("province_officer", "province"), ("commune_cadre", "commune"), ("national_admin", "nation")],
)
def test_area_defaults_to_the_readers_own(request, actor, own, home_commune):
    expected = {"province": home_commune.province.code, "commune": home_commune.code}
    response = client_for(request.getfixturevalue(actor)).get(URL)
    assert response.context["area"]["code"] == expected.get(own, "VN")


def test_area_of_another_province_answers_exactly_like_a_missing_code(
    province_officer, other_commune
):
    other = get(province_officer, area=other_commune.code)
    missing = get(province_officer, area="99999")
    assert (other.status_code, page_text(other)) == (missing.status_code, page_text(missing))
    assert other.status_code == 404


# Stages and funnel.


def test_stage_table_counts_the_case_at_the_stage_it_reached(commune_cadre, late_case):
    response = get(commune_cadre, area=late_case.commune.code)
    cells = row_cells(response, f"stage-{Stage.COMMITTEE_RESOLUTION}")
    assert cells[1] == "1"


def test_every_stage_has_a_row_and_a_bar(commune_cadre, late_case):
    body = page_text(get(commune_cadre, area=late_case.commune.code))
    stages = re.search(r'id="pipeline-stages".*?</table>', body, re.S).group(0)
    assert (stages.count('<tr id="stage-'), stages.count('class="pipeline-bar-fill"')) == (
        len(STAGE_ORDER),
        len(STAGE_ORDER),
    )


def test_small_stage_counts_are_hidden_from_the_aggregate_client(aggregate_client, late_case):
    response = get(aggregate_client, area=late_case.commune.province.code)
    assert (
        row_cells(response, f"stage-{Stage.COMMITTEE_RESOLUTION}")[1],
        'id="pipeline-suppressed-note"' in page_text(response),
    ) == ("—", True)


@pytest.fixture
def three_sourced(home_commune):
    """Three cases sourced in March, two of which took the course by 30 June: 66,67 %."""
    case_with(home_commune, (Stage.SOURCED, MARCH), (Stage.AWARENESS_COURSE, MARCH))
    case_with(home_commune, (Stage.SOURCED, MARCH), (Stage.AWARENESS_COURSE, MARCH))
    case_with(home_commune, (Stage.SOURCED, MARCH))


def test_funnel_gives_the_conversion_in_vietnamese_format(
    commune_cadre, home_commune, three_sourced
):
    response = get(commune_cadre, area=home_commune.code, date="2026-06-30")
    assert row_cells(response, f"funnel-{Stage.SOURCED}")[2:5] == ["3", "2", "66,67 %"]


def test_funnel_of_a_small_count_is_hidden_from_the_aggregate_client(
    aggregate_client, home_commune, three_sourced
):
    response = get(aggregate_client, area=home_commune.province.code, date="2026-06-30")
    assert row_cells(response, f"funnel-{Stage.SOURCED}")[2:5] == ["—", "—", "—"]


# Overdue next steps.


@pytest.mark.parametrize("actor", ["commune_cadre", "province_officer", "national_admin"])
def test_case_readers_get_a_link_to_each_overdue_case(request, actor, late_case):
    response = get(request.getfixturevalue(actor), area=late_case.commune.code)
    body = page_text(response)
    assert (case_link(late_case) in body, late_case.person.full_name in body) == (True, True)


def test_overdue_case_shows_its_next_step_and_deadline(commune_cadre, late_case):
    response = get(commune_cadre, area=late_case.commune.code)
    deadline = add_working_days(CELL_VOTE_ON, 60).strftime("%d/%m/%Y")
    cells = row_cells(response, f"overdue-case-{late_case.pk}")
    assert (cells[2], cells[3].startswith(deadline)) == (str(Stage(Stage.DECISION).label), True)


def test_aggregate_client_sees_no_case_link_and_no_name(aggregate_client, late_case):
    body = page_text(get(aggregate_client, area=late_case.commune.province.code))
    assert (
        reverse("members:case_detail", args=[late_case.pk]) in body,
        late_case.person.full_name in body,
        'id="pipeline-overdue-counts"' in body,
    ) == (False, False, True)


def test_case_not_yet_late_is_not_listed(commune_cadre, late_case):
    on = add_working_days(CELL_VOTE_ON, 60)
    response = get(commune_cadre, area=late_case.commune.code, date=on.isoformat())
    body = page_text(response)
    assert (case_link(late_case) in body, 'id="pipeline-no-overdue"' in body) == (False, True)


def test_overdue_list_keeps_to_the_area_shown(province_officer, late_case, home_commune):
    neighbour = CommuneFactory(province=home_commune.province)
    response = get(province_officer, area=neighbour.code)
    assert case_link(late_case) not in page_text(response)


def test_overdue_list_matches_the_overdue_count(province_officer, late_case, home_commune):
    case_with(CommuneFactory(province=home_commune.province), *voted())
    response = get(province_officer, area=home_commune.province.code)
    listed = len(response.context["overdue_cases"])
    assert (listed, row_cells(response, f"overdue-{Stage.DECISION}")[1]) == (2, "2")


# The communes below.


def test_province_lists_its_communes_linking_to_their_pipeline(province_officer, late_case):
    province = late_case.commune.province
    sibling = CommuneFactory(province=province)
    response = get(province_officer, area=province.code)
    links = re.findall(
        r'<tr id="child-(\d+)">\s*<th scope="row"><a href="([^"]+)"', page_text(response)
    )
    assert {code: f"area={code}" in href for code, href in links} == {
        late_case.commune.code: True,
        sibling.code: True,
    }


def test_child_row_sums_its_open_and_overdue_cases(province_officer, late_case):
    response = get(province_officer, area=late_case.commune.province.code)
    assert row_cells(response, f"child-{late_case.commune.code}")[1:] == ["1", "1", "0"]


def test_commune_has_no_table_of_children(commune_cadre, late_case):
    response = get(commune_cadre, area=late_case.commune.code)
    assert 'id="pipeline-children"' not in page_text(response)


# Form errors.


def errors_of(response) -> dict[str, list[str]]:
    form = response.context["form"]
    return {
        name: [e["code"] for e in errors] for name, errors in form.errors.get_json_data().items()
    }


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"date": "30/02/2026"}, "date", "invalid"),
        ({"period_end": "soon"}, "period_end", "invalid"),
        ({"period_start": "01/12/2026"}, "period_start", "period_reversed"),
    ],
    ids=["bad date", "bad period end", "reversed period"],
)
def test_bad_query_is_shown_beside_its_field(province_officer, home_commune, params, field, code):
    response = get(province_officer, area=home_commune.code, **params)
    assert (response.status_code, errors_of(response)) == (200, {field: [code]})


def test_force_unit_is_refused_beside_the_area(province_officer, home_commune):
    unit = ForceUnitFactory(commune=home_commune)
    response = get(province_officer, area=f"U{unit.pk}")
    assert errors_of(response) == {"area": ["force_unit"]}


def test_dates_read_as_dd_mm_yyyy(province_officer, home_commune):
    response = get(province_officer, area=home_commune.code, date="30/06/2026")
    assert response.context["window"].on == datetime.date(2026, 6, 30)


# The export.


def test_xlsx_export_holds_the_numbers_of_the_stage_table(commune_cadre, late_case, three_sourced):
    response = get(commune_cadre, area=late_case.commune.code, format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    counts = {code: cases for code, _name, cases in sheet.iter_rows(min_row=2, values_only=True)}
    assert counts == {
        **dict.fromkeys(STAGE_ORDER, 0),
        Stage.SOURCED: 1,
        Stage.AWARENESS_COURSE: 2,
        Stage.COMMITTEE_RESOLUTION: 1,
    }


def test_export_hides_what_the_page_hides(aggregate_client, late_case):
    response = get(aggregate_client, area=late_case.commune.province.code, format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    counts = {code: cases for code, _name, cases in sheet.iter_rows(min_row=2, values_only=True)}
    assert counts[Stage.COMMITTEE_RESOLUTION] is None


# Queries.


@pytest.mark.parametrize("communes", [2, 5])
def test_queries_do_not_grow_with_the_communes(db, communes, django_assert_max_num_queries):
    province = ProvinceFactory()
    for _ in range(communes):
        case_with(CommuneFactory(province=province), *voted())
    from accounts.models import Role, User

    officer = User.objects.create_user(
        username="officer", role=Role.PROVINCIAL_STAFF, province=province
    )
    client = client_for(officer)
    # Session, user, two-step sign-in device, permissions, scope, area; the pipeline; the
    # overdue list with its steps.
    with django_assert_max_num_queries(20):
        client.get(URL, {"area": province.code, "date": LATE.isoformat()})
