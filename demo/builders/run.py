"""Build the whole demo province in one transaction and describe what was made."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from . import (
    admission_plan,
    cadres,
    cells,
    constants,
    dqtv,
    geography,
    history,
    recent,
    reform,
    reserve,
    store,
    units,
    village_counts,
)
from .accounts import build_logins
from .context import DemoContext, make_context
from .directives import build_directives


@dataclass
class Outcome:
    """What a run did: whether it built anything, the logins and the notes to print."""

    built: bool
    logins: list[tuple[str, str, str]]
    people: int = 0


def build_structure(ctx: DemoContext) -> None:
    """Create the villages, populations, commands, cells and force units (of both eras when
    the demo lives past the reform)."""
    geography.build_villages(ctx)
    geography.build_populations(ctx)
    units.build_commands(ctx)
    units.build_cells(ctx)
    units.build_force_units(ctx)
    if ctx.reformed:
        reform.build_current_structure(ctx)


def build_people(ctx: DemoContext) -> None:
    """Queue cadres, force members, admission cases, then write them and rate the cells."""
    cadres.build_cadres(ctx)
    pool = dqtv.build_dqtv(ctx, admission_plan.dqtv_slots(ctx))
    if not ctx.reformed:  # past the reform, the open cases are today's (`build_after`)
        dqtv.build_candidates(ctx, dqtv.settled(ctx, pool))
    dqtv.build_enterprise_workers(ctx, admission_plan.enterprise_slots(ctx))
    dqtv.build_former(ctx)
    reserve.build_reserve(ctx, admission_plan.reserve_slots(ctx))
    if ctx.reformed:
        build_after(ctx)
    geography.cover_villages(ctx)
    cadres.set_holder_kinds(ctx)
    store.write_rows(ctx.rows)
    cells.build_ratings(ctx)
    cells.build_committees(ctx)
    if ctx.reformed:
        cells.build_current_committees(ctx)
    village_counts.build_village_counts(ctx)


def build_after(ctx: DemoContext) -> None:
    """Live on from the seed date to the demo date: service and posts go on (in the current
    communes from the reform), recruits replace those who leave, members are admitted and
    cases are open on the demo date."""
    chains = history.continue_service(ctx)
    history.continue_posts(ctx)
    ctx.day = ctx.until
    recent.build_admissions(ctx, chains)
    recent.build_open_cases(ctx, chains)
    history.move_residences(ctx)


def seed_demo(
    *, seed: int, day: datetime.date, reset: bool, note: Callable[[str, dict], None]
) -> Outcome:
    """Build the demo as of `day` from `seed`; leave an existing demo alone unless `reset`."""
    with transaction.atomic():
        ctx = make_context(seed=seed, day=day)
        if store.demo_exists():
            if not reset:
                return Outcome(built=False, logins=[])
            store.delete_demo(ctx.province)
        elif store.province_has_people(ctx.province):
            raise CommandError(
                _("%(province)s already holds people that are not demo data; nothing was changed.")
                % {"province": ctx.province.name}
            )
        build_structure(ctx)
        legacy_day = ctx.day
        build_people(ctx)
        build_directives(legacy_day, note)
        logins = build_logins(*login_areas(ctx))
    return Outcome(built=True, logins=logins, people=len(ctx.rows.persons))


def login_areas(ctx: DemoContext) -> tuple:
    """Return the province and commune of the demo logins: the current ones past the reform
    (Tân Thành's successor), the legacy ones before it."""
    if ctx.reformed:
        return ctx.era.province, reform.cadre_commune(ctx)
    return ctx.province, ctx.commune(constants.TAN_THANH) or ctx.communes[0]
