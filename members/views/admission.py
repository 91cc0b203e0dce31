"""Admission-case pages: list, detail, open a case, record a step, close a case (DOMAIN.md §5).

The views only translate HTTP into the admission services and back: every rule is judged there,
and a refusal comes back on the form, beside the field it names. Rows come from the actor's area
scope alone, so a case outside it answers 404 exactly like a missing one.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import scope_for
from members.forms.admission import (
    DONE,
    OPEN,
    CaseFilterForm,
    CloseCaseForm,
    OpenCaseForm,
    StepForm,
)
from members.models import (
    STAGE_ORDER,
    AdmissionCase,
    AdmissionStep,
    Stage,
)
from members.rules import RuleBook
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


def cases_visible_to(user) -> QuerySet[AdmissionCase]:
    """Return the cases of the user's area, with what the pages show of each."""
    steps = AdmissionStep.objects.select_related("recorded_by")
    return (
        AdmissionCase.objects.filter(scope_for(user).q(commune="commune"))
        .select_related("person", "commune", "cell", "helper")
        .prefetch_related(Prefetch("steps", queryset=steps))
    )


def _case_or_404(user, pk: int) -> AdmissionCase:
    return get_object_or_404(cases_visible_to(user), pk=pk)


@dataclass(frozen=True)
class CaseRow:
    """One line of the list: a case, the step it has reached and the one it waits for."""

    case: AdmissionCase
    current_stage: str | None
    next_stage: str | None
    deadline: datetime.date | None
    overdue: bool

    @property
    def current_label(self) -> str:
        return Stage(self.current_stage).label if self.current_stage else ""

    @property
    def next_label(self) -> str:
        return Stage(self.next_stage).label if self.next_stage else ""


def _row(case: AdmissionCase, rules: RuleBook, today: datetime.date) -> CaseRow:
    reached = max((STAGE_ORDER.index(step.stage) for step in case.steps.all()), default=-1)
    current = STAGE_ORDER[reached] if reached >= 0 else None
    stage, deadline = admission_next_step(case, rules)
    overdue = deadline is not None and today > deadline
    return CaseRow(case, current, stage, deadline, overdue)


def _row_order(row: CaseRow) -> tuple:
    """Overdue first, then the nearest deadline, then cases without one, by name."""
    return (not row.overdue, row.deadline or datetime.date.max, row.case.person.full_name)


def _filtered(cases: QuerySet[AdmissionCase], filters: CaseFilterForm) -> QuerySet:
    if not filters.is_valid():
        return cases
    stage, outcome = filters.cleaned_data["stage"], filters.cleaned_data["outcome"]
    if stage:
        # Steps are recorded in order, so a case is at `stage` when no later step exists.
        cases = cases.filter(steps__stage=stage).exclude(
            steps__stage__in=STAGE_ORDER[STAGE_ORDER.index(stage) + 1 :]
        )
    if outcome == OPEN:
        cases = cases.filter(outcome="").exclude(steps__stage=Stage.RECOGNITION)
    elif outcome == DONE:
        cases = cases.filter(steps__stage=Stage.RECOGNITION)
    elif outcome:
        cases = cases.filter(outcome=outcome)
    return cases


@login_required
@permission_required("members.view_admissioncase", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    """List the cases of the actor's area, overdue ones first."""
    filters = CaseFilterForm(request.GET)
    today = timezone.localdate()
    rules = RuleBook()
    cases = _filtered(cases_visible_to(request.user), filters)
    rows = sorted((_row(case, rules, today) for case in cases), key=_row_order)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "today": today}
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


@login_required
@permission_required("members.view_admissioncase", raise_exception=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the steps recorded, the next step with its deadline, and the form to record it."""
    return _render_detail(request, _case_or_404(request.user, pk))


@login_required
@permission_required("members.add_admissionstep", raise_exception=True)
@require_POST
def case_record_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the next step; a refusal shows the form again with every reason, writing nothing."""
    case = _case_or_404(request.user, pk)
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
    return _render_detail(request, _case_or_404(request.user, pk), form)


@login_required
@permission_required("members.add_admissioncase", raise_exception=True)
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


@login_required
@permission_required("members.change_admissioncase", raise_exception=True)
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a case: struck off the probationary list, stopped or transferred."""
    case = _case_or_404(request.user, pk)
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
