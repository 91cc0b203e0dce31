"""The geometry of the trend chart and the pipeline bars: pure functions, no database."""

import datetime

import pytest

from reports.charts import (
    BOTTOM,
    HEIGHT,
    INSET,
    LEFT,
    RIGHT,
    THIN_BAND,
    TOP,
    WIDTH,
    bar_lengths,
    trend_chart,
    value_lines,
    x_positions,
    y_scale,
)

PLOT_BOTTOM = HEIGHT - BOTTOM
AT_LEAST = {"directive": "14-CT/TU", "bound": "at_least", "lower": 12.5, "upper": None}


def point(year: int, value: float | None, *, target=None, approximate=False) -> dict:
    """A point as `indicator_trend` returns it, the stock taken on 31 December."""
    return {
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "date": f"{year}-12-31",
        "numerator": None,
        "denominator": None,
        "value": value,
        "approximate": approximate,
        "target": target,
    }


def y_at(value: float, top: float) -> float:
    return round(PLOT_BOTTOM - value / top * (PLOT_BOTTOM - TOP), 1)


# The axes.


@pytest.mark.parametrize(
    ("highest", "whole", "expected"),
    [
        (12.5, False, (5, 15)),
        (100, False, (25, 100)),
        (0.3, False, (0.1, 0.3)),
        (3, True, (1, 3)),
        (7, True, (2, 8)),
        (0, True, (1, 1)),
    ],
)
def test_axis_top_is_the_first_round_step_at_or_above_the_highest_value(highest, whole, expected):
    assert y_scale(highest, whole=whole) == pytest.approx(expected)


def test_counts_never_get_fractional_ticks():
    step, _top = y_scale(0.5, whole=True)
    assert step == 1


def test_points_sit_at_their_dates_between_the_inset_edges():
    days = [datetime.date(2024, 1, 1), datetime.date(2024, 1, 31), datetime.date(2024, 4, 30)]
    xs = x_positions(days)
    width = WIDTH - RIGHT - INSET - (LEFT + INSET)
    assert xs == [LEFT + INSET, round(LEFT + INSET + 30 / 120 * width, 1), WIDTH - RIGHT - INSET]


def test_a_single_point_sits_in_the_middle():
    assert x_positions([datetime.date(2024, 12, 31)]) == [
        (LEFT + INSET + WIDTH - RIGHT - INSET) / 2
    ]


def test_values_are_scaled_from_zero_at_the_bottom_to_the_axis_top():
    chart = trend_chart([point(2024, 0.0), point(2025, 15.0)])
    assert [(m.y) for m in chart.markers] == [PLOT_BOTTOM, TOP]


def test_y_ticks_run_from_zero_to_the_top_with_the_labels_given():
    chart = trend_chart([point(2024, 12.5)], value_label=lambda v: f"<{v:g}>")
    assert [(t.value, t.label) for t in chart.y_ticks] == [
        (0, "<0>"),
        (5, "<5>"),
        (10, "<10>"),
        (15, "<15>"),
    ]


def test_x_labels_are_thinned_to_at_most_twelve():
    chart = trend_chart([point(2000 + i, 1.0) for i in range(30)])
    assert (len(chart.x_ticks), chart.x_ticks[0].label) == (10, "2000-12-31")


# The value line.


def test_a_point_without_a_value_breaks_the_line_and_has_no_marker():
    chart = trend_chart([point(2023, 1.0), point(2024, 2.0), point(2025, None), point(2026, 3.0)])
    assert (len(chart.lines), len(chart.lines[0].points.split()), len(chart.markers)) == (1, 2, 3)


def test_segments_touching_an_approximate_point_form_their_own_dashed_line():
    points = [
        point(2023, 1.0, approximate=True),
        point(2024, 2.0, approximate=True),
        point(2025, 3.0),
        point(2026, 4.0),
    ]
    lines = trend_chart(points).lines
    assert [(line.approximate, len(line.points.split())) for line in lines] == [
        (True, 3),
        (False, 2),
    ]


def test_dashed_and_solid_lines_share_the_point_where_they_meet():
    points = [point(2024, 1.0, approximate=True), point(2025, 2.0), point(2026, 3.0)]
    dashed, solid = trend_chart(points).lines
    assert dashed.points.split()[-1] == solid.points.split()[0]


def test_approximate_points_are_marked_so():
    chart = trend_chart([point(2024, 1.0, approximate=True), point(2025, 2.0)])
    assert ([m.approximate for m in chart.markers], chart.has_approximate) == ([True, False], True)


