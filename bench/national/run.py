"""Generate the national dataset: units' bodies first, then people chunk by chunk."""

import random
import time
from collections.abc import Callable, Iterator

from members.models import CommandPost, PartyRecord, Person, ServiceRecord
from units.models import (
    CellCommitteePeriod,
    CellRating,
    Commune,
    CommuneCommand,
    CommuneLineage,
    CommunePopulation,
    District,
    MilitaryPartyCell,
    Province,
    Village,
    VillagePartyCount,
)

from . import bodies, people
from .scope import Scope, load_scope
from .sink import Sink

MODELS = {
    "village": Village,
    "village_count": VillagePartyCount,
    "population": CommunePopulation,
    "command": CommuneCommand,
    "post": CommandPost,
    "cell": MilitaryPartyCell,
    "committee": CellCommitteePeriod,
    "rating": CellRating,
    "person": Person,
    "service": ServiceRecord,
    "party": PartyRecord,
}
CHUNK = 20_000

Report = Callable[[str], None]


class NoUnits(LookupError):
    """No current commune is loaded: the dataset has nowhere to live."""


def write_bodies(rng: random.Random, scope: Scope, size: int, sink: Sink, ids: dict) -> dict:
    """Write villages, populations, commands with their cadres, and cells; return residences."""
    villages, residents = bodies.village_lines(rng, scope, ids["village"])
    sink.write(Village, bodies.VILLAGE_COLUMNS, villages)
    counts = bodies.village_count_lines(residents, villages, ids["village_count"])
    sink.write(VillagePartyCount, bodies.VILLAGE_COUNT_COLUMNS, counts)
    sink.write(
        CommunePopulation,
        bodies.POPULATION_COLUMNS,
        bodies.population_lines(scope, size, ids["population"]),
    )
    commands = bodies.Commands(rng, ids)
    for commune in scope.communes:
        commands.commune(commune, scope.predecessors.get(commune, []))
    sink.write(CommuneCommand, bodies.COMMAND_COLUMNS, commands.commands)
    sink.write(Person, people.PERSON_COLUMNS, commands.persons)
    sink.write(CommandPost, bodies.POST_COLUMNS, commands.posts)
    sink.write(PartyRecord, people.PARTY_COLUMNS, commands.parties)
    cells, committees, ratings = bodies.cell_lines(rng, scope, ids)
    sink.write(MilitaryPartyCell, bodies.CELL_COLUMNS, cells)
    sink.write(CellCommitteePeriod, bodies.COMMITTEE_COLUMNS, committees)
    sink.write(CellRating, bodies.RATING_COLUMNS, ratings)
    return residents


def write_people(maker: people.PeopleMaker, size: int, sink: Sink, report: Report) -> None:
    """Make and write people in chunks, so that memory does not grow with the size."""
    done, started = 0, time.monotonic()
    while done < size:
        chunk = maker.chunk(min(CHUNK, size - done))
        sink.write(Person, people.PERSON_COLUMNS, chunk.persons)
        sink.write(ServiceRecord, people.SERVICE_COLUMNS, chunk.services)
        sink.write(PartyRecord, people.PARTY_COLUMNS, chunk.parties)
        done += len(chunk.persons)
        if done % (CHUNK * 25) == 0 or done == size:
            report(f"{done:,} people in {time.monotonic() - started:.0f} s")


def generate(*, size: int, seed: int, report: Report) -> dict[str, int]:
    """Generate `size` people of the forces over the loaded units; return rows per table."""
    scope = load_scope()
    if not scope.communes:
        raise NoUnits
    rng = random.Random(seed)
    scope.weigh(rng)
    sink = Sink()
    ids: dict[str, Iterator[int]] = {key: sink.ids(model) for key, model in MODELS.items()}
    residents = write_bodies(rng, scope, size, sink, ids)
    maker = people.PeopleMaker(rng, scope, residents, ids)
    with sink.checks_after_load([Person, ServiceRecord, PartyRecord]):
        write_people(maker, size, sink, report)
        report("Creating the constraints and indexes again, which checks every row...")
        started = time.monotonic()
    report(f"Constraints and indexes checked and built in {time.monotonic() - started:.0f} s")
    sink.finish(list(MODELS.values()), [Province, District, Commune, CommuneLineage])
    return sink.written
