"""One read-modify-write of the data file's tables, copy-on-write.

Kept apart from storage.py (which owns bytes, locks and the parse cache) because it
is what every writer above the storage works with: datafile, quicklog, bulk, the Store.
"""

from __future__ import annotations

from collections.abc import Mapping

from goaltui.store.schema import Doc, ReadTables, Tables

_EMPTY: Mapping[str, Doc] = {}


class Transaction:
    """A copy-on-write view of the tables.

    `get` is for reading; `table` hands out a private copy of a table to
    change. Documents are replaced, never changed in place, so a reader holding
    the previous data (the storage's cache) is never disturbed.
    """

    def __init__(self, base: ReadTables) -> None:
        self.base = base
        self._data: dict[str, Mapping[str, Doc]] = dict(base)
        self._owned: set[str] = set()
        self.changed = False

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def get(self, name: str) -> Mapping[str, Doc]:
        return self._data.get(name, _EMPTY)

    def table(self, name: str) -> dict[str, Doc]:
        if name not in self._owned:
            self._data[name] = dict(self._data.get(name, _EMPTY))
            self._owned.add(name)
        self.changed = True
        table = self._data[name]
        assert isinstance(table, dict)
        return table

    def replace_all(self, data: Tables) -> None:
        self._data = dict(data)
        self._owned = set(data)
        self.changed = True

    def result(self) -> Tables:
        return {
            name: table if isinstance(table, dict) else dict(table)
            for name, table in self._data.items()
        }
