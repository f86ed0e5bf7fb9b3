"""A TinyDB storage that several processes can share safely.

Why not TinyDB's JSONStorage: it writes over the old bytes in place and
truncates afterwards (a crash or a concurrent reader sees broken JSON), and
keeps a handle open across writes. Here:

- every read opens the file fresh and records its signature (inode,
  mtime_ns, size) from the same descriptor it read, so the signature always
  describes exactly the bytes parsed;
- when the signature has not changed, the parsed data is reused, so a save
  costs one serialisation instead of a parse and a serialisation. Each write
  gives the new file an mtime strictly later than the old one's, so a reused
  inode of the same size can never pass for the cached version;
- every write goes through atomic.py (temp file, fsync, os.replace, folder
  fsync): a reader sees the old file or the new one, never half of one;
- read-modify-write happens inside `transaction()`, under an exclusive lock
  on a separate ``.lock`` file (see lock.py), with a timeout. Tables are
  copied on write (transaction.py), so a reader holding the previous data is
  never disturbed;
- the path is resolved once, following only your own (or root's) symlinks, and
  refused in a folder anyone can swap it in (safe_paths.py); the real file, its
  lock and its backups are then opened with O_NOFOLLOW;
- a file over MAX_DATA_BYTES is refused before parsing (orjson needs several
  times the file's size in memory: a 400 MB file crashed it under `ulimit -v`);
- reads never wait for a write: while a save in this process waits for another
  process's lock (up to the timeout), the other threads' reads (live refresh,
  a screen opening) go on; only the cached (data, signature) pair is guarded.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from goaltui.core.errors import DataFileError, LockTimeout
from goaltui.store.atomic import (
    NOFOLLOW,
    PRIVATE_MODE,
    SHARED_MODE,
    Signature,
    atomic_write,
    existing_mode,
    signature_of,
)
from goaltui.store.lock import LockFile
from goaltui.store.safe_paths import data_file_path
from goaltui.store.schema import Tables
from goaltui.store.transaction import Transaction

# A centre's year is about 9 MB (README, "Schema"); far beyond this is not a goaltui file.
MAX_DATA_BYTES = 256 * 1024 * 1024
_MB = 1024 * 1024


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
            f"{path}: not valid JSON ({exc.msg} at byte {exc.pos}); it may be truncated - "
            "restore a backup (*.bak-*) next to it"
        ) from None
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a JSON object of tables, got {_kind(data)}")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DataFileError(f"{path}: table {name!r} should be an object, got {_kind(table)}")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise DataFileError(
                    f"{path}: document {doc_id!r} in table {name!r} should be an object, "
                    f"got {_kind(doc)}"
                )
    return data


def _too_big(path: Path, size: int) -> DataFileError:
    return DataFileError(
        f"{path}: is {-(-size // _MB)} MB, over goaltui's limit of {MAX_DATA_BYTES // _MB} MB "
        "for a data file; not read, left as it is"
    )


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, int | float) else "a value")


class AtomicJSONStorage(Storage):
    """TinyDB storage with fresh reads, atomic replace, and a parse cache keyed by signature.

    goaltui's store uses `load()` and `transaction()` directly; `read()` and
    `write()` keep it usable as a plain TinyDB storage (each write is atomic
    and locked, but TinyDB's own read-modify-write is not one transaction).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, shared: bool = False, lock_timeout: float = 10.0
    ) -> None:
        self.path = Path(path)
        # Replace the file a symlink points at, not the symlink; lock next to the real file.
        # DataFileError at once for another user's link or a folder anyone can write.
        self.real_path = data_file_path(self.path)
        self.shared = shared
        self.lock_timeout = lock_timeout
        self._data: Tables | None = None
        self._signature: Signature | None = None
        self._tx: Transaction | None = None
        # One writing thread at a time in this process; the file lock keeps other processes
        # out. Reads take only the short cache lock, never this one.
        self._thread_lock = threading.RLock()
        self._cache_lock = threading.Lock()

    # -- TinyDB's Storage interface ---------------------------------------------------

    def read(self) -> Tables | None:
        data = self.load()
        # TinyDB mutates what it reads: hand it a deep copy, never the cache.
        return None if data is None else orjson.loads(orjson.dumps(data))

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        copy = orjson.loads(orjson.dumps(data))
        with self.transaction() as tx:
            tx.replace_all(copy)

    def close(self) -> None:
        with self._cache_lock:
            self._data, self._signature = None, None

    # -- reading ----------------------------------------------------------------------

    def load(self) -> Tables | None:
        """Current data (None when there is no file). Shared with the cache: do not mutate.

        Lock-free with respect to writers: a file replaced meanwhile is read whole, old or new.
        """
        return self._load()

    def _load(self) -> Tables | None:
        path = self.path
        try:
            flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | NOFOLLOW
            fd = os.open(self.real_path, flags)
        except FileNotFoundError:
            if os.path.lexists(path) and not os.path.exists(path):
                raise DataFileError(f"{path}: is a broken symbolic link") from None
            with self._cache_lock:
                self._data, self._signature = None, None
            return None
        except IsADirectoryError:
            raise DataFileError(f"{path}: is a folder, not a data file") from None
        except PermissionError:
            raise DataFileError(f"{path}: no permission to read the data file") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # replaced by a link since it was resolved
                raise DataFileError(
                    f"{path}: {self.real_path} has become a symbolic link; goaltui does not "
                    "follow it (check who made it)"
                ) from None
            raise DataFileError(f"{path}: cannot open: {exc.strerror}") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            raise DataFileError(f"{path}: is {what}, not a data file")
        with os.fdopen(fd, "rb") as handle:
            sig = signature_of(st)
            with self._cache_lock:
                if sig == self._signature and self._data is not None:
                    return self._data
            if st.st_size > MAX_DATA_BYTES:
                raise _too_big(path, st.st_size)
            try:
                raw = handle.read(MAX_DATA_BYTES + 1)  # +1: a file still growing is seen
            except OSError as exc:
                raise DataFileError(f"{path}: cannot read: {exc.strerror}") from None
        if len(raw) > MAX_DATA_BYTES:
            raise _too_big(path, len(raw))
        data = parse_tables(path, raw)
        with self._cache_lock:
            self._data, self._signature = data, sig
        return data

    def signature(self) -> Signature | None:
        return file_signature(self.path)

    def stop_writes(self, timeout: float) -> bool:
        """Wait for a write in progress in this process, then hold off any new one for
        good (before a forced exit). False when the wait timed out."""
        return self._thread_lock.acquire(timeout=timeout)

    # -- transactions -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Exclusive read-modify-write: yields the current tables, writes once at the end.

        On any error nothing is written and the file is untouched.
        """
        if not self._thread_lock.acquire(timeout=self.lock_timeout):
            raise self._timeout()
        try:
            if self._tx is not None:
                raise RuntimeError("transactions do not nest")
            with self._locked():
                tx = Transaction(self._load() or {})
                self._tx = tx
                try:
                    yield tx
                    if tx.changed:
                        self._write_file(tx.result())
                finally:
                    self._tx = None
        finally:
            self._thread_lock.release()

    def _timeout(self) -> LockTimeout:
        return LockTimeout(
            f"{self.path}: another goaltui session has held the lock for over "
            f"{self.lock_timeout:g} s; try again"
        )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        folder = self.real_path.parent
        try:
            # Folders appear when first written, never at import or on a read.
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFileError(
                f"{self.path}: cannot create folder {folder}: {exc.strerror}"
            ) from None
        mode, gid = existing_mode(self.real_path, self.shared)
        lock = LockFile(self.real_path.with_name(self.real_path.name + ".lock"), mode=mode, gid=gid)
        try:
            acquired = lock.acquire(self.lock_timeout)
        except PermissionError:
            raise DataFileError(
                f"{self.path}: no permission to create or use its .lock file"
            ) from None
        except OSError as exc:
            if exc.errno in {errno.ELOOP, errno.EINVAL}:  # see LockFile._open
                what = "a symbolic link" if exc.errno == errno.ELOOP else "not a regular file"
                raise DataFileError(
                    f"{self.path}: its lock file {lock.path} is {what}; goaltui will not use "
                    "it (remove it if nobody you know made it)"
                ) from None
            raise DataFileError(f"{self.path}: cannot lock: {exc.strerror}") from None
        if not acquired:
            raise self._timeout()
        try:
            yield
        finally:
            lock.release()

    # -- writing ----------------------------------------------------------------------

    def _write_file(self, data: Tables) -> None:
        """Keeps the old file's mode and group; a new file gets 0600 (or 0660 when shared)."""
        path = self.real_path
        try:
            old: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            old = None
        except OSError as exc:
            raise DataFileError(f"{self.path}: cannot stat: {exc.strerror}") from None
        if old is not None and not os.access(path, os.W_OK):
            raise DataFileError(f"{self.path}: no permission to write the data file")
        if old is None:
            mode, gid, floor = SHARED_MODE if self.shared else PRIVATE_MODE, None, 0
        else:
            mode, gid, floor = stat.S_IMODE(old.st_mode), old.st_gid, old.st_mtime_ns + 1
        payload = orjson.dumps(data)
        sig = atomic_write(path, payload, mode=mode, gid=gid, min_mtime_ns=floor)
        with self._cache_lock:
            self._data, self._signature = data, sig
