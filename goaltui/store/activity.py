"""What others changed since the last look: "sam logged 3 values (aht-tom, fcr-sam, …)".

Pure (no textual, no I/O): the store hands over its tables and the `Mark` of the
previous look, and gets back the changes made by anyone but the current user
plus a new mark. A mark keeps the documents of the last look (shared with the parse), so a change
is found by comparing documents, not clocks: a frozen test clock, a cron job
stamping an earlier time or a clock a second behind cannot hide a write.

Who did it comes from the stamps the store already writes: `by` on check-ins
and ledger entries, `updated_by` on goals, `done_by` on ticked milestones. A
change whose author is unknown (a milestone edited or reopened, a deletion)
still refreshes the screens, but is not named in the notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from goaltui.store.schema import (
    CHANGES,
    GOALS,
    MILESTONES,
    SERIES,
    ReadTables,
)
from goaltui.store.series_tx import users

Mark = dict[str, dict[str, Any]]  # table -> document id -> the document as last seen

LOGGED, ADDED, EDITED, TICKED = "logged", "added", "edited", "ticked"
TARGET = "target"  # ledger entries: the field name goes in `what`
SHOWN_KEYS = 3  # goal keys named in one line before "…"
FIELD_NAMES = {"target": "target", "baseline": "baseline", "due": "due date"}


@dataclass(frozen=True)
class Change:
    """One write by someone else: `who` did `verb` to goal `goal` (`what`: the ledger field)."""

    who: str
    verb: str
    goal: str
    what: str = ""


WATCHED = (GOALS, SERIES, MILESTONES, CHANGES)


def mark(tables: ReadTables) -> Mark:
    """What `scan` compares the next read with: the watched documents themselves (shared
    with the parse, never copied; comparing dicts is cheaper than hashing them)."""
    return {name: dict(tables.get(name, {})) for name in WATCHED}


def _rows(doc: Mapping[str, Any]) -> set[tuple[str, ...]]:
    columns = [doc.get(name, "") for name in ("days", "values", "by", "at")]
    if not all(isinstance(c, str) for c in columns):
        return set()
    return set(zip(*(c.split(",") if c else [] for c in columns), strict=False))


def _logged(tables: ReadTables, key: str, old: Mapping[str, Any]) -> list[Change]:
    """One change per value of goal `key` that is new or different since `old`, with its
    author (compared by content, so a frozen or early clock cannot hide a write)."""
    doc = tables.get(SERIES, {}).get(key, {})
    names = users(tables)
    changes = []
    for _day, _value, index, _at in sorted(_rows(doc) - _rows(old)):
        n = int(index) if index.isdigit() else -1
        who = names[n] if 0 <= n < len(names) else ""
        changes.append(Change(who, LOGGED, key))
    return changes


def scan(tables: ReadTables, before: Mark | None, me: str) -> tuple[list[Change], Mark]:
    """Changes since `before` by anyone but `me` (none when `before` is None), and the new mark."""
    after = mark(tables)
    if before is None:
        return [], after
    found: list[Change] = []
    for name in WATCHED:
        old, docs = before.get(name, {}), tables.get(name, {})
        for doc_id, doc in after[name].items():
            if old.get(doc_id) == doc:
                continue
            if name == SERIES:
                old_doc = old.get(doc_id, {})
                found += [c for c in _logged(tables, doc_id, old_doc) if c.who and c.who != me]
            else:
                change = _describe_doc(name, docs[doc_id], doc_id not in old)
                if change is not None and change.who and change.who != me:
                    found.append(change)
    return _drop_edits_with_ledger(found), after


def _describe_doc(table: str, doc: Mapping[str, Any], new: bool) -> Change | None:
    goal = str(doc.get("goal", ""))
    if table == GOALS:
        return Change(str(doc.get("updated_by") or ""), ADDED if new else EDITED, str(doc["key"]))
    if table == MILESTONES:
        if not doc.get("done"):
            return None  # added, edited or reopened: the file does not say by whom
        return Change(str(doc.get("done_by") or ""), TICKED, goal)
    if table == CHANGES and new:
        return Change(str(doc.get("by") or ""), TARGET, goal, str(doc.get("field", "")))
    return None


def _drop_edits_with_ledger(changes: list[Change]) -> list[Change]:
    """A target change also rewrites the goal: say "changed the target", not also "edited"."""
    ledgered = {(c.who, c.goal) for c in changes if c.verb == TARGET}
    return [c for c in changes if not (c.verb == EDITED and (c.who, c.goal) in ledgered)]


def describe(changes: Iterable[Change]) -> list[str]:
    """One short line per person and kind of change, in the order they were found."""
    groups: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        groups.setdefault((change.who, change.verb), []).append(change)
    return [_line(who, verb, group) for (who, verb), group in groups.items()]


def _keys(group: list[Change]) -> list[str]:
    return sorted({c.goal for c in group})


def _listed(keys: list[str]) -> str:
    shown = ", ".join(keys[:SHOWN_KEYS])
    return shown + (", …" if len(keys) > SHOWN_KEYS else "")


def _line(who: str, verb: str, group: list[Change]) -> str:
    keys = _keys(group)
    if verb == LOGGED:
        if len(group) == 1:
            return f"{who} logged a value for {keys[0]}"
        return f"{who} logged {len(group)} values ({_listed(keys)})"
    if verb == TICKED:
        if len(group) == 1:
            return f"{who} ticked a milestone of {keys[0]}"
        return f"{who} ticked {len(group)} milestones ({_listed(keys)})"
    if verb == TARGET:
        fields = list(dict.fromkeys(FIELD_NAMES.get(c.what, c.what) for c in group))
        what = " and ".join(fields) if len(fields) <= 2 else "targets"
        return f"{who} changed the {what} of {_listed(keys)}"
    noun = "goal " if verb == ADDED else ""
    return f"{who} {verb} {noun}{_listed(keys)}"
