"""Time the stock indicator reports against one hand-written SQL query per case (a benchmark)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from reports.bench.run import Mismatch, bench, peak_rss_mb

DEFAULT_DATE = "2026-06-30"


class Command(BaseCommand):
    help = (
        "On PostgreSQL, time the stock indicators of the nation by province, the busiest "
        "province by commune and its busiest commune, engine against hand-written SQL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default=DEFAULT_DATE, help="report date, YYYY-MM-DD")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per case")
        parser.add_argument(
            "--no-jit",
            action="store_true",
            help="turn PostgreSQL's JIT compiler off for this session (it is on by default)",
        )

    def handle(self, *args: Any, date: str, repeat: int, no_jit: bool, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL (set DATABASE_URL).")
        if no_jit:
            with connection.cursor() as cursor:
                cursor.execute("SET jit = off")
        try:
            on = datetime.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"--date: {date!r} is not a date (YYYY-MM-DD).") from None
        try:
            results = bench(on, max(repeat, 1))
        except Mismatch as error:
            raise CommandError(f"The engine and the SQL disagree:\n{error}") from error
        jit = "off" if no_jit else "as configured"
        self.stdout.write(f"Stock indicators on {on}, median of {repeat} runs, JIT {jit}")
        self.stdout.write(f"{'case':<22}{'area':<28}{'engine s':>10}{'SQL s':>10}{'ratio':>8}")
        for result in results:
            area = f"{result.area.code} {result.area.name}"[:26]
            self.stdout.write(
                f"{result.case:<22}{area:<28}{result.engine:>10.3f}{result.floor:>10.3f}"
                f"{result.ratio:>8.2f}"
            )
        self.stdout.write(f"peak RSS {peak_rss_mb():.0f} MB")
