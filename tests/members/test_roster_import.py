"""Roster import: what a valid file writes, dry runs, idempotence, round trips and areas."""

import io

import pytest

from members.models import PartyRecord, Person, ServiceRecord
from members.roster.exporter import commune_choices, logged_rows, write_csv, write_xlsx
from tests.members import roster_support
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.members.roster_support import csv_bytes, messages, national_id, row, run
from tests.units.factories import ForceUnitFactory
from units.models import Village

pytestmark = pytest.mark.django_db

# Shared fixtures, bound here so that pytest finds them in this module.
cadre = roster_support.cadre
commune = roster_support.commune
faraway = roster_support.faraway
neighbour = roster_support.neighbour
province = roster_support.province
provincial_staff = roster_support.provincial_staff


def test_valid_csv_creates_person_service_and_village(commune, cadre):
    report = run(csv_bytes([row("06001")]), actor=cadre)
    assert report.ok, messages(report)
    record = ServiceRecord.objects.get()
    assert (record.person.national_id, record.commune, record.village.name) == (
        national_id(1),
        commune,
        "Thôn Đông",
    )


def test_history_rows_name_the_importing_user(commune, cadre):
    run(csv_bytes([row("06001")]), actor=cadre)
    assert Person.history.get().history_user == cadre
    assert ServiceRecord.history.get().history_user == cadre


def test_person_with_two_service_rows_is_created_once(commune, cadre):
    rows = [
        row("06001", service_end="2025-12-31"),
        row("06001", force="reserve", category="officer", service_start="2026-01-01"),
    ]
    report = run(csv_bytes(rows), actor=cadre)
    assert report.ok, messages(report)
    assert (Person.objects.count(), ServiceRecord.objects.count()) == (1, 2)


def test_party_columns_create_the_party_record(commune, cadre):
    values = {"party_admitted_on": "01/09/2025", "party_full_on": "2026-09-01"}
    run(csv_bytes([row("06001", **values)]), actor=cadre)
    party = PartyRecord.objects.get()
    assert (party.admitted_on.isoformat(), party.full_member_on.isoformat()) == (
        "2025-09-01",
        "2026-09-01",
    )


def test_named_unit_of_the_commune_is_linked(commune, cadre):
    unit = ForceUnitFactory(commune=commune, name="Trung đội cơ động")
    run(csv_bytes([row("06001", unit="Trung đội cơ động")]), actor=cadre)
    assert ServiceRecord.objects.get().unit == unit


def test_unknown_unit_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", unit="Trung đội ma")]), actor=cadre)
    assert [(r, col) for r, col, _m in messages(report)] == [(2, "unit")]


def test_dry_run_writes_nothing_but_counts(commune, cadre):
    report = run(csv_bytes([row("06001"), row("06001", 2)]), actor=cadre, dry_run=True)
    assert (report.ok, report.created) == (True, 2)
    assert (Person.objects.count(), Village.objects.count(), Person.history.count()) == (0, 0, 0)


def test_second_import_of_same_file_changes_nothing(commune, cadre):
    content = csv_bytes([row("06001", party_admitted_on="2025-09-01"), row("06001", 2)])
    run(content, actor=cadre)
    history_before = Person.history.count() + ServiceRecord.history.count()
    report = run(content, actor=cadre)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Person.history.count() + ServiceRecord.history.count() == history_before


def test_changed_end_date_updates_the_stored_record(commune, cadre):
    run(csv_bytes([row("06001")]), actor=cadre)
    report = run(csv_bytes([row("06001", service_end="2026-06-30")]), actor=cadre)
    assert report.updated == 1
    assert ServiceRecord.objects.get().end.isoformat() == "2026-06-30"


def test_one_invalid_row_writes_nothing(commune, cadre):
    content = csv_bytes([row("06001"), row("06001", 2, birth_date="1995-13-01")])
    report = run(content, actor=cadre)
    assert not report.ok
    assert (Person.objects.count(), Village.objects.count()) == (0, 0)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_reimports_without_change(commune, cadre, file_format, language):
    unit = ForceUnitFactory(commune=commune, name="Trung đội 1")
    rows = [
        row("06001", unit=unit.name, service_end="2025-12-31", party_admitted_on="2025-09-01"),
        row("06001", service_start="2026-01-01", party_admitted_on="2025-09-01"),
        row("06001", 2, village="", sex="Nữ", national_id=national_id(2, female=True)),
    ]
    assert run(csv_bytes(rows), actor=cadre).ok
    if file_format == "csv":
        text = io.StringIO()
        write_csv(text, logged_rows(actor=cadre), language=language)
        exported = text.getvalue().encode("utf-8")
    else:
        out = io.BytesIO()
        communes = commune_choices(actor=cadre)
        write_xlsx(out, logged_rows(actor=cadre), language=language, communes=communes)
        exported = out.getvalue()
    report = run(exported, actor=cadre)
    assert (report.rows, report.unchanged, report.ok) == (3, 3, True), messages(report)


def test_export_holds_only_the_actors_area(commune, faraway, cadre):
    ServiceRecordFactory(commune=commune, person__residence_commune=commune)
    ServiceRecordFactory(commune=faraway, person__residence_commune=faraway)
    rows = list(logged_rows(actor=cadre))
    assert [values[5].code for values in rows] == ["06001"]


def test_multi_commune_file_within_the_area_is_imported(commune, neighbour, provincial_staff):
    report = run(csv_bytes([row("06001"), row("06002", 2)]), actor=provincial_staff)
    assert report.ok, messages(report)
    assert set(ServiceRecord.objects.values_list("commune__code", flat=True)) == {
        "06001",
        "06002",
    }


def test_commune_outside_the_area_is_refused(commune, neighbour, cadre):
    report = run(csv_bytes([row("06001"), row("06002", 2)]), actor=cadre)
    assert [(r, col) for r, col, _m in messages(report)] == [(3, "commune_code")]
    assert ServiceRecord.objects.count() == 0


def test_stored_person_of_another_area_is_refused(commune, faraway, cadre):
    PersonFactory(national_id=national_id(1), residence_commune=faraway)
    report = run(csv_bytes([row("06001")]), actor=cadre)
    assert [(r, col) for r, col, _m in messages(report)] == [(2, "national_id")]


def test_import_without_user_has_no_area_bound(commune, faraway):
    report = run(csv_bytes([row("06001"), row("09001", 2)]))
    assert report.ok, messages(report)


def test_a_militia_row_too_old_for_the_duty_is_refused_naming_the_law(commune, cadre):
    old = row(
        "06001",
        national_id=national_id(1, year=1970, female=True),
        birth_date="1970-05-17",
        sex="female",
    )
    report = run(csv_bytes([old]), actor=cadre)
    ((_number, column, message),) = messages(report)
    assert (column, "48/2019/QH14" in message, ServiceRecord.objects.count()) == (
        "service_start",
        True,
        0,
    )


def test_a_militia_term_longer_than_four_years_is_refused_on_its_end(commune, cadre):
    # Four years from 1 August 2020 end on 31 July 2024.
    long = row("06001", service_start="2020-08-01", service_end="2024-08-01")
    report = run(csv_bytes([long]), actor=cadre)
    assert [column for _number, column, _message in messages(report)] == ["service_end"]
