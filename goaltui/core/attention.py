"""Two marks that ask for the lead's eye beside a goal's status: an unusual latest value
and a stale goal (nobody logged a value for a few working days).

Pure (no textual, no I/O, no pydantic): the progress maths attaches both to a goal's
evaluation, and the board, the text board, `goaltui goals`, the check-in, the detail and
the wallboard show them. Both are cheap: at most UNUSUAL_WINDOW values and O(1) date maths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from goaltui.core.dates import short_day

Unusual = Literal["good", "bad"]

UNUSUAL_WINDOW = 30  # the values before the latest that it is compared with
UNUSUAL_MIN_HISTORY = 8  # fewer earlier values say nothing about what is usual
UNUSUAL_SIGMAS = 2.0  # "beyond about two standard deviations"
STALE_DAYS = 3  # working days without a value before a goal reads stale (0: never)
_EPS = 1e-9

# What the detail says about an unusual value, in words (colour alone is not enough).
UNUSUAL_WORDS: dict[Unusual, str] = {
    "good": "unusual: far better than the last 30 days",
    "bad": "unusual: far worse than the last 30 days",
}
UNUSUAL_SHORT: dict[Unusual, str] = {"good": "unusually good", "bad": "unusually bad"}


def unusual(
    latest: float, previous: Sequence[float], lower_is_better: bool | None
) -> Unusual | None:
    """ "good" or "bad" when `latest` lies beyond UNUSUAL_SIGMAS standard deviations of
    the last UNUSUAL_WINDOW of `previous` (oldest first, the latest not among them), told
    apart by the goal's direction; None when it is usual, the history is shorter than
    UNUSUAL_MIN_HISTORY, or the direction is unknown (no baseline: better is unknown).

    A flat history (every value the same, stdev 0) makes any real change unusual: 30 days
    of 16 articles then 17 is news.
    """
    if lower_is_better is None:
        return None
    window = previous[-UNUSUAL_WINDOW:]
    if len(window) < UNUSUAL_MIN_HISTORY:
        return None
    # Plain float maths, not statistics.stdev: its exact fractions cost ~100 µs a goal,
    # a tenth of a second at a 1,000-goal board's first paint.
    count = len(window)
    mean = sum(window) / count
    spread = math.sqrt(sum((v - mean) ** 2 for v in window) / (count - 1))
    gap = latest - mean
    # The tolerance keeps float noise (0.1 + 0.2) from reading as a change of a flat series.
    if abs(gap) <= max(UNUSUAL_SIGMAS * spread, _EPS * max(1.0, abs(mean))):
        return None
    better = gap < 0 if lower_is_better else gap > 0
    return "good" if better else "bad"


def working_days(first: date, last: date) -> int:
    """Monday-to-Friday days from `first` to `last`, both included (0 when last < first)."""
    if last < first:
        return 0
    total = (last - first).days + 1
    weeks, rest = divmod(total, 7)
    start = first.weekday()
    return weeks * 5 + sum(1 for i in range(rest) if (start + i) % 7 < 5)


def missed_days(last_day: date, today: date) -> int:
    """Working days since `last_day` that passed without a value: those after it and
    before today (today is still open: the day's value may come in tonight)."""
    return working_days(last_day + timedelta(days=1), today - timedelta(days=1))


def stale(last_day: date | None, today: date, days: int = STALE_DAYS) -> bool:
    """True when `days` or more working days passed without a value since `last_day`
    (weekends do not count); never without a value at all (that goal reads "no data")
    or with `days` 0 (the lead turned the mark off)."""
    if last_day is None or days <= 0:
        return False
    return missed_days(last_day, today) >= days


def stale_words(last_day: date, today: date, short: bool = False) -> str:
    """ "stale: no value since Thu 26 Nov (4 working days)"; short "stale since Thu 26 Nov"."""
    if short:
        return f"stale since {short_day(last_day)}"
    missed = missed_days(last_day, today)
    plural = "s" if missed != 1 else ""
    return f"stale: no value since {short_day(last_day)} ({missed} working day{plural})"
