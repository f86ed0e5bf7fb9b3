"""Hold a data file's lock from another process, as a cron import or another lead's save does.

The child takes an exclusive flock on `<data file>.lock` (the file the store locks, see
goaltui/store/lock.py), says "locked", and keeps it until its stdin is closed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHILD = """
import fcntl, sys
handle = open(sys.argv[1], "a")
fcntl.flock(handle, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.read()  # until the test closes this pipe (or dies): then the kernel drops the lock
"""


class HeldLock:
    """The child process holding the lock; `release()` lets it go."""

    def __init__(self, child: subprocess.Popen[str]) -> None:
        self.child = child

    def release(self) -> None:
        if self.child.stdin is not None and not self.child.stdin.closed:
            self.child.stdin.close()

    @property
    def released(self) -> bool:
        """The child has ended, so its flock is gone."""
        return self.child.poll() is not None


def lock_path(data_file: Path) -> Path:
    real = Path(os.path.realpath(data_file))
    return real.with_name(real.name + ".lock")


@contextmanager
def lock_held_elsewhere(data_file: Path) -> Iterator[HeldLock]:
    """Another process holds the data file's lock until `release()` (or the block ends)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(lock_path(data_file))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    held = HeldLock(child)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        yield held
    finally:
        held.release()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - never seen
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
