"""One private tmux server with one pane running a command: the real program in a real
terminal, as a lead on an SSH session sees it. For process tests."""

from __future__ import annotations

import os
import shlex
import subprocess


class TmuxPane:
    """`tmux -L name` with one session "t" of `width` x `height` cells."""

    def __init__(self, name: str, width: int = 80, height: int = 24) -> None:
        self.base = ["tmux", "-L", name, "-f", os.devnull]
        self.size = (str(width), str(height))

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, timeout=30, check=True
        )
        return done.stdout

    def start(
        self, command: list[str], env: dict[str, str] | None = None, unset: tuple[str, ...] = ()
    ) -> None:
        """Run `command` in the pane with `env` set and `unset` removed from its environment."""
        settings = [*(f"-u{name}" for name in unset), *(f"{k}={v}" for k, v in (env or {}).items())]
        line = "exec " + shlex.join((["env", *settings] if settings else []) + command)
        self.run("new-session", "-d", "-s", "t", "-x", self.size[0], "-y", self.size[1], line)
        self.run("set-option", "-t", "t", "remain-on-exit", "on")

    def keys(self, *keys: str) -> None:
        """tmux key names ("Enter", "Escape", "C-p") or single characters."""
        self.run("send-keys", "-t", "t", *keys)

    def screen(self, colours: bool = False) -> str:
        return self.run("capture-pane", "-p", *(["-e"] if colours else []), "-t", "t")

    def pane(self, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", "t", fmt).strip()

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=30, check=False)
