"""Several processes on one file: leads' sessions, cron jobs, and writers killed mid-write.

Process-heavy, so marked slow, but sized to run in a few seconds on two cores.
Processes are forked (the test process has already imported everything).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import subprocess
import sys
from datetime import date, timedelta
from multiprocessing.synchronize import Event
from pathlib import Path

import orjson
import pytest
from waiting import PROCESS_TIMEOUT, read_lines

from goaltui.core.clock import FixedClock
from goaltui.core.errors import LockTimeout
from goaltui.core.models import CheckIn, Goal, Metric
from goaltui.formats.demo import DEMO_NOW
from goaltui.store.series import Series
from goaltui.store.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL"),
]

WRITERS = 6
LOGS_EACH = 100
FIRST_DAY = date(2026, 1, 1)
ctx = mp.get_context("fork")


def day(n: int) -> date:
    return FIRST_DAY + timedelta(days=n)


def make_store(path: Path, user: str = "lead", timeout: float = 30.0) -> Store:
    return Store(path, clock=FixedClock(DEMO_NOW), user=user, lock_timeout=timeout)


def add_goals(path: Path, *keys: str) -> Store:
    store = make_store(path)
    for key in keys:
        metric = Metric(name="AHT", unit="s", baseline=540, target=420)
        store.add_goal(Goal(key=key, title=f"Cut {key}", metric=metric, start=FIRST_DAY))
    return store


# -- many writers and a reader ------------------------------------------------------------------


def _writer(path: Path, key: str, go: Event) -> None:
    store = make_store(path, user=key)
    go.wait()
    for n in range(LOGS_EACH):
        store.log(key, float(n), day(n))


def _reader(
    path: Path, go: Event, first: Event, stop: Event, result: mp.Queue[tuple[int, list[str]]]
) -> None:
    """Reads the raw file in a loop, as another lead's board would; sets `first` after a read."""
    reads, errors = 0, []
    go.wait()
    while not stop.is_set():
        try:
            data = orjson.loads(path.read_bytes())
            assert isinstance(data["goals"], dict)
            reads += 1
            first.set()
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    result.put((reads, errors))


def test_six_writers_and_a_reader_lose_nothing_and_never_see_half_a_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    keys = [f"agent-{n}" for n in range(WRITERS)]
    store = add_goals(path, *keys)
    go, first, stop, result = ctx.Event(), ctx.Event(), ctx.Event(), ctx.Queue()
    writers = [ctx.Process(target=_writer, args=(path, key, go)) for key in keys]
    reader = ctx.Process(target=_reader, args=(path, go, first, stop, result))
    for process in [*writers, reader]:
        process.start()
    go.set()
    for process in writers:
        process.join(PROCESS_TIMEOUT)
        assert process.exitcode == 0
    assert first.wait(PROCESS_TIMEOUT)  # the reader has read at least once, then stops
    stop.set()
    reads, errors = result.get(timeout=PROCESS_TIMEOUT)
    reader.join(PROCESS_TIMEOUT)

    assert errors == []
    assert reads > 0
    checkins = store.checkins()
    assert len(checkins) == WRITERS * LOGS_EACH
    for key in keys:
        mine = [c for c in checkins if c.goal == key]
        assert [c.value for c in mine] == [float(n) for n in range(LOGS_EACH)]
        assert {c.by for c in mine} == {key}  # attributed to the session that wrote it


# -- a writer killed at random moments --------------------------------------------------------


def _crash_writer(path: Path, ack_fd: int, start: int, hold_at: int | None) -> None:
    """Log values `start`, `start + 1` ... for ever, writing each number to `ack_fd` once
    `log()` has returned.

    With `hold_at`, the save of that value stops just before its rename (the temp file is
    written and fsynced), writes "hold" and waits there to be killed: a kill mid-write,
    on cue rather than by luck.
    """
    store = make_store(path, user="cron")
    n = start
    if hold_at is not None:
        real_replace = os.replace

        def replace(src: str, dst: str) -> None:
            if n == hold_at and Path(dst).resolve() == path.resolve():
                os.write(ack_fd, b"hold\n")
                signal.pause()  # SIGKILL ends the process here
            real_replace(src, dst)

        os.replace = replace  # type: ignore[assignment]  # in this child process only
    while True:
        store.log("aht", float(n), day(n))
        os.write(ack_fd, f"{n}\n".encode())  # acknowledged: log() returned
        n += 1


