"""Write the queued rows in batches, and find or delete the demo rows of the province."""

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


def province_has_people(province: Province) -> bool:
    """Say whether anyone lives in the province (data that is not ours to overwrite)."""
    return Person.objects.filter(residence_commune__province=province).exists()


def delete_demo(province: Province) -> None:
    """Delete every demo row: people, cases, units, commands, cells, villages and populations
    of the province, the seeds' directives and the demo logins."""
    # Demo rows are not records anyone kept: deleting them writes no history (one history row
    # per deleted object would make a reset take minutes).
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        _delete_demo_rows(province)


def _delete_demo_rows(province: Province) -> None:
    in_province = {"commune__province": province}
    delete_logins()
    for directive in demo_directives():
        directive.delete()
    AdmissionCase.objects.filter(**in_province).delete()
    Person.objects.filter(residence_commune__province=province).delete()
    ForceUnit.objects.filter(province=province).delete()
    CommuneCommand.objects.filter(**in_province).delete()
    MilitaryPartyCell.objects.filter(**in_province).delete()
    Village.objects.filter(**in_province).delete()
    CommunePopulation.objects.filter(**in_province).delete()
