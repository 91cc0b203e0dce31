"""Latency of the API's province summary with children under concurrent clients.

Starts gunicorn on 127.0.0.1 against the database of DATABASE_URL (the national dataset on
PostgreSQL, see bench/README.md), takes a token for a provincial officer of the busiest
province, then for each concurrency level runs that many clients, each sending a bounded
number of requests one after another, and prints p50 / p95 / max and the throughput.
Only 127.0.0.1 is ever contacted; every loop is bounded in count and in time.

    python -m bench.api_summary --date 2026-06-30 --clients 1 8 32 --requests 20
"""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

PORT = 18799
TIME_LIMIT_S = 300.0  # per concurrency level


@dataclass
class Level:
    clients: int
    latencies: list[float]
    errors: int
    wall: float

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.api_summary", description=__doc__)
    parser.add_argument("--date", default="2026-06-30", help="report date, YYYY-MM-DD")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    return parser.parse_args(argv)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def busiest_province_token() -> tuple[str, str]:
    """Return the code of the province with most people and a token of an officer there."""
    from django.db.models import Count

    from accounts.models import Role, User
    from accounts.services import token_issue
    from units.models import Commune

    busiest = (
        Commune.objects.filter(valid_to__isnull=True)
        .values("province_id", "province__code")
        .annotate(people=Count("service_records"))
        .order_by("-people")
        .first()
    )
    user, _created = User.objects.get_or_create(
        username="bench_api_officer",
        defaults={"role": Role.PROVINCIAL_STAFF, "province_id": busiest["province_id"]},
    )
    return busiest["province__code"], token_issue(user=user)


def start_server(workers: int) -> subprocess.Popen:
    env = {**os.environ, "API_THROTTLE_USER": "1000000/minute", "DEBUG": "0"}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{PORT}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env)
    for _attempt in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("HEAD", "/")
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start on 127.0.0.1")


def client_loop(path: str, token: str, count: int, deadline: float, level: Level) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    for _request in range(count):
        if time.monotonic() > deadline:
            return
        started = time.perf_counter()
        connection.request("GET", path, headers={"Authorization": f"Token {token}"})
        response = connection.getresponse()
        response.read()
        level.latencies.append(time.perf_counter() - started)
        level.errors += response.status != 200


def run_level(clients: int, path: str, token: str, count: int) -> Level:
    level = Level(clients, [], 0, 0.0)
    deadline = time.monotonic() + TIME_LIMIT_S
    threads = [
        threading.Thread(target=client_loop, args=(path, token, count, deadline, level))
        for _client in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.wall = time.perf_counter() - started
    return level


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    setup_django()
    code, token = busiest_province_token()
    path = f"/api/v1/reports/summary/?area={code}&date={options.date}&children=true"
    server = start_server(options.workers)
    try:
        run_level(1, path, token, 2)  # warm the workers' caches and connections
        print(f"GET {path}  ({options.workers} gunicorn workers)")
        print(
            f"{'clients':>8}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'req/s':>8}"
        )
        for clients in options.clients:
            level = run_level(clients, path, token, options.requests)
            done = len(level.latencies)
            print(
                f"{clients:>8}{done:>10}{level.percentile(0.5):>10.0f}"
                f"{level.percentile(0.95):>10.0f}{max(level.latencies) * 1000:>10.0f}"
                f"{done / level.wall:>8.1f}" + (f"  {level.errors} errors" if level.errors else "")
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
