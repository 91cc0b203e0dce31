"""Write an indicator entry of a report the way the pages show it, in words and local numbers.

Numbers follow the active language's formats (Vietnamese: 1.189 and 12,5), without trailing
zeros; percentages carry " %"; a hidden or missing figure is "—". A status is its translated
word (`reports.targets.STATUS_LABELS`); a gap names what the numerator counts ("61 more party
members needed", "3 more admissions needed"); the room to an upper bound is said either way.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from targets.display import SIGNS
from targets.indicators import Indicator, IndicatorUnit
from targets.models import UPPER_ONLY, Bound

from .targets import STATUS_LABELS

NO_VALUE = "—"

# What the numerator of each indicator counts, so a gap reads "61 more party members".
PARTY_MEMBERS = ngettext_lazy(
    "%(count)s more party member needed", "%(count)s more party members needed", "n"
)
ADMISSIONS = ngettext_lazy(
    "%(count)s more admission needed", "%(count)s more admissions needed", "n"
)
PEOPLE = ngettext_lazy("%(count)s more person needed", "%(count)s more people needed", "n")
COMMUNES = ngettext_lazy("%(count)s more commune needed", "%(count)s more communes needed", "n")
CELLS = ngettext_lazy("%(count)s more party cell needed", "%(count)s more party cells needed", "n")
VILLAGES = ngettext_lazy("%(count)s more village needed", "%(count)s more villages needed", "n")
GAP_PHRASES = {
    Indicator.PARTY_SHARE_DQTV: PARTY_MEMBERS,
    Indicator.PARTY_SHARE_MILITIA: PARTY_MEMBERS,
    Indicator.PARTY_SHARE_SELF_DEFENCE: PARTY_MEMBERS,
    Indicator.PARTY_SHARE_RESERVE: PARTY_MEMBERS,
    Indicator.PARTY_SHARE_RESERVE_OFFICERS: PARTY_MEMBERS,
    Indicator.DEPUTY_COMMANDERS_PARTY_MEMBERS: PARTY_MEMBERS,
    Indicator.ADMISSIONS_DQTV: ADMISSIONS,
    Indicator.ADMISSIONS_RESERVE: ADMISSIONS,
    Indicator.ADMISSIONS_PER_MILITARY_CELL: ADMISSIONS,
    Indicator.COMMUNES_WITH_MILITARY_CELL: COMMUNES,
    Indicator.MILITARY_CELLS_WITH_COMMITTEE: CELLS,
    Indicator.MILITARY_CELLS_RATED_GOOD: CELLS,
    Indicator.MILITARY_CELLS_COMPLETED_TASKS: CELLS,
    Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS: VILLAGES,
}

# What a reader must know about whom an indicator counts, beyond its name.
ASSIGNED_RESERVISTS_ONLY = gettext_lazy(
    "Only reservists assigned to a mobilisation unit are counted; those only registered at "
    "the commune are not."
)
COUNTING_NOTES = {
    Indicator.PARTY_SHARE_RESERVE: ASSIGNED_RESERVISTS_ONLY,
    Indicator.PARTY_SHARE_RESERVE_OFFICERS: ASSIGNED_RESERVISTS_ONLY,
    Indicator.ADMISSIONS_RESERVE: ASSIGNED_RESERVISTS_ONLY,
}


def entry_view(entry: dict) -> dict[str, Any]:
    """Describe an indicator entry in words and Vietnamese numbers: value, target, status, gap."""
    unit, target = entry["unit"], entry["target"]
    return {
        "code": entry["code"],
        "name": entry["name"],
        "suppressed": entry.get("suppressed", False),
        "value": shown(unit, entry["value"]),
        "fraction": fraction(entry),
        "target": target_text(unit, target) if target else "",
        "deadline": datetime.date.fromisoformat(target["deadline"]) if target else None,
        "directive": target["directive"] if target else "",
        "status": entry["status"] or "",
        "status_label": status_label(entry),
        "gap": gap_text(entry["code"], entry["gap"]),
        "room": room_text(entry["room"]),
        "unknown": unknown_text(entry.get("unknown", 0)),
    }


UNKNOWN = ngettext_lazy(
    "Unknown: %(count)s village has no count of its party members",
    "Unknown: %(count)s villages have no count of their party members",
    "n",
)


def unknown_text(unknown: int) -> str:
    """Say why a value is unknown (villages without a count); nothing when it is known."""
    return UNKNOWN % {"n": unknown, "count": number(unknown)} if unknown else ""


def number(value: float | int | Decimal) -> str:
    """Write a number the Vietnamese way (1.189; 12,5), without trailing zeros."""
    exact = Decimal(str(value)).normalize()
    return formats.number_format(exact, use_l10n=True, force_grouping=True)


def shown(unit: str, value: float | int | None) -> str:
    if value is None:
        return NO_VALUE
    return f"{number(value)} %" if unit == IndicatorUnit.PERCENT else number(value)


def fraction(entry: dict) -> str:
    """Write numerator / denominator; a count indicator has no denominator to show."""
    if entry["denominator"] is None:
        return ""
    numerator = NO_VALUE if entry["numerator"] is None else number(entry["numerator"])
    return f"{numerator} / {number(entry['denominator'])}"


def target_text(unit: str, target: dict) -> str:
    """Write a target's bounds with symbols (≥ 12,5 %; > 30 %; 70–75 %), alike in every
    language."""
    suffix = " %" if unit == IndicatorUnit.PERCENT else ""
    lower = None if target["lower"] is None else number(target["lower"])
    upper = None if target["upper"] is None else number(target["upper"])
    bound = Bound(target["bound"])
    if bound == Bound.RANGE:
        return f"{lower}–{upper}{suffix}"
    return f"{SIGNS[bound]}{upper if bound in UPPER_ONLY else lower}{suffix}"


def status_label(entry: dict) -> str:
    if entry["status"]:
        return str(STATUS_LABELS[entry["status"]])
    if entry["target"] is None:
        return _("no target")
    return NO_VALUE


def gap_text(code: str, gap: int | None) -> str:
    """Say how many more people (or admissions) reach the lower bound; nothing once reached."""
    if not gap:
        return ""
    return GAP_PHRASES.get(code, PEOPLE) % {"n": gap, "count": number(gap)}


def room_text(room: int | None) -> str:
    """Say how far the value is from the upper bound, below or past it."""
    if room is None:
        return ""
    if room < 0:
        return _("%(count)s over the upper bound") % {"count": number(-room)}
    return _("%(count)s left before the upper bound") % {"count": number(room)}
