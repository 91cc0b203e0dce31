"""Importing the party members of villages from the party register's CSV file."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.units.factories import CommuneFactory, VillageFactory
from units.models import VillagePartyCount
from units.village_counts import CountFileError, import_counts

pytestmark = pytest.mark.django_db
HEAD = "Mã xã,Thôn/tổ dân phố,Ngày,Số đảng viên\n"


@pytest.fixture
def village():
    return VillageFactory(commune=CommuneFactory(code="06442"), name="Thôn Thằm Nà")


def stored() -> set[tuple[str, datetime.date, int, str]]:
    return {
        (c.village.name, c.counted_on, c.members, c.source)
        for c in VillagePartyCount.objects.select_related("village")
    }


def test_a_vietnamese_file_stores_each_count_as_imported(village):
    import_counts(HEAD + "06442,thôn thằm nà,31/12/2025,0\n")
    assert stored() == {("Thôn Thằm Nà", datetime.date(2025, 12, 31), 0, "imported")}


def test_english_headers_and_iso_dates_are_accepted(village):
    import_counts("commune_code,village,date,members\n06442,Thôn Thằm Nà,2025-12-31,4\n")
    assert stored() == {("Thôn Thằm Nà", datetime.date(2025, 12, 31), 4, "imported")}


def test_importing_the_same_file_again_changes_nothing(village):
    text = HEAD + "06442,Thôn Thằm Nà,31/12/2025,2\n"
    import_counts(text)
    outcome = import_counts(text)
    assert (outcome.created, outcome.unchanged, VillagePartyCount.objects.count()) == (0, 1, 1)


def test_a_new_figure_for_the_same_day_replaces_the_old_one(village):
    import_counts(HEAD + "06442,Thôn Thằm Nà,31/12/2025,2\n")
    import_counts(HEAD + "06442,Thôn Thằm Nà,31/12/2025,3\n")
    assert stored() == {("Thôn Thằm Nà", datetime.date(2025, 12, 31), 3, "imported")}


def test_one_bad_row_refuses_the_whole_file_naming_its_row(village):
    text = HEAD + "06442,Thôn Thằm Nà,31/12/2025,2\n06442,Thôn Không Có,31/12/2025,1\n"
    with pytest.raises(CountFileError) as refusal:
        import_counts(text)
    assert (refusal.value.errors[0].startswith("Hàng 3"), VillagePartyCount.objects.count()) == (
        True,
        0,
    )


@pytest.mark.parametrize(
    ("day", "members"), [("32/12/2025", "1"), ("31/12/2099", "1"), ("31/12/2025", "-1")]
)
def test_a_bad_date_or_count_is_refused(village, day, members):
    with pytest.raises(CountFileError):
        import_counts(HEAD + f"06442,Thôn Thằm Nà,{day},{members}\n")


def test_a_missing_column_is_named(village):
    with pytest.raises(CountFileError) as refusal:
        import_counts("Mã xã,Thôn/tổ dân phố,Ngày\n06442,Thôn Thằm Nà,31/12/2025\n")
    assert "Số đảng viên" in refusal.value.errors[0]


def test_the_command_imports_a_file_and_says_what_it_did(village, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text(HEAD + "06442,Thôn Thằm Nà,31/12/2025,0\n", encoding="utf-8")
    out = StringIO()
    call_command("import_village_party_counts", str(path), stdout=out)
    assert (VillagePartyCount.objects.count(), "1" in out.getvalue()) == (1, True)


def test_the_command_refuses_a_bad_file_without_writing(village, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text(HEAD + "06442,Thôn Thằm Nà,hôm qua,0\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_village_party_counts", str(path), stdout=StringIO())
    assert VillagePartyCount.objects.count() == 0
