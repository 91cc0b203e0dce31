"""Server time of the province dashboard with its communes, and of its Excel export.

Renders `/reports/?area=<province>&date=<date>` in this process through Django's test client
(the whole request: middleware, access, selectors, engine, template), as a provincial officer of
the province with most service records, on the database of DATABASE_URL (the national dataset
on PostgreSQL, see bench/README.md). Prints the median and the spread of `--repeat` runs after
one warm-up.

    python -m bench.dashboard --date 2026-06-30 --repeat 5
"""

import argparse
import os
import statistics
import time


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__)
    parser.add_argument("--date", default="2026-06-30", help="report date, YYYY-MM-DD")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per page")
    return parser.parse_args(argv)


def timed(client, url: str, repeat: int) -> list[float]:
    """Return the seconds of `repeat` GETs of `url`, after one untimed warm-up."""
    client.get(url, HTTP_HOST="127.0.0.1")
    times = []
    for _run in range(repeat):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return times


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.test import Client

    from accounts.models import User
    from bench.api_summary import busiest_province_token

    code, _token = busiest_province_token()
    client = Client()
    client.force_login(User.objects.get(username="bench_api_officer"))
    page = f"/reports/?area={code}&date={options.date}"
    print(f"province {code}, date {options.date}, median of {options.repeat} after a warm-up")
    for name, url in (("dashboard", page), ("dashboard .xlsx", page + "&format=xlsx")):
        times = timed(client, url, options.repeat)
        print(
            f"{name:<18}median {statistics.median(times):6.2f} s   "
            f"min {min(times):6.2f} s   max {max(times):6.2f} s"
        )


if __name__ == "__main__":
    main()
