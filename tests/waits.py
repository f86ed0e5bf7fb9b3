"""Waiting for the app's thread workers and queued saves in Pilot tests (never sleeping).

A read posts its result as a message, and applying it may start the next worker
(the board's read opens a form, the form reads its goals): so wait in rounds until
no worker runs, no save waits and the posted messages are handled.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from goaltui.widgets.saves import saves_of

ROUNDS = 50


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


async def until(pilot: Pilot[Any], check: Callable[[], bool], rounds: int = 400) -> None:
    """Let the app run until `check()` holds (bounded: each round is a short pause)."""
    for _ in range(rounds):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


def settled_then(*press: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A snapshot's `run_before`: wait for the first reads, press the keys, wait again
    (snap_compare's own `press` does not wait for what the keys read in a worker)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await saves_settled(pilot)
        if press:
            await pilot.press(*press)
            await saves_settled(pilot)

    return run_before
