"""An exclusive lock on a separate ``.lock`` file, with a timeout.

Why not the filelock package: filelock 4 costs ~12 ms to import (a tenth of
`goaltui log`'s budget), may delete and re-create the lock file around each
acquire, and probes the folder when the mode is group-writable. Here the lock
file is created once with the data file's mode and group (fchmod, so the umask
cannot narrow it) and kept. flock(2) locks are released by the kernel when the
process dies, so a crash never leaves a stale lock.

On NFS mounted without locking, flock silently locks nothing (see the README).
Without fcntl (Windows) this falls back to the filelock package.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

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
        self._fallback: object | None = None

    def acquire(self, timeout: float) -> bool:
        """True once held; False when `timeout` seconds passed. OSError when it cannot be opened."""
        if fcntl is None:  # pragma: no cover - Windows
            return self._acquire_fallback(timeout)
        fd = self._open()
        deadline = time.monotonic() + timeout
        wait = _FIRST_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(wait)
                wait = min(wait * 2, _MAX_WAIT)
            except BaseException:
                os.close(fd)
                raise
            else:
                self._fd = fd
                return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor drops the flock
        elif self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()  # type: ignore[attr-defined]
            self._fallback = None

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CLOEXEC
        try:
            fd = os.open(self.path, flags | os.O_CREAT | os.O_EXCL, self.mode)
        except FileExistsError:
            return os.open(self.path, flags)
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
