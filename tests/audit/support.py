"""Helpers of the audit tests: changes made by a given user at a given time, and the page."""

import datetime
import io
from typing import Any

from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

CHANGES = reverse("audit:changes")
READS = reverse("audit:reads")


def at(year: int, month: int, day: int, hour: int = 9) -> datetime.datetime:
    """Return a local (Vietnam) instant."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def saved(
    instance: Model, *, by: Any = None, on: datetime.datetime | None = None, **values
) -> Model:
    """Set `values` on `instance` and save it as `by` at `on`, as simple-history records it."""
    for name, value in values.items():
        setattr(instance, name, value)
    instance._history_user = by
    if on is not None:
        instance._history_date = on
    instance.save()
    return instance


def deleted(instance: Model, *, by: Any = None, on: datetime.datetime | None = None) -> None:
    instance._history_user = by
    if on is not None:
        instance._history_date = on
    instance.delete()


def table_rows(client: Client, url: str, **filters: Any) -> list[list[str]]:
    """Return the data rows of the .xlsx export of `url` with `filters`, header first."""
    response = client.get(url, {**filters, "format": "xlsx"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]
