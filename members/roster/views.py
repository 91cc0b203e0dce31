"""Roster pages: upload → dry-run preview → confirm; the template; the export of one's area.

The views only translate HTTP into `import_roster` and the exporter, which decide everything.
"""

import io
import tempfile
from collections.abc import Iterable

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from config.access import requires

from .columns import EN, VI, RosterFileError
from .exporter import CSV, XLSX, commune_choices, logged_rows, write_csv, write_xlsx
from .files import drop_upload, keep_upload, kept_upload
from .importer import import_roster
from .reading import check_size
from .state import ImportReport

PERMISSION = "members.add_person"
TEMPLATE = "members/roster/import.html"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Roster file (.xlsx or CSV UTF-8)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except RosterFileError as error:
            raise forms.ValidationError(str(error), code="size") from error
        return upload


@requires(PERMISSION)
@require_http_methods(["GET", "POST"])
def roster_import(request: HttpRequest) -> HttpResponse:
    """Show the upload form; on upload, preview a dry run; on confirm, import for real."""
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, request.POST["token"])
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = keep_upload(upload, user=request.user, session=request.session)
        report = _run(request, token, dry_run=True)
        if report is not None and not report.ok:
            # The file must be corrected and uploaded again: this copy will never be confirmed.
            drop_upload(token, user=request.user, session=request.session)
        return render(request, TEMPLATE, _context(form, report, token, upload.name))
    return render(request, TEMPLATE, {"form": form})


def _confirm(request: HttpRequest, token: str) -> HttpResponse:
    report = _run(request, token, dry_run=False)
    if report is None:
        messages.error(request, _("The uploaded file has expired: upload it again."))
        return redirect("members:roster_import")
    # Imported or refused, the kept copy has served: a refused one must be uploaded again.
    drop_upload(token, user=request.user, session=request.session)
    if not report.ok:
        return render(request, TEMPLATE, _context(UploadForm(), report, token, ""))
    messages.success(
        request,
        _(
            "Imported %(rows)s rows: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return redirect("members:roster_import")


def _run(request: HttpRequest, token: str, *, dry_run: bool) -> ImportReport | None:
    path = kept_upload(token, user=request.user, session=request.session)
    if path is None:
        return None
    with path.open("rb") as source:
        return import_roster(source, actor=request.user, dry_run=dry_run)


def _context(form: UploadForm, report: ImportReport | None, token: str, name: str) -> dict:
    return {"form": form, "report": report, "token": token, "file_name": name}


def _file_format(request: HttpRequest) -> str:
    return CSV if request.GET.get("format") == CSV else XLSX


def _language(request: HttpRequest) -> str:
    """Vietnamese, the file cadres work in; `?lang=en` gives the first, English format."""
    return EN if request.GET.get("lang") == EN else VI


@requires(PERMISSION)
@require_GET
def roster_template(request: HttpRequest) -> HttpResponse:
    """Return an empty roster with the exact headers, as .xlsx (default) or CSV."""
    return _file_response(request, iter(()), "roster-template")


@requires(PERMISSION)
@require_GET
def roster_export(request: HttpRequest) -> HttpResponse:
    """Return every service record of the actor's area as a roster that re-imports as is."""
    name = f"roster-{timezone.localdate():%Y-%m-%d}"
    return _file_response(request, logged_rows(actor=request.user), name)


def _file_response(request: HttpRequest, rows: Iterable[list], name: str) -> HttpResponse:
    language = _language(request)
    if _file_format(request) == CSV:
        text = io.StringIO()
        write_csv(text, rows, language=language)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    communes = commune_choices(actor=request.user) if language == VI else []
    # A spooled file stays in memory while small and moves to disk for a province's roster.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    write_xlsx(out, rows, language=language, communes=communes)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{name}.xlsx")
