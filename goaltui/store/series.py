"""A goal's check-ins as one compact document (schema 3): the `series` table.

One document per goal, its id the goal key:

    {"goal": "aht-tom", "days": "20418,20419", "values": "532,530.5",
     "by": "0,1", "at": "1764579600,1764666000",
     "notes": {"20419": "coached on holds"}, "confidence": {"20419": "at-risk"}}

`days` are days since 1970-01-01, strictly ascending (one value per goal and day);
`by` indexes the user list in `_meta`; `at` is the naive local stamp of the write in
whole seconds since 1970-01-01T00:00 (no time-zone arithmetic, like every stamp in
the file). Notes and confidences are sparse, keyed by the day number.

Why text and not JSON arrays: parsing costs per JSON object, not per byte. A centre's
year (1,000 goals x 365 values) as four arrays is ~1.5 million objects for orjson to
build on every start, write and refresh; as text it is 4,000 strings, and a reader
decodes only what it shows (the board: the last few weeks of each goal). Pure: no
pydantic, so `goaltui log` can append a value cheaply.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from goaltui.core.text import printable

EPOCH = date(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()
EPOCH_STAMP = datetime(1970, 1, 1)
COLUMNS = ("days", "values", "by", "at")


class SeriesError(ValueError):
    """A series document that cannot be read (the caller names the file and goal)."""


def day_number(day: date) -> int:
    return day.toordinal() - EPOCH_ORDINAL


_DAYS: dict[int, date] = {}  # every goal of a centre shares the same recent days


def number_day(number: int) -> date:
    day = _DAYS.get(number)
    if day is None:
        day = _DAYS[number] = date.fromordinal(number + EPOCH_ORDINAL)
    return day


def stamp_seconds(moment: datetime) -> int:
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return int((moment - EPOCH_STAMP).total_seconds())


def seconds_stamp(seconds: int) -> datetime:
    return EPOCH_STAMP + timedelta(seconds=seconds)


def value_text(value: float) -> str:
    """The shortest text that reads back as the same float ("532", "530.5")."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _split(text: str) -> list[str]:
    return text.split(",") if text else []


def _tail(text: str, count: int) -> list[str]:
    if not text:
        return []
    return text.rsplit(",", count)[-count:] if count > 0 else []


@dataclass(frozen=True)
class Entry:
    """One check-in as the series holds it."""

    day: date
    value: float
    by: str
    at: datetime | None
    note: str = ""
    confidence: str | None = None


