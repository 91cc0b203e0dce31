"""Hide small cells from aggregate-only readers: a figure about one to four people can name them.

One function, `suppress_small_cells`, works on a finished report, trend or pipeline dict, so the
HTML page, the API and the exports show the same thing. A cell is small when the count it is
about is above zero and below `settings.SMALL_CELL_MIN` (default 5); zero names nobody.

- An indicator entry (the area's and each child's) or a trend point is judged by its
  denominator; a count indicator (no denominator) by its count. A small one loses `numerator`,
  `value`, and where present `status`, `gap` and `room`: with a target, the status and the gap
  give the numerator of a small denominator back. The denominator and the target stay.
- A pipeline cell counts admission cases, and being in the admission pipeline is the private
  fact itself, so every count is judged on its own: a small stage, closed or overdue count loses
  `cases`; a conversion cell judged small by the cases it starts from loses `cases`,
  `converted` and `value` together.

Every judged entry gets `"suppressed": true` or `false`. Only aggregate-only readers go through
here (see `reports.selectors`), so readers who may see people get the dicts as built, without
the key, exactly as the management commands print them.

A suppressed child can still be worked out from its parent and its visible siblings
(complementary disclosure); this module does not suppress a second cell to prevent that.
"""

from typing import Any

from django.conf import settings

SHARE_HIDES = ("numerator", "value", "status", "gap", "room")
PIPELINE_COUNTS = ("stages", "closed", "overdue")
CONVERSION_HIDES = ("cases", "converted", "value")


def is_small_cell(count: int | None) -> bool:
    """Tell whether a cell about `count` people is too small to show (zero and None are not)."""
    return count is not None and 0 < count < settings.SMALL_CELL_MIN


def suppress_small_cells(result: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of a report, trend or pipeline dict with its small cells hidden."""
    sections = [_section(result)]
    if "children" in result:
        sections[0]["children"] = [_section(child) for child in result["children"]]
    return sections[0]


def _section(section: dict[str, Any]) -> dict[str, Any]:
    """Judge the entries of one area: its indicators, its points or its pipeline cells."""
    copy = dict(section)
    for key in ("indicators", "points"):
        if key in section:
            copy[key] = [_share(entry) for entry in section[key]]
    for key in PIPELINE_COUNTS:
        if key in section:
            copy[key] = [_hide(entry, entry["cases"], ("cases",)) for entry in section[key]]
    if "conversion" in section:
        copy["conversion"] = [
            _hide(entry, entry["cases"], CONVERSION_HIDES) for entry in section["conversion"]
        ]
    return copy


def _share(entry: dict[str, Any]) -> dict[str, Any]:
    """Judge a share by its denominator and a count indicator (no denominator) by its count."""
    basis = entry["numerator"] if entry["denominator"] is None else entry["denominator"]
    return _hide(entry, basis, SHARE_HIDES)


def _hide(entry: dict[str, Any], basis: int | None, keys: tuple[str, ...]) -> dict[str, Any]:
    """Return `entry` marked, with those of `keys` it has set to None when `basis` is small."""
    if not is_small_cell(basis):
        return {**entry, "suppressed": False}
    return {**entry, **{key: None for key in keys if key in entry}, "suppressed": True}
