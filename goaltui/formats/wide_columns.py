"""The columns of a wide export: `--column "HEADER=METRIC"`, one per metric the file holds.

"Average handle time=AHT" maps that header to the metric AHT; a column alone ("AHT")
maps a header to the metric of the same name. Suffixes after the metric say how to read
the column: ":ms" (milliseconds, stored as seconds) and ":sum", ":mean" or ":last" (how its
interval rows make a day, instead of --aggregate). The header is what comes before the
last "=", so a header may hold ":" ("AHT (hh:mm:ss)=AHT").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from goaltui.core.errors import UserError
from goaltui.formats.aggregate import Aggregate
from goaltui.formats.csv_input import norm

MILLIS = "ms"
EXAMPLE = '"Average handle time=AHT" or "Avg ACW (ms)=ACW:ms"'


@dataclass(frozen=True)
class ColumnSpec:
    """One --column: a header of the file, the metric its cells are, and how to read them."""

    header: str
    metric: str
    millis: bool = False
    aggregate: Aggregate | None = None  # None: the import's --aggregate


def parse_column(text: str) -> ColumnSpec:
    """A --column value; UserError with an example when it can't be read."""
    header, sep, rest = text.rpartition("=")
    if not sep:
        header, rest = text, text
    millis, aggregate = False, None
    while True:
        metric, colon, suffix = rest.rpartition(":")
        word = suffix.strip().lower()
        if not colon or not metric.strip():
            break
        if word == MILLIS and not millis:
            millis = True
        elif word in tuple(Aggregate) and aggregate is None:
            aggregate = Aggregate(word)
        else:
            break
        rest = metric
    if not sep and (millis or aggregate):
        header = rest  # "AHT:ms": the header is AHT too
    if not header.strip() or not rest.strip():
        raise UserError(f"--column {text!r}: write HEADER=METRIC, e.g. {EXAMPLE}")
    return ColumnSpec(header.strip(), rest.strip(), millis, aggregate)


def parse_columns(texts: Sequence[str]) -> list[ColumnSpec]:
    """Every --column; two for one header or one metric are refused (which value is it?)."""
    specs = [parse_column(t) for t in texts]
    for attr, what in (("header", "column"), ("metric", "metric")):
        seen: dict[str, str] = {}
        for spec in specs:
            name = getattr(spec, attr)
            if norm(name) in seen:
                raise UserError(f"--column: the {what} {name!r} is given twice")
            seen[norm(name)] = name
    return specs
