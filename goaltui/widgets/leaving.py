"""Screens that hold work not written yet (a half-filled goal form, minutes of a review).

Escape on such a screen asks before anything is lost; every way out of the app (ctrl+q,
`q`, the palette's Quit) asks the same question, through this protocol: the app finds
the topmost screen with unsaved work and calls its `ask_to_leave`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class GuardsWork(Protocol):
    """A screen that asks before its work is dropped."""

    def has_unsaved_work(self) -> bool:
        """Something typed or decided here is in no save yet (a save on its way counts as
        saved: the app's quit waits for the save queue)."""
        ...

    def ask_to_leave(self, then: Callable[[], None] | None = None) -> None:
        """Ask what escape asks (save, discard, or go back). Once the work is saved or
        given up the screen dismisses itself and calls `then`; when the lead goes back,
        or a save is refused, it stays and `then` is never called."""
        ...
