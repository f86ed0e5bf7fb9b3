"""A real terminal for the board: one private tmux server (its own -L socket) per pane.

The pane's command is `exec env ... PROGRAM`, so the pane's pid is the program itself.
Its stderr is never redirected: Textual draws on it. A pane whose program died stays
(remain-on-exit) so its last screen, a traceback say, can be read.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from centre.common import SIZE
from centre.procs import alive, on_cleanup, wait_for


class Pane:
    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.socket = f"bench-centre-{os.getpid()}-{name}"
        self.base = ["tmux", "-L", self.socket, "-f", os.devnull]
        self.env = env
        self.pid = 0
        self._started = False

    def run(self, *args: str, timeout: float = 10) -> str:
        done = subprocess.run(
            [*self.base, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
            env=self.env,  # the server (started by the first command) inherits it
        )
        return done.stdout

    def start(self, command: Sequence[str], env: dict[str, str]) -> int:
        """Run `command` with `env` added in a 120x40 pane; returns its pid."""
        line = "exec " + shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *command])
        columns, lines = SIZE
        self.run(
            "new-session", "-d", "-s", self.name, "-x", str(columns), "-y", str(lines), line,
            ";", "set-option", "-t", self.name, "remain-on-exit", "on",
            ";", "set-option", "-t", self.name, "status", "off",
        )  # fmt: skip
        self._started = True
        on_cleanup(self.kill)
        self.pid = int(self.run("list-panes", "-t", self.name, "-F", "#{pane_pid}").split()[0])
        return self.pid

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def dead(self) -> bool:
        out = self.run("list-panes", "-t", self.name, "-F", "#{pane_dead}")
        return out.strip() == "1" or not alive(self.pid)

    def wait_screen(self, text: str, timeout: float) -> bool:
        return wait_for(lambda: text in self.screen() or self.dead(), timeout, 0.2) and (
            text in self.screen()
        )

    def kill(self) -> None:
        """End our own tmux server (the pane's program gets SIGHUP), then its program."""
        if not self._started:
            return
        self._started = False
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=10, check=False)
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}")
        (folder / self.socket).unlink(missing_ok=True)  # our socket file, left behind
        if self.pid and not wait_for(lambda: not alive(self.pid), 5):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, 9)
        time.sleep(0.1)
