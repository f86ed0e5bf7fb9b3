"""Replace a file so that a reader or a crash sees the old bytes or the new, never half.

The one implementation behind the data file, its backups, exports and the TUI's
settings: temp file in the same folder, fchmod, fsync, os.replace, folder fsync.
Plain os calls, no TinyDB: goaltui.app may use it (pyproject.toml's contracts let it).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from goaltui.core.errors import DataFileError

Signature = tuple[int, int, int]  # (inode, mtime_ns, size), as core.snapshot.Token

PRIVATE_MODE = 0o600
SHARED_MODE = 0o660
NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, which has no such links to plant


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def trusted_uid(uid: int) -> bool:
    """Whose symlinks and backups goaltui takes as its own: yours and root's."""
    return uid in {os.geteuid(), 0}


def read_regular(path: Path) -> bytes | None:
    """A regular file's bytes, never through a symlink (O_NOFOLLOW); None when missing."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DataFileError(f"{path}: is not a regular file")
        try:
            return handle.read()
        except OSError as exc:
            raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None


def existing_mode(path: Path, shared: bool) -> tuple[int, int | None]:
    """(mode, gid) that new companions of `path` (data, lock, backups) should get."""
    try:
        st = os.stat(path)
    except OSError:
        return (SHARED_MODE if shared else PRIVATE_MODE), None
    return stat.S_IMODE(st.st_mode), st.st_gid


def atomic_write(
    path: Path, payload: bytes, *, mode: int, gid: int | None, min_mtime_ns: int = 0
) -> Signature:
    """Temp file + fsync + os.replace + folder fsync; returns the new file's signature.

    `mode` is applied with fchmod, so the umask cannot narrow it; the group is
    kept when allowed. Raises DataFileError (one line) and leaves `path` as it was.
    """
    folder = path.parent
    try:
        # mkstemp opens with O_CREAT | O_EXCL | O_NOFOLLOW: never through a planted link.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise DataFileError(f"{path}: no permission to write in {folder}") from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, mode)
            if gid is not None:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, gid)
            handle.write(payload)
            handle.flush()
            mtime = max(time.time_ns(), min_mtime_ns)
            os.utime(fd, ns=(mtime, mtime))
            os.fsync(fd)
            sig = signature_of(os.fstat(fd))
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise DataFileError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    fsync_folder(folder)
    return sig


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
