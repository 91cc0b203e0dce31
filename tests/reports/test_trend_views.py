"""The trend page: one indicator of an area over time, an SVG chart and the table of points."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from targets.indicators import Indicator
from targets.models import Bound
from tests.conftest import client_for, page_text
from tests.targets.factories import TargetFactory
from tests.units.factories import CommuneFactory, CommuneLineageFactory, ProvinceFactory

from .conftest import admit, serve

URL = reverse("reports:trend")
MILITIA = Indicator.PARTY_SHARE_MILITIA.value
SERIES = {"indicator": MILITIA, "from": "2024-01-01", "to": "2026-06-30", "step": "year"}
LEGACY_END = datetime.date(2025, 6, 30)


def militia_of(commune, size: int, members: int = 0) -> None:
    """Give `commune` `size` militia members, the first `members` of them party members."""
    for i in range(size):
        record = serve(commune)
        if i < members:
            admit(record.person)


def get(user, **params):
    return client_for(user).get(URL, {**SERIES, **params})


@pytest.fixture
def province_series(home_commune):
    """Eight militia members, one a party member (12,5 %), under an 'at least 15 %' target."""
    militia_of(home_commune, 8, members=1)
    TargetFactory(
        directive__province=home_commune.province,
        directive__number="14-CT/TU",
        lower=Decimal("15"),
    )
    return {"area": home_commune.province.code}


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
def test_every_role_reads_the_trend_of_its_own_area(request, actor, area, home_commune):
    code = home_commune.province.code if area == "province" else home_commune.code
    response = get(request.getfixturevalue(actor), area=code)
    assert (response.status_code, 'id="trend-chart"' in page_text(response)) == (200, True)


def test_anonymous_visitor_is_sent_to_sign_in(db, client):
    response = client.get(URL, SERIES)
    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


def test_area_of_another_province_answers_exactly_like_a_missing_code(
    province_officer, other_commune
):
    other = get(province_officer, area=other_commune.code)
    missing = get(province_officer, area="99999")
    assert (other.status_code, page_text(other)) == (missing.status_code, page_text(missing))
    assert other.status_code == 404


def test_commune_cadre_cannot_read_their_province(commune_cadre, home_commune):
    assert get(commune_cadre, area=home_commune.province.code).status_code == 404


def test_first_visit_offers_the_form_without_errors(commune_cadre, home_commune):
    response = client_for(commune_cadre).get(URL)
    form = response.context["form"]
    assert (response.status_code, form.is_bound, form.initial["area"]) == (
        200,
        False,
        home_commune.code,
    )


def test_area_defaults_to_the_readers_own(commune_cadre, home_commune):
    response = client_for(commune_cadre).get(URL, {"indicator": MILITIA})
    assert response.context["series"]["area"]["code"] == home_commune.code


def test_dates_default_to_the_ten_years_up_to_today(commune_cadre):
    response = client_for(commune_cadre).get(URL, {"indicator": MILITIA})
    assert len(response.context["rows"]) == 11


# The chart.


def chart_of(response) -> str:
    return re.search(r"<svg[^>]*id=\"trend-chart\".*?</svg>", page_text(response), re.S).group(0)


def test_chart_is_an_accessible_image_with_title_and_description(admin_client, province_series):
    svg = chart_of(admin_client.get(URL, {**SERIES, **province_series}))
    assert (
        'role="img"' in svg,
        'aria-labelledby="trend-chart-title trend-chart-desc"' in svg,
        '<title id="trend-chart-title">' in svg,
        '<desc id="trend-chart-desc">' in svg,
    ) == (True, True, True, True)


def test_chart_draws_one_marker_per_point_and_a_line(admin_client, province_series):
    svg = chart_of(admin_client.get(URL, {**SERIES, **province_series}))
    assert (svg.count('class="trend-point"'), svg.count("<polyline")) == (3, 1)


def test_chart_shades_the_target_band(admin_client, province_series):
    svg = chart_of(admin_client.get(URL, {**SERIES, **province_series}))
    assert svg.count('class="target-band"') == 1


def test_no_target_no_band(admin_client, home_commune):
    militia_of(home_commune, 8, members=1)
    svg = chart_of(admin_client.get(URL, {**SERIES, "area": home_commune.code}))
    assert "target-band" not in svg


def test_coordinates_are_written_with_a_point_not_a_comma(admin_client, province_series):
    svg = chart_of(admin_client.get(URL, {**SERIES, **province_series}))
    coordinates = re.findall(r' (?:x|y|cx|cy|width|height)="([^"]*)"', svg)
    assert [c for c in coordinates if "," in c] == []


@pytest.fixture
def split_commune(db):
    """A commune made in 2025 from part of a legacy commune: its 2024 point is approximate."""
    new = CommuneFactory()
    link = CommuneLineageFactory(successor=new, partial=True)
    serve(link.predecessor, end=LEGACY_END)
    serve(new)
    return new


def test_approximate_points_are_hollow_on_a_dashed_line_with_a_legend(admin_client, split_commune):
    response = admin_client.get(URL, {**SERIES, "area": split_commune.code})
    svg = chart_of(response)
    assert (
        svg.count("trend-point trend-point-approximate"),
        "trend-line trend-line-approximate" in svg,
        'id="trend-legend-approximate"' in page_text(response),
    ) == (1, True, True)


def test_exact_series_has_no_approximate_legend(admin_client, province_series):
    response = admin_client.get(URL, {**SERIES, **province_series})
    assert "trend-legend-approximate" not in page_text(response)


def test_small_cells_are_skipped_with_a_note_for_the_aggregate_client(
    aggregate_client, home_commune
):
    militia_of(home_commune, 3, members=1)
    response = get(aggregate_client, area=home_commune.province.code)
    svg = chart_of(response)
    assert (
        svg.count('class="trend-point'),
        'id="trend-suppressed-note"' in page_text(response),
    ) == (0, True)


# The table of points.


def table_rows(response) -> list[list[str]]:
    body = re.search(
        r"<tbody>(.*?)</tbody>", page_text(response).split('id="trend-table"')[1], re.S
    )
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    ]


def test_table_writes_values_the_vietnamese_way(admin_client, province_series):
    rows = table_rows(admin_client.get(URL, {**SERIES, **province_series}))
    assert rows[-1] == ["30/06/2026", "1", "8", "12,5 %", "≥ 15 % (14-CT/TU)", "Không"]


def test_table_marks_approximate_points(admin_client, split_commune):
    rows = table_rows(admin_client.get(URL, {**SERIES, "area": split_commune.code}))
    assert [row[-1] for row in rows] == ["Có", "Không", "Không"]


def test_hidden_values_show_a_dash(aggregate_client, home_commune):
    militia_of(home_commune, 3, members=1)
    rows = table_rows(get(aggregate_client, area=home_commune.province.code))
    assert rows[-1][1:4] == ["—", "3", "—"]


# Form errors.


def errors_of(response) -> dict[str, list[str]]:
    form = response.context["form"]
    return {
        name: [e["code"] for e in errors] for name, errors in form.errors.get_json_data().items()
    }


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"from": "31/02/2026"}, "first", "invalid"),
        ({"to": "tomorrow"}, "to", "invalid"),
        ({"from": "2026-07-01"}, "first", "series_reversed"),
        ({"step": "week"}, "step", "invalid_choice"),
        ({"from": "2000-01-01", "step": "month"}, "first", "series_long"),
        ({"indicator": ""}, "indicator", "required"),
        ({"indicator": "nope"}, "indicator", "invalid_choice"),
    ],
    ids=["bad from", "bad to", "reversed", "step", "too long", "no indicator", "unknown indicator"],
)
def test_bad_query_is_shown_beside_its_field(province_officer, home_commune, params, field, code):
    response = get(province_officer, area=home_commune.code, **params)
    assert (response.status_code, errors_of(response)) == (200, {field: [code]})


def test_error_is_rendered_next_to_the_from_field(province_officer, home_commune):
    response = get(province_officer, area=home_commune.code, **{"from": "2026-07-01"})
    assert 'id="id_from_error"' in page_text(response)


def test_dates_read_as_dd_mm_yyyy(province_officer, home_commune):
    response = get(
        province_officer, area=home_commune.code, **{"from": "01/01/2025", "to": "30/06/2026"}
    )
    assert [row["date"] for row in response.context["rows"]] == [
        datetime.date(2025, 12, 31),
        datetime.date(2026, 6, 30),
    ]


def test_force_unit_is_refused_beside_the_area(province_officer, home_commune):
    from tests.units.factories import ForceUnitFactory

    unit = ForceUnitFactory(commune=home_commune)
    response = get(province_officer, area=f"U{unit.pk}")
    assert errors_of(response) == {"area": ["force_unit"]}


# The export.


def test_xlsx_export_holds_the_numbers_of_the_table(admin_client, province_series):
    response = admin_client.get(URL, {**SERIES, **province_series, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    # The workbook stores a percentage as a fraction with a percent format: 12,5 % is 0.125.
    assert [row[:4] for row in rows] == [
        [datetime.datetime(year, 12, 31), 1, 8, 0.125] for year in (2024, 2025)
    ] + [[datetime.datetime(2026, 6, 30), 1, 8, 0.125]]


def test_csv_export_is_an_attachment(admin_client, province_series):
    response = admin_client.get(URL, {**SERIES, **province_series, "format": "csv"})
    assert response["Content-Disposition"].endswith('.csv"')


# Queries.


@pytest.mark.parametrize("communes", [2, 5])
def test_queries_do_not_grow_with_the_communes(
    db, national_admin, communes, django_assert_max_num_queries
):
    province = ProvinceFactory()
    for _ in range(communes):
        militia_of(CommuneFactory(province=province), 2, members=1)
    TargetFactory(directive__province=province, bound=Bound.AT_LEAST)
    client = client_for(national_admin)
    # The session, user and two-step sign-in device, the area, its lineage, then per point its
    # counts and its target.
    with django_assert_max_num_queries(13):
        client.get(URL, {**SERIES, "area": province.code})
