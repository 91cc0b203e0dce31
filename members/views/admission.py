"""Admission-case pages: list, detail, open a case, record a step, close a case (DOMAIN.md §5).

The views only translate HTTP into the admission services and back: every rule is judged there,
and a refusal comes back on the form, beside the field it names. Rows come from the actor's area
scope alone, so a case outside it answers 404 exactly like a missing one.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.access import requires
from members.filters import CaseFilter
from members.forms.admission import CloseCaseForm, OpenCaseForm, StepForm
from members.models import STAGE_ORDER, AdmissionCase, Stage
from members.selectors import cases
from members.selectors.admission import admission_next_step
from members.services.admission import (
    admission_case_close,
    admission_case_open,
    admission_step_record,
)
from members.services.audit import person_reads_log

PAGE_SIZE = 25
TEMPLATES = "members/admission/"
READ_PURPOSE = "admission_case"


@requires("members.view_admissioncase")
def case_list(request: HttpRequest) -> HttpResponse:
    """List the cases of the actor's area, overdue ones first."""
    rows = cases.case_list(actor=request.user, filters=request.GET)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": CaseFilter(request.GET).form, "page": page}
    return render(request, TEMPLATES + "case_list.html", context)


def _render_detail(
    request: HttpRequest, case: AdmissionCase, form: StepForm | None = None
) -> HttpResponse:
    next_step = admission_next_step(case)
    if form is None and next_step.stage and request.user.has_perm("members.add_admissionstep"):
        form = StepForm(stage=next_step.stage)
    steps = sorted(case.steps.all(), key=lambda step: STAGE_ORDER.index(step.stage))
    person_reads_log(reader=request.user, person_ids=[case.person_id], purpose=READ_PURPOSE)
    context = {
        "case": case,
        "steps": steps,
        "next_stage": Stage(next_step.stage) if next_step.stage else None,
        "deadline": next_step.deadline,
        "overdue": next_step.deadline is not None and timezone.localdate() > next_step.deadline,
        "form": form,
        "full_member": Stage.RECOGNITION in {step.stage for step in steps},
    }
    return render(request, TEMPLATES + "case_detail.html", context)


@requires("members.view_admissioncase")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the steps recorded, the next step with its deadline, and the form to record it."""
    return _render_detail(request, cases.case_get(actor=request.user, pk=pk))


@requires("members.add_admissionstep")
@require_POST
def case_record_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the next step; a refusal shows the form again with every reason, writing nothing."""
    case = cases.case_get(actor=request.user, pk=pk)
    next_stage = admission_next_step(case).stage
    form = StepForm(request.POST, stage=next_stage or request.POST.get("stage", ""))
    if form.is_valid():
        try:
            step = admission_step_record(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            label = step.get_stage_display()
            messages.success(request, _("Recorded: %(stage)s.") % {"stage": label})
            return redirect("members:case_detail", pk=case.pk)
    return _render_detail(request, cases.case_get(actor=request.user, pk=pk), form)


@requires("members.add_admissioncase")
def case_open(request: HttpRequest) -> HttpResponse:
    """Open a case for a person of the actor's area, recording step 0."""
    form = OpenCaseForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        commune = request.user.commune or person.residence_commune
        try:
            case = admission_case_open(actor=request.user, commune=commune, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The admission case is open."))
            return redirect("members:case_detail", pk=case.pk)
    return render(request, TEMPLATES + "case_open.html", {"form": form})


@requires("members.change_admissioncase")
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a case: struck off the probationary list, stopped or transferred."""
    case = cases.case_get(actor=request.user, pk=pk)
    form = CloseCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            admission_case_close(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The admission case is closed."))
            return redirect("members:case_detail", pk=case.pk)
    return render(request, TEMPLATES + "case_close.html", {"form": form, "case": case})
