"""Time the stock indicator reports against one hand-written SQL query per case (a benchmark).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dqtv_bench \
        .venv/bin/python -m bench.indicators --date 2026-06-30 --repeat 5 [--no-jit]

Exits with status 1 and a message when the database is not PostgreSQL, the date is not a date,
or the engine and the SQL disagree on any numerator or denominator.
"""

import argparse
import datetime
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

DEFAULT_DATE = "2026-06-30"
DESCRIPTION = (
    "On PostgreSQL, time the stock indicators of the nation by province, the busiest "
    "province by commune and its busiest commune, engine against hand-written SQL."
)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.indicators", description=DESCRIPTION)
    parser.add_argument("--date", default=DEFAULT_DATE, help="report date, YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per case")
    parser.add_argument(
        "--no-jit",
        action="store_true",
        help="turn PostgreSQL's JIT compiler off for this session (it is on by default)",
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    """Parse `argv` (the command line when None), run the bench and print its table."""
    args = parser().parse_args(argv)
    import django

    django.setup()
    from django.db import connection

    from bench.indicators.run import Mismatch, bench, peak_rss_mb

    if connection.vendor != "postgresql":
        raise SystemExit("The benchmark runs on PostgreSQL (set DATABASE_URL).")
    if args.no_jit:
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    try:
        on = datetime.date.fromisoformat(args.date)
    except ValueError:
        raise SystemExit(f"--date: {args.date!r} is not a date (YYYY-MM-DD).") from None
    try:
        results = bench(on, max(args.repeat, 1))
    except Mismatch as error:
        raise SystemExit(f"The engine and the SQL disagree:\n{error}") from error
    print_results(results, on=on, repeat=args.repeat, no_jit=args.no_jit)
    print(f"peak RSS {peak_rss_mb():.0f} MB")


def print_results(results: list, *, on: datetime.date, repeat: int, no_jit: bool) -> None:
    jit = "off" if no_jit else "as configured"
    print(f"Stock indicators on {on}, median of {repeat} runs, JIT {jit}")
    print(f"{'case':<22}{'area':<28}{'engine s':>10}{'SQL s':>10}{'ratio':>8}")
    for result in results:
        area = f"{result.area.code} {result.area.name}"[:26]
        print(
            f"{result.case:<22}{area:<28}{result.engine:>10.3f}{result.floor:>10.3f}"
            f"{result.ratio:>8.2f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
