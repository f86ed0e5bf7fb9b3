"""Series documents inside a transaction: the user list, reading and writing a goal's
series, and the goals waiting for win detection. Pydantic-free (`goaltui log` uses it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui.core.clock import iso_stamp
from goaltui.core.errors import DataFileError
from goaltui.core.targets import as_band, could_be_a_win
from goaltui.store.schema import GOALS, META, META_ID, SERIES, UNCHECKED, USERS, Doc, ReadTables
from goaltui.store.series import Entry, Series, SeriesError
from goaltui.store.transaction import Transaction

# One value to store: (day, value, by, at, note, confidence).
Row = tuple[date, float, str, datetime | None, str, str | None]


def _meta_doc(tables: ReadTables | Transaction) -> Mapping[str, Any]:
    table = tables.get(META) if isinstance(tables, Transaction) else tables.get(META, {})
    return table.get(META_ID, {})


def users(tables: ReadTables | Transaction) -> list[str]:
    names = _meta_doc(tables).get(USERS, [])
    return [str(n) for n in names] if isinstance(names, list) else []


def _meta(tx: Transaction) -> dict[str, Any]:
    return dict(tx.get(META).get(META_ID, {}))


def user_index(tx: Transaction, name: str) -> int:
    """The index of `name` in the file's user list, adding it on first use."""
    names = users(tx)
    if name in names:
        return names.index(name)
    meta = _meta(tx)
    meta[USERS] = [*names, name]
    tx.table(META)[META_ID] = meta
    return len(names)


@contextmanager
def damaged(path: Path, goal: str) -> Iterator[None]:
    """A series that cannot be read is a data-file problem, in one line naming the goal."""
    try:
        yield
    except SeriesError as exc:
        raise DataFileError(f"{path}: bad series of goal {goal!r}: {exc}") from None


def series_of(path: Path, docs: Mapping[str, Doc], goal: str) -> Series:
    """The goal's series (empty for a goal without values); a bad document is one line."""
    with damaged(path, goal):
        return Series(goal, docs.get(goal))


def entry_doc(goal: str, entry: Entry) -> Doc:
    """A check-in as the models and exports see it (and as schema 2 stored it)."""
    return {
        "goal": goal,
        "day": entry.day.isoformat(),
        "value": entry.value,
        "note": entry.note,
        "confidence": entry.confidence,
        "by": entry.by,
        "at": None if entry.at is None else iso_stamp(entry.at),
    }


def put(tx: Transaction, path: Path, goal: str, rows: Iterable[Row]) -> list[Entry | None]:
    """Set (day, value, by, at, note, confidence) rows in the goal's series; returns the
    entries they replaced (None for a new day), in order."""
    series = series_of(path, tx.get(SERIES), goal)
    names = users(tx)
    rows = list(rows)
    with damaged(path, goal):
        series.check()  # a damaged series is refused before anything is written
        replaced = [series.find(row[0], names) for row in rows]
    indexed = [
        (day, value, user_index(tx, by), at, note, confidence)
        for day, value, by, at, note, confidence in rows
    ]
    if len(indexed) == 1:
        day, value, by_index, at, note, confidence = indexed[0]
        series.upsert(day, value, by_index, at, note=note, confidence=confidence)
    else:
        series.upsert_many(indexed)
    tx.table(SERIES)[goal] = series.to_doc()
    return replaced


def may_have_won(tx: Transaction, path: Path, goal: str, values: Iterable[float]) -> bool:
    """Could any of these new values of `goal` be a win? (targets.could_be_a_win, against
    the goal's values before them). Only then does the goal wait for win detection, so a
    day of ordinary cron logs makes no open board write anything."""
    doc = tx.get(GOALS).get(goal, {})
    found = doc.get("metric")
    metric: Mapping[str, Any] = found if isinstance(found, dict) else {}
    if doc.get("status", "active") == "archived":
        return False
    baseline, target = _number(metric.get("baseline")), _number(metric.get("target"))
    earlier = series_of(path, tx.base.get(SERIES, {}), goal)
    try:
        history = [e.value for e in earlier.entries([])]
    except SeriesError:
        return True  # let detection read it and report the damage
    band = as_band(metric.get("band"))
    return any(could_be_a_win(baseline, target, v, history, band) for v in values)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def mark_unchecked(tx: Transaction, goals: Iterable[str]) -> None:
    """Note goals with values no win detection has seen (see schema.UNCHECKED)."""
    meta = _meta(tx)
    waiting = set(meta.get(UNCHECKED, [])) | set(goals)
    if waiting != set(meta.get(UNCHECKED, [])):
        meta[UNCHECKED] = sorted(waiting)
        tx.table(META)[META_ID] = meta


def unchecked(tables: ReadTables | Transaction) -> list[str]:
    waiting = _meta_doc(tables).get(UNCHECKED, [])
    return [str(k) for k in waiting] if isinstance(waiting, list) else []


def clear_unchecked(tx: Transaction, path: Path, today: date) -> None:
    """Win detection has seen every value up to today: only goals with values dated
    after today (a backdated clock, a typo) keep waiting."""
    meta = _meta(tx)
    waiting = meta.get(UNCHECKED) or []
    if not waiting:
        return
    later = []
    for key in waiting:
        last = series_of(path, tx.get(SERIES), str(key)).last_day()
        if last is not None and last > today:
            later.append(key)
    if later:
        meta[UNCHECKED] = later
    else:
        meta.pop(UNCHECKED, None)
    if later != waiting:
        tx.table(META)[META_ID] = meta
