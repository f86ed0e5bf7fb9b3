"""Rotated copies of the data file, next to it: ``goals.json.bak-2026-11-26``.

A copy is taken before the first write of each day and before a migration
(``goals.json.bak-2026-11-26-schema0``); the last KEEP copies are kept. Callers
hold the data file's lock, so the file cannot change while it is copied.
Copies get the data file's mode and group: a backup must not be easier to
read than the file it copies.

Anyone who can write the folder can also create files named like backups. Such a
file never stands in for a backup (today's would be skipped) and is never counted
or deleted by the rotation (five future dates would push every real backup out):
only a plain file from you, root, the data file's owner or - when the file is
group-writable - a member of its group (all of whom could write the data file
anyway) counts as a backup.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from datetime import date
from pathlib import Path

from goaltui.core.errors import DataFileError
from goaltui.store.atomic import atomic_write, existing_mode, read_regular, trusted_uid

KEEP = 5
SPARE_NAMES = 8  # today's backup goes to .bak-DAY-2 ... -9 when others hold .bak-DAY
_NAME = r"\.bak-\d{4}-\d{2}-\d{2}(-[a-z0-9]+)?"


def backup_path(path: Path, day: date, label: str = "") -> Path:
    suffix = f"-{label}" if label else ""
    return path.with_name(f"{path.name}.bak-{day.isoformat()}{suffix}")


def is_backup_name(path: Path, name: str) -> bool:
    return re.fullmatch(re.escape(path.name) + _NAME, name) is not None


def list_backups(path: Path) -> list[Path]:
    """Files named like backups of `path`, whoever made them, oldest first (names sort
    by date)."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.with_name(name) for name in sorted(names) if is_backup_name(path, name)]


def written_by_goaltui(candidate: Path, data: os.stat_result) -> bool | None:
    """True for a backup goaltui wrote, False for a file someone else put under that name,
    None when there is nothing there."""
    try:
        st = os.lstat(candidate)
    except FileNotFoundError:
        return None
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1:  # a link, a FIFO, a hard link
        return False
    if trusted_uid(st.st_uid) or st.st_uid == data.st_uid:
        return True
    return bool(data.st_mode & stat.S_IWGRP) and st.st_gid == data.st_gid


def backup(path: Path, day: date, label: str = "") -> Path | None:
    """Copy `path` to its backup for `day` (atomically), then rotate. None when there is no file."""
    target = backup_path(path, day, label)
    payload = read_regular(path)  # the data file itself, never a link planted in its place
    if payload is None:
        return None
    mode, gid = existing_mode(path, shared=False)
    atomic_write(target, payload, mode=mode, gid=gid)
    rotate(path)
    return target


def daily_backup(path: Path, today: date) -> Path | None:
    """Take today's backup unless goaltui already has (a stat or two on every other write
    of the day). A name held by a file goaltui did not write is passed over for the next."""
    try:
        data = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot back up: {exc.strerror}") from None
    for n in range(1, SPARE_NAMES + 2):
        label = "" if n == 1 else str(n)
        ours = written_by_goaltui(backup_path(path, today, label), data)
        if ours:
            return None
        if ours is None:
            made = backup(path, today, label)
            remove_orphans(path)
            return made
    raise DataFileError(
        f"{path}: {backup_path(path, today).name} and the next {SPARE_NAMES} backup names "
        "are taken by files goaltui did not write; remove them (nothing was written)"
    )


def rotate(path: Path, keep: int = KEEP) -> None:
    """Keep the last `keep` backups goaltui wrote; files of others are left alone."""
    try:
        data = os.stat(path)
    except OSError:
        return
    ours = [old for old in list_backups(path) if written_by_goaltui(old, data)]
    for old in ours[:-keep]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()


def remove_orphans(path: Path) -> None:
    """Delete temp files left by a writer that was killed mid-write.

    Temp files are only created under the lock, which our caller holds, so any
    temp file of ours that exists now belongs to a dead writer.
    """
    pattern = re.compile(r"\." + re.escape(path.name) + r"(\.bak-[0-9a-z-]+)?\.[^.]+\.tmp")
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if pattern.fullmatch(name):
                with contextlib.suppress(OSError):
                    os.unlink(path.parent / name)
