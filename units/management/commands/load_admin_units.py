"""Load Vietnam's administrative units of both eras from the `vietnamadminunits` package."""

import json
import sqlite3
import time
from collections import Counter
from contextlib import closing
from importlib import resources
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from units import loaders
from units.models import (
    REFORM_DATE,
    ChangeKind,
    Commune,
    CommuneLineage,
    District,
    Province,
    ProvinceLineage,
)

LEGACY_COLUMNS = (
    "province, provinceCode, provinceKey, district, districtCode, districtType, districtKey, "
    "ward, wardCode, wardType, wardKey"
)
CURRENT_COLUMNS = "province, provinceCode, provinceKey, ward, wardCode, wardType, wardKey"
LEVELS = {
    "provinces": Province,
    "districts": District,
    "communes": Commune,
    "province_links": ProvinceLineage,
    "commune_links": CommuneLineage,
}
TYPE_WORDS = {kind: word.lower() for word, kind in loaders.COMMUNE_KINDS.items()}


def read_package() -> dict[str, Any]:
    """Return the package's two tables as lists of dicts and its 2025 converter."""
    data = resources.files("vietnamadminunits") / "data"
    with (
        resources.as_file(data / "dataset.db") as path,
        closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection,
    ):
        connection.row_factory = sqlite3.Row
        legacy = connection.execute(f"SELECT {LEGACY_COLUMNS} FROM {loaders.LEGACY_TABLE}")
        legacy_rows = [dict(row) for row in legacy]
        current = connection.execute(f"SELECT {CURRENT_COLUMNS} FROM {loaders.CURRENT_TABLE}")
        current_rows = [dict(row) for row in current]
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    return {"legacy_rows": legacy_rows, "current_rows": current_rows, "converter": converter}


def _by_kind(units: dict[str, loaders.Unit]) -> str:
    counts = Counter(unit.kind for unit in units.values())
    return ", ".join(f"{n} {TYPE_WORDS[kind]}" for kind, n in counts.most_common())


def _by_change(links: list[loaders.Link]) -> str:
    counts = Counter(link.kind for link in links)
    return ", ".join(f"{n} {ChangeKind(kind).label}" for kind, n in counts.most_common())


def _counts(result: loaders.LoadResult) -> dict[str, Any]:
    """Count what the load covers, per era, level, kind and change."""
    legacy, current, lineage = result.legacy, result.current, result.lineage
    return {
        "start": REFORM_DATE,
        "end": loaders.LEGACY_END,
        "provinces": len(current.provinces),
        "communes": len(current.communes),
        "kinds": _by_kind(current.communes),
        "old_provinces": len(legacy.provinces),
        "districts": len(legacy.districts),
        "old_communes": len(legacy.communes),
        "old_kinds": _by_kind(legacy.communes),
        "province_links": len(lineage.provinces),
        "province_changes": _by_change(lineage.provinces),
        "commune_links": len(lineage.communes),
        "commune_changes": _by_change(lineage.communes),
        "split": len({link.predecessor for link in lineage.communes if link.partial}),
    }


def summary(result: loaders.LoadResult) -> list[str]:
    """Describe what the load covers, per era and level, and its lineage."""
    params = _counts(result)
    return [
        _("Current (from %(start)s): %(provinces)d provinces, %(communes)d communes (%(kinds)s)")
        % params,
        _(
            "Legacy (until %(end)s): %(old_provinces)d provinces, %(districts)d districts, "
            "%(old_communes)d communes (%(old_kinds)s)"
        )
        % params,
        _(
            "Lineage: %(province_links)d province links (%(province_changes)s); "
            "%(commune_links)d commune links (%(commune_changes)s); "
            "%(split)d legacy communes split"
        )
        % params,
    ]


def changes(result: loaders.LoadResult) -> list[str]:
    """Say, per level, how many rows were created, updated and left unchanged."""
    line = _("%(level)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
    return [
        line % {"level": LEVELS[name]._meta.verbose_name_plural.capitalize(), **tally}
        for name, tally in result.tallies.items()
    ]


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the provinces, districts and communes of both eras, and the lineage between "
        "them, from the vietnamadminunits package. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            metavar="CODE",
            help=gettext_lazy(
                "Load only the legacy and the current province with this 2-digit code."
            ),
        )

    def handle(self, *args: Any, province: str | None = None, **options: Any) -> None:
        if province is not None and not (len(province) == 2 and province.isdigit()):
            raise CommandError(_("--province takes a 2-digit code, such as 20."))
        started = time.monotonic()
        try:
            result = loaders.load_units(**read_package(), province=province)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in summary(result) + changes(result):
            self.stdout.write(line)
        if result.lineage.unmatched:
            count, keys = len(result.lineage.unmatched), ", ".join(result.lineage.unmatched)
            warning = ngettext(
                "%(count)d converter key names no unit and was skipped: %(keys)s",
                "%(count)d converter keys name no unit and were skipped: %(keys)s",
                count,
            )
            self.stdout.write(self.style.WARNING(warning % {"count": count, "keys": keys}))
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(_("Done in %(seconds).1f s.") % {"seconds": seconds}))
