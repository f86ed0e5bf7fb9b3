"""The goal detail's chart: check-ins, the 7-day average, target (or both edges of a band),
pace and first target."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual_plotext import PlotextPlot

from goaltui.core import formatting as fmt
from goaltui.core.durations import clock_ticks, is_seconds
from goaltui.core.models import CheckIn, Goal, TargetChange


def original_target(changes: list[TargetChange]) -> str | None:
    """The target before its first change, as the ledger recorded it."""
    first = next((c for c in changes if c.field == "target"), None)
    return None if first is None else first.old


def draw_chart(
    plot: PlotextPlot, goal: Goal, checkins: list[CheckIn], changes: list[TargetChange], today: date
) -> None:
    """History, target line, pace line (baseline at start → target at due) and the first target."""
    plt = plot.plt
    plt.clear_figure()
    plt.date_form("Y-m-d")
    metric = goal.metric
    end = max(goal.due or today, today)
    span = [goal.start.isoformat(), end.isoformat()]
    if checkins:
        days = [c.day.isoformat() for c in checkins]
        values = [c.value for c in checkins]
        # Daily values are noisy: show them as dots and draw the weekly average as the line.
        plt.scatter(days, values, marker="braille", color="gray")
        plt.plot(days, rolling_mean(values, 7), label=f"{metric.name} (7-day avg)", marker="hd")
    if metric.band is not None:
        low, high = metric.band
        label = f"band {fmt.band(metric.band, metric.unit)}"
        plt.plot(span, [high] * 2, label=label, marker="-", color="green")
        plt.plot(span, [low] * 2, marker="-", color="green")
    elif metric.target is not None:
        plt.plot(
            span,
            [metric.target] * 2,
            label=f"target {fmt.value(metric.target, metric.unit)}",
            marker="-",
            color="green",
        )
    if metric.baseline is not None and metric.target is not None and goal.due is not None:
        pace = [goal.start.isoformat(), goal.due.isoformat()]
        plt.plot(pace, [metric.baseline, metric.target], label="pace", marker="·", color="orange")
    original = original_target(changes)
    first: float | None = None
    if original is not None:
        try:
            first = float(original)
        except ValueError:
            pass  # not a number: the head still shows it
        else:
            label = f"first target {fmt.value(first, metric.unit)}"
            plt.plot(span, [first] * 2, label=label, marker=":", color="gray")
    if is_seconds(metric.unit):
        _clock_axis(plt, goal, checkins, first, marks=max(3, plot.size.height // 3))
    if not checkins:
        plt.title("no check-ins yet: log one with `goaltui log`")
    plot.refresh()


def _clock_axis(
    plt: Any, goal: Goal, checkins: list[CheckIn], first: float | None, *, marks: int
) -> None:
    """Mark a duration's axis in m:ss, like every other place its values show (about one
    mark every three rows, as plotext spaces its own)."""
    shown = [c.value for c in checkins]
    shown += [v for v in (goal.metric.baseline, goal.metric.target, first) if v is not None]
    if shown:
        ticks = clock_ticks(min(shown), max(shown), marks)
        plt.yticks(ticks, [fmt.value(t, goal.metric.unit) for t in ticks])


def rolling_mean(values: list[float], window: int) -> list[float]:
    """Mean of each value and up to `window - 1` before it."""
    out, total = [], 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out
