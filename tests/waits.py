"""Waiting for state in Pilot tests, never for a fixed time.

Reads and writes run in thread workers (LiveReader, SaveQueue), so a test that
presses Enter waits for the save to be done before it reads the file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from goaltui.widgets.saves import saves_of

LIMIT = 20.0  # seconds; far above what any wait takes, even with both cores busy


async def until(pilot: Pilot[Any], check: Callable[[], bool], what: str = "") -> None:
    """Let the app run until `check()` holds (bounded: fails after LIMIT seconds)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LIMIT
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"not seen within {LIMIT:g} s: {what or check}")
        await pilot.pause(0.02)


async def saves_settled(pilot: Pilot[Any]) -> None:
    """Wait until the app's save queue is empty and its callbacks have run."""
    queue = saves_of(pilot.app)
    await until(pilot, lambda: not queue.pending, "the save queue to empty")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait until the current screen is one that reads in a worker (check-in, milestones,
    wins: it has a `loaded` flag) and has read what it shows."""
    await until(pilot, lambda: getattr(pilot.app.screen, "loaded", False) is True, "the read")
    await pilot.pause()