class Series:
    """A goal's series document, decoded on demand.

    Built from a document read from the file (`from_doc`) or empty; `upsert` and
    `remove` change it; `to_doc` gives the document to store. Checks that the
    columns line up when built, and that numbers are numbers when decoded.
    """

    def __init__(self, goal: str, doc: Mapping[str, Any] | None = None) -> None:
        self.goal = goal
        doc = doc or {}
        texts = [doc.get(name, "") for name in COLUMNS]
        if not all(isinstance(t, str) for t in texts):
            raise SeriesError("its columns must be text")
        counts = {0 if not t else t.count(",") + 1 for t in texts}
        if len(counts) != 1:
            raise SeriesError("its columns have different lengths")
        self._text: dict[str, str] = dict(zip(COLUMNS, texts, strict=True))
        self._cols: dict[str, list[Any]] | None = None
        notes, confidence = doc.get("notes", {}), doc.get("confidence", {})
        if not isinstance(notes, dict) or not isinstance(confidence, dict):
            raise SeriesError("notes and confidence must be objects")
        self._raw_notes, self._raw_confidence = notes, confidence
        self._notes: dict[str, str] | None = None
        self._confidence: dict[str, str] | None = None
        self.length = counts.pop()

    # Notes and confidences are copied (and their values made text) only when used: the
    # board reads a thousand series and needs neither.
    @property
    def notes(self) -> dict[str, str]:
        if self._notes is None:
            self._notes = {str(k): str(v) for k, v in self._raw_notes.items()}
        return self._notes

    @property
    def confidence(self) -> dict[str, str]:
        if self._confidence is None:
            self._confidence = {str(k): str(v) for k, v in self._raw_confidence.items()}
        return self._confidence

    @classmethod
    def build(cls, goal: str, entries: list[Entry], users: list[str]) -> Series:
        """A series from check-ins in any order (a later entry for a day wins); `users` is
        extended with new names. One join per column, so a migration stays linear."""
        by_day = {day_number(e.day): e for e in entries}
        series = cls(goal)
        index = {name: n for n, name in enumerate(users)}
        cols: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        for number in sorted(by_day):
            entry = by_day[number]
            if entry.by not in index:
                index[entry.by] = len(users)
                users.append(entry.by)
            row = (
                number,
                float(entry.value),
                index[entry.by],
                -1 if entry.at is None else stamp_seconds(entry.at),
            )
            for name, item in zip(COLUMNS, row, strict=True):
                cols[name].append(item)
            _set_or_drop(series.notes, str(number), entry.note)
            _set_or_drop(series.confidence, str(number), entry.confidence or "")
        series._cols = cols
        series.length = len(by_day)
        series._encode()
        return series

    # -- reading ------------------------------------------------------------------------

    def _decode(self, name: str, texts: list[str]) -> list[Any]:
        try:
            if name == "values":
                values = [float(t) for t in texts]
                if not all(math.isfinite(v) for v in values):
                    raise ValueError("not a finite number")
                return values
            return [int(t) for t in texts]
        except ValueError as exc:
            raise SeriesError(f"bad {name}: {exc}") from None

    def _columns(self) -> dict[str, list[Any]]:
        if self._cols is None:
            cols = {n: self._decode(n, _split(self._text[n])) for n in COLUMNS}
            days = cols["days"]
            if any(a >= b for a, b in pairwise(days)):
                raise SeriesError("its days are not in order")
            self._cols = cols
        return self._cols

    def check(self) -> None:
        """Decode every column: raises SeriesError for a bad number or day order."""
        self._columns()

    def tail(self, count: int) -> tuple[list[date], list[float]]:
        """The last `count` days and values, decoding only those."""
        if self._cols is not None:
            cols = self._cols
            days, values = cols["days"][-count:], cols["values"][-count:]
        else:
            days = self._decode("days", _tail(self._text["days"], count))
            values = self._decode("values", _tail(self._text["values"], count))
        return [number_day(d) for d in days], values

    def entries(self, users: list[str]) -> Iterator[Entry]:
        """Every check-in, in day order; `users` is the file's user list."""
        cols = self._columns()
        for day, value, by, at in zip(*(cols[n] for n in COLUMNS), strict=True):
            key = str(day)
            yield Entry(
                number_day(day),
                value,
                _name(users, by),
                None if at < 0 else seconds_stamp(at),
                printable(self.notes.get(key, "")),
                self.confidence.get(key),
            )

    def find(self, day: date, users: list[str]) -> Entry | None:
        number = day_number(day)
        days = self._columns()["days"]
        index = _index(days, number)
        if index is None:
            return None
        cols = self._columns()
        by, at, key = cols["by"][index], cols["at"][index], str(number)
        return Entry(
            day,
            cols["values"][index],
            _name(users, by),
            None if at < 0 else seconds_stamp(at),
            printable(self.notes.get(key, "")),
            self.confidence.get(key),
        )

    def last_day(self) -> date | None:
        text = self._text["days"]
        if not text:
            return None
        return number_day(self._decode("days", [text.rpartition(",")[2]])[0])

    # -- writing ------------------------------------------------------------------------

    def upsert(
        self,
        day: date,
        value: float,
        by: int,
        at: datetime | None,
        *,
        note: str = "",
        confidence: str | None = None,
    ) -> None:
        """Set the value of `day` (a new day, or the replacement of that day's value)."""
        number = day_number(day)
        row = (number, float(value), by, -1 if at is None else stamp_seconds(at))
        last = self.last_day()
        if last is None or number > day_number(last):
            self._append(row)  # the daily case: no decoding at all
        else:
            cols = self._columns()
            days = cols["days"]
            index = _index(days, number)
            if index is None:
                index = _insertion(days, number)
                for name, item in zip(COLUMNS, row, strict=True):
                    cols[name].insert(index, item)
                self.length += 1
            else:
                for name, item in zip(COLUMNS, row, strict=True):
                    cols[name][index] = item
            self._encode()
        key = str(number)
        _set_or_drop(self.notes, key, note)
        _set_or_drop(self.confidence, key, confidence or "")

    def upsert_many(
        self, rows: list[tuple[date, float, int, datetime | None, str, str | None]]
    ) -> None:
        """`upsert` for many (day, value, by, at, note, confidence) rows, encoded once: an
        import of a year of values costs a sort, not a string copy per value."""
        cols = self._columns()
        merged = {
            day: (day, value, by, at)
            for day, value, by, at in zip(*(cols[n] for n in COLUMNS), strict=True)
        }
        for day, value, by, at, note, confidence in rows:
            number = day_number(day)
            merged[number] = (number, float(value), by, -1 if at is None else stamp_seconds(at))
            _set_or_drop(self.notes, str(number), note)
            _set_or_drop(self.confidence, str(number), confidence or "")
        ordered = [merged[d] for d in sorted(merged)]
        self._cols = {name: [row[n] for row in ordered] for n, name in enumerate(COLUMNS)}
        self.length = len(ordered)
        self._encode()

    def remove(self, day: date) -> bool:
        number = day_number(day)
        cols = self._columns()
        index = _index(cols["days"], number)
        if index is None:
            return False
        for name in COLUMNS:
            del cols[name][index]
        self.length -= 1
        self._encode()
        self.notes.pop(str(number), None)
        self.confidence.pop(str(number), None)
        return True

    def _append(self, row: tuple[int, float, int, int]) -> None:
        texts = (str(row[0]), value_text(row[1]), str(row[2]), str(row[3]))
        for name, text in zip(COLUMNS, texts, strict=True):
            self._text[name] = f"{self._text[name]},{text}" if self._text[name] else text
        if self._cols is not None:
            for name, item in zip(COLUMNS, row, strict=True):
                self._cols[name].append(item)
        self.length += 1

    def _encode(self) -> None:
        cols = self._columns()
        for name in COLUMNS:
            fmt = value_text if name == "values" else str
            self._text[name] = ",".join(fmt(v) for v in cols[name])

    def to_doc(self) -> dict[str, Any]:
        return {
            "goal": self.goal,
            **self._text,
            "notes": dict(sorted(self.notes.items())),
            "confidence": dict(sorted(self.confidence.items())),
        }


def _index(days: list[int], number: int) -> int | None:
    index = _insertion(days, number)
    return index if index < len(days) and days[index] == number else None


def _insertion(days: list[int], number: int) -> int:
    return bisect_left(days, number)


def _set_or_drop(table: dict[str, str], key: str, text: str) -> None:
    if text:
        table[key] = text
    else:
        table.pop(key, None)


def _name(users: list[str], index: int) -> str:
    """Who logged a value; the names come from co-users' environments, so shown safely."""
    return printable(users[index]) if 0 <= index < len(users) else ""
