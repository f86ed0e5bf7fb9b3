"""Co-users on one box (issue 12): what another user, or a slip of the keyboard, can do to
the data file, its lock and its backups, and what goaltui does about it.

Every refusal is one line on stderr, a non-zero exit and a data file left byte for byte.
Tests that need a file owned by someone else chown it, so they need root.
"""

from __future__ import annotations

import os
import stat
import threading
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.core.errors import DataFileError, UserError
from goaltui.formats import csv_input
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY
from goaltui.formats.importer import plan_import
from goaltui.store import backups, safe_paths, storage
from goaltui.store.lock import LockFile
from goaltui.store.storage import AtomicJSONStorage
from goaltui.store.store import Store

OTHER = 4242  # a uid and gid nobody on the test box has
GOOD = {"_meta": {"1": {"schema": 1}}, "goals": {}, "checkins": {}}
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's needs root")
ADD = ["add", "aht", "Cut AHT on billing", "--metric", "AHT", "--unit", "s"]
ADD += ["--baseline", "540", "--target", "420", "--due", "+3m"]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def error(result: Result, code: int) -> str:
    """The one stderr line of a failed command."""
    assert result.exit_code == code, result.stdout + result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("goaltui: error: ")
    return line.removeprefix("goaltui: error: ")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "team.json"
    assert run(*ADD, "--db", path).exit_code == 0
    assert run("log", "aht", "500", "--db", path).exit_code == 0
    return path


def write_one(store: AtomicJSONStorage) -> None:
    with store.transaction() as tx:
        tx.table("checkins")["a"] = {"value": 1}


def foreign(path: Path) -> Path:
    os.lchown(path, OTHER, OTHER)  # the link itself, not what it points at
    return path


# -- export -o: never onto the data file's own files, and never replacing a device -------------


@pytest.mark.parametrize(
    ("spelling", "kind"),
    [
        ("team.json", "the data file"),
        ("sub/../team.json", "the data file"),
        ("link.json", "the data file"),
        ("hard.json", "the data file"),
        ("team.json.lock", "its lock file"),
        ("team.json.bak-2026-11-26", "one of its backups"),
        ("team.json.bak-2099-01-01", "one of its backups"),  # a future one: it would stand in
    ],
)
def test_export_never_lands_on_the_data_file_its_lock_or_backups(
    db: Path, spelling: str, kind: str
) -> None:
    (db.parent / "sub").mkdir()
    (db.parent / "link.json").symlink_to(db.name)
    os.link(db, db.parent / "hard.json")
    backups.backup(db, DEMO_TODAY)
    before = {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()}
    target = db.parent / spelling
    line = error(run("export", "--format", "md", "-o", target, "--db", db), 1)
    assert line == f"{target}: is {kind} ({db}); export to another file"
    assert {p.name: p.read_bytes() for p in db.parent.iterdir() if p.is_file()} == before


def test_export_through_a_symlinked_db_still_knows_the_real_file(db: Path) -> None:
    link = db.with_name("mine.json")
    link.symlink_to(db)
    before = db.read_bytes()
    line = error(run("export", "-o", db, "--db", link), 1)
    assert line.endswith("is the data file (" + str(link) + "); export to another file")
    assert db.read_bytes() == before


def test_export_writes_through_a_fifo_and_leaves_it_a_fifo(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "--format", "md", "-o", fifo, "--db", db)
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received[0].startswith(b"# Goals report")


