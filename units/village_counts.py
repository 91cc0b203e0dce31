"""Import the party members living in each village from the party organisation's register.

A file (CSV, UTF-8) with the columns "Mã xã" (the commune's code), "Thôn/tổ dân phố" (the
village's name in that commune), "Ngày" (dd/mm/yyyy) and "Số đảng viên"; English headers
`commune_code`, `village`, `date` (or dd/mm/yyyy), `members` are accepted too. All or nothing:
any bad row refuses the whole file with a message naming its row and column; importing the same
file again changes nothing (a village's count on a day is replaced, never duplicated).
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Village, VillagePartyCount
from units.querysets import covers

HEADERS = {
    "commune": ("Mã xã", "commune_code"),
    "village": ("Thôn/tổ dân phố", "village"),
    "day": ("Ngày", "date"),
    "members": ("Số đảng viên", "members"),
}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


class CountFileError(ValueError):
    """The file cannot be imported; `errors` says why, row by row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Outcome:
    created: int
    updated: int
    unchanged: int


def import_counts(text: str) -> Outcome:
    """Check every row of `text`, then store them all in one transaction, or raise."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = _columns(reader.fieldnames or [])
    rows, errors = [], []
    villages = _villages()
    for number, row in enumerate(reader, start=2):
        parsed = _row(
            number, {key: (row.get(name) or "").strip() for key, name in columns.items()}, villages
        )
        (errors if isinstance(parsed, str) else rows).append(parsed)
    if errors or not rows:
        raise CountFileError(errors or [_("The file has no rows.")])
    return _store(rows)


def _columns(fieldnames: list[str]) -> dict[str, str]:
    found = {name.strip().casefold(): name for name in fieldnames}
    columns, missing = {}, []
    for key, names in HEADERS.items():
        name = next((found[n.casefold()] for n in names if n.casefold() in found), None)
        if name is None:
            missing.append(names[0])
        columns[key] = name
    if missing:
        raise CountFileError(
            [_("Missing column(s): %(names)s.") % {"names": ", ".join(f"“{n}”" for n in missing)}]
        )
    return columns


def _villages() -> dict[tuple[str, str], list[Village]]:
    """Villages by (commune code, name folded), of every era: the date picks among them."""
    index: dict[tuple[str, str], list[Village]] = {}
    for village in Village.objects.select_related("commune"):
        index.setdefault((village.commune.code, village.name.casefold()), []).append(village)
    return index


def _row(number: int, values: dict[str, str], villages: dict) -> tuple | str:
    where = _("Row %(row)s") % {"row": number}
    day = _day(values["day"])
    if day is None or day > timezone.localdate():
        return _("%(where)s, column “%(column)s”: a date as dd/mm/yyyy, not in the future.") % {
            "where": where,
            "column": HEADERS["day"][0],
        }
    if not values["members"].isdigit():
        return _("%(where)s, column “%(column)s”: a whole number of 0 or more.") % {
            "where": where,
            "column": HEADERS["members"][0],
        }
    candidates = villages.get((values["commune"].zfill(5), values["village"].casefold()), [])
    valid = [v for v in candidates if covers(v.valid_from, v.valid_to, day)]
    if len(valid) != 1:
        return _(
            "%(where)s: no village “%(village)s” of commune %(commune)s exists on %(day)s."
        ) % {
            "where": where,
            "village": values["village"],
            "commune": values["commune"],
            "day": day.strftime("%d/%m/%Y"),
        }
    return valid[0], day, int(values["members"])


def _day(text: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


@transaction.atomic
def _store(rows: list[tuple[Village, datetime.date, int]]) -> Outcome:
    created = updated = unchanged = 0
    for village, day, members in rows:
        count, made = VillagePartyCount.objects.get_or_create(
            village=village,
            counted_on=day,
            defaults={"members": members, "source": VillagePartyCount.Source.IMPORTED},
        )
        if made:
            created += 1
        elif count.members == members:
            unchanged += 1
        else:
            count.members, count.source = members, VillagePartyCount.Source.IMPORTED
            count.save(update_fields=["members", "source"])
            updated += 1
    return Outcome(created, updated, unchanged)
