"""What every measure shares: paths, the options of one run, a result row, small maths."""

from __future__ import annotations

import math
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "benchmarks" / "out"
SCRIPT = ROOT / "benchmarks" / "bench_centre.py"
SIZE = (120, 40)  # columns, lines: headless children and tmux panes alike
MB = 1024 * 1024


@dataclass(frozen=True)
class Options:
    """What the command line asked for."""

    goals: tuple[int, ...]
    years: tuple[int, ...]
    runs: int
    quick: bool
    only: frozenset[str]  # measure names; empty: all
    import_rows: tuple[int, ...]

    def wants(self, measure: str) -> bool:
        return not self.only or measure in self.only

    @property
    def sizes(self) -> list[tuple[int, int]]:
        """(goals, years) of every centre file, smallest first."""
        return [(g, y) for g in sorted(self.goals) for y in sorted(self.years)]


@dataclass
class Row:
    """One line of the report: a figure beside its floor, the ratio and the target."""

    measure: str
    goaltui: float | None
    floor: float | None
    unit: str  # "ms", "MB", "%", "s", "count"...
    target: str  # as printed: "≤ 1.5x", "≤ 120 MB", "30 of 30"
    met: bool | None  # None: no target
    ratio: float | None = None  # goaltui / floor unless given
    notes: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)  # raw samples for the JSON

    def __post_init__(self) -> None:
        if self.ratio is None and self.goaltui is not None and self.floor:
            self.ratio = self.goaltui / self.floor


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def log(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(message, file=sys.stderr, flush=True)


def fmt(value: float | None, unit: str) -> str:
    if value is None or math.isnan(value):
        return "—"
    if unit == "count":
        return f"{value:.0f}"
    if unit in {"ms", "MB", "%"}:
        digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
        return f"{value:.{digits}f} {unit}"
    return f"{value:.2f} {unit}"
