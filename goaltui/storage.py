"""A TinyDB storage that several processes can share safely.

Why not TinyDB's JSONStorage: it writes over the old bytes in place and
truncates afterwards (a crash or a concurrent reader sees broken JSON), and
keeps a handle open across writes. Here:

- every read opens the file fresh and records its signature (inode,
  mtime_ns, size) from the same descriptor it read, so the signature always
  describes exactly the bytes parsed;
- when the signature has not changed, the parsed data is reused, so a save
  costs one serialisation instead of a parse and a serialisation;
- every write goes to a temp file in the same folder, is fsynced, moved over
  the old file with os.replace, and the folder is fsynced: a reader sees the
  old file or the new one, never half of one;
- read-modify-write happens inside `transaction()`, under an exclusive lock
  on a separate ``.lock`` file, with a timeout.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from goaltui.errors import DataFileError, LockTimeout

Signature = tuple[int, int, int]
Tables = dict[str, dict[str, Any]]

PRIVATE_MODE = 0o600
SHARED_MODE = 0o660


def signature_of(st: os.stat_result) -> Signature:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def file_signature(path: Path) -> Signature | None:
    """The change token: a stat, never a parse. None when the file does not exist."""
    try:
        return signature_of(os.stat(path))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None


def parse_tables(path: Path, raw: bytes) -> Tables:
    """Parse the file's bytes into TinyDB's shape, or explain in one line why not."""
    if not raw.strip():
        raise DataFileError(f"{path}: the data file is empty (expected JSON); it was left as is")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DataFileError(
            f"{path}: not valid JSON ({exc.msg} at byte {exc.pos}); "
            "it may be truncated - restore a backup (*.bak-*) next to it"
        ) from None
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a JSON object of tables, got {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DataFileError(f"{path}: table {name!r} should be an object, got {type(table).__name__}")
    return data


class AtomicJSONStorage(Storage):  # type: ignore[misc]
    """TinyDB storage with fresh reads, atomic replace, and a parse cache keyed by signature."""

    def __init__(self, path: str | os.PathLike[str], *, shared: bool = False, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.shared = shared
        self.lock_timeout = lock_timeout
        self._data: Tables | None = None
        self._signature: Signature | None = None
        self._pending: Tables | None = None
        self._dirty = False
        # One thread at a time in this process; the file lock keeps other processes out.
        self._thread_lock = threading.RLock()
        self._file_lock: FileLock | None = None

    # -- TinyDB's Storage interface ---------------------------------------------------

    def read(self) -> Tables | None:
        if self._pending is not None:
            return self._pending
        with self._thread_lock:
            return self._load()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._pending is None:
            raise RuntimeError("writes must happen inside Storage.transaction()")
        self._pending = data
        self._dirty = True

    def close(self) -> None:
        self._data = None

    # -- reading ----------------------------------------------------------------------

    def _load(self) -> Tables | None:
        """Current data: the cache when the file is unchanged, else a fresh parse."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            self._data, self._signature = None, None
            return None
        except IsADirectoryError:
            raise DataFileError(f"{self.path}: is a folder, not a data file") from None
        except PermissionError:
            raise DataFileError(f"{self.path}: no permission to read the data file") from None
        except OSError as exc:
            raise DataFileError(f"{self.path}: cannot open: {exc.strerror}") from None
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise DataFileError(f"{self.path}: is a folder, not a data file")
            sig = signature_of(st)
            if sig == self._signature and self._data is not None:
                return self._data
            try:
                raw = handle.read()
            except IsADirectoryError:
                raise DataFileError(f"{self.path}: is a folder, not a data file") from None
        data = parse_tables(self.path, raw)
        self._data, self._signature = data, sig
        return data

    def signature(self) -> Signature | None:
        return file_signature(self.path)

    # -- transactions -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Tables]:
        """Exclusive read-modify-write. Yields the current tables; writes once at the end.

        On any error the in-memory cache is dropped (TinyDB mutates it in place),
        and the file is untouched.
        """
        with self._thread_lock, self._locked():
            current = self._load()
            self._pending = current if current is not None else {}
            self._dirty = False
            try:
                yield self._pending
                if self._dirty:
                    self._write_file(self._pending)
            except BaseException:
                self._data, self._signature = None, None
                raise
            finally:
                self._pending = None
                self._dirty = False

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self._file_lock is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock_path = self.path.with_name(self.path.name + ".lock")
            self._file_lock = FileLock(lock_path, timeout=self.lock_timeout, mode=self._new_file_mode())
        try:
            self._file_lock.acquire()
        except Timeout:
            raise LockTimeout(
                f"{self.path}: another goaltui session has held the lock for over "
                f"{self.lock_timeout:g} s; try again"
            ) from None
        except PermissionError:
            raise DataFileError(f"{self.path}: no permission to create or use its .lock file") from None
        try:
            yield
        finally:
            self._file_lock.release()

    # -- writing ----------------------------------------------------------------------

    def _new_file_mode(self) -> int:
        try:
            return stat.S_IMODE(os.stat(self.path).st_mode)
        except OSError:
            return SHARED_MODE if self.shared else PRIVATE_MODE

    def _write_file(self, data: Tables) -> None:
        """Temp file + fsync + os.replace + folder fsync; keeps the old file's mode and group."""
        payload = orjson.dumps(data)
        folder = self.path.parent
        try:
            old = os.stat(self.path)
        except FileNotFoundError:
            old = None
        except OSError as exc:
            raise DataFileError(f"{self.path}: cannot stat: {exc.strerror}") from None
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except PermissionError:
            raise DataFileError(f"{self.path}: no permission to write in {folder}") from None
        except OSError as exc:
            raise DataFileError(f"{self.path}: cannot write: {exc.strerror}") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                if old is not None:
                    os.fchmod(handle.fileno(), stat.S_IMODE(old.st_mode))
                    with contextlib.suppress(PermissionError):
                        os.fchown(handle.fileno(), -1, old.st_gid)
                else:
                    os.fchmod(handle.fileno(), self._new_file_mode())
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, self.path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            if isinstance(exc, OSError):
                raise DataFileError(f"{self.path}: cannot write: {exc.strerror}") from None
            raise
        fsync_folder(folder)
        st = os.stat(self.path)
        self._data, self._signature = data, signature_of(st)


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
