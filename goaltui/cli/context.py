"""What the group's options decided, handed to every command on `ctx.obj`.

Commands ask it for the clock and the data file instead of reaching into each
other's modules. No pydantic and no textual here: `goaltui log` imports it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from goaltui.core.clock import Clock, SystemClock
from goaltui.core.errors import UserError

if TYPE_CHECKING:
    from goaltui.store.datafile import DataFile
    from goaltui.store.store import Store

LOCK_TIMEOUT = 10.0  # seconds a command waits for another session's write


def make_clock() -> Clock:
    """The CLI's clock; tests replace it with a frozen one."""
    return SystemClock()


@dataclass
class Session:
    """The data file and clock of one `goaltui` run (`--db`, `--shared`, `--demo`)."""

    db: str | None = None
    shared: bool = False
    demo: bool = False

    @classmethod
    def of(cls, ctx: click.Context) -> Session:
        return ctx.find_object(cls) or cls()

    def clock(self) -> Clock:
        return make_clock()

    def target(self, db: str | None, shared: bool) -> tuple[Path, bool]:
        """The data file a command works on: its own --db, else the group's."""
        from goaltui.cli.paths import resolve_db_path

        if db and self.demo:
            raise UserError("use --demo or --db, not both")
        path, shared = resolve_db_path(db or self.db), shared or self.shared
        if shared:
            warn_if_group_not_inherited(path)
        return path, shared

    def store(self, db: str | None, shared: bool, clock: Clock) -> Store:
        from goaltui.store.store import Store

        path, shared = self.target(db, shared)
        return Store(path, clock=clock, shared=shared, lock_timeout=LOCK_TIMEOUT)

    def data_file(self, db: str | None, shared: bool, clock: Clock) -> DataFile:
        """The raw file, for `goaltui log`'s fast path (no models, no pydantic)."""
        from goaltui.store.datafile import DataFile

        path, shared = self.target(db, shared)
        return DataFile(path, clock=clock, shared=shared, lock_timeout=LOCK_TIMEOUT)


def warn_if_group_not_inherited(path: Path) -> None:
    """One stderr line when --shared is about to create `path` in a folder without the
    setgid bit: the new file would get the creator's own group, which the other leads are
    not in, instead of the folder's."""
    if os.path.lexists(path):
        return  # --shared only decides how a new file is made
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the folders are created on the first write
    try:
        st = os.stat(folder)
    except OSError:
        return
    if st.st_mode & stat.S_ISGID or st.st_gid == os.getegid():
        return
    click.echo(
        f"goaltui: warning: {folder} has no setgid bit, so a new {path.name} gets your group "
        f"({_group(os.getegid())}), not the folder's ({_group(st.st_gid)}); "
        f"chmod g+s {folder} first",
        err=True,
    )


def _group(gid: int) -> str:
    import grp

    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)
