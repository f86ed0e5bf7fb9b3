"""The storage layer: atomic writes, permissions, the parse cache, bad files, backups, paths.

Each test states what a lead or an admin on the shared box would notice.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from goaltui.cli import paths
from goaltui.core.errors import DataFileError, LockTimeout
from goaltui.store import backups, storage
from goaltui.store.lock import LockFile
from goaltui.store.storage import AtomicJSONStorage

GOOD = {"_meta": {"1": {"schema": 1}}, "goals": {}, "checkins": {}}


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def write_one(store: AtomicJSONStorage, doc_id: str = "a", value: int = 1) -> None:
    with store.transaction() as tx:
        tx.table("checkins")[doc_id] = {"value": value}


@pytest.fixture
def umask() -> Iterator[None]:
    """A permissive umask, as on many shared boxes: modes must not depend on it."""
    old = os.umask(0o002)
    yield
    os.umask(old)


# -- permissions ----------------------------------------------------------------------


def test_a_new_file_and_its_lock_are_private_whatever_the_umask(
    tmp_path: Path, umask: None
) -> None:
    path = tmp_path / "goals.json"
    write_one(AtomicJSONStorage(path))
    assert mode_of(path) == 0o600
    assert mode_of(path.with_name("goals.json.lock")) == 0o600


def test_shared_creates_a_group_writable_file_and_lock(tmp_path: Path) -> None:
    old = os.umask(0o077)  # even a strict umask
    try:
        path = tmp_path / "team.json"
        write_one(AtomicJSONStorage(path, shared=True))
    finally:
        os.umask(old)
    assert mode_of(path) == 0o660
    assert mode_of(path.with_name("team.json.lock")) == 0o660


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's group to any gid needs root")
def test_an_existing_files_mode_and_group_survive_every_write(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    os.chmod(path, 0o640)
    os.chown(path, -1, 4242)
    before = os.stat(path).st_ino
    store = AtomicJSONStorage(path)
    write_one(store, "d0")
    assert os.stat(path).st_ino != before  # replaced, not written in place
    for n in range(1, 4):
        write_one(store, f"d{n}")
    st = os.stat(path)
    assert (stat.S_IMODE(st.st_mode), st.st_gid) == (0o640, 4242)
    lock = os.stat(path.with_name("goals.json.lock"))
    assert (stat.S_IMODE(lock.st_mode), lock.st_gid) == (0o640, 4242)


def test_an_existing_files_mode_survives_writes(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    os.chmod(path, 0o664)
    write_one(AtomicJSONStorage(path, shared=False))
    assert mode_of(path) == 0o664


def test_backups_are_no_easier_to_read_than_the_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    os.chmod(path, 0o640)
    made = backups.backup(path, date(2026, 11, 26))
    assert made == tmp_path / "goals.json.bak-2026-11-26"
    assert mode_of(made) == 0o640
    assert made.read_bytes() == path.read_bytes()


# -- atomic writes and the cache ------------------------------------------------------


def test_a_write_leaves_only_the_file_and_its_lock(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    write_one(AtomicJSONStorage(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goals.json", "goals.json.lock"]
    assert orjson.loads(path.read_bytes()) == {"checkins": {"a": {"value": 1}}}


def test_a_failed_replace_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    before = path.read_bytes()

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(DataFileError, match="No space left on device"):
        write_one(AtomicJSONStorage(path))
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_error_inside_a_transaction_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    before = path.read_bytes()
    store = AtomicJSONStorage(path)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.table("checkins")["x"] = {"value": 1}
        raise RuntimeError("changed my mind")
    assert path.read_bytes() == before
    assert "x" not in (store.load() or {})["checkins"]


def test_an_unchanged_file_is_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    calls: list[Path] = []
    real = storage.parse_tables

    def counting(where: Path, raw: bytes) -> storage.Tables:
        calls.append(where)
        return real(where, raw)

    monkeypatch.setattr(storage, "parse_tables", counting)
    store = AtomicJSONStorage(path)
    store.load()
    store.load()
    write_one(store)  # reuses the cache under the lock, and caches what it wrote
    store.load()
    assert len(calls) == 1
    write_one(AtomicJSONStorage(path), "b")  # someone else writes (and parses once)
    parsed = len(calls)
    assert "b" in (store.load() or {})["checkins"]
    assert len(calls) == parsed + 1


def test_each_version_of_the_file_has_a_new_signature(tmp_path: Path) -> None:
    """Same size, same second, maybe a reused inode: the change token still moves."""
    path = tmp_path / "goals.json"
    store = AtomicJSONStorage(path)
    seen = set()
    for n in range(20):
        write_one(store, "same", n % 10)
        seen.add(store.signature())
    assert len(seen) == 20


def test_readers_keep_a_consistent_snapshot_while_someone_writes(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    store = AtomicJSONStorage(path)
    write_one(store, "a")
    before = store.load()
    assert before is not None
    write_one(store, "b")
    assert list(before["checkins"]) == ["a"]  # copy-on-write: the old view did not change


def test_a_symlinked_data_file_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "team.json"
    real.parent.mkdir()
    real.write_bytes(orjson.dumps(GOOD))
    link = tmp_path / "goals.json"
    link.symlink_to(real)
    write_one(AtomicJSONStorage(link))
    assert link.is_symlink()
    assert "a" in orjson.loads(real.read_bytes())["checkins"]
    assert (real.parent / "team.json.lock").exists()


def test_stock_tinydb_reads_our_file_and_can_use_our_storage(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.table("notes").insert({"text": "hello"})
        assert db.table("notes").all() == [{"text": "hello"}]
    with TinyDB(path) as stock:
        assert stock.table("notes").all() == [{"text": "hello"}]


# -- bad files: one line naming the file, and the bytes untouched ----------------------

BAD_FILES = {
    "empty": (b"", "is empty"),
    "blank": (b"  \n", "is empty"),
    "truncated": (orjson.dumps(GOOD)[:-7], "not valid JSON"),
    "not json": (b"goals: [aht]\n", "not valid JSON"),
    "a list": (b"[1, 2]", "expected a JSON object of tables, got a list"),
    "table is a string": (b'{"goals": "aht"}', "table 'goals' should be an object, got a string"),
    "document is a number": (b'{"goals": {"aht": 5}}', "document 'aht' in table 'goals'"),
}


@pytest.mark.parametrize("content,message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_one_clear_line_and_stays_as_it_was(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(content)
    store = AtomicJSONStorage(path)
    for attempt in (store.load, lambda: write_one(store)):
        with pytest.raises(DataFileError) as caught:
            attempt()
        text = str(caught.value)
        assert message in text and str(path) in text and "\n" not in text
    assert path.read_bytes() == content


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.mkdir()
    with pytest.raises(DataFileError, match="is a folder, not a data file"):
        write_one(AtomicJSONStorage(path))
    assert path.is_dir() and not list(path.iterdir())


def test_no_permission_to_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    real_open = os.open

    def denied(file: object, flags: int, *args: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(DataFileError, match="no permission to read the data file"):
        AtomicJSONStorage(path).load()


def test_no_permission_to_write_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only file is not replaced behind the owner's back (root ignores modes, so
    access() is simulated)."""
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    before = path.read_bytes()
    monkeypatch.setattr(os, "access", lambda p, m: False)
    with pytest.raises(DataFileError, match="no permission to write the data file"):
        write_one(AtomicJSONStorage(path))
    assert path.read_bytes() == before