def test_lines_of_non_adjacent_runs_stay_apart():
    markers = trend_chart([point(2023, 1.0), point(2024, 2.0), point(2025, None)]).markers
    assert len(value_lines([markers[0], markers[1], None, markers[0], markers[1]])) == 2


# The target band.


def test_at_least_band_runs_from_the_lower_bound_to_the_top_of_the_plot():
    (band,) = trend_chart([point(2024, 10.0, target=AT_LEAST)]).bands
    assert (band.y, band.y + band.height) == (TOP, pytest.approx(y_at(12.5, 15)))


def test_at_most_band_runs_from_zero_to_the_upper_bound():
    target = {"directive": "1", "bound": "at_most", "lower": None, "upper": 5.0}
    (band,) = trend_chart([point(2024, 10.0, target=target)]).bands
    assert (band.y, band.y + band.height) == (y_at(5, 10), pytest.approx(PLOT_BOTTOM))


def test_over_band_runs_from_its_bound_to_the_top_of_the_plot():
    target = {"directive": "1", "bound": "over", "lower": 12.5, "upper": None}
    (band,) = trend_chart([point(2024, 10.0, target=target)]).bands
    assert (band.y, band.y + band.height) == (TOP, pytest.approx(y_at(12.5, 15)))


def test_under_band_runs_from_zero_to_its_bound():
    target = {"directive": "1", "bound": "under", "lower": None, "upper": 5.0}
    (band,) = trend_chart([point(2024, 10.0, target=target)]).bands
    assert (band.y, band.y + band.height) == (y_at(5, 10), pytest.approx(PLOT_BOTTOM))


def test_range_band_runs_between_its_bounds():
    target = {"directive": "1", "bound": "range", "lower": 70.0, "upper": 75.0}
    (band,) = trend_chart([point(2024, 72.0, target=target)]).bands
    # 75 is the highest figure: the axis goes to 80 in steps of 20.
    assert (band.y, band.y + band.height) == (y_at(75, 80), pytest.approx(y_at(70, 80)))


def test_exact_band_is_drawn_thin_around_its_value():
    target = {"directive": "1", "bound": "exact", "lower": 50.0, "upper": 50.0}
    (band,) = trend_chart([point(2024, 40.0, target=target)]).bands
    assert (band.y + band.height / 2, band.height) == (y_at(50, 60), THIN_BAND)


def test_a_bound_above_every_value_raises_the_axis_to_show_it():
    target = {**AT_LEAST, "lower": 50.0}
    chart = trend_chart([point(2024, 10.0, target=target)])
    assert [tick.value for tick in chart.y_ticks] == [0, 20, 40, 60]


def test_band_covers_only_the_points_under_a_target_up_to_the_midpoints():
    points = [point(2023, 1.0), point(2024, 2.0, target=AT_LEAST), point(2025, 3.0)]
    chart = trend_chart(points)
    xs = [m.x for m in chart.markers]
    (band,) = chart.bands
    assert (band.x, band.x + band.width) == (
        pytest.approx((xs[0] + xs[1]) / 2, abs=0.1),
        pytest.approx((xs[1] + xs[2]) / 2, abs=0.1),
    )


def test_neighbouring_points_under_the_same_target_share_one_band_to_the_plot_edges():
    chart = trend_chart([point(2024, 1.0, target=AT_LEAST), point(2025, 2.0, target=AT_LEAST)])
    (band,) = chart.bands
    assert (band.x, band.x + band.width) == (LEFT, WIDTH - RIGHT)


def test_a_changed_target_starts_a_new_band():
    other = {**AT_LEAST, "directive": "20-CT/TU", "lower": 15.0}
    chart = trend_chart([point(2024, 1.0, target=AT_LEAST), point(2025, 2.0, target=other)])
    assert [band.target["directive"] for band in chart.bands] == ["14-CT/TU", "20-CT/TU"]


def test_no_target_no_band():
    assert trend_chart([point(2024, 1.0), point(2025, 2.0)]).bands == []


# The pipeline bars.


def test_bars_are_scaled_to_the_largest_count():
    assert bar_lengths([4, 2, 0]) == [100.0, 50.0, 0.0]


def test_a_hidden_count_has_no_bar():
    assert bar_lengths([None, 6, 3]) == [None, 100.0, 50.0]


def test_no_cases_no_bar_lengths_but_zeros():
    assert bar_lengths([0, 0]) == [0.0, 0.0]
