"""The models whose change history the audit shows, and how each reaches its person, as data.

Every model with `HistoricalRecords` is listed here; a system check (`audit.E001`) fails at
start-up when one is not, so a newly tracked model cannot drop out of the audit unseen.
"""

from dataclasses import dataclass

from django.core.checks import CheckMessage, Error
from django.db.models import Model
from simple_history.models import registered_models

from members.models import (
    AdmissionCase,
    AdmissionStep,
    CommandPost,
    PartyRecord,
    Person,
    ServiceRecord,
)
from targets.models import Directive, Target


@dataclass(frozen=True)
class Audited:
    """A model with history: where its person's id is, and the relations its name reads.

    `person` is the historical column that holds the person's id ("id" for a person itself),
    looked up in the history of `through` when set (a step reaches its person through its
    case). `parents` are the foreign keys the model's `__str__` follows; the audit attaches
    them in bulk so that naming a page of rows costs no query per row.
    """

    model: type[Model]
    person: str | None = None
    through: type[Model] | None = None
    parents: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    @property
    def history(self) -> type[Model]:
        return self.model.history.model


AUDITED: tuple[Audited, ...] = (
    Audited(Person, person="id"),
    Audited(ServiceRecord, person="person_id", parents=("person",)),
    Audited(CommandPost, person="person_id", parents=("person",)),
    Audited(PartyRecord, person="person_id", parents=("person",)),
    Audited(AdmissionCase, person="person_id", parents=("person",)),
    Audited(AdmissionStep, person="case_id", through=AdmissionCase, parents=("case",)),
    Audited(Directive),
    Audited(Target, parents=("directive",)),
)
BY_KEY = {audited.key: audited for audited in AUDITED}
BY_MODEL = {audited.model: audited for audited in AUDITED}


def check_every_history_is_audited(**kwargs: object) -> list[CheckMessage]:
    """Report each model with a change history that the audit does not list."""
    missing = sorted(
        model._meta.label
        for model in registered_models.values()
        if model not in BY_MODEL and not model._meta.abstract
    )
    return [
        Error(
            f"{label} keeps a change history that the audit does not show.",
            hint="Add it to audit.registry.AUDITED.",
            id="audit.E001",
        )
        for label in missing
    ]
