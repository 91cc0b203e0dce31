"""The reports API: the documents the report commands print, scoped, small cells hidden, ETags."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.models import Stage
from targets.indicators import Indicator
from targets.models import Bound
from tests.api.conftest import token_client
from tests.members.factories import AdmissionCaseFactory, AdmissionStepFactory
from tests.reports.conftest import admit, serve
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory, ForceUnitFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
SUMMARY, TREND, PIPELINE = (reverse(f"api:{name}") for name in ("summary", "trend", "pipeline"))
MILITIA = Indicator.PARTY_SHARE_MILITIA
DATE = "2026-06-30"
# Measured: the token and its user, the area, its communes, the indicators' grouped queries and
# the targets in force. None of them is per commune.
QUERY_BOUND = 19


def command_json(command: str, *args: str) -> dict:
    out = io.StringIO()
    call_command(command, *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def province(db):
    """Province 20 with three communes: members in two, a case sourced in one, and a target."""
    province = ProvinceFactory(code="20")
    communes = [CommuneFactory(province=province, code=f"0600{i}") for i in range(1, 4)]
    admit(serve(communes[0]).person)
    serve(communes[0], start=datetime.date(2026, 2, 1))
    serve(communes[1], end=datetime.date(2026, 3, 31))
    case = AdmissionCaseFactory(person__residence_commune=communes[1])
    AdmissionStepFactory(case=case, stage=Stage.SOURCED, done_on=datetime.date(2026, 3, 2))
    TargetFactory(directive=DirectiveFactory(province=province), indicator=MILITIA)
    return province


@pytest.fixture
def admin_api(national_admin):
    return token_client(national_admin)


# The documents are the commands' documents.

PERIOD_ARGS = ("--period-start", "2026-03-01", "--period-end", "2026-05-31")
AREA_CASES = {
    "area alone": ({"area": "20", "date": DATE}, ("--area", "20", "--date", DATE)),
    "with children": (
        {"area": "20", "date": DATE, "children": "true"},
        ("--area", "20", "--date", DATE, "--children"),
    ),
    "with a period": (
        {"area": "20", "date": DATE, "period_start": "2026-03-01", "period_end": "2026-05-31"},
        ("--area", "20", "--date", DATE, *PERIOD_ARGS),
    ),
}


@pytest.mark.parametrize(("params", "args"), AREA_CASES.values(), ids=AREA_CASES.keys())
def test_summary_is_the_indicator_report_commands_json(province, admin_api, params, args):
    assert admin_api.get(SUMMARY, params).json() == command_json("indicator_report", *args)


@pytest.mark.parametrize(("params", "args"), AREA_CASES.values(), ids=AREA_CASES.keys())
def test_pipeline_is_the_pipeline_report_commands_json(province, admin_api, params, args):
    assert admin_api.get(PIPELINE, params).json() == command_json("pipeline_report", *args)


def test_trend_is_the_indicator_trend_commands_json(province, admin_api):
    params = {"area": "20", "indicator": MILITIA, "from": "2025-01-01", "to": DATE}
    args = ("--area", "20", "--indicator", MILITIA, "--from", "2025-01-01", "--to", DATE)
    assert admin_api.get(TREND, params).json() == command_json("indicator_trend", *args)


def test_summary_date_defaults_to_today(province, admin_api):
    document = admin_api.get(SUMMARY, {"area": "20"}).json()
    today = timezone.localdate()
    assert (document["date"], document["period"]["start"]) == (
        today.isoformat(),
        today.replace(month=1, day=1).isoformat(),
    )


# The trend's target band.


def test_trend_points_carry_the_target_band_once_its_directive_is_in_force(province, admin_api):
    directive = DirectiveFactory(
        province=province,
        issued_on=datetime.date(2025, 12, 20),
        effective_from=datetime.date(2026, 1, 1),
    )
    TargetFactory(
        directive=directive,
        indicator=Indicator.PARTY_SHARE_DQTV,
        bound=Bound.RANGE,
        lower=Decimal(70),
        upper=Decimal(75),
    )
    params = {"area": "20", "indicator": Indicator.PARTY_SHARE_DQTV, "from": "2025-11-01"}
    points = admin_api.get(TREND, {**params, "to": "2026-01-31", "step": "month"}).json()["points"]
    band = {"directive": directive.number, "bound": "range", "lower": 70.0, "upper": 75.0}
    assert [point["target"] for point in points] == [None, None, band]


# Scope: another province answers as a missing code does.


@pytest.mark.parametrize("role", ["province_officer", "aggregate_client"])
@pytest.mark.parametrize("url", [SUMMARY, PIPELINE])
def test_another_provinces_area_answers_like_a_missing_code(request, other_commune, role, url):
    api = token_client(request.getfixturevalue(role))
    foreign = api.get(url, {"area": other_commune.province.code, "date": DATE})
    missing = api.get(url, {"area": "99999", "date": DATE})
    assert (foreign.status_code, foreign.json()) == (404, missing.json())


def test_another_provinces_trend_answers_like_a_missing_code(other_commune, province_officer):
    api = token_client(province_officer)
    params = {"indicator": MILITIA, "from": "2026-01-01", "to": DATE}
    foreign = api.get(TREND, {**params, "area": other_commune.province.code})
    missing = api.get(TREND, {**params, "area": "99999"})
    assert (foreign.status_code, foreign.json()) == (404, missing.json())


def test_commune_cadre_reads_the_summary_of_their_commune(home_commune, commune_cadre):
    response = token_client(commune_cadre).get(SUMMARY, {"area": home_commune.code, "date": DATE})
    assert response.json()["area"]["code"] == home_commune.code


def test_anonymous_caller_answers_401(anonymous_api):
    assert anonymous_api.get(SUMMARY, {"area": "VN"}).status_code == 401


# Small cells.


def test_aggregate_client_gets_small_cells_suppressed(home_commune, aggregate_client):
    for _ in range(3):
        admit(serve(home_commune).person)
    params = {"area": home_commune.province.code, "date": DATE}
    document = token_client(aggregate_client).get(SUMMARY, params).json()
    militia = next(entry for entry in document["indicators"] if entry["code"] == MILITIA)
    assert (militia["suppressed"], militia["denominator"], militia["numerator"]) == (True, 3, None)


def test_aggregate_client_sees_a_cell_of_five(home_commune, aggregate_client):
    for _ in range(5):
        serve(home_commune)
    params = {"area": home_commune.province.code, "date": DATE}
    document = token_client(aggregate_client).get(SUMMARY, params).json()
    militia = next(entry for entry in document["indicators"] if entry["code"] == MILITIA)
    assert (militia["suppressed"], militia["numerator"]) == (False, 0)


# Conditional GET.


def test_a_current_etag_answers_304_without_a_body(province, admin_api):
    params = {"area": "20", "date": DATE}
    etag = admin_api.get(SUMMARY, params)["ETag"]
    again = admin_api.get(SUMMARY, params, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", etag)


def test_a_changed_datum_changes_the_etag(province, admin_api):
    params = {"area": "20", "date": DATE}
    etag = admin_api.get(SUMMARY, params)["ETag"]
    serve(province.communes.first())
    again = admin_api.get(SUMMARY, params, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again["ETag"] != etag) == (200, True)


# Bad input answers 400 naming the parameter.

BAD_INPUT = {
    "bad date": (SUMMARY, {"area": "VN", "date": "2026-02-30"}, "date", "invalid"),
    "reversed period": (
        SUMMARY,
        {"area": "VN", "date": DATE, "period_start": "2026-07-01"},
        "period_start",
        "period_reversed",
    ),
    "children yes": (PIPELINE, {"area": "VN", "children": "yes"}, "children", "invalid"),
    "missing area": (PIPELINE, {"date": DATE}, "area", "required"),
    "unknown parameter": (SUMMARY, {"area": "VN", "chidren": "true"}, "chidren", "unknown"),
    "step week": (
        TREND,
        {"area": "VN", "indicator": MILITIA, "from": "2026-01-01", "to": DATE, "step": "week"},
        "step",
        "invalid_choice",
    ),
    "unknown indicator": (
        TREND,
        {"area": "VN", "indicator": "nope", "from": "2026-01-01", "to": DATE},
        "indicator",
        "invalid_choice",
    ),
    "reversed series": (
        TREND,
        {"area": "VN", "indicator": MILITIA, "from": "2026-07-01", "to": DATE},
        "from",
        "series_reversed",
    ),
    "series too long": (
        TREND,
        {"area": "VN", "indicator": MILITIA, "from": "0001-01-01", "to": "9999-12-31"},
        "from",
        "series_long",
    ),
    "nul byte": (SUMMARY, {"area": "V\x00N"}, "area", "null_characters_not_allowed"),
}


@pytest.mark.parametrize(("url", "params", "field", "code"), BAD_INPUT.values(), ids=BAD_INPUT)
def test_bad_input_answers_400_naming_the_parameter(admin_api, url, params, field, code):
    response = admin_api.get(url, params)
    assert (response.status_code, response.json()["errors"][0]) == (
        400,
        {"field": field, "code": code, "message": response.json()["errors"][0]["message"]},
    )


def test_trend_of_a_force_unit_answers_400_naming_the_area(admin_api):
    params = {"area": f"U{ForceUnitFactory().pk}", "indicator": MILITIA, "to": DATE}
    response = admin_api.get(TREND, {**params, "from": "2026-01-01"})
    assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [("area", "force_unit")]


@pytest.mark.parametrize("code", ["U²", "U" + "9" * 30, "x" * 32, "0000000"])
def test_absurd_area_codes_answer_404(admin_api, code):
    assert admin_api.get(SUMMARY, {"area": code, "date": DATE}).status_code == 404


# Queries.


@pytest.mark.parametrize("communes", [2, 5])
def test_province_summary_queries_do_not_grow_with_the_communes(
    db, national_admin, communes, django_assert_max_num_queries
):
    province = ProvinceFactory(code="20")
    for i in range(communes):
        serve(CommuneFactory(province=province, code=f"0600{i}"))
    api = token_client(national_admin)
    with django_assert_max_num_queries(QUERY_BOUND):
        api.get(SUMMARY, {"area": "20", "date": DATE, "children": "true"})
