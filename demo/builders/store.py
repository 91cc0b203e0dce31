"""Write the queued rows in batches, and find or delete the demo rows of the province."""

from django.db.models import Q
from django.test.utils import override_settings

from members.models import (
    AdmissionCase,
    AdmissionStep,
    CommandPost,
    PartyRecord,
    Person,
    ServiceRecord,
)
from units.models import (
    CommuneCommand,
    CommunePopulation,
    ForceUnit,
    MilitaryPartyCell,
    Province,
    ProvinceLineage,
    Village,
)

from .accounts import delete_logins
from .context import Rows
from .directives import demo_directives

BATCH = 2000


def write_rows(rows: Rows) -> None:
    """Insert the queued rows, parents first; unsaved parents got their keys just before."""
    Person.objects.bulk_create(rows.persons, batch_size=BATCH)
    PartyRecord.objects.bulk_create(rows.party_records, batch_size=BATCH)
    AdmissionCase.objects.bulk_create(rows.cases, batch_size=BATCH)
    AdmissionStep.objects.bulk_create(rows.steps, batch_size=BATCH)
    through = AdmissionCase.introducers.through
    links = [through(admissioncase_id=c.pk, person_id=p.pk) for c, p in rows.introducers]
    through.objects.bulk_create(links, batch_size=BATCH)
    ServiceRecord.objects.bulk_create(rows.services, batch_size=BATCH)
    CommandPost.objects.bulk_create(rows.posts, batch_size=BATCH)


def demo_exists() -> bool:
    """Say whether the demo directive, the marker of a demo build, is stored."""
    return bool(demo_directives())


def demo_provinces(province: Province) -> list[Province]:
    """Return the province and those its lineage links it to (the legacy province and the
    current one): a demo past the reform spans both."""
    linked = ProvinceLineage.objects.filter(Q(predecessor=province) | Q(successor=province))
    pairs = linked.values_list("predecessor", "successor")
    pks = {province.pk} | {pk for pair in pairs for pk in pair}
    return list(Province.objects.filter(pk__in=pks))


def province_has_people(province: Province) -> bool:
    """Say whether anyone lives in the province or the one its lineage links it to (data that
    is not ours to overwrite)."""
    provinces = demo_provinces(province)
    return Person.objects.filter(residence_commune__province__in=provinces).exists()


def delete_demo(province: Province) -> None:
    """Delete every demo row: people, cases, units, commands, cells, villages and populations
    of the province and of the province its lineage links it to, the seeds' directives and the
    demo logins."""
    # Demo rows are not records anyone kept: deleting them writes no history (one history row
    # per deleted object would make a reset take minutes).
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        _delete_demo_rows(demo_provinces(province))


def _delete_demo_rows(provinces: list[Province]) -> None:
    in_provinces = {"commune__province__in": provinces}
    delete_logins()
    for directive in demo_directives():
        directive.delete()
    AdmissionCase.objects.filter(**in_provinces).delete()
    Person.objects.filter(residence_commune__province__in=provinces).delete()
    ForceUnit.objects.filter(province__in=provinces).delete()
    CommuneCommand.objects.filter(**in_provinces).delete()
    MilitaryPartyCell.objects.filter(**in_provinces).delete()
    Village.objects.filter(**in_provinces).delete()
    CommunePopulation.objects.filter(**in_provinces).delete()
