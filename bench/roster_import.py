"""Benchmark the roster import against django-import-export's row-by-row import.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dqtv_bench_roster \
        .venv/bin/python bench/roster_import.py --rows 100000

Creates a province with 60 communes, villages and units (idempotently), writes a valid CSV
roster of --rows rows, then times in separate processes (so each peak RSS is its own):
our import, our re-import of the same file (all unchanged), and the Resource baseline on the
first --baseline-rows rows, after wiping the imported people. Prints rows/s, peak RSS and the
number of historical rows each phase wrote.

--language en (the default) writes the English format (keys, codes, ISO dates, commune codes),
comparable with earlier runs; --language vi writes the template's format (Vietnamese headers
and labels, dd/mm/yyyy, communes by name) for our phases. The baseline always reads English.
"""

import argparse
import csv
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

COMMUNES = 60
NAMES = ["Chi Lăng", "Quan Sơn", "Vân Thủy", "Hữu Kiên", "Bằng Mạc", "Gia Lộc", "Y Tịch"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Hoàng", "Hà", "Lương", "Nông", "Vi", "Lăng", "Hứa"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Sơn", "Tú"]


def setup_django() -> None:
    import django

    django.setup()


def ensure_places() -> list[tuple[object, str]]:
    """Create the bench area once; return (commune, village name) of every village."""
    from units.models import Commune, DqtvCategory, Echelon, Force, ForceUnit, Province, Village

    province, _ = Province.objects.get_or_create(
        code="20",
        valid_from=datetime.date(2025, 7, 1),
        defaults={"name": "Tỉnh Lạng Sơn", "kind": Province.Kind.PROVINCE},
    )
    places = []
    for index in range(COMMUNES):
        commune, _ = Commune.objects.get_or_create(
            code=f"{6000 + index:05d}",
            valid_from=datetime.date(2025, 7, 1),
            defaults={
                "name": f"Xã {NAMES[index % len(NAMES)]} {index}",
                "province": province,
                "kind": Commune.Kind.COMMUNE,
            },
        )
        places += [(commune, village) for village in _villages(commune, Village)]
        ForceUnit.objects.get_or_create(
            commune=commune,
            province=province,
            force=Force.MILITIA,
            name="Trung đội cơ động",
            defaults={"category": DqtvCategory.MOBILE, "echelon": Echelon.PLATOON},
        )
    return places


def _villages(commune: object, village_model: type) -> list[str]:
    names = [f"Thôn {number}" for number in range(1, 6)]
    for name in names:
        village_model.objects.get_or_create(commune=commune, name=name)
    return names


def write_roster(path: Path, rows: int, places: list[tuple], language: str = "en") -> None:
    """Write a valid roster: about one person in three has two service rows."""
    from members.roster.columns import HEADER_NAMES, HEADERS
    from members.roster.vocabulary import vocabulary

    rng = random.Random(20260101)
    words = vocabulary(language)
    codes = [(commune.code, village) for commune, village in places]
    names = {commune.code: commune.name for commune, _village in places}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([HEADER_NAMES[language][key] for key in HEADERS])
        serial, written = 0, 0
        while written < rows:
            serial += 1
            for values in _person_rows(rng, serial, codes)[: rows - written]:
                writer.writerow(values if language == "en" else _vietnamese(values, words, names))
                written += 1


def _vietnamese(values: list[str], words: object, names: dict[str, str]) -> list[str]:
    """The row as a cadre fills the template: labels, dd/mm/yyyy, the commune by name."""
    from members.roster import columns as c

    row = dict(zip(c.HEADERS, values, strict=True))
    for column in (c.SEX, c.FORCE, c.CATEGORY):
        row[column] = words.write(column, row[column])
    dates = (c.BIRTH_DATE, c.SERVICE_START, c.SERVICE_END, c.PARTY_ADMITTED_ON, c.PARTY_FULL_ON)
    for column in dates:
        if row[column]:
            row[column] = words.date(datetime.date.fromisoformat(row[column]))
    row[c.COMMUNE_CODE] = names[row[c.COMMUNE_CODE]]
    return list(row.values())


