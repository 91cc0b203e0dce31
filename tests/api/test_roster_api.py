"""The roster import through the API: the page's rules, limits and area bound, answered as JSON.

Files are real CSV and XLSX bytes built as the roster tests build them; everything is written
or nothing is.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Person, ServiceRecord
from members.roster.columns import HEADERS
from tests.api.conftest import token_client
from tests.members import roster_support
from tests.members.roster_support import csv_bytes, row, xlsx_bytes
from units.models import Village

pytestmark = pytest.mark.django_db
URL = reverse("api:roster_import")

# The roster tests' areas and actors (commune 06001, its neighbour 06002, their province).
cadre = roster_support.cadre
commune = roster_support.commune
neighbour = roster_support.neighbour
province = roster_support.province
provincial_staff = roster_support.provincial_staff


def post(user, content: bytes, name: str = "roster.csv", **fields: str):
    upload = SimpleUploadedFile(name, content)
    return token_client(user).post(URL, {"file": upload, **fields}, format="multipart")


def nothing_written() -> bool:
    return not (
        Person.objects.exists() or ServiceRecord.objects.exists() or Village.objects.exists()
    )


def test_valid_csv_is_imported(commune, cadre):
    response = post(cadre, csv_bytes([row("06001"), row("06001", 2)]))
    assert (response.status_code, response.json()) == (
        200,
        {
            "rows": 2,
            "created": 2,
            "updated": 0,
            "unchanged": 0,
            "villages_created": 1,
            "dry_run": False,
        },
    )
    assert ServiceRecord.objects.filter(commune=commune).count() == 2


def test_valid_xlsx_is_imported(commune, cadre):
    response = post(cadre, xlsx_bytes([row("06001")]), name="roster.xlsx")
    assert (response.status_code, Person.objects.count()) == (200, 1)


@pytest.mark.parametrize("name", ["roster.csv", "roster.xlsx"])
def test_an_upload_kept_on_disk_is_imported_too(commune, cadre, settings, name):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django writes bigger uploads to a temporary file
    build = xlsx_bytes if name.endswith("xlsx") else csv_bytes
    response = post(cadre, build([row("06001")]), name=name)
    assert (response.status_code, Person.objects.count()) == (200, 1)


def test_dry_run_counts_and_writes_nothing(commune, cadre):
    response = post(cadre, csv_bytes([row("06001"), row("06001", 2)]), dry_run="true")
    assert (response.json()["created"], response.json()["dry_run"]) == (2, True)
    assert nothing_written()


def test_posting_the_same_file_again_changes_nothing(commune, cadre):
    content = csv_bytes([row("06001"), row("06001", 2)])
    post(cadre, content)
    body = post(cadre, content).json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 2)


def test_a_bad_row_answers_400_naming_row_and_column_and_writes_nothing(commune, cadre):
    content = csv_bytes([row("06001"), row("06001", 2, birth_date="1995-13-01")])
    response = post(cadre, content)
    body = response.json()
    assert (response.status_code, body["error_count"]) == (400, 1)
    assert (body["errors"][0]["row"], body["errors"][0]["column"]) == (3, "birth_date")
    assert nothing_written()


def test_a_row_of_another_commune_is_outside_the_cadres_area(commune, neighbour, cadre):
    response = post(cadre, csv_bytes([row("06001"), row("06002", 2)]))
    error = response.json()["errors"][0]
    assert (response.status_code, error["row"], error["column"]) == (400, 3, "commune_code")
    assert nothing_written()


def test_a_nul_character_in_a_cell_is_refused(commune, cadre):
    response = post(cadre, csv_bytes([row("06001", full_name="Nguyễn\x00Văn")]))
    error = response.json()["errors"][0]
    assert (response.status_code, error["row"], error["column"]) == (400, 2, "full_name")
    assert nothing_written()


def test_wrong_headers_are_a_file_error(commune, cadre):
    headers = ("national_id", "fullname", *HEADERS[2:])
    response = post(cadre, csv_bytes([row("06001")], headers=headers))
    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {("file", "header")}
    assert nothing_written()


def test_a_file_that_is_not_a_roster_is_a_file_error(commune, cadre):
    response = post(cadre, b"%PDF-1.7 not a roster", name="roster.pdf")
    error = response.json()["errors"][0]
    assert (response.status_code, error["field"], error["code"]) == (400, "file", "unreadable")


def test_a_file_over_the_limit_is_refused_before_reading(commune, cadre, settings):
    settings.ROSTER_IMPORT_MAX_BYTES = 100
    response = post(cadre, csv_bytes([row("06001"), row("06001", 2)]))
    error = response.json()["errors"][0]
    assert (response.status_code, error["field"], error["code"]) == (400, "file", "size")
    assert nothing_written()


def test_a_request_without_a_file_names_the_field(cadre):
    response = token_client(cadre).post(URL, {"dry_run": "true"}, format="multipart")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "file")


def test_an_empty_file_is_refused(cadre):
    response = post(cadre, b"")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "file")


def test_dry_run_takes_true_or_false_only(commune, cadre):
    response = post(cadre, csv_bytes([row("06001")]), dry_run="yes")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "dry_run")
    assert nothing_written()


def test_provincial_staff_may_not_import(commune, provincial_staff):
    assert post(provincial_staff, csv_bytes([row("06001")])).status_code == 403
    assert nothing_written()


def test_aggregate_client_may_not_import(commune, aggregate_client):
    assert post(aggregate_client, csv_bytes([row("06001")])).status_code == 403
    assert nothing_written()
