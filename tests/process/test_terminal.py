"""The real program in a real terminal (tmux), as a lead on an SSH session would see it.

Marked slow; skipped where tmux is missing (`.ci/run` installs it). Each test runs
`goaltui` in its own tmux server (`-L`), at 80x24, on a copy of the demo data shifted
to today, and reads the screen with `capture-pane -p`; it never presses a key to make
a value show up.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest

from goaltui.formats.demo import make_demo_copy
from goaltui.formats.textboard import SPARK_UNICODE
from goaltui.store.series import Series

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and a pty"),
]

GOALTUI = [sys.executable, "-m", "goaltui"]
BLOCKS = set(SPARK_UNICODE + "░▏▎▍▌▋▊▉")


def wait_for(check: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return check()


class Tmux:
    """One private tmux server with one 80x24 pane running a command."""

    def __init__(self, name: str) -> None:
        self.base = ["tmux", "-L", name, "-f", os.devnull]

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout

    def start(self, command: list[str], env: dict[str, str] | None = None) -> None:
        prefix = ["env", *(f"{k}={v}" for k, v in (env or {}).items())] if env else []
        line = "exec " + shlex.join(prefix + command)
        self.run("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", line)
        self.run("set-option", "-t", "t", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "t")

    def pane(self, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", "t", fmt).strip()

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=10, check=False)


@pytest.fixture
def tmux(request: pytest.FixtureRequest) -> Iterator[Tmux]:
    server = Tmux(f"goaltui-test-{os.getpid()}-{request.node.name[:20]}")
    yield server
    server.kill()


@pytest.fixture
def today_demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    return make_demo_copy(date.today(), folder)


def log_from_shell(db: Path, key: str, value: str) -> None:
    done = subprocess.run(
        [*GOALTUI, "--db", str(db), "log", key, value],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def aht_tom(screen: str) -> str:
    return next((line for line in screen.splitlines() if "aht-tom" in line), "")


@pytest.mark.parametrize(
    "flags,env",
    [([], {}), ([], {"NO_COLOR": "1"}), (["--ascii"], {})],
    ids=["colour", "no-color", "ascii"],
)
def test_a_value_logged_from_the_shell_shows_up_without_a_key(
    tmux: Tmux, today_demo: Path, flags: list[str], env: dict[str, str]
) -> None:
    tmux.start([*GOALTUI, "--db", str(today_demo), *flags], env)
    assert wait_for(lambda: "534→480" in aht_tom(tmux.screen()), 15), tmux.screen()
    log_from_shell(today_demo, "aht-tom", "401")
    assert wait_for(lambda: "401→480" in aht_tom(tmux.screen()), 5), tmux.screen()
    screen = tmux.screen()
    assert "2 achieved" in screen  # the summary line counts aht-tom as achieved now
    if "--ascii" in flags:
        assert not BLOCKS & set(screen), screen
        assert "#" in screen  # ASCII bars
    else:
        assert BLOCKS & set(screen)  # the check above would catch a change
    assert tmux.pane("#{pane_dead}") == "0"
    # Closing the terminal (the SSH session drops) must end the process, not leave it behind.
    pid = int(tmux.pane("#{pane_pid}"))
    tmux.kill()
    assert wait_for(lambda: not _alive(pid), 10), f"goaltui (pid {pid}) outlived its terminal"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its parent has not reaped it yet


# tmux does not always reap a pane's process (tmux 3.3a leaves a zombie and no status when
# the pty closes first), so a small parent runs goaltui and writes down its pid and status.
PARENT = """
import subprocess, sys
from pathlib import Path
child = subprocess.Popen(sys.argv[2:])
Path(sys.argv[1] + ".pid").write_text(str(child.pid))
Path(sys.argv[1]).write_text(str(child.wait()))
"""


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_the_app_exits_cleanly_on_hangup_and_terminate(
    tmux: Tmux, today_demo: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    before = today_demo.read_bytes()
    status = tmp_path / "status"
    tmux.start([sys.executable, "-c", PARENT, str(status), *GOALTUI, "--db", str(today_demo)])
    assert wait_for(lambda: "aht-tom" in tmux.screen(), 15), tmux.screen()
    time.sleep(0.5)  # let the start-up settle (the first refresh, the wins check)
    os.kill(int(Path(f"{status}.pid").read_text()), sig)
    assert wait_for(status.exists, 10), tmux.screen()
    assert status.read_text() == "0"  # a clean exit; killed by the signal would be negative
    after, old = orjson.loads(today_demo.read_bytes()), orjson.loads(before)  # parses
    assert (after["goals"], after["series"]) == (old["goals"], old["series"])


WRITER = """
import sys
from datetime import date, timedelta
from pathlib import Path
from goaltui.core.clock import SystemClock
from goaltui.store.datafile import DataFile
from goaltui.store.quicklog import log_value

data = DataFile(Path(sys.argv[1]), clock=SystemClock(), lock_timeout=30)
n = int(sys.argv[2])
print("ready", flush=True)
while True:
    log_value(data, "aht-tom", float(n), date(2000, 1, 1) + timedelta(days=n))
    print(n, flush=True)  # acknowledged: the write returned
    n += 1
"""


def test_sighup_during_a_save_loop_keeps_the_file_whole(today_demo: Path) -> None:
    """`goaltui log` in a loop on a dropped SSH session: killed by SIGHUP at random moments,
    the file always parses and holds every acknowledged write."""
    rng = random.Random(20261126)
    acknowledged: set[int] = set()
    start = 0
    for _ in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(today_demo), str(start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.3))
        writer.send_signal(signal.SIGHUP)
        out, _ = writer.communicate(timeout=10)
        assert writer.returncode == -signal.SIGHUP
        acknowledged |= {int(line) for line in out.split()}

        data = orjson.loads(today_demo.read_bytes())  # always a whole file
        first = date(2000, 1, 1)  # long before the demo data
        entries = Series("aht-tom", data["series"]["aht-tom"]).entries([])
        stored = {(e.day - first).days for e in entries if e.day < date(2010, 1, 1)}
        assert acknowledged <= stored
        start = max(stored | {-1}) + 1
    assert len(acknowledged) > 6  # the writer made progress between hangups