def _person_rows(rng: random.Random, serial: int, places: list) -> list[list[str]]:
    female = rng.random() < 0.2
    # Militia ages on the first day (Law 48/2019 art. 8): men 18-45, women 18-40.
    first_born = datetime.date(1985 if female else 1980, 1, 1)
    birth = first_born + datetime.timedelta(days=rng.randrange((20 if female else 25) * 365))
    digit = (birth.year - 1900) // 100 * 2 + (1 if female else 0)
    national_id = f"020{digit}{birth.year % 100:02d}{serial:06d}"
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    code, village = rng.choice(places)
    party = ["", "", "", ""]
    if rng.random() < 0.2:
        party = ["2025-09-02", "2026-09-02", "", ""]
    person = [national_id, name, birth.isoformat(), "female" if female else "male", "Kinh"]
    first_start = datetime.date(2025, 7, 1) + datetime.timedelta(days=rng.randrange(120))
    unit = "Trung đội cơ động" if rng.random() < 0.3 else ""
    category = "mobile" if unit else "in_place"
    if rng.random() < 0.35:
        ended = first_start + datetime.timedelta(days=200)
        return [
            [*person, code, village, "militia", category, unit, str(first_start), str(ended),
             *party],
            [*person, code, village, "reserve", "nco_soldier_1", "",
             str(ended + datetime.timedelta(days=1)), "", *party],
        ]  # fmt: skip
    return [[*person, code, village, "militia", category, unit, str(first_start), "", *party]]


def wipe_people() -> None:
    from django.db import connection

    tables = [
        "members_partyrecord",
        "members_servicerecord",
        "members_person",
        "members_historicalpartyrecord",
        "members_historicalservicerecord",
        "members_historicalperson",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def history_rows() -> int:
    """Count the historical rows of people, service and party records (the audit trail)."""
    from members.models import PartyRecord, Person, ServiceRecord

    return sum(model.history.count() for model in (Person, ServiceRecord, PartyRecord))


def phase_ours(path: Path) -> dict:
    from members.roster.importer import import_roster

    history_before = history_rows()
    began = time.perf_counter()
    with path.open("rb") as source:
        report = import_roster(source, actor=None, dry_run=False)
    seconds = time.perf_counter() - began
    assert report.ok, report.errors[:5]
    return {
        "rows": report.rows,
        "seconds": seconds,
        "created": report.created,
        "unchanged": report.unchanged,
        "history_rows": history_rows() - history_before,
    }


def phase_baseline(path: Path, limit: int) -> dict:
    import tablib

    from bench.resources import RosterResource

    with path.open(encoding="utf-8") as source:
        lines = [next(source) for _ in range(limit + 1)]
    dataset = tablib.Dataset().load("".join(lines), format="csv")
    began = time.perf_counter()
    result = RosterResource().import_data(dataset, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - began
    return {"rows": len(dataset), "seconds": seconds, "errors": result.has_errors()}


def child(args: argparse.Namespace) -> None:
    setup_django()
    if args.phase == "wipe":
        wipe_people()
        result = {}
    elif args.phase == "baseline":
        result = phase_baseline(Path(args.file), args.baseline_rows)
    else:
        result = phase_ours(Path(args.file))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_phase(phase: str, path: Path, baseline_rows: int) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--file", str(path)]
    command += ["--baseline-rows", str(baseline_rows)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def report_line(name: str, result: dict) -> str:
    rate = result["rows"] / result["seconds"]
    line = f"{name:<34} {result['rows']:>7} rows {result['seconds']:8.1f} s {rate:9.0f} rows/s"
    line += f"  peak RSS {result['peak_rss_mb']:.0f} MB"
    if "history_rows" in result:
        line += f"  history rows {result['history_rows']}"
    return line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=100_000)
    parser.add_argument("--phase", choices=["ours", "baseline", "wipe"])
    parser.add_argument("--file")
    parser.add_argument("--language", choices=["en", "vi"], default="en")
    args = parser.parse_args()
    if args.phase:
        return child(args)
    setup_django()
    places = ensure_places()
    wipe_people()
    folder = Path(tempfile.mkdtemp())
    path = folder / f"roster-{args.language}.csv"
    write_roster(path, args.rows, places, args.language)
    print(f"file: {path} ({path.stat().st_size / 1_048_576:.1f} MB, {args.rows} rows)")
    print(report_line("members.roster import (new)", run_phase("ours", path, 0)))
    print(report_line("members.roster re-import (same)", run_phase("ours", path, 0)))
    run_phase("wipe", path, 0)
    limit = min(args.baseline_rows, args.rows)
    english = path if args.language == "en" else folder / "roster-en.csv"
    if english != path:
        write_roster(english, limit, places)
    print(report_line("import-export Resource (row by row)", run_phase("baseline", english, limit)))
    return None


if __name__ == "__main__":
    main()
