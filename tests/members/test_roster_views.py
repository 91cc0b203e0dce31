"""Roster pages through the test client, and the import_roster command's exit status."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from members.models import ServiceRecord
from members.roster.columns import HEADERS
from tests.members import roster_support
from tests.members.roster_support import VI_HEADERS, csv_bytes, row, vi_csv, vi_row

pytestmark = pytest.mark.django_db

# Shared fixtures, bound here so that pytest finds them in this module.
cadre = roster_support.cadre
commune = roster_support.commune
province = roster_support.province
IMPORT = "members:roster_import"


@pytest.fixture
def cadre_client(cadre) -> Client:
    client = Client()
    client.force_login(cadre)
    return client


def upload(client: Client, content: bytes, name: str = "roster.csv"):
    return client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, content)})


def test_preview_shows_counts_and_writes_nothing(commune, cadre_client):
    response = upload(cadre_client, csv_bytes([row("06001"), row("06001", 2)]))
    assert b'data-count="created">2<' in response.content
    assert ServiceRecord.objects.count() == 0


def test_preview_lists_each_error_with_its_column(commune, cadre_client):
    response = upload(cadre_client, csv_bytes([row("06001", force="navy")]))
    assert b"<td>force</td>" in response.content
    assert b'name="token"' not in response.content


def test_confirm_writes_the_previewed_file(commune, cadre_client):
    response = upload(cadre_client, csv_bytes([row("06001"), row("06001", 2)]))
    token = response.context["token"]
    cadre_client.post(reverse(IMPORT), {"token": token})
    assert ServiceRecord.objects.count() == 2


def test_another_user_cannot_confirm_the_upload(commune, cadre_client, national_admin):
    token = upload(cadre_client, csv_bytes([row("06001")])).context["token"]
    other = Client()
    other.force_login(national_admin)
    other.post(reverse(IMPORT), {"token": token})
    assert ServiceRecord.objects.count() == 0


def test_oversized_upload_is_refused_by_the_form(commune, cadre_client, settings):
    settings.ROSTER_IMPORT_MAX_BYTES = 10
    response = upload(cadre_client, csv_bytes([row("06001")]))
    assert response.context["form"].errors["file"]


def test_user_without_permission_gets_403(db):
    from accounts.models import User

    client = Client()
    client.force_login(User.objects.create_user(username="nobody", password="pw"))
    assert client.get(reverse(IMPORT)).status_code == 403


def test_template_has_the_exact_headers(cadre_client, tmp_path):
    response = cadre_client.get(reverse("members:roster_template"))
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    sheet = load_workbook(path, read_only=True).worksheets[0]
    assert tuple(next(sheet.iter_rows(values_only=True))) == tuple(VI_HEADERS.values())


def test_csv_template_has_the_exact_headers(cadre_client):
    response = cadre_client.get(reverse("members:roster_template") + "?format=csv")
    assert response.content.decode("utf-8-sig").strip() == ",".join(VI_HEADERS.values())


def test_english_template_keeps_the_first_headers(cadre_client):
    response = cadre_client.get(reverse("members:roster_template"), {"format": "csv", "lang": "en"})
    assert response.content.decode("utf-8-sig").strip() == ",".join(HEADERS)


def test_preview_of_a_vietnamese_file_names_the_vietnamese_column(commune, cadre_client):
    response = upload(cadre_client, vi_csv([vi_row("Xã Chi Lăng", force="Hải quân")]))
    assert "<td>Lực lượng</td>" in response.content.decode()


def test_command_exits_with_status_1_on_an_invalid_row(commune, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([row("06001", force="navy")]))
    # run_from_argv exits with CommandError.returncode (it also closes the test's connection,
    # so the command is called directly).
    with pytest.raises(CommandError) as error:
        call_command("import_roster", str(path))
    assert error.value.returncode == 1


def test_command_imports_a_valid_file(commune, cadre, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_bytes([row("06001")]))
    call_command("import_roster", str(path), "--user", "cadre")
    assert ServiceRecord.objects.count() == 1


def test_command_dry_run_writes_nothing(commune, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_bytes([row("06001")]))
    call_command("import_roster", str(path), "--dry-run")
    assert ServiceRecord.objects.count() == 0
