"""Generate millions of synthetic people of the forces over the real units, for benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dqtv_bench \
        .venv/bin/python -m bench.generate_national_dataset --people 4000000 --seed 1

Exits with status 1 and a message when --people is below 1, people are already stored, or no
current commune is loaded.
"""

import argparse
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

DESCRIPTION = (
    "Generate a national benchmark dataset over the loaded current units: DQTV (3/8) and "
    "reserve (5/8) people with service histories since 2010, ~12 % party members, "
    "commands, cells and populations. Needs load_admin_units and a database without people."
)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate_national_dataset", description=DESCRIPTION
    )
    parser.add_argument("--people", type=int, default=4_000_000, help="people of the forces")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    return parser


def main(argv: list[str] | None = None) -> None:
    """Parse `argv` (the command line when None), generate the dataset and print rows per table."""
    args = parser().parse_args(argv)
    if args.people < 1:
        raise SystemExit("--people must be at least 1.")
    import django

    django.setup()
    from django.core.management.color import color_style

    from bench.national.run import NoUnits, generate
    from members.models import Person

    # Keys and national ID serials are chosen by the generator: it owns the person table.
    if Person.objects.exists():
        raise SystemExit("People are already stored: generate into a fresh database.")
    started = time.monotonic()
    try:
        written = generate(size=args.people, seed=args.seed, report=print)
    except NoUnits:
        raise SystemExit("No current commune is loaded: run load_admin_units first.") from None
    for table, rows in written.items():
        print(f"{table}: {rows:,} rows")
    seconds = time.monotonic() - started
    print(color_style().SUCCESS(f"Generated in {seconds:.1f} s."))


if __name__ == "__main__":
    main(sys.argv[1:])
