"""Generate millions of synthetic people of the forces over the real units, for benchmarks."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.national.run import NoUnits, generate
from members.models import Person


class Command(BaseCommand):
    help = (
        "Generate a national benchmark dataset over the loaded current units: DQTV (3/8) and "
        "reserve (5/8) people with service histories since 2010, ~12 %% party members, "
        "commands, cells and populations. Needs load_admin_units and a database without people."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=4_000_000, help="people of the forces")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")

    def handle(self, *args: Any, people: int, seed: int, **options: Any) -> None:
        if people < 1:
            raise CommandError("--people must be at least 1.")
        # Keys and national ID serials are chosen by the generator: it owns the person table.
        if Person.objects.exists():
            raise CommandError("People are already stored: generate into a fresh database.")
        started = time.monotonic()
        try:
            written = generate(size=people, seed=seed, report=self.stdout.write)
        except NoUnits:
            raise CommandError(
                "No current commune is loaded: run load_admin_units first."
            ) from None
        for table, rows in written.items():
            self.stdout.write(f"{table}: {rows:,} rows")
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Generated in {seconds:.1f} s."))
