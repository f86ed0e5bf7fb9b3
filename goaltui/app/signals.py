"""Ending the app when the terminal goes away (SIGHUP: a dropped SSH session) or on SIGTERM.

Textual's Linux driver ignores SIGHUP, and its shutdown can hang for good once the
terminal is gone: restoring the screen queues writes to a dead pty (we found such
processes left behind, blocked in the driver's writer thread). So:

1. on SIGHUP, stdin/stdout/stderr are pointed at /dev/null first, so nothing can
   block or fail on the dead terminal;
2. the app is asked to exit normally (workers stop, screens close);
3. a watchdog makes sure the process ends anyway: after a grace period it waits
   for any write in progress to finish, holds off new ones, and exits. Every
   write is a temp file + os.replace, so the data file is always whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from typing import Any

from textual.app import App

from goaltui.store.store import Store

GRACE_SECONDS = 3.0  # a normal exit takes well under a second
WRITE_WAIT_SECONDS = 10.0  # longer than any single save


def install_exit_signals(app: App[Any], store: Store) -> None:
    """Make SIGHUP and SIGTERM end `app` cleanly; `store` is the data file it writes."""

    def on_signal(sig: signal.Signals) -> None:
        if sig == getattr(signal, "SIGHUP", None):
            _detach_from_terminal()
        threading.Thread(target=_watchdog, args=(store,), daemon=True).start()
        app.exit()

    loop = asyncio.get_running_loop()
    for name in ("SIGHUP", "SIGTERM"):
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, on_signal, sig)


def _detach_from_terminal() -> None:
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, fd)
        os.close(null)


def _watchdog(store: Store) -> None:
    time.sleep(GRACE_SECONDS)
    store.stop_writes(WRITE_WAIT_SECONDS)
    os._exit(0)
