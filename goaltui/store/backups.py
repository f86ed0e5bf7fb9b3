"""Rotated copies of the data file, next to it: ``goals.json.bak-2026-11-26``.

A copy is taken before the first write of each day and before a migration
(``goals.json.bak-2026-11-26-schema0``); the last KEEP copies are kept. Callers
hold the data file's lock, so the file cannot change while it is copied.
Copies get the data file's mode and group: a backup must not be easier to
read than the file it copies.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date
from pathlib import Path

from goaltui.core.errors import DataFileError
from goaltui.store.atomic import atomic_write, existing_mode

KEEP = 5


def backup_path(path: Path, day: date, label: str = "") -> Path:
    suffix = f"-{label}" if label else ""
    return path.with_name(f"{path.name}.bak-{day.isoformat()}{suffix}")


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, oldest first (names sort by date)."""
    pattern = re.compile(re.escape(path.name) + r"\.bak-\d{4}-\d{2}-\d{2}(-[a-z0-9]+)?")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.with_name(name) for name in sorted(names) if pattern.fullmatch(name)]


def backup(path: Path, day: date, label: str = "") -> Path | None:
    """Copy `path` to its backup for `day` (atomically), then rotate. None when there is no file."""
    target = backup_path(path, day, label)
    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot back up: {exc.strerror}") from None
    mode, gid = existing_mode(path, shared=False)
    atomic_write(target, payload, mode=mode, gid=gid)
    rotate(path)
    return target


def daily_backup(path: Path, today: date) -> Path | None:
    """Take today's backup unless it exists (one stat on every other write of the day)."""
    if backup_path(path, today).exists():
        return None
    made = backup(path, today)
    remove_orphans(path)
    return made


def rotate(path: Path, keep: int = KEEP) -> None:
    for old in list_backups(path)[:-keep]:
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
