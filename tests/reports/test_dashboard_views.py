"""The dashboard page /reports/: each role's area and children, targets, sorting, links, export.

The page is read through URLs with the test client; the figures come from small hand-built
datasets (militia members in a commune, some of them party members) on 30/06/2026.
"""

import csv
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports.targets import STATUS_LABELS
from reports.wording import number
from targets.models import Bound
from tests.conftest import client_for, page_text
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory, DistrictFactory, ForceUnitFactory

from .conftest import admit, serve

pytestmark = pytest.mark.django_db

URL = reverse("reports:dashboard")
DAY = "30/06/2026"
MILITIA = "party_share_militia"
RESERVE = "party_share_reserve"


class IdTexts(HTMLParser):
    """Collect the text inside every element that has an id (nested ids included)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "input", "meta", "link", "img"):
            return
        element_id = dict(attrs).get("id")
        self.open.append((tag, element_id))
        if element_id:
            self.texts[element_id] = ""

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _tag, element_id in self.open:
            if element_id:
                self.texts[element_id] += data


def texts(response) -> dict[str, str]:
    """Return the whitespace-normalised text of each element with an id."""
    parser = IdTexts()
    parser.feed(response.content.decode())
    return {key: " ".join(value.split()) for key, value in parser.texts.items()}


def rows_in_order(response) -> list[str]:
    """Return the codes of the children table's rows, top to bottom."""
    return re.findall(r'<tr id="child-([^"]+)"', response.content.decode())


def hrefs(response) -> list[str]:
    return [
        link.replace("&amp;", "&") for link in re.findall(r'href="([^"]*)"', page_text(response))
    ]


def militia_of(commune, size: int, members: int, **service) -> None:
    """Put `size` people in the commune's militia, `members` of them party members."""
    for i in range(size):
        record = serve(commune, **service)
        if i < members:
            admit(record.person)


def get(user, **query):
    return client_for(user).get(URL, {"date": DAY, **query})


# Each role: its own area by default, and the right children.


def test_national_admin_reads_the_nation_with_provinces_as_children(
    national_admin, home_commune, other_commune
):
    response = get(national_admin)

    provinces = {home_commune.province.code, other_commune.province.code}
    assert (response.status_code, set(rows_in_order(response))) == (200, provinces)


def test_provincial_staff_read_their_province_with_its_communes(
    province_officer, home_commune, other_commune
):
    neighbour = CommuneFactory(province=home_commune.province)

    response = get(province_officer)

    assert set(rows_in_order(response)) == {home_commune.code, neighbour.code}


def test_the_page_is_headed_with_the_readers_own_area(province_officer, home_commune):
    response = get(province_officer)

    assert home_commune.province.name in texts(response)["dashboard-breadcrumb"]


def test_commune_cadre_read_their_commune_with_its_force_units(commune_cadre, home_commune):
    unit = ForceUnitFactory(commune=home_commune)

    response = get(commune_cadre)

    assert rows_in_order(response) == [f"U{unit.pk}"]


def test_aggregate_client_sees_a_dash_for_a_small_group(aggregate_client, home_commune):
    militia_of(home_commune, 3, 1)

    page = texts(get(aggregate_client))

    assert (page[f"value-{MILITIA}"], page[f"fraction-{MILITIA}"]) == ("—", "— / 3")


def test_aggregate_client_is_told_why_a_figure_is_hidden(aggregate_client, home_commune):
    militia_of(home_commune, 3, 1)

    assert "5" in texts(get(aggregate_client))["dashboard-suppressed-note"]


def test_provincial_staff_see_the_same_small_group_in_full(province_officer, home_commune):
    militia_of(home_commune, 3, 1)

    page = texts(get(province_officer))

    assert (page[f"value-{MILITIA}"], "dashboard-suppressed-note" in page) == ("33,33 %", False)


# Access: another area answers exactly like a missing code.


def test_another_province_answers_404_exactly_like_a_missing_code(province_officer, other_commune):
    other = get(province_officer, area=other_commune.province.code)
    missing = get(province_officer, area="99")

    assert (other.status_code, page_text(other)) == (404, page_text(missing))


def test_commune_cadre_cannot_read_their_province(commune_cadre, home_commune):
    assert get(commune_cadre, area=home_commune.province.code).status_code == 404


# The form: dates in both notations, errors beside their field.


def test_a_bad_date_is_refused_beside_the_date_field(province_officer):
    response = get(province_officer, date="31/02/2026")

    assert (response.status_code, "id_date_error" in texts(response)) == (200, True)