def test_a_writer_killed_at_random_moments_never_loses_an_acknowledged_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "goals.json"
    store = add_goals(path, "aht", "ballast")
    # Ballast makes each write take a few milliseconds, so kills land mid-write often.
    store.log_many(CheckIn(goal="ballast", day=day(n), value=n) for n in range(3000))
    rng = random.Random(20261126)
    acknowledged: set[int] = set()
    start, wanted = 0, 0
    for kill in range(25):
        # Kill after a random number of acknowledged writes (not after a random time, which
        # a busy machine stretches): the kill lands somewhere in the next write. Every fifth
        # kill lands on cue between the fsynced temp file and its rename.
        acks, hold = rng.randint(1, 4), kill % 5 == 4
        read_fd, write_fd = os.pipe()
        hold_at = start + acks if hold else None
        writer = ctx.Process(target=_crash_writer, args=(path, write_fd, start, hold_at))
        writer.start()
        os.close(write_fd)
        lines, rest = read_lines(read_fd, acks + hold)
        os.kill(writer.pid or 0, signal.SIGKILL)
        writer.join(PROCESS_TIMEOUT)
        with os.fdopen(read_fd, "rb") as pipe:
            rest += pipe.read()
        assert (lines[-1] == b"hold") is hold
        acknowledged |= {int(line) for line in [*lines, *rest.split()] if line != b"hold"}
        wanted += acks

        data = orjson.loads(path.read_bytes())  # always a whole file
        stored = {int(e.value) for e in Series("aht", data["series"].get("aht")).entries([])}
        assert acknowledged <= stored
        if hold:
            assert start + acks not in stored  # killed before its rename: the old file stays
        start = max(stored | {-1}) + 1
    assert len(acknowledged) >= wanted  # the writer made progress between kills
    # Kills between the temp file's creation and the rename leave it behind (it is cleaned
    # up by the next day's first write).
    assert list(tmp_path.glob(".goals.json.*.tmp"))
    assert len(make_store(path).checkins("aht")) >= len(acknowledged)


# -- locks across processes ---------------------------------------------------------------------


def _hold_lock(path: Path, held: Event, release: Event) -> None:
    store = make_store(path)
    with store._file.write():
        held.set()
        release.wait(10)


def test_a_session_stuck_in_a_write_makes_others_time_out_with_a_clear_message(
    tmp_path: Path,
) -> None:
    path = tmp_path / "goals.json"
    add_goals(path, "aht")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(path, held, release))
    holder.start()
    try:
        assert held.wait(PROCESS_TIMEOUT)
        with pytest.raises(LockTimeout, match=r"held the lock for over 0\.3 s"):
            make_store(path, timeout=0.3).log("aht", 1, day(0))
    finally:
        release.set()
        holder.join(PROCESS_TIMEOUT)
    make_store(path, timeout=PROCESS_TIMEOUT).log("aht", 1, day(0))  # free again


def test_a_killed_lock_holder_does_not_block_the_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    add_goals(path, "aht")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(path, held, release))
    holder.start()
    assert held.wait(PROCESS_TIMEOUT)
    os.kill(holder.pid or 0, signal.SIGKILL)
    holder.join(PROCESS_TIMEOUT)
    assert holder.exitcode == -signal.SIGKILL  # dead, so the kernel has dropped its lock
    make_store(path, timeout=PROCESS_TIMEOUT).log("aht", 1, day(0))  # the file is free


# -- cron jobs running the CLI at once ------------------------------------------------------------


def test_parallel_goaltui_log_processes_all_land(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    store = add_goals(path, "aht")
    program = "import sys; from goaltui.cli.main import main; main(sys.argv[1:])"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                program,
                "log",
                "aht",
                str(n),
                "--date",
                str(day(n)),
                "--force",  # the values 0-7 are far from the goal's range on purpose
                "--db",
                str(path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in range(8)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert sorted(c.value for c in store.checkins("aht")) == [float(n) for n in range(8)]
