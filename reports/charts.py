"""Geometry of the indicator charts, drawn on the server as inline SVG: pure functions, no I/O.

The page templates only place what these return; every coordinate is computed here, in the
units of a fixed viewBox, so the templates need no arithmetic and the tests need no browser.

The trend chart puts each point at its date (x) and its value (y), the origin at zero:

- the value line breaks where a point has no value (hidden small cell, nothing to divide by),
  so the line never passes over a point the reader cannot see;
- a segment touching an approximate point is drawn apart (dashed), its marker hollow;
- a target band covers the points where the target is in force, from the middle between a point
  and its neighbour to the next middle: `at_least` and `over` from the lower bound to the top
  of the plot, `at_most` and `under` from zero to the upper bound, `range` and `exact` between
  the two bounds.
"""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import Any

from targets.models import LOWER_ONLY, UPPER_ONLY

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
# The first and last markers sit this far inside the plot, so their bands have some width.
INSET = 16
MAX_X_LABELS = 12
# An `exact` band has no height; it is drawn this thick, centred on its value.
THIN_BAND = 2.0
NICE_STEPS = (1, 2, 2.5, 5, 10)

Scale = Callable[[float], float]


@dataclass(frozen=True)
class Tick:
    position: float
    value: Any  # a number on the y axis, a date on the x axis
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    day: datetime.date
    value: float
    approximate: bool
    label: str


@dataclass(frozen=True)
class Line:
    points: str  # "x,y x,y …", as a polyline's `points` attribute reads them
    approximate: bool


@dataclass(frozen=True)
class Band:
    x: float
    y: float
    width: float
    height: float
    target: dict[str, Any]
    label: str


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    lines: list[Line]
    markers: list[Marker]
    bands: list[Band]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def y_label_x(self) -> float:
        """Where the value labels end, just left of the plot."""
        return self.left - 6

    @property
    def x_label_y(self) -> float:
        """Where the date labels sit, below the plot."""
        return self.bottom + 20

    @property
    def has_approximate(self) -> bool:
        return any(marker.approximate for marker in self.markers)


def trend_chart(
    points: Sequence[dict[str, Any]],
    *,
    whole: bool = False,
    value_label: Callable[[float], str] = str,
    day_label: Callable[[datetime.date], str] = datetime.date.isoformat,
    target_label: Callable[[dict[str, Any]], str] = lambda target: target["directive"],
) -> TrendChart:
    """Lay out a trend's points (the selector's dicts); `whole` keeps the y ticks integers.

    The labels of values, days and targets are written by the callables given, in the
    reader's language.
    """
    days = [datetime.date.fromisoformat(p["date"]) for p in points]
    xs = x_positions(days)
    step, top = y_scale(_extent(points), whole=whole)

    def y_of(value: float) -> float:
        return _round(HEIGHT - BOTTOM - value / top * (HEIGHT - BOTTOM - TOP))

    markers = [
        _marker(x, day, point, y_of, value_label)
        for x, day, point in zip(xs, days, points, strict=True)
    ]
    return TrendChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=HEIGHT - BOTTOM,
        y_ticks=[Tick(y_of(v), v, value_label(v)) for v in _multiples(step, top)],
        x_ticks=[Tick(x, days[i], day_label(days[i])) for i, x in _labelled(xs)],
        lines=value_lines(markers),
        markers=[marker for marker in markers if marker is not None],
        bands=target_bands(points, xs, y_of, top, target_label),
    )


def x_positions(days: Sequence[datetime.date]) -> list[float]:
    """Place each day between the plot's inset edges in proportion to its date."""
    first, last = LEFT + INSET, WIDTH - RIGHT - INSET
    if not days:
        return []
    span = (days[-1] - days[0]).days
    if span <= 0:
        return [_round((first + last) / 2)] * len(days)
    return [_round(first + (day - days[0]).days / span * (last - first)) for day in days]


