"""A value cell of a platform export, read for the goal it goes to.

Platforms write the same figure many ways: AHT as 324, 324.5, "05:24" or "00:05:24" (and,
in a column declared HEADER=METRIC:ms, as 324000 milliseconds); FCR as 78.5, "78.50%" or
"78.5 %". Whatever the cell, the goal stores one number: seconds for a seconds metric,
the percentage for a % metric. A duration written into a goal that is not measured in
seconds is refused, not guessed at (it would be a column mapped to the wrong metric).
"""

from __future__ import annotations

from goaltui.formats.csv_input import parse_value

MS_PER_SECOND = 1000


def parse_cell(text: str, *, unit: str, millis: bool = False, decimal_comma: bool = False) -> float:
    """The number a cell holds for a goal measured in `unit`; ValueError says why not."""
    # The one reading of a typed value (numbers.parse_value): a duration only for seconds.
    value = parse_value(text.strip(), decimal_comma, unit)
    if millis:
        # Three decimals: a millisecond is the most a platform measures.
        return round(value / MS_PER_SECOND, 3)
    return value
