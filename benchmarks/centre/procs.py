"""Processes the benchmark starts: spawn with deadlines, read /proc, clean up on any exit.

Every child and tmux server started here is registered, and `cleanup()` (called from
main's `finally`, so also after Ctrl-C or SIGTERM) ends them by pid or by their own
private tmux socket; nothing else is touched.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from centre.common import MB, OUT, ROOT, SCRIPT

_children: list[subprocess.Popen[bytes]] = []
_cleanups: list[Callable[[], None]] = []
CLK_TCK = os.sysconf("SC_CLK_TCK")


def on_cleanup(action: Callable[[], None]) -> None:
    _cleanups.append(action)


def cleanup() -> None:
    """End every child still running (by pid) and run the registered clean-ups."""
    for proc in _children:
        if proc.poll() is None:
            proc.kill()
            with suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
    _children.clear()
    while _cleanups:
        try:
            _cleanups.pop()()
        except Exception as exc:  # keep cleaning
            print(f"cleanup: {exc}", file=sys.stderr)


def terminate_as_exit() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C does: `finally` blocks run, the report of what
    was measured so far is printed."""

    def handler(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGHUP, handler)


def child_env(config: Path, **extra: str) -> dict[str, str]:
    """Our environment with a fresh config folder and no theme or colour overrides."""
    env = {k: v for k, v in os.environ.items() if k not in {"TEXTUAL_THEME", "NO_COLOR"}}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # children use the compiled .pyc files
    env.update(GOALTUI_CONFIG_DIR=str(config), **extra)
    return env


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    """A private folder under benchmarks/out/ (same disk as the cache), removed afterwards."""
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"tmp-{prefix}-", dir=OUT))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spawn(argv: Sequence[str], env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
    proc: subprocess.Popen[bytes] = subprocess.Popen(list(argv), env=env, cwd=ROOT, **kwargs)
    _children.append(proc)
    return proc


def bench_child(*args: str) -> list[str]:
    """The command line of one of this script's child modes."""
    return [sys.executable, str(SCRIPT), "--child", *args]


def read_line(proc: subprocess.Popen[bytes], deadline: float) -> str:
    """The child's next stdout line, or "" at EOF or when the deadline (monotonic) passes."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    line = b""
    with selectors.DefaultSelector() as sel:
        sel.register(fd, selectors.EVENT_READ)
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                break
            chunk = os.read(fd, 1)  # one byte: leave later lines in the pipe
            if not chunk:
                break
            line += chunk
    return line.decode(errors="replace")


def figures(line: str) -> dict[str, str]:
    """`a=1 b=2` -> {"a": "1", "b": "2"} (what children report)."""
    return dict(item.split("=", 1) for item in line.split() if "=" in item)


def finish(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, str]:
    """Wait for the child (killed after `timeout` s); its exit code and remaining stdout."""
    if proc.stdin is not None and proc.stdin.closed:
        proc.stdin = None  # communicate() would flush it
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate(timeout=5)
        return -9, (out or b"").decode(errors="replace")
    finally:
        if proc in _children:
            _children.remove(proc)
    return proc.returncode, (out or b"").decode(errors="replace")


def timed_run(argv: Sequence[str], env: dict[str, str], timeout: float) -> float:
    """Wall seconds of one whole process (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(
        list(argv), env=env, cwd=ROOT, capture_output=True, timeout=timeout, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


# -- /proc -----------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (all its threads) so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # fields 14 and 15 of stat(5)


def status_mb(pid: int | str, field: str = "VmRSS") -> float:
    """A kB field of /proc/<pid>/status in MB (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024 / MB
    raise KeyError(field)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def wait_for(check: Callable[[], bool], timeout: float, every: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(every)
    return check()


def goaltui_command() -> list[str]:
    """The installed `goaltui` script beside this interpreter, else `python -m goaltui`."""
    script = Path(sys.executable).with_name("goaltui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "goaltui"]