def test_a_reversed_period_is_refused_beside_its_start(province_officer):
    response = get(province_officer, period_start="01/06/2026", period_end="01/01/2026")

    assert (response.status_code, "id_period_start_error" in texts(response)) == (200, True)


def test_an_iso_date_is_read_and_shown_as_dd_mm_yyyy(province_officer):
    response = get(province_officer, date="2026-06-30")

    assert 'name="date" value="30/06/2026"' in page_text(response)


# The area's indicators: Vietnamese numbers, target, status, gap.


def test_a_share_is_written_with_a_decimal_comma(province_officer, home_commune):
    militia_of(home_commune, 8, 1)

    assert texts(get(province_officer))[f"value-{MILITIA}"] == "12,5 %"


def test_numerator_and_denominator_are_shown(province_officer, home_commune):
    militia_of(home_commune, 8, 1)

    assert texts(get(province_officer))[f"fraction-{MILITIA}"] == "1 / 8"


def test_large_numbers_are_grouped_with_dots():
    assert (number(1189), number(10000), number(1.25)) == ("1.189", "10.000", "1,25")


@pytest.fixture
def militia_target(home_commune):
    directive = DirectiveFactory(number="14-CT/TU", province=home_commune.province)
    return TargetFactory(directive=directive, indicator=MILITIA, lower=Decimal("12.5"))


def test_the_target_in_force_and_its_directive_are_shown(
    province_officer, home_commune, militia_target
):
    page = texts(get(province_officer))

    assert (page[f"target-{MILITIA}"].split(" %")[0], page[f"directive-{MILITIA}"]) == (
        "≥ 12,5",
        "14-CT/TU",
    )


def test_a_share_under_its_target_is_marked_below_in_colour_and_word(
    province_officer, home_commune, militia_target
):
    militia_of(home_commune, 24, 2)

    body = page_text(get(province_officer))

    cell = re.search(rf'id="status-{MILITIA}">(.*?)</td>', body, re.S).group(1)
    assert ("status-below" in cell, str(STATUS_LABELS["below"]) in cell) == (True, True)


def test_the_gap_counts_the_party_members_still_needed(
    province_officer, home_commune, militia_target
):
    militia_of(home_commune, 24, 2)  # 12,5 % of 24 is 3: one more

    assert re.findall(r"\d+", texts(get(province_officer))[f"gap-{MILITIA}"]) == ["1"]


def test_a_range_shows_the_room_before_its_upper_bound(province_officer, home_commune):
    directive = DirectiveFactory(province=home_commune.province)
    TargetFactory(
        directive=directive,
        indicator=MILITIA,
        bound=Bound.RANGE,
        lower=Decimal("10"),
        upper=Decimal("20"),
    )
    militia_of(home_commune, 24, 3)  # 20 % of 24 is 4,8: one more before the upper bound

    page = texts(get(province_officer))

    assert (page[f"status-{MILITIA}"], re.findall(r"\d+", page[f"gap-{MILITIA}"])) == (
        str(STATUS_LABELS["in_range"]),
        ["1"],
    )


def test_each_indicator_links_to_its_ten_year_trend(province_officer, home_commune):
    code = home_commune.province.code
    trend = reverse("reports:trend")

    links = hrefs(get(province_officer))

    expected = f"{trend}?area={code}&indicator={MILITIA}&from=2016-06-30&to=2026-06-30&step=year"
    assert expected in links


# The children table: sorting, columns, drill-down, breadcrumb.


@pytest.fixture
def three_communes(home_commune):
    """Three communes of the province with militia shares of 10 %, 50 % and 30 %."""
    province = home_commune.province
    communes = {
        "a": home_commune,
        "b": CommuneFactory(province=province, name="Xã Đông"),
        "c": CommuneFactory(province=province, name="Xã Bắc"),
    }
    for key, members in (("a", 1), ("b", 5), ("c", 3)):
        militia_of(communes[key], 10, members)
    return communes


def test_children_sort_by_an_indicator_descending(province_officer, three_communes):
    response = get(province_officer, sort=MILITIA, dir="desc")

    assert rows_in_order(response) == [three_communes[key].code for key in "bca"]


def test_children_sort_by_an_indicator_ascending(province_officer, three_communes):
    response = get(province_officer, sort=MILITIA, dir="asc")

    assert rows_in_order(response) == [three_communes[key].code for key in "acb"]


def test_children_sort_by_name_with_d_bar_beside_d(province_officer, three_communes):
    three_communes["a"].name = "Xã Yên"
    three_communes["a"].save()

    response = get(province_officer, sort="name")

    assert rows_in_order(response) == [three_communes[key].code for key in "cba"]


