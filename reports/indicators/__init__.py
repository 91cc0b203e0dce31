"""The indicator registry: one definition per code of the catalogue (targets.indicators).

Definitions are grouped by theme in the sibling modules; each computes numerators and
denominators for an area and all its children in one aggregate query. Those that count people
also list them (`Definition.people`), from the querysets their counts aggregate.
"""

from targets.indicators import Indicator

from . import admissions, cells, command, shares, villages
from .base import (
    Counts,
    Definition,
    Grouped,
    Part,
    Window,
    computing_live,
    indicator_value,
    sharing,
    total,
)

__all__ = [
    "REGISTRY",
    "Counts",
    "Definition",
    "Grouped",
    "Part",
    "Window",
    "computing_live",
    "definition",
    "indicator_value",
    "missing_definitions",
    "sharing",
    "total",
]

REGISTRY: dict[str, Definition] = {
    str(d.code): d
    for module in (shares, admissions, cells, command, villages)
    for d in module.DEFINITIONS
}


def definition(code: str) -> Definition:
    """Return the definition of `code`; raise KeyError for a code without one."""
    return REGISTRY[Indicator(code).value]


def missing_definitions() -> list[str]:
    """List the catalogue codes that have no definition (the system check reports them)."""
    return [code for code in Indicator.values if code not in REGISTRY]