def test_export_to_a_device_writes_to_it_and_never_replaces_it(db: Path) -> None:
    assert run("export", "-o", "/dev/null", "--db", db).exit_code == 0
    line = error(run("export", "-o", "/dev/full", "--db", db), 1)
    assert line == "/dev/full: cannot write: No space left on device"
    for device in ("/dev/null", "/dev/full"):
        assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_export_through_your_own_symlink_replaces_its_target(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "report-link.md"
    link.symlink_to(target)
    assert run("export", "--format", "md", "-o", link, "--db", db).exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("# Goals report")


def test_export_to_a_folder_is_one_line(db: Path, tmp_path: Path) -> None:
    assert error(run("export", "-o", tmp_path, "--db", db), 1) == (
        f"{tmp_path}: is a folder; name a file"
    )


@as_root
def test_export_never_follows_another_users_symlink(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA")
    planted = foreign(_symlink(tmp_path / "report.md", victim))
    line = error(run("export", "-o", planted, "--db", db), 1)
    assert "is a symbolic link owned by uid 4242, not by you" in line
    assert victim.read_text() == "ssh-ed25519 AAAA"


def _symlink(link: Path, target: Path | str) -> Path:
    link.symlink_to(target)
    return link


# -- the lock: deleted, replaced, or a symlink --------------------------------------------------


def test_a_writer_that_waited_on_a_deleted_lock_file_locks_the_one_there_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "team.json.lock"
    first, second = (LockFile(path, mode=0o600, gid=None) for _ in range(2))
    assert first.acquire(1)
    opened = threading.Event()
    real_open = second._open

    def open_and_say_so() -> int:
        fd = real_open()
        opened.set()
        return fd

    monkeypatch.setattr(second, "_open", open_and_say_so)
    got: list[bool] = []
    waiter = threading.Thread(target=lambda: got.append(second.acquire(10)))
    waiter.start()
    assert opened.wait(10)  # the second writer waits on the file that is there now ...
    path.unlink()  # ... which `rm team.json.lock` deletes
    first.release()
    waiter.join(10)
    assert got == [True]
    assert second._fd is not None
    assert os.fstat(second._fd).st_ino == os.stat(path).st_ino  # the file at the path
    second.release()


def test_deleting_a_held_lock_file_does_not_let_a_second_writer_in(tmp_path: Path) -> None:
    path = tmp_path / "team.json.lock"
    holder, other = (LockFile(path, mode=0o600, gid=None) for _ in range(2))
    assert holder.acquire(1)
    path.unlink()  # the next writer creates and locks a new lock file ...
    try:
        assert not other.acquire(0.3)  # ... but the folder is still locked
    finally:
        holder.release()
    assert other.acquire(1)
    other.release()


@pytest.mark.parametrize("owner", ["mine", "another user's"])
def test_a_symlink_in_place_of_the_lock_is_not_followed(tmp_path: Path, owner: str) -> None:
    if owner != "mine" and os.geteuid() != 0:
        pytest.skip("making a file another user's needs root")
    path = tmp_path / "team.json"
    path.write_bytes(orjson.dumps(GOOD))
    before = path.read_bytes()
    aim = tmp_path / "elsewhere"
    lock = _symlink(tmp_path / "team.json.lock", aim)
    if owner != "mine":
        foreign(lock)
    with pytest.raises(DataFileError) as caught:
        write_one(AtomicJSONStorage(path))
    assert str(caught.value) == (
        f"{path}: its lock file {lock} is a symbolic link; goaltui will not use it "
        "(remove it if nobody you know made it)"
    )
    assert not aim.exists() and path.read_bytes() == before


# -- symlinks and folders: the data file itself ------------------------------------------------


@as_root
def test_another_users_symlink_as_the_data_file_is_refused(tmp_path: Path) -> None:
    """/tmp/lead1-new.json planted by someone else, pointing at their 0666 file."""
    evil = tmp_path / "evil"
    evil.mkdir()
    trap = evil / "team.json"
    trap.write_bytes(orjson.dumps(GOOD))
    os.chmod(trap, 0o666)
    before = trap.read_bytes()
    planted = foreign(_symlink(tmp_path / "lead1-new.json", trap))
    for command in (["goals"], [*ADD]):
        line = error(run(*command, "--db", planted), 2)
        assert line == (
            f"{planted}: is a symbolic link owned by uid 4242, not by you; goaltui does not "
            "follow other users' links (use the real path)"
        )
    assert trap.read_bytes() == before and not list(evil.glob("team.json.*"))


@as_root
def test_another_users_symlink_anywhere_on_the_path_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "private"
    mine.mkdir()
    planted = foreign(_symlink(tmp_path / "group", mine))
    with pytest.raises(DataFileError, match=f"{planted} is a symbolic link owned by uid 4242"):
        AtomicJSONStorage(planted / "team.json")


def test_your_own_symlinks_are_followed_relative_chained_and_through_folders(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real" / "team.json"
    real.parent.mkdir()
    real.write_bytes(orjson.dumps(GOOD))
    (tmp_path / "dir-link").symlink_to("real")
    (tmp_path / "one.json").symlink_to("dir-link/../real/./team.json")
    (tmp_path / "two.json").symlink_to(tmp_path / "one.json")
    store = AtomicJSONStorage(tmp_path / "two.json")
    assert store.real_path == real
    write_one(store)
    assert real.is_file() and (real.parent / "team.json.lock").is_file()
    assert (tmp_path / "two.json").is_symlink()


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    with pytest.raises(DataFileError, match="too many levels of symbolic links"):
        AtomicJSONStorage(tmp_path / "a.json")


def test_a_folder_anyone_can_write_without_the_sticky_bit_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "open"
    shared.mkdir()
    os.chmod(shared, 0o777)
    line = error(run("goals", "--db", shared / "team.json"), 2)
    assert line == (
        f"{shared / 'team.json'}: {shared} is writable by everyone and has no sticky bit, so "
        "anyone could replace the file; use another folder"
    )
    os.chmod(shared, 0o1777)  # like /tmp: others cannot rename or delete your files
    assert run(*ADD, "--db", shared / "team.json").exit_code == 0


def test_a_link_sitting_in_a_folder_anyone_can_write_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "team.json"
    real.write_bytes(orjson.dumps(GOOD))
    shared = tmp_path / "open"
    shared.mkdir()
    os.chmod(shared, 0o777)
    link = _symlink(shared / "team.json", real)  # anyone can point it elsewhere
    with pytest.raises(DataFileError, match=f"{shared} is writable by everyone"):
        AtomicJSONStorage(link)


def test_a_data_file_turned_into_a_symlink_later_is_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    path.write_bytes(orjson.dumps(GOOD))
    store = AtomicJSONStorage(path)
    assert store.load() is not None
    path.unlink()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(orjson.dumps(GOOD))
    path.symlink_to(elsewhere)
    with pytest.raises(DataFileError, match="has become a symbolic link; goaltui does not"):
        store.load()


@pytest.mark.parametrize("db_option", ["/", ".", "sub/"])
def test_a_folder_as_the_data_file_is_one_line(
    db_option: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    line = error(run("goals", "--db", db_option), 2)
    assert line.endswith(": is a folder, not a data file")


# -- backups: a file planted under a backup's name ---------------------------------------------


def _data(tmp_path: Path) -> Path:
    path = tmp_path / "team.json"
    path.write_bytes(orjson.dumps(GOOD))
    return path


@as_root
def test_a_planted_backup_never_stands_in_for_todays(tmp_path: Path) -> None:
    path = _data(tmp_path)
    planted = backups.backup_path(path, DEMO_TODAY)
    planted.write_bytes(b"not a backup")
    foreign(planted)
    made = backups.daily_backup(path, DEMO_TODAY)
    assert made == backups.backup_path(path, DEMO_TODAY, "2")
    assert made.read_bytes() == path.read_bytes()
    assert planted.read_bytes() == b"not a backup"  # left alone
    assert backups.daily_backup(path, DEMO_TODAY) is None  # once a day, as before


def test_a_symlink_under_todays_backup_name_is_not_followed(tmp_path: Path) -> None:
    path = _data(tmp_path)
    aim = tmp_path / "aim"
    aim.write_bytes(b"keep me")
    _symlink(backups.backup_path(path, DEMO_TODAY), aim)
    made = backups.daily_backup(path, DEMO_TODAY)
    assert made == backups.backup_path(path, DEMO_TODAY, "2")
    assert aim.read_bytes() == b"keep me"


@as_root
def test_planted_future_backups_never_push_real_ones_out(tmp_path: Path) -> None:
    path = _data(tmp_path)
    for n in range(backups.KEEP):
        planted = backups.backup_path(path, date(2099, 1, 1 + n))
        planted.write_bytes(b"{}")
        foreign(planted)
    for n in range(3):
        backups.daily_backup(path, DEMO_TODAY + timedelta(days=n))
    names = [p.name for p in backups.list_backups(path)]
    assert sum("2099" in name for name in names) == backups.KEEP  # not ours: not deleted
    assert sum("2099" not in name for name in names) == 3  # and ours were not rotated out


@as_root
def test_a_group_members_backup_of_a_shared_file_counts(tmp_path: Path) -> None:
    path = _data(tmp_path)
    os.chown(path, -1, OTHER)
    os.chmod(path, 0o660)
    theirs = backups.backup_path(path, DEMO_TODAY)
    theirs.write_bytes(path.read_bytes())
    os.chown(theirs, OTHER, OTHER)  # another lead of the group took today's backup
    assert backups.daily_backup(path, DEMO_TODAY) is None


@as_root
def test_when_every_backup_name_is_taken_the_write_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    assert run(*ADD, "--db", path).exit_code == 0  # no file before: no backup yet
    for n in range(1, backups.SPARE_NAMES + 2):
        planted = backups.backup_path(path, DEMO_TODAY, "" if n == 1 else str(n))
        planted.write_bytes(b"x")
        foreign(planted)
    before = path.read_bytes()
    line = error(run("log", "aht", "500", "--db", path), 2)
    assert line == (
        f"{path}: team.json.bak-{DEMO_TODAY} and the next 8 backup names are taken by files "
        "goaltui did not write; remove them (nothing was written)"
    )
    assert path.read_bytes() == before


# -- size: refused before parsing ----------------------------------------------------------------


def test_a_data_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    with path.open("wb") as handle:  # sparse: no disk used
        handle.truncate(storage.MAX_DATA_BYTES + 1)
    before = os.stat(path)
    line = error(run("goals", "--db", path), 2)
    assert line == (
        f"{path}: is 257 MB, over goaltui's limit of 256 MB for a data file; "
        "not read, left as it is"
    )
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


# -- import: only a regular file of sane size, every row well formed --------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "goals.json", clock=FixedClock(DEMO_NOW), user="lead")


def plan(source: Path | str, store: Store) -> None:
    plan_import(source, store, today=DEMO_TODAY).raise_for_errors()


def csv_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kpis.csv"
    path.write_text(text, newline="")
    return path


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_import_refuses_devices_and_pipes_at_once(
    source: str, tmp_path: Path, store: Store
) -> None:
    if source == "fifo":
        source = str(tmp_path / "kpis.fifo")
        os.mkfifo(source)  # nobody writes to it: opening it must not wait
    with pytest.raises(UserError) as caught:
        plan(source, store)
    assert str(caught.value) == (
        f"{source}: is a device, pipe or socket, not a file; save the export to a file first"
    )


def test_import_refuses_a_file_over_the_limit_without_reading_it(
    tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(csv_input.MAX_CSV_BYTES + 1)
    with pytest.raises(UserError, match=r"huge.csv: is 101 MB; over the 100 MB limit"):
        plan(path, store)


def test_import_from_stdin_stops_reading_at_the_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(csv_input, "MAX_CSV_BYTES", 1000)
    endless = io.StringIO("date,goal,value\n" + "2026-11-20,aht,5\n" * 100)
    with pytest.raises(UserError, match=r"<stdin>: over the 0 MB limit for an import"):
        plan_import(endless, store, today=DEMO_TODAY)
    assert endless.tell() == 1001  # read no further than the limit


def test_import_refuses_a_line_too_long_naming_it(tmp_path: Path, store: Store) -> None:
    path = csv_file(tmp_path, "date,goal,value\n2026-11-20,aht,5\n" + "x" * 70_000 + "\n")
    with pytest.raises(UserError) as caught:
        plan(path, store)
    assert str(caught.value) == (
        f"{path}: line 3 is longer than 65,536 characters; not a KPI export?"
    )


def test_an_unclosed_quote_names_the_line_it_opens_on(tmp_path: Path, db: Path) -> None:
    text = 'date,goal,value,note\n2026-11-20,aht,5,ok\n2026-11-21,aht,6,"oops\n'
    path = csv_file(tmp_path, text + "2026-11-22,aht,7,fine\n")
    before = db.read_bytes()
    line = error(run("import", path, "--db", db), 1)
    assert line == (
        f'{path}: line 3: a quote (") opened in this row is never closed; nothing was imported'
    )
    assert db.read_bytes() == before


def test_text_after_a_closing_quote_names_its_line(tmp_path: Path, store: Store) -> None:
    path = csv_file(tmp_path, 'date,goal,value,note\n2026-11-20,aht,5,"ok"x\n')
    with pytest.raises(UserError, match=r'line 2: .* expected after \'"\'; nothing was imported'):
        plan(path, store)


@pytest.mark.parametrize("rows", ["", "\n\n", ",,\n,,\n"])
def test_a_header_with_no_rows_is_refused(
    rows: str, tmp_path: Path, db: Path, frozen_clock: FixedClock
) -> None:
    path = csv_file(tmp_path, "date,goal,value\n" + rows)
    before = db.read_bytes()
    line = error(run("import", path, "--db", db), 1)
    assert line == f"{path}: line 1 is a header with no rows under it; nothing to import"
    assert db.read_bytes() == before


# -- --shared in a folder that does not hand down its group ---------------------------------------


@as_root
@pytest.mark.parametrize("setgid", [False, True])
def test_shared_warns_when_the_folder_would_not_give_the_file_its_group(
    tmp_path: Path, setgid: bool
) -> None:
    folder = tmp_path / "leads"
    folder.mkdir()
    os.chown(folder, -1, OTHER)
    os.chmod(folder, 0o2770 if setgid else 0o770)
    result = run("--shared", *ADD, "--db", folder / "team.json")
    assert result.exit_code == 0, result.stderr
    if setgid:
        assert result.stderr == ""
    else:
        assert result.stderr.splitlines() == [
            f"goaltui: warning: {folder} has no setgid bit, so a new team.json gets your group "
            f"(root), not the folder's (4242); chmod g+s {folder} first"
        ]
    again = run("--shared", "goals", "--db", folder / "team.json")
    assert again.stderr == ""  # the file exists: nothing to warn about


# -- the resolver on its own -----------------------------------------------------------------


def test_resolve_agrees_with_realpath_for_your_own_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").symlink_to("..")
    (tmp_path / "c").symlink_to("a/b/a/./b/../missing/x.json")
    for path in (tmp_path / "c", tmp_path / "a" / "b" / "a", tmp_path / "nothing" / "y"):
        assert safe_paths.resolve(path).real == Path(os.path.realpath(path))
