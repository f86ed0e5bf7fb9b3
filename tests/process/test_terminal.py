"""The real program in a real terminal (tmux), as a lead on an SSH session would see it.

Marked slow; skipped where tmux is missing (`.ci/run` installs it). Each test runs
`goaltui` in its own tmux server (`-L`), at 80x24, on a copy of the demo data shifted
to today, and reads the screen with `capture-pane -p`; it never presses a key to make
a value show up.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import orjson
import pytest
from tmux_pane import TmuxPane
from waiting import poll_until, read_lines

from goaltui.formats.textboard import SPARK_UNICODE
from goaltui.store.series import Series

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and a pty"),
]

GOALTUI = [sys.executable, "-m", "goaltui"]
BLOCKS = set(SPARK_UNICODE + "░▏▎▍▌▋▊▉")


Tmux = TmuxPane  # one private tmux server with one 80x24 pane running a command


@pytest.fixture
def tmux(request: pytest.FixtureRequest) -> Iterator[Tmux]:
    server = Tmux(f"goaltui-test-{os.getpid()}-{request.node.name[:20]}")
    yield server
    server.kill()


def log_from_shell(db: Path, key: str, value: str) -> None:
    done = subprocess.run(
        [*GOALTUI, "--db", str(db), "log", key, value],
        capture_output=True,
        text=True,
        timeout=120,  # a guard: the CLI starts in a second or two, slower on a busy box
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
    arrow = ">" if "--ascii" in flags else "→"  # --ascii writes only ASCII to the terminal
    tmux.start([*GOALTUI, "--db", str(today_demo), *flags], env)
    assert poll_until(lambda: f"8:54{arrow}8:00" in aht_tom(tmux.screen())), tmux.screen()
    log_from_shell(today_demo, "aht-tom", "401")
    # No key: the board's poll notices the write (a deadline guards a hang; speed is not tested).
    # 401 s is far below Tom's usual range: the "!" after it marks it unusual.
    assert poll_until(lambda: f"6:41!{arrow}8:00" in aht_tom(tmux.screen())), tmux.screen()
    # The summary line counts aht-tom as achieved now (painted with the same refresh).
    assert poll_until(lambda: "2 achieved" in tmux.screen()), tmux.screen()
    screen = tmux.screen()
    if "--ascii" in flags:
        assert not BLOCKS & set(screen), screen
        assert "#" in screen  # ASCII bars
    else:
        assert BLOCKS & set(screen)  # the check above would catch a change
    assert tmux.pane("#{pane_dead}") == "0"
    # Closing the terminal (the SSH session drops) must end the process, not leave it behind.
    pid = int(tmux.pane("#{pane_pid}"))
    tmux.kill()
    assert poll_until(lambda: not _alive(pid)), f"goaltui (pid {pid}) outlived its terminal"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its parent has not reaped it yet


def _catches(pid: int, *signals: signal.Signals) -> bool:
    """Has process `pid` installed handlers for `signals` (its SigCgt mask, Linux)?"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    mask = next(line for line in status.splitlines() if line.startswith("SigCgt:")).split()[1]
    return all(int(mask, 16) >> (sig - 1) & 1 for sig in signals)


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
    assert poll_until(lambda: "aht-tom" in tmux.screen()), tmux.screen()
    pid = int(Path(f"{status}.pid").read_text())
    # The board is drawn; the signal goes in once goaltui handles SIGHUP and SIGTERM itself
    # (before that, Python's defaults would end it at once, which is not what is tested).
    assert poll_until(lambda: _catches(pid, signal.SIGHUP, signal.SIGTERM)), "no handlers"
    os.kill(pid, sig)
    assert poll_until(status.exists), tmux.screen()
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
    start, wanted = 0, 0
    data = orjson.loads(today_demo.read_bytes())
    data["goals"]["aht-tom"]["start"] = "1999-12-31"  # the writer logs days from 2000 on
    today_demo.write_bytes(orjson.dumps(data))
    for _ in range(6):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(today_demo), str(start)],
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        assert writer.stdout is not None
        # Hang up after a random number of acknowledged writes, not after a random time:
        # the signal lands somewhere in the next write, whatever the machine's load.
        acks = rng.randint(1, 4)
        (ready, *seen), rest = read_lines(writer.stdout.fileno(), 1 + acks)
        assert ready == b"ready"
        writer.send_signal(signal.SIGHUP)
        out, _ = writer.communicate(timeout=60)
        assert writer.returncode == -signal.SIGHUP
        acknowledged |= {int(line) for line in [*seen, *(rest + out).split()]}
        wanted += acks

        data = orjson.loads(today_demo.read_bytes())  # always a whole file
        first = date(2000, 1, 1)  # long before the demo data
        entries = Series("aht-tom", data["series"]["aht-tom"]).entries([])
        stored = {(e.day - first).days for e in entries if e.day < date(2010, 1, 1)}
        assert acknowledged <= stored
        start = max(stored | {-1}) + 1
    assert len(acknowledged) >= wanted  # every hangup came after some progress


def test_brackets_and_escapes_from_co_users_neither_crash_nor_reach_the_terminal(
    tmux: Tmux, today_demo: Path
) -> None:
    """Issue 12: a co-user adds a goal whose metric has brackets and whose title holds
    a screen clear and a window-title sequence, then logs to it as user "[/]". The open
    board shows it all as text, keeps running, and the pane's title is untouched."""
    tmux.start([*GOALTUI, "--db", str(today_demo)])
    assert poll_until(lambda: "8:54→8:00" in aht_tom(tmux.screen())), tmux.screen()
    title_before = tmux.pane("#{pane_title}")
    add = [*GOALTUI, "--db", str(today_demo), "add", "esc", "Esc \x1b[2J\x1b]0;pwned\x07 [b]"]
    add += ["--metric", "Escalations [/ week]", "--baseline", "9", "--target", "5"]
    add += ["--due", "+3m", "--owner", "Sam Okafor"]
    done = subprocess.run(add, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    env = {**os.environ, "GOALTUI_USER": "[/]"}
    logged = subprocess.run(
        [*GOALTUI, "--db", str(today_demo), "log", "esc", "4"],
        capture_output=True, text=True, timeout=120, check=False, env=env,
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    # 4 meets the target 5 (lower is better): a win notice names "Escalations [/ week]".
    assert poll_until(lambda: "[/ week]" in tmux.screen()), tmux.screen()
    assert poll_until(lambda: "esc " in tmux.screen()), tmux.screen()
    assert tmux.pane("#{pane_dead}") == "0", tmux.screen()
    assert tmux.pane("#{pane_title}") == title_before != "pwned"
    assert "MarkupError" not in tmux.screen()
