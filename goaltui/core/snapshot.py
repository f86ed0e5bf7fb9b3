"""What the board reads in one go: goals, their (day, value) series, milestone counts."""

from __future__ import annotations

from dataclasses import dataclass

from goaltui.core.models import Goal, Point

# The data file's version as (inode, mtime_ns, size): equal tokens mean an unchanged file.
Token = tuple[int, int, int]


@dataclass(frozen=True)
class Snapshot:
    """Everything the board needs, read in one go without validating every check-in."""

    goals: list[Goal]
    series: dict[str, list[Point]]
    milestones: dict[str, tuple[int, int]]  # goal key -> (done, total)
    token: Token | None
