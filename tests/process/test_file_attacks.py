"""Co-users on one box, as real processes: `export -o` aimed at the data file, and a lock
file deleted in a loop while eight writers log.

Writers are forked, as in test_concurrency.py; the export runs the real `goaltui` command.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from waiting import PROCESS_TIMEOUT

from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Metric
from goaltui.formats.demo import DEMO_NOW
from goaltui.store.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs fork and flock"),
]

WRITERS = 8
LOGS_EACH = 40
FIRST_DAY = date(2026, 1, 1)
ctx = mp.get_context("fork")


def make_store(path: Path, user: str = "lead") -> Store:
    return Store(path, clock=FixedClock(DEMO_NOW), user=user, lock_timeout=PROCESS_TIMEOUT)


def goaltui(*args: str | Path) -> subprocess.CompletedProcess[str]:
    program = "import sys; from goaltui.cli.main import main; main(sys.argv[1:])"
    return subprocess.run(
        [sys.executable, "-c", program, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT,
        check=False,
    )


# -- export -o onto the data file ------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["team.json", "./team.json", "link.json"])
def test_export_onto_the_data_file_is_refused_and_leaves_it_byte_for_byte(
    tmp_path: Path, spelling: str
) -> None:
    path = tmp_path / "team.json"
    store = make_store(path)
    metric = Metric(name="AHT", unit="s", baseline=540, target=420)
    store.add_goal(Goal(key="aht", title="Cut AHT", metric=metric, start=FIRST_DAY))
    (tmp_path / "link.json").symlink_to("team.json")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    done = goaltui("export", "--format", "md", "-o", tmp_path / spelling, "--db", path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"goaltui: error: {tmp_path / spelling}: is the data file ({path}); export to another file"
    ]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


# -- the lock file deleted while writers log -----------------------------------------------


def _writer(path: Path, key: str, go: Event, ack_fd: int) -> None:
    """Log LOGS_EACH values, writing each to `ack_fd` once `log()` has returned."""
    store = make_store(path, user=key)
    go.wait()
    for n in range(LOGS_EACH):
        store.log(key, float(n), FIRST_DAY + timedelta(days=n))
        os.write(ack_fd, f"{key} {n}\n".encode())


def _deleter(lock: Path, go: Event, stop: Event, deleted: Synchronized[int]) -> None:
    go.wait()
    while not stop.is_set():
        try:
            lock.unlink()
            deleted.value += 1
        except FileNotFoundError:
            pass
        time.sleep(0.0005)


def test_deleting_the_lock_file_in_a_loop_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    keys = [f"agent-{n}" for n in range(WRITERS)]
    store = make_store(path)
    for key in keys:
        metric = Metric(name="AHT", unit="s", baseline=540, target=420)
        store.add_goal(Goal(key=key, title=f"Cut {key}", metric=metric, start=FIRST_DAY))
    go, stop, deleted = ctx.Event(), ctx.Event(), ctx.Value("i", 0)
    lock = path.with_name("team.json.lock")
    deleter = ctx.Process(target=_deleter, args=(lock, go, stop, deleted))
    deleter.start()  # before the pipe: only the writers hold its write end
    read_fd, write_fd = os.pipe()
    writers = [ctx.Process(target=_writer, args=(path, key, go, write_fd)) for key in keys]
    for process in writers:
        process.start()
    os.close(write_fd)
    go.set()
    with os.fdopen(read_fd, "rb") as pipe:
        acks = pipe.read()  # until every writer has exited
    for process in writers:
        process.join(PROCESS_TIMEOUT)
        assert process.exitcode == 0
    stop.set()
    deleter.join(PROCESS_TIMEOUT)

    lines = (line.split() for line in acks.decode().splitlines())
    acknowledged = {(key, int(n)) for key, n in lines}
    assert len(acknowledged) == WRITERS * LOGS_EACH
    assert deleted.value > 0  # the lock file really was deleted under the writers
    stored = {(c.goal, int(c.value)) for c in make_store(path).checkins()}
    assert acknowledged <= stored
