"""Admission cases and their dated steps, consistent with the 2021 rule set (migration 0003):
age 18–60 at the cell vote, votes of at least 2/3, decision within 60 working days of the cell
vote, ceremony within 30 working days of the decision, 12 months of probation.

From 1 July 2025 there is no district party committee: decisions are numbered as the commune
party committee's (ĐU). The steps stay those of the rule sets the product holds (step 6 included).
"""

import datetime
import math

from members.models import (
    AdmissionCase,
    AdmissionStep,
    ExitKind,
    IntroductionKind,
    Outcome,
    PartyRecord,
    Stage,
)
from units.models import REFORM_DATE, Commune, MilitaryPartyCell

from .calendar import add_months, add_years
from .context import DemoContext

DAYS = datetime.timedelta
PRE_DECISION = Stage.values[: Stage.values.index(Stage.DECISION)]
NUMBERED = {
    Stage.AWARENESS_COURSE: "{n}/GCN-TTCT",
    Stage.CELL_VOTE: "{n}-NQ/CB",
    Stage.COMMITTEE_RESOLUTION: "{n}-NQ/ĐU",
    Stage.DECISION: "{n}-QĐ/HU",
    Stage.RECOGNITION_VOTE: "{n}-NQ/CB",
    Stage.RECOGNITION: "{n}-QĐ/HU",
}
# Decisions of the commune party committee once the district committees were gone.
NUMBERED_AFTER_REFORM = {Stage.DECISION: "{n}-QĐ/ĐU", Stage.RECOGNITION: "{n}-QĐ/ĐU"}
VOTERS = {
    Stage.CELL_VOTE: (8, 30),
    Stage.COMMITTEE_RESOLUTION: (7, 15),
    Stage.RECOGNITION_VOTE: (8, 30),
}


def timeline(ctx: DemoContext, decision: datetime.date) -> dict[str, datetime.date]:
    """Return a date for every stage of a case whose admission decision is on `decision`."""
    cal, rng = ctx.calendar, ctx.rng
    cell_vote = cal.subtract(decision, rng.randint(15, 55))
    dates = {Stage.COMMITTEE_RESOLUTION: cal.add(cell_vote, rng.randint(3, 10))}
    dates[Stage.CELL_VOTE] = cell_vote
    dates[Stage.INTRODUCTION] = cell_vote - DAYS(rng.randint(7, 20))
    dates[Stage.VERIFICATION] = dates[Stage.INTRODUCTION] - DAYS(rng.randint(10, 40))
    dates[Stage.APPLICATION] = dates[Stage.VERIFICATION] - DAYS(rng.randint(20, 60))
    dates[Stage.AWARENESS_COURSE] = dates[Stage.APPLICATION] - DAYS(rng.randint(15, 90))
    dates[Stage.SOURCED] = dates[Stage.AWARENESS_COURSE] - DAYS(rng.randint(30, 120))
    dates[Stage.DECISION] = decision
    dates[Stage.CEREMONY] = cal.add(decision, rng.randint(5, 25))
    full = add_months(dates[Stage.CEREMONY], 12)
    dates[Stage.RECOGNITION_VOTE] = cal.add(full, rng.randint(3, 25))
    dates[Stage.RECOGNITION] = cal.add(dates[Stage.RECOGNITION_VOTE], rng.randint(5, 25))
    return {stage: dates[stage] for stage in Stage.values}


def step(ctx: DemoContext, case: AdmissionCase, stage: str, day: datetime.date) -> None:
    """Queue one step with its document number and, for a vote, votes of at least 2/3."""
    fields = {}
    if stage in NUMBERED:
        numbered = NUMBERED_AFTER_REFORM if day >= REFORM_DATE else NUMBERED
        pattern = numbered.get(stage, NUMBERED[stage])
        fields["document_number"] = pattern.format(n=ctx.next_number(stage))
    if stage in VOTERS:
        voters = ctx.rng.randint(*VOTERS[stage])
        votes_for = ctx.rng.randint(math.ceil(voters * 2 / 3), voters)
        fields |= {"eligible_voters": voters, "votes_for": votes_for}
        fields["votes_against"] = ctx.rng.randint(0, voters - votes_for)
    ctx.rows.steps.append(AdmissionStep(case=case, stage=stage, done_on=day, **fields))


def open_case(
    ctx: DemoContext, person: object, commune: Commune, cell: MilitaryPartyCell | None
) -> AdmissionCase:
    """Queue a case with a helper and introducers who were full members a year before."""
    case = AdmissionCase(person=person, commune=commune, cell=cell)
    ctx.rows.cases.append(case)
    return case


