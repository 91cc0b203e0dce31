"""The audit pages: the change history and the read log, filtered, paged and exported.

Thin views over `audit.changes` and `audit.reads`. Access follows `config.access.requires`:
reading the audit needs `accounts.read_audit`, which only the national administrator holds
(`accounts.roles`); any other role gets 403, an anonymous visitor the login page. The lists
themselves give rows only to a reader whose area is the whole nation (fails closed).

Showing or exporting a change shows the values of a person's record, so both are recorded in
the read log (`members.services.audit`), as the explanation page and the roster export are.
The read log's own page shows who read whom but no record, and is not recorded: each visit
would push the entries being examined down by the ones it adds. Its export, a copy of names
leaving the server, is recorded.
"""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.models import User
from config.access import requires
from members.models import Person
from members.services.audit import person_reads_log

from .changes import ROW_LIMIT, change_keys, change_rows, change_rows_all
from .exports import FORMATS, Column, file_response
from .filters import ChangeFilter, ReadFilter
from .paging import CappedPaginator
from .reads import read_list, read_rows

PERMISSION = "accounts.read_audit"
PAGE_SIZE = 50
TEMPLATES = "audit/"
PURPOSE_CHANGES = "audit_changes"
PURPOSE_CHANGES_EXPORT = "audit_changes_export"
PURPOSE_READS_EXPORT = "audit_reads_export"

CHANGE_COLUMNS = [
    Column("when", _("when")),
    Column("kind", _("record kind")),
    Column("object", _("record")),
    Column("action", _("action")),
    Column("changes_text", _("changes")),
    Column("user", _("by")),
    Column("person", _("person")),
]
READ_COLUMNS = [
    Column("when", _("read at")),
    Column("person", _("person")),
    Column("user", _("read by")),
    Column("purpose", _("where")),
]


@requires(PERMISSION)
@require_safe
def change_list_view(request: HttpRequest) -> HttpResponse:
    filterset = ChangeFilter(request.GET)
    keys = change_keys(actor=request.user, filterset=filterset)
    file_format = request.GET.get("format")
    if file_format in FORMATS:
        rows = list(change_rows_all(keys))
        log_people(request.user, (row.person_id for row in rows), PURPOSE_CHANGES_EXPORT)
        name = f"audit-changes-{timezone.localdate():%Y-%m-%d}"
        return file_response(name=name, columns=CHANGE_COLUMNS, rows=rows, file_format=file_format)
    page = CappedPaginator(keys, PAGE_SIZE, limit=ROW_LIMIT).get_page(request.GET.get("page"))
    rows = change_rows(page.object_list)
    log_people(request.user, (row.person_id for row in rows), PURPOSE_CHANGES)
    context = {"filter": filterset, "page": page, "rows": rows}
    return render(request, TEMPLATES + "changes.html", context | {"limit": ROW_LIMIT})


@requires(PERMISSION)
@require_safe
def read_list_view(request: HttpRequest) -> HttpResponse:
    filterset = ReadFilter(request.GET)
    logs = read_list(actor=request.user, filterset=filterset)
    file_format = request.GET.get("format")
    if file_format in FORMATS:
        rows = read_rows(logs[:ROW_LIMIT])
        log_people(request.user, (row.person_id for row in rows), PURPOSE_READS_EXPORT)
        name = f"audit-reads-{timezone.localdate():%Y-%m-%d}"
        return file_response(name=name, columns=READ_COLUMNS, rows=rows, file_format=file_format)
    page = CappedPaginator(logs, PAGE_SIZE, limit=ROW_LIMIT).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "rows": read_rows(page)}
    return render(request, TEMPLATES + "reads.html", context | {"limit": ROW_LIMIT})


def log_people(reader: User, person_ids: Iterable[int | None], purpose: str) -> None:
    """Record that `reader` was shown these people's records; people since deleted are skipped."""
    wanted = {pk for pk in person_ids if pk is not None}
    existing = Person.objects.filter(pk__in=wanted).values_list("pk", flat=True) if wanted else []
    person_reads_log(reader=reader, person_ids=sorted(existing), purpose=purpose)
