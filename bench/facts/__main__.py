"""Time reports from the indicator facts against the same reports computed on the fly.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dqtv_bench \\
        .venv/bin/python -m bench.facts --repeat 5 --seed 1

Each case runs once to warm up, then `repeat` times, each on another random date (a period of
1 January → the date); the median is reported, facts and live alike, with their ratio. The
monthly national trend is timed live on 12 of its points only (the whole series on the fly
takes minutes) and that time is scaled to the series, as the table says.
"""

import argparse
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.facts")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per case")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random dates")
    parser.add_argument("--no-live", action="store_true", help="time the facts only")
    return parser


def main() -> None:
    args = parser().parse_args()
    import django

    django.setup()
    from django.db import connection

    from bench.facts.run import run

    if connection.vendor != "postgresql":
        raise SystemExit("The benchmark runs on PostgreSQL (set DATABASE_URL).")
    for line in run(repeat=args.repeat, seed=args.seed, live=not args.no_live):
        print(line, flush=True)


if __name__ == "__main__":
    main()
