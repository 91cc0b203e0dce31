"""People of the forces: identity, service history and, for about 12 %, a party record.

Shares are chosen so that the national figures land near the seeds' orders of magnitude:
about 18 % party members in DQTV, 65 % among reserve officers, 5 % in the rest of the reserve.
"""

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from members.models import ExitKind
from members.validators import BIRTH_PROVINCE_CODES
from units.models import Force, ReserveCategory

from .calendar import HORIZON, YEAR, iso, year_of
from .history import Stint, history
from .scope import Scope

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Ngọc", "Thanh", "Xuân", "Công")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lan", "Linh", "Nam", "Sơn", "Tuấn")
BIRTH_CODES = sorted(BIRTH_PROVINCE_CODES)
EDUCATION = ("lower_secondary", "upper_secondary", "upper_secondary", "primary")
PERSON_COLUMNS = (
    "id, national_id, full_name, birth_date, sex, ethnicity, religion, general_education, "
    "military_training, residence_commune_id, residence_village_id"
)
SERVICE_COLUMNS = 'id, person_id, force, category, is_core, commune_id, start, "end", end_reason'
PARTY_COLUMNS = (
    "id, person_id, admitted_on, decision_number, ceremony_on, full_member_on, exit_on, exit_kind"
)
DQTV_SHARE = 0.375  # 1.5 M of 4 M people


@dataclass
class Chunk:
    """The lines of one chunk, per table, ready for the sink."""

    persons: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)


class PeopleMaker:
    """Make people one after another; national ID serials and keys carry across chunks."""

    def __init__(
        self,
        rng: random.Random,
        scope: Scope,
        villages: dict[int, list[int]],
        ids: dict[str, Iterator[int]],
    ) -> None:
        self.rng, self.scope, self.villages = rng, scope, villages
        self.serials: Counter[str] = Counter()
        self.person_ids, self.service_ids = ids["person"], ids["service"]
        self.party_ids = ids["party"]

    def chunk(self, size: int) -> Chunk:
        chunk = Chunk()
        homes = self.rng.choices(self.scope.communes, cum_weights=self.scope.weights, k=size)
        for home in homes:
            self.person(chunk, home)
        return chunk

    def person(self, chunk: Chunk, home: int) -> None:
        rng = self.rng
        force = Force.RESERVE
        if rng.random() < DQTV_SHARE:
            force = Force.MILITIA if rng.random() < 0.85 else Force.SELF_DEFENCE
        stints = history(rng, force, home, self.scope)
        pk = next(self.person_ids)
        first = stints[0].start
        birth = first - rng.randint(18 * YEAR + 5, (20 if force == Force.RESERVE else 28) * YEAR)
        chunk.persons.append(self.identity(pk, birth, force, stints[0].category, home))
        for stint in stints:
            chunk.services.append(self.service_line(pk, stint))
        admitted = self.admission(stints, force, birth)
        if admitted is not None:
            chunk.parties.append(self.party_line(pk, admitted))

    def identity(self, pk: int, birth: int, force: str, category: str, home: int) -> str:
        rng = self.rng
        male = rng.random() < (0.96 if force == Force.RESERVE else 0.88)
        year = year_of(birth)
        prefix = f"{rng.choice(BIRTH_CODES)}{(year // 100 - 19) * 2 + (0 if male else 1)}"
        prefix += f"{year % 100:02d}"
        self.serials[prefix] += 1
        national_id = f"{prefix}{self.serials[prefix]:06d}"
        name = f"{rng.choice(FAMILY)} {'Văn' if male else 'Thị'} {rng.choice(MIDDLE)} "
        name += rng.choice(GIVEN)
        trained = "university" if category == ReserveCategory.OFFICER else "elementary"
        villages = self.villages.get(home)
        village = str(rng.choice(villages)) if villages and rng.random() < 0.9 else "\\N"
        return (
            f"{pk}\t{national_id}\t{name}\t{iso(birth)}\t{'male' if male else 'female'}\tKinh\t"
            f"\t{rng.choice(EDUCATION)}\t{trained}\t{home}\t{village}\n"
        )

    def service_line(self, person: int, stint: Stint) -> str:
        return (
            f"{next(self.service_ids)}\t{person}\t{stint.force}\t{stint.category}\t"
            f"{1 if stint.is_core else 0}\t{stint.commune}\t{iso(stint.start)}\t"
            f"{iso(stint.end)}\t{stint.reason}\n"
        )

    def admission(self, stints: list[Stint], force: str, birth: int) -> int | None:
        """Return the admission day of a member, or None; 60 % joined while serving."""
        rng = self.rng
        chance = 0.18 if force != Force.RESERVE else 0.05
        if stints[0].category == ReserveCategory.OFFICER:
            chance = 0.65
        if rng.random() >= chance:
            return None
        core = [stint for stint in stints if stint.is_core]
        if rng.random() < 0.6:
            stint = rng.choice(core)
            return rng.randint(stint.start, min(stint.end or HORIZON, HORIZON))
        return max(birth + 18 * YEAR + 1, core[0].start - rng.randint(30, 10 * YEAR))

    def party_line(self, person: int, admitted: int) -> str:
        return party_line(self.rng, next(self.party_ids), person, admitted)


def party_line(rng: random.Random, pk: int, person: int, admitted: int) -> str:
    """Describe a party record: ceremony weeks later, full membership a year on, 4 % exits."""
    ceremony = admitted + rng.randint(7, 40)
    full = ceremony + YEAR
    exit_on, exit_kind = None, ""
    if rng.random() < 0.04 and admitted + YEAR < HORIZON:
        exit_on = rng.randint(admitted + YEAR, HORIZON)
        exit_kind = rng.choice((ExitKind.STRUCK_OFF, ExitKind.RESIGNED, ExitKind.DECEASED))
    return (
        f"{pk}\t{person}\t{iso(admitted)}\t\t"
        f"{iso(ceremony if ceremony <= HORIZON else None)}\t"
        f"{iso(full if full <= HORIZON else None)}\t{iso(exit_on)}\t{exit_kind}\n"
    )
