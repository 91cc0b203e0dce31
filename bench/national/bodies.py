"""Commune bodies: villages, yearly populations, military commands with their cadres, and
military party cells with committees and yearly ratings, in both eras where the units exist."""

import random
from collections import defaultdict
from collections.abc import Iterator

from members.models import Position
from units.models import Rating

from .calendar import HISTORY_START, HORIZON, REFORM, YEAR, iso, year_of
from .people import BIRTH_CODES, FAMILY, GIVEN, MIDDLE, party_line
from .scope import Scope

VILLAGE_COLUMNS = "id, commune_id, name, kind, valid_from, valid_to"
POPULATION_COLUMNS = "id, commune_id, year, population"
VILLAGE_COUNT_COLUMNS = "id, village_id, counted_on, members, source"
COMMAND_COLUMNS = "id, commune_id, established_on"
POST_COLUMNS = 'id, person_id, command_id, position, start, "end", in_party_committee'
CELL_COLUMNS = "id, commune_id, name, established_on, dissolved_on"
COMMITTEE_COLUMNS = 'id, cell_id, start, "end"'
RATING_COLUMNS = "id, cell_id, year, rating"
# People per commune resident, per member of the forces: 4 M people stand for ~100 M.
POPULATION_PER_PERSON = 25
# Position → (chance of being a party member, chance of sitting on the party committee).
POSTS = (
    (Position.COMMANDER, 0.95, 0.8),
    (Position.POLITICAL_COMMISSAR, 1.0, 1.0),
    (Position.DEPUTY_COMMANDER, 0.85, 0.2),
    (Position.DEPUTY_COMMANDER, 0.85, 0.2),
    (Position.DEPUTY_COMMISSAR, 0.9, 0.3),
    (Position.ASSISTANT, 0.5, 0.0),
)
TRAINING = ["elementary"] * 8 + ["intermediate"] * 57 + ["college"] * 20 + ["university"] * 15
RATINGS = (
    [Rating.EXCELLENT] * 30 + [Rating.GOOD] * 62 + [Rating.COMPLETED] * 7 + [Rating.NOT_COMPLETED]
)


def village_lines(
    rng: random.Random, scope: Scope, ids: Iterator[int]
) -> tuple[list[str], dict[int, list[int]]]:
    """Give each current commune 3–7 villages; in 15 % of communes the last one has nobody
    recorded as living there, so that 'villages without party members' is never empty."""
    lines, residents = [], {}
    for commune in scope.communes:
        pks = [next(ids) for _ in range(rng.randint(3, 7))]
        lines += [f"{pk}\t{commune}\tThôn {n}\tvillage\t\\N\t\\N\n" for n, pk in enumerate(pks, 1)]
        residents[commune] = pks[:-1] if rng.random() < 0.15 else pks
    return lines, residents


def village_count_lines(
    residents: dict[int, list[int]], villages: list[str], ids: Iterator[int]
) -> list[str]:
    """Count the party members of each village at the end of 2015–2025, as the party register
    would: none in the villages nobody lives in, and none in about 5 % of the others.

    Its own random source: the people generated after it stay those of earlier datasets."""
    rng = random.Random(len(villages))
    lived_in = {pk for pks in residents.values() for pk in pks}
    lines = []
    for line in villages:
        pk = int(line.split("\t", 1)[0])
        members = 0 if pk not in lived_in or rng.random() < 0.05 else rng.randint(1, 30)
        for year in range(2015, 2026):
            lines.append(f"{next(ids)}\t{pk}\t{year}-12-31\t{members}\timported\n")
    return lines


def population_lines(scope: Scope, people: int, ids: Iterator[int]) -> list[str]:
    """Give current communes a population for 2025–2026 and legacy ones for 2010–2025."""
    lines, legacy = [], defaultdict(float)
    for index, commune in enumerate(scope.communes):
        size = scope.share(index) * people * POPULATION_PER_PERSON
        lines += [f"{next(ids)}\t{commune}\t{year}\t{round(size)}\n" for year in (2025, 2026)]
        for before in scope.predecessors.get(commune, []):
            legacy[before] += size / len(scope.predecessors[commune])
    for commune, size in sorted(legacy.items()):
        for year in range(2010, 2026):
            grown = size * (1 - 0.01 * (2025 - year))
            lines.append(f"{next(ids)}\t{commune}\t{year}\t{max(round(grown), 1)}\n")
    return lines


