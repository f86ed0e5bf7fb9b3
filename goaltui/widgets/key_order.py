"""Keys act in the order they were typed, even in a burst (a paste, a laggy SSH link: a
whole line with its Tab or Enter arrives in one read).

Textual hands each key to the focused widget's own queue and runs a priority binding as
the app receives the key, so a priority action can run before the keys typed ahead of it
reach their field, and a plain binding after the keys typed behind it went to the old
field. Tab and shift+Tab are priority bindings here: the focus moves in order, so the keys
behind it land in the next field. An action that reads what the keys before it did (Enter:
save the text, open the row the arrows reached) waits behind them (`after_typed`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

FOCUS_IN_ORDER = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]


def after_typed(screen: Screen[Any], act: Callable[[], object]) -> None:
    """Run `act` once the keys typed before this one are handled, bindings included.

    A key the focused widget does not take itself (an arrow on a table) bubbles up, one
    parent's queue at a time, to the app, which runs its binding. `act` follows it the same
    way, one queue behind, and runs in the app's queue after it.
    """

    def follow(node: DOMNode) -> None:
        parent = node.parent
        if parent is None:  # the app: every key before this one has been handled
            if screen.is_current:  # not if a key before it closed the screen ("x⏎⏎")
                act()
        else:
            parent.call_later(follow, parent)

    start = screen.focused or screen
    start.call_later(follow, start)