def introduce(ctx: DemoContext, case: AdmissionCase, person: object, vote: datetime.date) -> None:
    """Name the helper and introducers: full members of the commune for a year before the vote."""
    known = [
        member
        for member, record in ctx.introducers.get(case.commune.pk, [])
        if record.full_member_on
        and record.full_member_on <= vote - DAYS(365)
        and not record.exit_on
    ]
    youth = add_years(person.birth_date, 31) > vote and ctx.rng.random() < 0.5
    chosen = known[:1] if youth or len(known) < 2 else ctx.rng.sample(known, 2)
    if chosen:
        case.helper = chosen[0]
        case.introduction_kind = (
            IntroductionKind.YOUTH_UNION if len(chosen) == 1 else IntroductionKind.TWO_MEMBERS
        )
        ctx.rows.introducers += [(case, member) for member in chosen]


def admit(
    ctx: DemoContext,
    person: object,
    *,
    commune: Commune,
    dates: dict[str, datetime.date],
    cell: MilitaryPartyCell | None = None,
    struck_off: datetime.date | None = None,
) -> PartyRecord:
    """Queue a case following `dates` (from `timeline`) up to the demo date and the party record
    its decision made; a probationer struck off stops counting from `struck_off`."""
    decision = dates[Stage.DECISION]
    case = open_case(ctx, person, commune, cell)
    introduce(ctx, case, person, dates[Stage.CELL_VOTE])
    last = min(ctx.until, struck_off or ctx.until)
    for stage, day in dates.items():
        if day <= last:
            step(ctx, case, stage, day)
    record = PartyRecord(
        person=person, admitted_on=decision, decision_number=case_number(ctx, case)
    )
    if dates[Stage.CEREMONY] <= last:
        record.ceremony_on = dates[Stage.CEREMONY]
    if dates[Stage.RECOGNITION] <= last:
        record.full_member_on = add_months(dates[Stage.CEREMONY], 12)
    if struck_off:
        strike_off(case, record, struck_off)
    case.party_record = record
    ctx.rows.party_records.append(record)
    return record


def strike_off(case: AdmissionCase, record: PartyRecord, day: datetime.date) -> None:
    """Close the case and the party record of a probationer struck off on `day`."""
    record.exit_on, record.exit_kind = day, ExitKind.STRUCK_OFF
    case.outcome, case.outcome_on = Outcome.STRUCK_OFF, day
    case.outcome_reason = "Không giữ được tư cách đảng viên dự bị"


def case_number(ctx: DemoContext, case: AdmissionCase) -> str:
    """Return the decision number of the case's decision step just queued."""
    queued = [s for s in ctx.rows.steps[-12:] if s.case is case and s.stage == Stage.DECISION]
    return queued[0].document_number if queued else ""


def candidate(
    ctx: DemoContext,
    person: object,
    *,
    commune: Commune,
    stop: str,
    last_on: datetime.date,
    outcome: str = "",
    not_before: datetime.date | None = None,
) -> dict:
    """Queue a case stopped at `stop` on `last_on` (still open unless `outcome` is given);
    its steps move later when the first is before `not_before`, as far as the demo date
    allows."""
    dates = timeline(ctx, last_on + DAYS(120))
    shift = last_on - dates[stop]
    dates = {stage: day + shift for stage, day in dates.items() if stage in PRE_DECISION}
    if not_before and dates[Stage.SOURCED] < not_before:
        room = ctx.day - DAYS(45 if outcome else 1) - last_on
        later = min(not_before - dates[Stage.SOURCED], room)
        last_on, dates = last_on + later, {stage: day + later for stage, day in dates.items()}
    case = open_case(ctx, person, commune, None)
    stages = PRE_DECISION[: PRE_DECISION.index(stop) + 1]
    if Stage.INTRODUCTION in stages:
        introduce(ctx, case, person, dates[Stage.INTRODUCTION])
    for stage in stages:
        step(ctx, case, stage, dates[stage])
    if outcome:
        case.outcome, case.outcome_on = outcome, last_on + DAYS(ctx.rng.randint(5, 40))
        case.outcome_reason = {
            Outcome.STOPPED: "Chưa đủ tiêu chuẩn, dừng xem xét kết nạp",
            Outcome.TRANSFERRED: "Chuyển nơi cư trú, chuyển hồ sơ về nơi mới",
        }[outcome]
    return dates
