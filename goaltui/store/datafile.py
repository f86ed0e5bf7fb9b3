"""The data file as goaltui sees it: schema-checked reads and writes of plain tables.

Between the storage (bytes, locks, atomic replace) and the store (pydantic
models). Every write transaction here:

1. takes the lock and re-reads the file if someone else changed it;
2. refuses a newer schema, and migrates an older one after a backup;
3. runs the caller's changes on a copy-on-write view of the tables;
4. before the first write of the day, keeps a rotated backup;
5. writes atomically, keeping the file's mode and group.

No pydantic here: `goaltui log` goes through this module without paying for
the models (see quicklog.py).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from goaltui.core import rules
from goaltui.core.clock import Clock, SystemClock
from goaltui.core.text import printable
from goaltui.store import backups, checks, migrations
from goaltui.store.atomic import Signature
from goaltui.store.schema import META, META_ID, READABLE_FROM, SCHEMA_VERSION, ReadTables
from goaltui.store.storage import AtomicJSONStorage
from goaltui.store.transaction import Transaction


def current_user() -> str:
    """The login name that every write is attributed to."""
    for name in ("GOALTUI_USER", "LOGNAME", "USER"):
        if os.environ.get(name, "").strip():
            return printable(os.environ[name]).strip()[: rules.NAME_MAX] or "unknown"
    try:
        return printable(getpass.getuser())
    except Exception:
        return "unknown"


class DataFile:
    """One goaltui data file: reads are lock-free snapshots, writes are transactions."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        user: str | None = None,
        shared: bool = False,
        lock_timeout: float = 10.0,
    ) -> None:
        self.path = Path(path)
        self.clock: Clock = clock or SystemClock()
        self.user = user or current_user()
        self.storage = AtomicJSONStorage(self.path, shared=shared, lock_timeout=lock_timeout)
        self._view: tuple[ReadTables, ReadTables] | None = None  # (old file, converted)
        self._checked: Signature | None = None  # the version of the file last checked

    @property
    def real_path(self) -> Path:
        """The file itself when `path` is a symlink; backups and the lock live next to it."""
        return self.storage.real_path

    def token(self) -> Signature | None:
        """Cheap (one stat): changes whenever anyone writes the file."""
        return self.storage.signature()

    def read(self) -> ReadTables:
        """The current tables in the current schema (shared with the cache: never mutate
        them). An older readable file is converted in memory, once per version of it."""
        data = self.storage.load() or {}
        version = migrations.check(self.path, data)
        if version < READABLE_FROM:
            with self.write():
                pass  # the transaction migrates and writes
            data = self.storage.load() or {}
        elif version < SCHEMA_VERSION:
            if self._view is None or self._view[0] is not data:
                self._view = (data, migrations.current_view(self.path, data, version))
            return self._view[1]
        return data

    @contextmanager
    def write(self) -> Iterator[Transaction]:
        with self.storage.transaction() as tx:
            version = migrations.check(self.path, tx.base)
            migrated = version < SCHEMA_VERSION
            if migrated:
                today, now = self.clock.today(), self.clock.now()
                backups.backup(self.real_path, today, label=f"schema{version}")
                tx.replace_all(migrations.migrate(self.path, tx.base, version, now, self.user))
            yield tx
            if tx.changed:
                if not migrated:  # checked when about to write: most boards' looks write nothing
                    self._check(tx)
                if META not in tx:
                    tx.table(META)[META_ID] = migrations.new_meta()
                if not migrated:
                    backups.daily_backup(self.real_path, self.clock.today())
        # What this write left is known good: the next write here need not check it again.
        self._checked = self.storage.signature() if tx.changed else self._checked

    def _check(self, tx: Transaction) -> None:
        """Refuse to write into a file whose documents the readers would refuse (checks.py),
        once per version of the file (under the lock, so it cannot change meanwhile)."""
        signature = self.storage.signature()
        if signature is None or signature != self._checked:
            checks.check_tables(self.path, tx.base)
            self._checked = signature
