"""An exclusive lock on a separate ``.lock`` file, with a timeout.

Why not the filelock package: filelock 4 costs ~12 ms to import (a tenth of
`goaltui log`'s budget), may delete and re-create the lock file around each
acquire, and probes the folder when the mode is group-writable. Here the lock
file is created once with the data file's mode and group (fchmod, so the umask
cannot narrow it) and kept. flock(2) locks are released by the kernel when the
process dies, so a crash never leaves a stale lock.

Someone deleting the lock file (`rm team.json.lock`) must not let two writers in:
a writer that waited on a file since deleted or replaced notices (fstat of its
descriptor against stat of the path) and locks the one there now; and the folder
is locked too, since a lock file deleted while held lets the next writer create
and lock a new one, but the folder holding the data file cannot be deleted.

On NFS mounted without locking, flock silently locks nothing (see the README).
Without fcntl (Windows) this falls back to the filelock package.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path
from typing import Literal

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_FIRST_WAIT = 0.0005
_MAX_WAIT = 0.02  # short polls: a check-in holds the lock for milliseconds


class LockFile:
    """One acquire/release of an exclusive lock on `path` (not re-entrant)."""

    def __init__(self, path: Path, *, mode: int, gid: int | None) -> None:
        self.path = path
        self.mode = mode
        self.gid = gid
        self._fd: int | None = None
        self._folder_fd: int | None = None
        self._fallback: object | None = None

    def acquire(self, timeout: float) -> bool:
        """True once held; False when `timeout` seconds passed. OSError when it cannot be opened
        (ELOOP when the lock file is a symbolic link: it is never followed)."""
        if fcntl is None:  # pragma: no cover - Windows
            return self._acquire_fallback(timeout)
        deadline = time.monotonic() + timeout
        while True:
            fd = self._open()
            try:
                locked = self._wait(fd, deadline)
                held = locked and self._still_at_path(fd)
            except BaseException:
                os.close(fd)
                raise
            if held:
                break
            os.close(fd)
            if not locked:
                return False
            # The file we locked was deleted or replaced while we waited: an orphan, whose
            # lock excludes nobody who opens the path now. Lock the file that is there.
        try:
            folder = self._lock_folder(deadline)
        except BaseException:
            os.close(fd)
            raise
        if folder is False:
            os.close(fd)
            return False
        self._fd, self._folder_fd = fd, folder
        return True

    def _lock_folder(self, deadline: float) -> int | Literal[False] | None:
        """Also lock the folder: a lock file deleted while held (`rm team.json.lock`) lets
        the next writer create and lock a new one, but nobody can delete the folder that
        holds the data file. None when the folder cannot be locked (no read permission,
        NFS): the lock file alone then keeps writers apart. False on timeout."""
        assert fcntl is not None
        try:
            fd = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            if self._wait(fd, deadline):
                return fd
        except OSError:  # EBADF, ENOLCK: flock on folders unsupported here
            os.close(fd)
            return None
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        return False

    def _wait(self, fd: int, deadline: float) -> bool:
        assert fcntl is not None
        wait = _FIRST_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(wait)
                wait = min(wait * 2, _MAX_WAIT)
            else:
                return True

    def _still_at_path(self, fd: int) -> bool:
        held = os.fstat(fd)
        try:
            now = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return False
        return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            folder, self._folder_fd = self._folder_fd, None
            if folder is not None:
                os.close(folder)
            os.close(fd)  # closing the descriptor drops the flock
        elif self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()  # type: ignore[attr-defined]
            self._fallback = None

    def _open(self) -> int:
        # O_NOFOLLOW: a symlink planted in the lock's place must not make us create or
        # lock a file of the planter's choosing.
        flags = os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
        while True:
            try:
                fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, self.mode)
            except FileExistsError:
                try:
                    fd = os.open(self.path, flags)
                except FileNotFoundError:
                    continue  # deleted between the two opens: create it
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    os.close(fd)  # a FIFO or device in the lock's place
                    raise OSError(errno.EINVAL, "not a regular file", str(self.path)) from None
                return fd
            break
        # Only the creator sets mode and group; others cannot and need not.
        try:
            os.fchmod(fd, self.mode)
            if self.gid is not None:
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, self.gid)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _acquire_fallback(self, timeout: float) -> bool:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path), timeout=timeout, mode=self.mode)
        try:
            lock.acquire()
        except Timeout:
            return False
        self._fallback = lock
        return True
