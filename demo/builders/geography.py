"""Villages and yearly population of each demo commune."""

from collections import Counter

from members.querysets import is_member_on
from units.models import Commune, CommunePopulation, Village

from . import constants
from .context import DemoContext

FIRST = ["Nà", "Khuổi", "Pò", "Còn", "Pác", "Lũng", "Kéo", "Nặm", "Bó", "Khòn", "Phai", "Thâm"]
SECOND = ["Pàn", "Lầy", "Slằng", "Sla", "Tâu", "Mò", "Coóc", "Rọ", "Vài", "Cáy", "Mạ", "Tấu"]
SECOND += ["Lừa", "Hang", "Bản", "Nưa", "Mười", "Luông", "Phiêng", "Khau", "Pha", "Quang"]
MEMBERLESS_DISTRICTS = ("189", "181", "180")  # Đình Lập, Bình Gia, Tràng Định: remote
MEMBERLESS_VILLAGES = 12


def village_names(ctx: DemoContext, commune: Commune) -> list[tuple[str, str]]:
    """Return (name, kind) pairs: residential groups in towns, thôn and bản in rural communes."""
    rng = ctx.rng
    if commune.kind != Commune.Kind.COMMUNE:
        word = "Khối" if commune.kind == Commune.Kind.WARD else "Khu"
        count = rng.randint(6, 12)
        return [(f"{word} {n}", Village.Kind.RESIDENTIAL_GROUP) for n in range(1, count + 1)]
    names = {"Thằm Nà"} if commune.code == constants.HUU_KIEN else set()
    target = rng.randint(6, 14)
    while len(names) < target:
        names.add(f"{rng.choice(FIRST)} {rng.choice(SECOND)}")
    kinds = [Village.Kind.VILLAGE, Village.Kind.HAMLET]
    return [
        (name, Village.Kind.VILLAGE if name == "Thằm Nà" else rng.choice(kinds))
        for name in sorted(names)
    ]


def build_villages(ctx: DemoContext) -> None:
    """Create the villages of every commune and choose a few with no party member living there."""
    villages = []
    # Past the reform, the legacy villages end with their communes (their copies live on).
    valid_to = constants.LEGACY_END if ctx.reformed else None
    for commune in ctx.communes:
        for name, kind in village_names(ctx, commune):
            label = name if kind == Village.Kind.RESIDENTIAL_GROUP else f"{_word(kind)} {name}"
            villages.append(Village(commune=commune, name=label, kind=kind, valid_to=valid_to))
    Village.objects.bulk_create(villages, batch_size=1000)
    for village in villages:
        ctx.villages.setdefault(village.commune_id, []).append(village)
    remote = [
        v
        for v in villages
        if v.kind != Village.Kind.RESIDENTIAL_GROUP
        and v.commune.district_id in {ctx.districts[c].pk for c in MEMBERLESS_DISTRICTS}
    ]
    ctx.memberless_villages = {v.pk for v in ctx.rng.sample(remote, MEMBERLESS_VILLAGES)}


def _word(kind: str) -> str:
    return "Thôn" if kind == Village.Kind.VILLAGE else "Bản"


def build_populations(ctx: DemoContext) -> None:
    """Record each commune's population for every year from 2011 to the demo year (to 2025,
    the legacy communes' last year, when the demo lives on past the reform)."""
    rows = []
    last_year = constants.LEGACY_END.year if ctx.reformed else ctx.day.year
    for commune in ctx.communes:
        low, high = {
            Commune.Kind.WARD: (8_000, 14_000),
            Commune.Kind.TOWNSHIP: (5_000, 10_000),
        }.get(commune.kind, (2_000, 7_000))
        population, growth = ctx.rng.randint(low, high), ctx.rng.uniform(0.004, 0.014)
        for year in range(2011, last_year + 1):
            rows.append(CommunePopulation(commune=commune, year=year, population=population))
            population = round(population * (1 + growth))
        ctx.populations[commune.pk] = rows[-1].population
        ctx.growth[commune.pk] = growth
    CommunePopulation.objects.bulk_create(rows, batch_size=1000)


def cover_villages(ctx: DemoContext) -> None:
    """Move party members so that only the chosen villages have no member living there."""
    day = ctx.day
    members = {
        id(r.person) for r in ctx.rows.party_records if is_member_on(r.admitted_on, r.exit_on, day)
    }
    by_commune: dict[int, list] = {}
    for person in ctx.rows.persons:
        if id(person) in members and person.residence_village is not None:
            by_commune.setdefault(person.residence_commune.pk, []).append(person)
    for commune_pk, villages in ctx.villages.items():
        _spread_members(ctx, by_commune.get(commune_pk, []), villages)


def _spread_members(ctx: DemoContext, people: list, villages: list) -> None:
    counts = Counter(person.residence_village.pk for person in people)
    for village in villages:
        if village.pk in ctx.memberless_villages or counts[village.pk]:
            continue
        donor = next((p for p in people if counts[p.residence_village.pk] > 1), None)
        if donor is None:
            return
        counts[donor.residence_village.pk] -= 1
        donor.residence_village = village
        counts[village.pk] += 1
