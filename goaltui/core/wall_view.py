"""What a wallboard may show: the floor sees the goals, not every individual figure.

Pure (no textual): the wallboard screen filters its rows here, and `goaltui serve` passes
the same choices to the wallboard it runs per browser. A private goal never reaches a
wall; `teams_only` leaves the agents' goals off; `initials` shows an agent as "S.O.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from goaltui.core.board_rows import BoardRow
from goaltui.core.models import Goal, Level


@dataclass(frozen=True)
class WallView:
    """The lead's choices for one wallboard (the defaults show every goal not private)."""

    teams_only: bool = False
    initials: bool = False


EVERY_GOAL = WallView()  # the default: every goal but the private ones


def initials(name: str) -> str:
    """ "Sam Okafor" -> "S.O."; "Okafor, Sam" (the platforms' export form) -> "S.O." too."""
    last, comma, first = name.partition(",")
    words = (f"{first} {last}" if comma else name).split()
    return "".join(f"{word[0].upper()}." for word in words if word[0].isalnum()) or name


def _masked(goal: Goal) -> Goal:
    """The agent's goal with the name as initials wherever the wall prints it: the owner,
    and the name's words in the title ("Sam: lift FCR") and the key ("fcr-sam"), since a
    first name left in a title would undo the point."""
    short = initials(goal.owner)
    words = {w.lower() for w in re.split(r"[\s,]+", goal.owner) if len(w) > 1}
    if short == goal.owner or not words:
        return goal
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # The whole name first, so "Sam Okafor's" reads "S.O.'s", not "S.O. S.O.'s".
    whole = re.compile(rf"\b(?:{names})(?:[\s,]+(?:{names}))*\b", re.IGNORECASE)
    title = whole.sub(short, goal.title)
    key = "-".join(short.lower() if part in words else part for part in goal.key.split("-"))
    # model_copy skips validation: the key is for display only, never written back.
    return goal.model_copy(update={"owner": short, "title": title, "key": key})


def shown_on_wall(rows: list[BoardRow], view: WallView) -> list[BoardRow]:
    """The rows a wall may show under `view`, in their order."""
    shown: list[BoardRow] = []
    for row in rows:
        goal = row.goal
        if goal.private or (view.teams_only and goal.level is Level.AGENT):
            continue
        masked = view.initials and goal.level is Level.AGENT
        shown.append(replace(row, goal=_masked(goal)) if masked else row)
    return shown
