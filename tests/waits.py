"""Waits that know the save queue: built on waiting.py (the one way tests wait for state).

Reads and writes run in thread workers (LiveReader, SaveQueue, read_then): a read posts
its result as a message, and applying it may start the next worker (the board's read
opens a form, the form reads its goals). So wait in rounds until no worker runs, no save
waits and what they posted is handled. Every wait is bounded and says what it waited for.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from waiting import wait_until as until

from goaltui.widgets.saves import saves_of

__all__ = ["busy", "loaded", "saves_settled", "settled_then", "until"]

ROUNDS = 50


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait until the current screen is one that reads in a worker (check-in, milestones,
    wins: it has a `loaded` flag) and has read what it shows."""
    await until(pilot, lambda: getattr(pilot.app.screen, "loaded", False) is True, "the read")
    await pilot.pause()


def busy(pilot: Pilot[Any]) -> bool:
    """A worker runs or a save waits."""
    app = pilot.app
    return bool(saves_of(app).pending) or any(not w.is_finished for w in app.workers)


async def saves_settled(pilot: Pilot[Any]) -> None:
    """Wait until every queued save is written, every worker is done and what they posted
    is applied. Do not call it while another process holds the data file's lock."""
    for _ in range(ROUNDS):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not busy(pilot):
            await pilot.pause()  # a last round for what the final callbacks posted
            if not busy(pilot):
                return
    raise AssertionError(f"still busy after {ROUNDS} rounds: {saves_of(pilot.app).pending}")


def settled_then(*press: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A snapshot's `run_before`: wait for the first reads, press the keys, wait again
    (snap_compare's own `press` does not wait for what the keys read in a worker)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        if press:
            await pilot.press(*press)
            await saves_settled(pilot)

    return run_before
