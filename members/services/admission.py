"""The admission pipeline's writes: open a case, record a step, close a case (DOMAIN.md §5).

Each function runs in one transaction and writes nothing when it refuses. A refusal is a
`ValidationError` keyed by the argument at fault, each message carrying a `code`.
"""

import datetime
from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from members.models import (
    AdmissionCase,
    AdmissionStep,
    ExitKind,
    Outcome,
    PartyRecord,
    Person,
    Stage,
)
from members.querysets import member_on
from members.rules import add_months, format_day, probation_ends_on, rule_set_on
from members.services.admission_checks import (
    Steps,
    check_input,
    check_order,
    refuse,
    refuse_breaches,
    rule_breaches,
)
from members.validators import validate_not_in_future
from units.models import Commune, MilitaryPartyCell

# Exits after which the Party admits a person again only after the readmission wait.
READMISSION_EXITS = (ExitKind.EXPELLED, ExitKind.STRUCK_OFF, ExitKind.RESIGNED)
OUT_OF_AREA = gettext_lazy("This choice is outside your area.")


def admission_case_open(
    *,
    person: Person,
    commune: Commune,
    actor: AbstractBaseUser,
    opened_on: datetime.date,
    cell: MilitaryPartyCell | None = None,
    helper: Person | None = None,
) -> AdmissionCase:
    """Open a case for `person` and record step 0 (picked for the source pool) on `opened_on`."""
    with transaction.atomic():
        _check_in_area(actor=actor, person=person, commune=commune)
        _check_happened(opened_on, field="opened_on")
        _check_can_open(person=person, opened_on=opened_on)
        _check_cell_and_helper(
            person=person, commune=commune, cell=cell, helper=helper, on=opened_on
        )
        case = AdmissionCase(person=person, commune=commune, cell=cell, helper=helper)
        case.full_clean()
        case.save()
        step = AdmissionStep(case=case, stage=Stage.SOURCED, done_on=opened_on, recorded_by=actor)
        step.full_clean()
        step.save()
    return case


def admission_step_record(
    *,
    case: AdmissionCase,
    stage: str,
    done_on: datetime.date,
    actor: AbstractBaseUser,
    document_number: str = "",
    eligible_voters: int | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    extension_reason: str = "",
    override_reason: str = "",
    note: str = "",
) -> AdmissionStep:
    """Record the next step of `case`, refusing it when it breaks a rule in force on `done_on`.

    A rule breach is accepted when `override_reason` says why; the reason is kept on the step.
    Order, missing votes and an unfinished probation are refused whatever the reason.
    """
    with transaction.atomic():
        _lock_in_area(case, actor)
        steps: Steps = {step.stage: step for step in case.steps.all()}
        step = AdmissionStep(
            case=case,
            stage=stage,
            done_on=done_on,
            document_number=document_number.strip(),
            eligible_voters=eligible_voters,
            votes_for=votes_for,
            votes_against=votes_against,
            extension_reason=extension_reason.strip(),
            override_reason=override_reason.strip(),
            note=note.strip(),
            recorded_by=actor,
        )
        _check_step(step, steps)
        step.full_clean()
        step.save()
        if stage in AFTER_STEP:
            AFTER_STEP[stage](step, steps)
    return step


def admission_case_close(
    *,
    case: AdmissionCase,
    outcome: str,
    on: datetime.date,
    reason: str,
    actor: AbstractBaseUser,
) -> AdmissionCase:
    """Close `case` with `outcome` on `on`; striking off also ends the probationary record."""
    with transaction.atomic():
        _lock_in_area(case, actor)
        _check_happened(on, field="on")
        _check_can_close(case=case, outcome=outcome, on=on, reason=reason)
        case.outcome, case.outcome_on, case.outcome_reason = outcome, on, reason.strip()
        case.full_clean()
        case.save(update_fields=["outcome", "outcome_on", "outcome_reason"])
        record = case.party_record
        if outcome == Outcome.STRUCK_OFF and record is not None and record.exit_on is None:
            record.exit_on, record.exit_kind = on, ExitKind.STRUCK_OFF
            record.full_clean()
            record.save(update_fields=["exit_on", "exit_kind"])
    return case


def _check_in_area(*, actor: AbstractBaseUser, person: Person, commune: Commune) -> None:
    """Refuse a person or a commune outside the actor's area, as if it did not exist."""
    if not Person.objects.visible_to(actor).filter(pk=person.pk).exists():
        raise ValidationError({"person": ValidationError(OUT_OF_AREA, code="out_of_area")})
    if not Commune.objects.visible_to(actor).filter(pk=commune.pk).exists():
        raise ValidationError({"commune": ValidationError(OUT_OF_AREA, code="out_of_area")})


def _check_happened(day: datetime.date, *, field: str) -> None:
    """Refuse a future date under the name the caller gave it (the model names it otherwise)."""
    try:
        validate_not_in_future(day)
    except ValidationError as error:
        raise ValidationError({field: error}) from None


def _lock_in_area(case: AdmissionCase, actor: AbstractBaseUser) -> None:
    """Reload `case` locked for the write; refuse it when it lies outside the actor's area.

    The view found the case through the same scope; the service checks again because it is
    the one write path, whoever calls it.
    """
    try:
        case.refresh_from_db(
            from_queryset=AdmissionCase.objects.visible_to(actor).select_for_update()
        )
    except AdmissionCase.DoesNotExist:
        message = gettext("This admission case is outside your area.")
        raise ValidationError(message, code="out_of_area") from None


