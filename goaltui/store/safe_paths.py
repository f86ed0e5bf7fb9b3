"""Paths another user of the box may have planted: symlinks, folders anyone can write.

Why not os.path.realpath: it follows every symlink, and the open that comes after
sees a plain path, so the kernel's own guard (fs.protected_symlinks) never runs.
`resolve()` walks the path itself and follows only links owned by you or root: in
/tmp, or in a group folder, a co-user can point `team.json` at a file of their
choosing (theirs, to collect your goals; or yours, to have goaltui overwrite it).

A symlink you own keeps working: the file it points at is read and replaced, and
the lock and backups live next to that file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from goaltui.core.errors import DataFileError
from goaltui.store import backups
from goaltui.store.atomic import trusted_uid

MAX_LINKS = 40  # the kernel's own limit before ELOOP


class Resolved(NamedTuple):
    real: Path
    link_folders: tuple[Path, ...]  # folders holding the links followed: a link there can move


def owner_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def resolve(path: Path) -> Resolved:
    """Like os.path.realpath, but a symlink owned by another user is refused (DataFileError),
    wherever it is on the path. Parts that do not exist yet are kept as they are."""
    if os.name != "posix":  # pragma: no cover - no uids to compare
        return Resolved(Path(os.path.realpath(path)), ())
    full = os.fspath(path)
    if not full.startswith("/"):
        full = os.path.join(os.getcwd(), full)
    todo = [part for part in reversed(full.split("/")) if part not in {"", "."}]
    real, links, folders = "/", 0, []
    while todo:
        part = todo.pop()
        if part == "..":
            real = os.path.dirname(real)  # `real` has no links left in it: lexical is right
            continue
        here = os.path.join(real, part)
        try:
            st = os.lstat(here)
        except OSError:  # missing (or not a folder): the rest cannot be a link we follow
            real = here
            continue
        if not stat.S_ISLNK(st.st_mode):
            real = here
            continue
        links += 1
        if links > MAX_LINKS:
            raise DataFileError(f"{path}: too many levels of symbolic links")
        if not trusted_uid(st.st_uid):
            which = "" if links == 1 and not todo else f"{here} "  # name it when not `path`
            raise DataFileError(
                f"{path}: {which}is a symbolic link owned by {owner_name(st.st_uid)}, not by "
                "you; goaltui does not follow other users' links (use the real path)"
            )
        folders.append(Path(real))
        target = os.readlink(here)
        if target.startswith("/"):
            real = "/"
        todo.extend(part for part in reversed(target.split("/")) if part not in {"", "."})
    return Resolved(Path(real), tuple(folders))


def data_file_path(path: Path) -> Path:
    """The real path of a data file, or DataFileError (one line) when it is not safe to use:
    a link of another user's, a folder, or a folder where anyone can swap the file."""
    real, link_folders = resolve(path)
    if real.name == "" or real.is_dir():  # `--db /` has no name at all
        raise DataFileError(f"{path}: is a folder, not a data file")
    for folder in (*link_folders, real.parent):
        check_folder(path, folder)
    return real


def check_folder(path: Path, folder: Path) -> None:
    """Refuse a folder anyone can write without the sticky bit: anyone there may rename,
    delete or replace the data file, its lock and its backups. A missing one is fine
    (it is created on the first write)."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return
    if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
        raise DataFileError(
            f"{path}: {folder} is writable by everyone and has no sticky bit, so anyone "
            "could replace the file; use another folder"
        )


def companion(data_real: Path, target: Path) -> str | None:
    """What `target` (a real path) is to the data file, if it is one of the files goaltui
    keeps: "the data file", "its lock file" or "one of its backups" (a future one too: a
    file there would stand in for it); else None.

    Compared by (device, inode) as well as by name, so a hard link, a bind mount or
    another spelling of the same folder is recognised.
    """
    lock = data_real.with_name(data_real.name + ".lock")
    folder_id = _file_id(data_real.parent)
    if target.parent == data_real.parent or (
        folder_id is not None and _file_id(target.parent) == folder_id
    ):
        if target.name == data_real.name:
            return "the data file"
        if target.name == lock.name:
            return "its lock file"
        if backups.is_backup_name(data_real, target.name):
            return "one of its backups"
    target_id = _file_id(target)
    if target_id is None:
        return None
    if target_id == _file_id(data_real):
        return "the data file"
    if target_id == _file_id(lock):
        return "its lock file"
    if any(target_id == _file_id(old) for old in backups.list_backups(data_real)):
        return "one of its backups"
    return None


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
