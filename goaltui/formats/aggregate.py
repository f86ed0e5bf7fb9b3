"""Interval rows (15 or 30 minutes, half a day) made into the one value a day a goal keeps.

- mean (the default): the plain mean, or with a weight column (--weight-col "Contacts
  handled") the mean weighted by the count each row averages: an AHT over 30 contacts
  outweighs one over 10, as the platform's own daily figure does. A row whose weight is 0
  or empty (an interval with no contacts) counts for nothing; a day whose rows all weigh
  nothing gets no value (there is nothing to average), and the import says how many.
- sum: counts (contacts handled, transfers).
- last: the last row in the file (a running figure, such as a month-to-date score).

Values are rounded to three decimals, so an import of the same file always stores the
same number. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Aggregate(StrEnum):
    """The names are core/import_profile.AGGREGATES (the file checks'); a test keeps them equal."""

    MEAN = "mean"
    SUM = "sum"
    LAST = "last"


DECIMALS = 3


@dataclass(frozen=True)
class Sample:
    """One row's value for a (goal, day), with the row's line and weight (None: unweighted)."""

    line: int
    value: float
    weight: float | None = None


def combine(samples: Sequence[Sample], how: Aggregate) -> float | None:
    """The day's value from its rows (in file order); None when they all weigh nothing."""
    if how is Aggregate.LAST:
        return samples[-1].value
    if how is Aggregate.SUM:
        return (
            samples[0].value
            if len(samples) == 1
            else round(sum(s.value for s in samples), DECIMALS)
        )
    counted = [s for s in samples if s.weight is None or s.weight > 0]
    if len(counted) <= 1:
        return counted[0].value if counted else None  # one row: the value as written
    if counted[0].weight is None:
        return round(sum(s.value for s in counted) / len(counted), DECIMALS)
    total = sum(s.weight or 0 for s in counted)
    return round(sum(s.value * (s.weight or 0) for s in counted) / total, DECIMALS)