def test_the_sorted_column_header_links_to_the_other_direction(province_officer, three_communes):
    response = get(province_officer, sort=MILITIA, dir="asc")

    header = re.search(
        rf'<th[^>]*id="sort-{MILITIA}"[^>]*>\s*<a href="([^"]+)"', page_text(response)
    )
    assert (header.group(1).replace("&amp;", "&").endswith(f"sort={MILITIA}&dir=desc")) is True


def test_the_table_shows_the_five_party_shares_by_default(province_officer, home_commune):
    page = texts(get(province_officer))

    shown = {key[len("sort-") :] for key in page if key.startswith("sort-")}
    assert shown == {
        "name",
        "party_share_dqtv",
        MILITIA,
        "party_share_self_defence",
        RESERVE,
        "party_share_reserve_officers",
    }


@pytest.mark.parametrize(
    "columns",
    [{"columns": f"{MILITIA},admissions_dqtv"}, {"columns": [MILITIA, "admissions_dqtv"]}],
)
def test_the_table_shows_the_chosen_columns(province_officer, home_commune, columns):
    page = texts(get(province_officer, **columns))

    shown = {key[len("sort-") :] for key in page if key.startswith("sort-")}
    assert shown == {"name", MILITIA, "admissions_dqtv"}


def test_a_child_row_drills_down_keeping_the_query(province_officer, home_commune):
    response = get(province_officer, period_start="01/03/2026", columns=MILITIA)

    expected = (
        f"?area={home_commune.code}&date=2026-06-30&period_start=2026-03-01&columns={MILITIA}"
    )
    assert expected in hrefs(response)


def test_the_drilled_down_page_reads_the_child(province_officer, home_commune):
    militia_of(home_commune, 8, 1)

    page = texts(get(province_officer, area=home_commune.code))

    assert page[f"value-{MILITIA}"] == "12,5 %"


def crumbs(response) -> list[tuple[str, bool]]:
    """Return the breadcrumb's steps above the area as (name, linked)."""
    nav = re.search(r'id="dashboard-breadcrumb">(.*?)</nav>', page_text(response), re.S).group(1)
    steps = re.findall(r"<li>(<a href=\"[^\"]*\">|<span>)([^<]*)", nav)
    return [(name, opening.startswith("<a")) for opening, name in steps]


def test_provincial_staff_breadcrumb_links_their_province_not_the_nation(
    province_officer, home_commune
):
    response = get(province_officer, area=home_commune.code)

    assert crumbs(response) == [("Việt Nam", False), (home_commune.province.name, True)]


def test_commune_cadre_breadcrumb_links_nothing_above_their_commune(commune_cadre, home_commune):
    response = get(commune_cadre)

    assert crumbs(response) == [("Việt Nam", False), (home_commune.province.name, False)]


def test_national_admin_breadcrumb_links_every_level_down_to_a_unit(national_admin):
    district = DistrictFactory()
    commune = CommuneFactory(province=district.province, district=district)
    unit = ForceUnitFactory(commune=commune)

    response = get(national_admin, area=f"U{unit.pk}", date="30/06/2024")

    names = ["Việt Nam", district.province.name, district.name, commune.name]
    assert crumbs(response) == [(name, True) for name in names]


def test_the_breadcrumb_link_keeps_the_date(commune_cadre, home_commune):
    unit = ForceUnitFactory(commune=home_commune)

    response = get(commune_cadre, area=f"U{unit.pk}")

    assert f"?area={home_commune.code}&date=2026-06-30" in hrefs(response)


# Export: the children table as a file, with the page's numbers.


def test_the_workbook_holds_the_area_row_then_the_children(province_officer, home_commune):
    militia_of(home_commune, 8, 1)

    response = get(province_officer, format="xlsx", columns=MILITIA)

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    province = home_commune.province
    assert [row[:5] for row in rows[1:]] == [
        (province.code, province.name, 1, 8, Decimal("0.125")),
        (home_commune.code, home_commune.name, 1, 8, Decimal("0.125")),
    ]


def test_the_csv_export_has_a_header_per_figure(province_officer, home_commune):
    response = get(province_officer, format="csv", columns=MILITIA)

    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(header) == 2 + 5


def test_the_export_of_another_province_answers_404(province_officer, other_commune):
    response = get(province_officer, area=other_commune.province.code, format="xlsx")

    assert response.status_code == 404


# Cost: the page's queries do not grow with the number of communes.


def count_queries(user) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"date": DAY}).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_communes(province_officer, home_commune):
    CommuneFactory(province=home_commune.province)
    two = count_queries(province_officer)
    for _ in range(3):
        militia_of(CommuneFactory(province=home_commune.province), 2, 1)
    five = count_queries(province_officer)

    assert (two, five <= 40) == (five, True)