def cadre_line(rng: random.Random, pk: int, home: int) -> str:
    """Describe a command cadre: born 1970–1990, trained mostly to intermediate or higher."""
    birth = rng.randint(HISTORY_START - 40 * YEAR, HISTORY_START - 20 * YEAR)
    year = year_of(birth)
    national_id = f"{rng.choice(BIRTH_CODES)}0{year % 100:02d}{900000 + pk % 100000:06d}"
    name = f"{rng.choice(FAMILY)} Văn {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return (
        f"{pk}\t{national_id}\t{name}\t{iso(birth)}\tmale\tKinh\t\tupper_secondary\t"
        f"{rng.choice(TRAINING)}\t{home}\t\\N\n"
    )


class Commands:
    """Commune military commands of both eras and the six cadres of each current commune.

    Each cadre held the same post in a legacy predecessor until 30 June 2025 and holds it in
    the current commune since 1 July 2025. Cadres are extra people, outside the forces.
    """

    def __init__(self, rng: random.Random, ids: dict[str, Iterator[int]]) -> None:
        self.rng, self.ids = rng, ids
        self.commands: list[str] = []
        self.legacy: dict[int, int] = {}
        self.posts: list[str] = []
        self.persons: list[str] = []
        self.parties: list[str] = []

    def command(self, commune: int, established: int | None) -> int:
        pk = next(self.ids["command"])
        self.commands.append(f"{pk}\t{commune}\t{iso(established)}\n")
        return pk

    def commune(self, commune: int, predecessors: list[int]) -> None:
        current = self.command(commune, REFORM)
        for before in predecessors:
            if before not in self.legacy:
                self.legacy[before] = self.command(before, None)
        for position, member, on_committee in POSTS:
            self.cadre(commune, current, predecessors, position, (member, on_committee))

    def cadre(self, home: int, current: int, before: list[int], position: str, odds: tuple) -> None:
        rng, person = self.rng, next(self.ids["person"])
        self.persons.append(cadre_line(rng, person, home))
        committee = 1 if rng.random() < odds[1] else 0
        if before:
            start = rng.randint(HISTORY_START + 2 * YEAR, REFORM - 180)
            command = self.legacy[rng.choice(before)]
            self.post(person, command, position, (start, REFORM - 1), committee)
        self.post(person, current, position, (REFORM, None), committee)
        if rng.random() < odds[0]:
            admitted = rng.randint(HISTORY_START - 10 * YEAR, HISTORY_START)
            self.parties.append(party_line(rng, next(self.ids["party"]), person, admitted))

    def post(self, person: int, command: int, position: str, days: tuple, committee: int) -> None:
        start, end = days
        self.posts.append(
            f"{next(self.ids['post'])}\t{person}\t{command}\t{position}\t{iso(start)}\t"
            f"{iso(end)}\t{committee}\n"
        )


def cell_lines(
    rng: random.Random, scope: Scope, ids: dict[str, Iterator[int]]
) -> tuple[list[str], list[str], list[str]]:
    """Give 96 % of current communes a cell since the reform and 90 % of legacy communes one
    from 2011–2020 until 30 June 2025; 55 % of cells elect a committee; cells are rated yearly.
    """
    cells: list[str] = []
    committees: list[str] = []
    ratings: list[str] = []
    eras = (
        (scope.communes, scope.names, 0.96, True),
        (scope.legacy, scope.legacy_names, 0.9, False),
    )
    for communes, names, chance, current in eras:
        for commune in communes:
            if rng.random() >= chance:
                continue
            start = REFORM if current else rng.randint(HISTORY_START + YEAR, REFORM - 5 * YEAR)
            end = None if current else REFORM - 1
            pk = next(ids["cell"])
            cells.append(
                f"{pk}\t{commune}\tChi bộ Quân sự {names[commune]}\t{iso(start)}\t{iso(end)}\n"
            )
            if rng.random() < 0.55:
                elected = min(start + rng.randint(0, 2 * YEAR), end or HORIZON)
                committees.append(f"{next(ids['committee'])}\t{pk}\t{iso(elected)}\t{iso(end)}\n")
            for year in range(year_of(start), year_of(min(end or HORIZON, REFORM - 1)) + 1):
                ratings.append(f"{next(ids['rating'])}\t{pk}\t{year}\t{rng.choice(RATINGS)}\n")
    return cells, committees, ratings
