"""Owners as the lead types them: the names to suggest, and the near misses to ask about.

An owner is free text, so "Maria Lopes" for "Maria Lopez" silently makes a new agent with
one goal. The form suggests the owners already used and, before saving an owner that is
new and close to an existing one, asks which was meant; `goaltui add` warns. Pure: no
pydantic, no textual (the CLI imports it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher

CLOSE_RATIO = 0.8  # difflib's similarity: "Maria Lopes" / "Maria Lopez" is 0.91
# Typos (a transposition counts as one) by the shorter name's length: two edits turn
# any three-letter name into another, one edit "Ana" into "Eva"'s neighbour "Ava".
EDITS_ALLOWED = ((6, 2), (4, 1))


def owner_names(owners: Iterable[str]) -> list[str]:
    """The distinct owners, those with most goals first (the suggestion offered first),
    then by name; blanks left out."""
    counts = Counter(name.strip() for name in owners if name.strip())
    return sorted(counts, key=lambda name: (-counts[name], name.casefold(), name))


def near_owners(typed: str, owners: Iterable[str]) -> list[str]:
    """The existing owners `typed` is close to but not exactly, closest first; empty when
    `typed` is an existing owner (or blank). Case and spacing alone count as close:
    "maria lopez" would be another owner than "Maria Lopez" on the board and in exports."""
    name = typed.strip()
    known = owner_names(owners)
    if not name or name in known:
        return []
    mine = _folded(name)
    scored: list[tuple[int, float, int, str]] = []
    for rank, other in enumerate(known):  # a tie goes to the owner of more goals
        theirs = _folded(other)
        edits = _edits(mine, theirs)
        ratio = SequenceMatcher(None, mine, theirs).ratio()
        if ratio >= CLOSE_RATIO or edits <= _allowed(min(len(mine), len(theirs))):
            scored.append((edits, -ratio, rank, other))
    return [other for *_, other in sorted(scored)]


def closest_owner(typed: str, owners: Iterable[str]) -> str | None:
    """The existing owner `typed` most likely meant, when it is a new owner close to one."""
    near = near_owners(typed, owners)
    return near[0] if near else None


def owner_note(typed: str, owners: Iterable[str]) -> str:
    """The form's note beside the owner: "new owner" when it is not one of `owners` (none
    before the goals are read; blank is the team), nor the start of one: then the form
    suggests the rest."""
    name, known = typed.strip(), owner_names(owners)
    if not name or name in known:
        return ""
    start = name.casefold()
    return "" if not known or any(k.casefold().startswith(start) for k in known) else "new owner"


def _allowed(length: int) -> int:
    return next((edits for shortest, edits in EDITS_ALLOWED if length >= shortest), -1)


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _edits(a: str, b: str) -> int:
    """Edits (insert, delete, change, swap two neighbours) from `a` to `b`: the optimal
    string alignment distance."""
    if a == b:
        return 0
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
    return previous[len(b)]
