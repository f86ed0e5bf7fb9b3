"""A milestone's threshold on its goal's metric ("Q1: call return time <= 22.5 h"): which
way it is reached, whether a value reaches it, and how it reads.

Plain numbers in, pydantic-free: `goaltui log` ticks milestones with this (store/
milestone_ticks.py) and the models, screens and wins read it the same way.
"""

from __future__ import annotations

import math

from goaltui.core import formatting as fmt
from goaltui.core.targets import EPS, lower_is_better, reaches

# How each direction reads: (unicode, ascii). None: no direction, only the value counts.
SIGNS = {True: ("≤", "<="), False: ("≥", ">="), None: ("=", "=")}


def threshold_lower(baseline: float | None, target: float | None, threshold: float) -> bool | None:
    """Which way the threshold is reached: the goal's own direction (baseline to target);
    without a target, the threshold's side of the baseline; None when neither is known."""
    lower = lower_is_better(baseline, target)
    if lower is None and baseline is not None and threshold != baseline:
        lower = lower_is_better(baseline, threshold)
    return lower


def reaches_threshold(lower: bool | None, threshold: float, value: float) -> bool:
    """`value` is at or beyond the threshold the better way (inclusive, targets.reaches'
    tolerance); with no direction known only the threshold itself counts."""
    if lower is None:
        return math.isclose(value, threshold, rel_tol=EPS, abs_tol=EPS)
    return reaches(lower, threshold, value)


def threshold_label(
    lower: bool | None, threshold: float, unit: str = "", ascii: bool = False
) -> str:
    """'≤ 22.5 h', '≥ 80%' ('<= 22.5 h' with `ascii`, for --ascii and stored text)."""
    return f"{SIGNS[lower][1 if ascii else 0]} {fmt.value(threshold, unit)}"
