"""Where roster uploads wait between preview and confirmation, and when they go away."""

import os
import re
import time
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from members.models import ServiceRecord
from tests.members import roster_support
from tests.members.roster_support import csv_bytes, row

pytestmark = pytest.mark.django_db

# Shared fixtures, bound here so that pytest finds them in this module.
cadre = roster_support.cadre
commune = roster_support.commune
province = roster_support.province
IMPORT = "members:roster_import"


@pytest.fixture
def upload_dir(settings, tmp_path):
    settings.ROSTER_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ROSTER_UPLOAD_DIR


@pytest.fixture
def cadre_client(cadre) -> Client:
    client = Client()
    client.force_login(cadre)
    return client


def kept_files(folder) -> list:
    return sorted(path for path in folder.glob("user-*/*") if path.is_file())


def preview(client: Client, content: bytes):
    return client.post(reverse(IMPORT), {"file": SimpleUploadedFile("roster.csv", content)})


def test_upload_waits_under_the_configured_folder(commune, cadre_client, cadre, upload_dir):
    token = preview(cadre_client, csv_bytes([row("06001")])).context["token"]

    assert kept_files(upload_dir) == [upload_dir / f"user-{cadre.pk}" / token]


def test_upload_folder_is_private_to_the_server_user(commune, cadre_client, upload_dir):
    preview(cadre_client, csv_bytes([row("06001")]))

    assert upload_dir.stat().st_mode & 0o777 == 0o700


def test_upload_is_removed_after_a_successful_confirm(commune, cadre_client, upload_dir):
    token = preview(cadre_client, csv_bytes([row("06001")])).context["token"]
    cadre_client.post(reverse(IMPORT), {"token": token})

    assert (ServiceRecord.objects.count(), kept_files(upload_dir)) == (1, [])


def test_upload_is_removed_after_a_refused_confirm(commune, cadre_client, upload_dir, settings):
    token = preview(cadre_client, csv_bytes([row("06001")])).context["token"]
    settings.ROSTER_IMPORT_MAX_BYTES = 10  # the limit drops between preview and confirmation
    response = cadre_client.post(reverse(IMPORT), {"token": token})

    assert (response.context["report"].ok, kept_files(upload_dir)) == (False, [])


def test_upload_is_removed_after_a_failed_preview(commune, cadre_client, upload_dir):
    response = preview(cadre_client, csv_bytes([row("06001", force="navy")]))

    assert (response.context["report"].ok, kept_files(upload_dir)) == (False, [])


def test_purge_removes_only_files_older_than_the_limit(upload_dir):
    folder = upload_dir / "user-1"
    folder.mkdir(parents=True)
    old, fresh = folder / "old", folder / "fresh"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    two_days_ago = time.time() - 48 * 3600
    os.utime(old, (two_days_ago, two_days_ago))

    out = StringIO()
    call_command("purge_uploads", "--older-than-hours", "24", stdout=out)

    assert (kept_files(upload_dir), re.findall(r"\d+", out.getvalue())) == ([fresh], ["1"])
