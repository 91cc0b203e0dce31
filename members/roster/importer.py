"""Import a roster file: every row validated, all written or nothing.

One pass streams the file in batches. Each batch is checked with a few set-based queries and,
while the file is clean, written in bulk inside one transaction; an error anywhere, or a dry
run, rolls the whole transaction back. A dry run therefore takes the same path as the real
import, and its preview is what confirming would do, database constraints included.
"""

from itertools import islice
from typing import BinaryIO

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from members.militia_rules import rules_in_force
from units.scope import EVERYTHING, scope_of

from .batch import process_batch
from .columns import WHOLE_FILE, RosterFileError, RowError
from .parsing import ParsedRow, parse_row
from .reading import read_rows
from .state import ImportContext, ImportReport
from .vocabulary import vocabulary

BATCH_ROWS = 2000


class _Rollback(Exception):
    """Leave the transaction without committing (dry run or refused file)."""


def import_roster(
    source: BinaryIO, *, actor: AbstractBaseUser | None, dry_run: bool
) -> ImportReport:
    """Import `source` within `actor`'s area; no actor means a national import without bounds."""
    scope = EVERYTHING if actor is None else scope_of(actor)
    report = ImportReport(dry_run=dry_run)
    ctx = ImportContext(scope=scope, actor=actor, report=report)
    try:
        with transaction.atomic():
            _run(source, ctx)
            if dry_run or not report.ok:
                raise _Rollback
    except _Rollback:
        pass
    except RosterFileError as error:
        report.add_errors(error.errors)
    except IntegrityError as error:
        report.add_errors([_database_refusal(error)])
    return report


def _run(source: BinaryIO, ctx: ImportContext) -> None:
    language, rows = read_rows(source)
    # Built once: every row's coded cells are dict lookups in it.
    ctx.words = words = vocabulary(language)
    ctx.report.column_names = words.names
    militia = rules_in_force()
    while batch := list(islice(rows, BATCH_ROWS)):
        parsed: list[ParsedRow] = []
        for number, cells in batch:
            row, errors = parse_row(number, cells, words, militia)
            if errors:
                ctx.report.add_errors(errors)
            else:
                parsed.append(row)
        ctx.report.rows += len(batch)
        process_batch(parsed, ctx)


def _database_refusal(error: DatabaseError) -> RowError:
    # The checks above mirror every constraint; reaching here means a rule they miss, so the
    # database's own words are the best explanation available.
    return RowError(
        WHOLE_FILE,
        "",
        _("The database refused the import, nothing was written: %(reason)s")
        % {"reason": str(error).splitlines()[0]},
    )
