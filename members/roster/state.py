"""What an import remembers across batches, and the report it hands back.

Memory grows with the number of people in the file, not with the file: each person keeps a
tuple of personal values and one small tuple per service row.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser

from units.querysets import covers
from units.scope import AreaScope

from .columns import EN, RowError
from .vocabulary import Vocabulary, vocabulary

# A preview lists this many errors; the count says how many more there are.
MAX_ERRORS = 1000


@dataclass(slots=True)
class ImportReport:
    """What an import did, or would do on a dry run, and every error it found."""

    dry_run: bool = True
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    services_created: int = 0
    services_updated: int = 0
    party_created: int = 0
    party_updated: int = 0
    villages_created: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Column key → header in the file's language, once the header line is read: errors name
    # the columns as the file does.
    column_names: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def add_errors(self, errors: list[RowError]) -> None:
        self.error_count += len(errors)
        room = MAX_ERRORS - len(self.errors)
        if room > 0:
            names = self.column_names
            self.errors.extend(
                RowError(error.row, names.get(error.column, error.column), error.message)
                for error in errors[:room]
            )


@dataclass(frozen=True, slots=True)
class CommuneRef:
    id: int
    code: str
    name: str
    province_id: int
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        return covers(self.valid_from, self.valid_to, day)


@dataclass(frozen=True, slots=True)
class NamedCommune:
    """A commune of the actor's area found by name, with where it lies for a message."""

    ref: CommuneRef
    place: str


# (force, start, end, row number, is core) of one service row already read from the file.
SeenService = tuple[str, datetime.date, datetime.date | None, int, bool]


@dataclass(slots=True)
class PersonSeen:
    """A national ID met earlier in the file."""

    first_row: int
    personal: tuple
    pk: int | None = None
    services: list[SeenService] = field(default_factory=list)


@dataclass
class ImportContext:
    """The acting user's area, the caches of reference data, and the people seen so far."""

    scope: AreaScope
    actor: AbstractBaseUser | None
    report: ImportReport
    persons: dict[str, PersonSeen] = field(default_factory=dict)
    # The file's words; English until the header line says otherwise.
    words: Vocabulary = field(default_factory=lambda: vocabulary(EN))
    communes: dict[str, list[CommuneRef]] = field(default_factory=dict)
    # Name key → the communes of the area it names (`vocabulary.name_keys`); loaded when a row
    # first gives a commune by name.
    commune_names: dict[str, list[NamedCommune]] | None = None
    # commune id → village name → village id (None until written, on a refused file)
    villages: dict[int, dict[str, int | None]] = field(default_factory=dict)
    # (province id, force) → unit name → [(unit id, commune id)]
    units: dict[tuple[int, str], dict[str, list[tuple[int, int | None]]]] = field(
        default_factory=dict
    )

    @property
    def writing(self) -> bool:
        """Write batches while the file is clean; after one error, only look for more."""
        return self.report.ok

    def in_area(self, commune: CommuneRef) -> bool:
        return self.scope.contains_commune(commune.id, commune.province_id)