def test_no_permission_to_write_in_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    before = path.read_bytes()

    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(DataFileError, match=f"no permission to write in {tmp_path}"):
        write_one(AtomicJSONStorage(path))
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes files whatever their mode")
def test_real_permission_denied_as_a_normal_user(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    path.chmod(0o000)
    with pytest.raises(DataFileError, match="no permission"):
        AtomicJSONStorage(path).load()


def test_a_held_lock_times_out_with_a_message_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    holder = LockFile(path.with_name("goals.json.lock"), mode=0o600, gid=None)
    assert holder.acquire(1)
    try:
        with pytest.raises(LockTimeout) as caught:
            write_one(AtomicJSONStorage(path, lock_timeout=0.2))
    finally:
        holder.release()
    assert str(caught.value) == (
        f"{path}: another goaltui session has held the lock for over 0.2 s; try again"
    )
    write_one(AtomicJSONStorage(path, lock_timeout=0.2))  # released: it works again


# -- backups ---------------------------------------------------------------------------


def test_backups_keep_the_last_five(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    day = date(2026, 11, 1)
    for n in range(8):
        path.write_bytes(orjson.dumps({"day": {"n": {"n": n}}}))
        backups.daily_backup(path, day + timedelta(days=n))
        backups.daily_backup(path, day + timedelta(days=n))  # once a day only
    kept = backups.list_backups(path)
    assert [p.name[-10:] for p in kept] == [f"2026-11-0{n}" for n in range(4, 9)]
    assert orjson.loads(kept[-1].read_bytes()) == {"day": {"n": {"n": 7}}}


def test_orphan_temp_files_of_killed_writers_are_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(GOOD))
    orphan = tmp_path / ".goals.json.abc123.tmp"
    orphan.write_bytes(b"{half")
    other = tmp_path / ".other.json.abc123.tmp"
    other.write_bytes(b"not ours")
    backups.daily_backup(path, date(2026, 11, 26))
    assert not orphan.exists() and other.exists()


# -- where the file lives ---------------------------------------------------------------


def test_the_db_option_beats_the_environment_which_beats_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    assert paths.resolve_db_path(None) == tmp_path / "data" / "goals.json"
    monkeypatch.setenv("GOALTUI_DB", str(tmp_path / "env.json"))
    assert paths.resolve_db_path(None) == tmp_path / "env.json"
    assert paths.resolve_db_path(str(tmp_path / "opt.json")) == tmp_path / "opt.json"
    assert not (tmp_path / "data").exists()  # nothing is created by asking


def test_the_data_folder_appears_on_the_first_write_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "goals.json"
    store = AtomicJSONStorage(path)
    assert store.load() is None and store.signature() is None
    assert not (tmp_path / "new").exists()
    write_one(store)
    assert path.exists()