def _check_step(step: AdmissionStep, steps: Steps) -> None:
    check_order(step.case, step, steps)
    check_input(step)
    breaches = rule_breaches(step, steps)
    if breaches and not step.override_reason:
        refuse_breaches(breaches)


def _check_can_open(*, person: Person, opened_on: datetime.date) -> None:
    if PartyRecord.objects.filter(person=person, exit_on__isnull=True).exists():
        refuse("person", "already_member", gettext("This person is already a party member."))
    in_progress = AdmissionCase.objects.filter(person=person, outcome="").exclude(
        steps__stage=Stage.RECOGNITION
    )
    if in_progress.exists():
        refuse("person", "case_in_progress", gettext("This person already has an open case."))
    last_exit = (
        PartyRecord.objects.filter(
            person=person, exit_kind__in=READMISSION_EXITS, exit_on__lte=opened_on
        )
        .order_by("-exit_on")
        .first()
    )
    if last_exit is not None:
        _check_readmission_wait(last_exit, opened_on)


def _check_readmission_wait(last_exit: PartyRecord, opened_on: datetime.date) -> None:
    rules = rule_set_on(opened_on)
    allowed_from = add_months(last_exit.exit_on, rules.readmission_wait_months)
    if opened_on >= allowed_from:
        return
    refuse(
        "opened_on",
        "readmission_wait",
        gettext("Rule '%(rule)s' (%(source)s): %(detail)s"),
        rule=gettext("readmission only after %(months)s months")
        % {"months": rules.readmission_wait_months},
        source=rules.source_document,
        detail=gettext("left the Party on %(exit)s (%(kind)s); a case can open from %(from)s.")
        % {
            "exit": format_day(last_exit.exit_on),
            "kind": last_exit.get_exit_kind_display(),
            "from": format_day(allowed_from),
        },
    )


def _check_cell_and_helper(
    *,
    person: Person,
    commune: Commune,
    cell: MilitaryPartyCell | None,
    helper: Person | None,
    on: datetime.date,
) -> None:
    if cell is not None and cell.commune_id != commune.pk:
        refuse("cell", "cell_commune", gettext("The party cell belongs to another commune."))
    if helper is not None and (helper.pk == person.pk or not _is_full_member(helper, on)):
        refuse(
            "helper",
            "helper_not_full_member",
            gettext("The helper must be a full party member on %(date)s."),
            date=format_day(on),
        )


def _is_full_member(person: Person, on: datetime.date) -> bool:
    """Tell whether `person` is a full party member on `on`.

    A record without a pipeline and without a full-membership date is a member admitted before
    the product existed: it counts as full. One from a pipeline is full once recognised.
    """
    return (
        PartyRecord.objects.filter(member_on(on), person=person)
        .filter(
            Q(full_member_on__lte=on) | Q(full_member_on__isnull=True, admission_case__isnull=True)
        )
        .exists()
    )


def _check_can_close(*, case: AdmissionCase, outcome: str, on: datetime.date, reason: str) -> None:
    if outcome not in Outcome.values:
        refuse("outcome", "outcome_unknown", gettext("There is no such outcome."))
    if case.outcome:
        refuse("outcome", "case_closed", gettext("The case is already closed."))
    steps = list(case.steps.order_by("done_on"))
    if any(step.stage == Stage.RECOGNITION for step in steps):
        refuse("outcome", "case_complete", gettext("The member is recognised: the case is done."))
    if not reason.strip():
        refuse("reason", "reason_required", gettext("Give the reason for closing the case."))
    if steps and on < steps[-1].done_on:
        refuse(
            "on",
            "step_date_order",
            gettext("The date is before the last step (%(date)s)."),
            date=format_day(steps[-1].done_on),
        )


def _start_probation(step: AdmissionStep, steps: Steps) -> None:
    """Create the probationary member's party record: admitted on the decision date."""
    case = step.case
    if PartyRecord.objects.filter(person=case.person, exit_on__isnull=True).exists():
        refuse("stage", "already_member", gettext("This person already has a party record."))
    decision = steps[Stage.DECISION]
    record = PartyRecord(
        person=case.person,
        admitted_on=decision.done_on,
        decision_number=decision.document_number,
        ceremony_on=step.done_on,
        military_cell=case.cell,
    )
    record.full_clean()
    record.save()
    case.party_record = record
    case.full_clean()
    case.save(update_fields=["party_record"])


def _grant_full_membership(step: AdmissionStep, steps: Steps) -> None:
    """Make the member full from the end of probation, however late the recognition."""
    record = step.case.party_record
    if record is None:
        refuse("stage", "party_record_missing", gettext("The case has no party record."))
    record.full_member_on = probation_ends_on(steps[Stage.CEREMONY].done_on)
    record.full_clean()
    record.save(update_fields=["full_member_on"])


# What a recorded step changes beyond itself, run in the same transaction.
AFTER_STEP: dict[str, Callable[[AdmissionStep, Steps], None]] = {
    Stage.CEREMONY: _start_probation,
    Stage.RECOGNITION: _grant_full_membership,
}