def y_scale(highest: float, *, whole: bool = False) -> tuple[float, float]:
    """Return a round tick step and the top of the axis (a multiple of it) above `highest`.

    About four ticks above zero; `whole` keeps the step a whole number (counts).
    """
    if highest <= 0:
        return (1.0, 1.0) if whole else (0.25, 1.0)
    rough = highest / 4
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(n * magnitude for n in NICE_STEPS if n * magnitude >= rough)
    if whole:
        step = max(1.0, float(math.ceil(step)))
    # The tolerance keeps float noise (0.3 / 0.1 = 2.9999…) from adding a step.
    return step, _round(math.ceil(highest / step - 1e-9) * step, 6)


def value_lines(markers: Sequence[Marker | None]) -> list[Line]:
    """Join neighbouring markers into polylines, apart where one touches an approximate point.

    A None (a point without a value) breaks the line.
    """
    segments = [(a, b) for a, b in pairwise(markers) if a is not None and b is not None]
    lines: list[Line] = []
    for approximate, run in groupby(segments, key=lambda s: s[0].approximate or s[1].approximate):
        chain: list[Marker] = []
        for a, b in run:
            if chain and chain[-1] is not a:
                lines.append(_line(chain, approximate))
                chain = []
            chain.extend([a, b] if not chain else [b])
        lines.append(_line(chain, approximate))
    return lines


def target_bands(
    points: Sequence[dict[str, Any]],
    xs: Sequence[float],
    y_of: Scale,
    top: float,
    label: Callable[[dict[str, Any]], str],
) -> list[Band]:
    """Shade, around each run of points under the same target, the values the target asks."""
    edges = [LEFT, *((a + b) / 2 for a, b in pairwise(xs)), WIDTH - RIGHT]
    bands, i = [], 0
    for target, run in groupby(points, key=lambda p: p["target"]):
        n = len(list(run))
        if target is not None:
            low, high = band_limits(target, top)
            y_low, y_high = y_of(low), y_of(high)
            if y_low - y_high < THIN_BAND:
                middle = (y_low + y_high) / 2
                y_high, y_low = middle - THIN_BAND / 2, middle + THIN_BAND / 2
            x, end = edges[i], edges[i + n]
            width, height = _round(end - x), _round(y_low - y_high)
            bands.append(Band(_round(x), _round(y_high), width, height, target, label(target)))
        i += n
    return bands


def band_limits(target: dict[str, Any], top: float) -> tuple[float, float]:
    """Return the lowest and highest value a target accepts, within the axis (0 to `top`)."""
    bound = target["bound"]
    if bound in LOWER_ONLY:
        return target["lower"], top
    if bound in UPPER_ONLY:
        return 0.0, target["upper"]
    return target["lower"], target["upper"]


def bar_lengths(counts: Sequence[int | None], full: float = 100.0) -> list[float | None]:
    """Scale counts to bars, the largest `full` long; a hidden count (None) has no bar."""
    largest = max((count for count in counts if count is not None), default=0)
    if not largest:
        return [None if count is None else 0.0 for count in counts]
    return [None if count is None else _round(count / largest * full) for count in counts]


def _marker(
    x: float, day: datetime.date, point: dict[str, Any], y_of: Scale, label: Callable[[float], str]
) -> Marker | None:
    """Place a point with a value; a point without one has no marker (None)."""
    value = point["value"]
    if value is None:
        return None
    return Marker(x, y_of(value), day, value, bool(point["approximate"]), label(value))


def _extent(points: Sequence[dict[str, Any]]) -> float:
    """Return the highest value the axis must show: a value or a finite bound of a target."""
    values = [p["value"] for p in points if p["value"] is not None]
    for target in (p["target"] for p in points if p["target"]):
        values.extend(v for v in (target["lower"], target["upper"]) if v is not None)
    return max(values, default=0.0)


def _multiples(step: float, top: float) -> list[float]:
    return [_round(step * i, 6) for i in range(round(top / step) + 1)]


def _labelled(xs: Sequence[float]) -> list[tuple[int, float]]:
    """Pick the positions to label on the x axis: every n-th, at most MAX_X_LABELS of them."""
    stride = max(1, math.ceil(len(xs) / MAX_X_LABELS))
    return [(i, x) for i, x in enumerate(xs) if i % stride == 0]


def _line(chain: list[Marker], approximate: bool) -> Line:
    return Line(" ".join(f"{m.x:g},{m.y:g}" for m in chain), approximate)


def _round(value: float, places: int = 1) -> float:
    return round(value, places)
