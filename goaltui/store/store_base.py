"""What every part of the Store shares: the data file, the clock, the user, model reads.

The Store is one class for the screens, assembled in store.py from one mixin per
concern (milestone_ops, checkin_ops, meeting_ops); each mixin builds on this base,
so each can be read, and type-checked, on its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from goaltui.core.clock import Clock
from goaltui.store import bulk
from goaltui.store.atomic import Signature
from goaltui.store.datafile import DataFile
from goaltui.store.schema import Doc

M = TypeVar("M", bound=BaseModel)


class StoreBase:
    """The file handle and the plumbing; no records of its own."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        user: str | None = None,
        shared: bool = False,
        lock_timeout: float = 10.0,
    ) -> None:
        self._file = DataFile(
            path, clock=clock, user=user, shared=shared, lock_timeout=lock_timeout
        )
        self.path: Path = self._file.path
        self._snapshots = bulk.SnapshotCache()

    @property
    def clock(self) -> Clock:
        return self._file.clock

    @property
    def user(self) -> str:
        """Who every write is attributed to (the demo generator switches it per write)."""
        return self._file.user

    @user.setter
    def user(self, name: str) -> None:
        self._file.user = name

    def change_token(self) -> Signature | None:
        """Cheap (one stat): changes whenever anyone writes the file."""
        return self._file.token()

    def stop_writes(self, timeout: float) -> bool:
        """Let a save in progress finish, then allow no more (the process is about to end)."""
        return self._file.storage.stop_writes(timeout)

    def check(self) -> None:
        """Read the file once: raises DataFileError if it cannot be used; migrates an old one."""
        self._file.read()

    def _model(self, cls: type[M], doc: Mapping[str, Any], where: str) -> M:
        return bulk.as_model(self.path, cls, doc, where)

    def _table(self, name: str) -> Mapping[str, Doc]:
        return self._file.read().get(name, {})
