"""The check-in's one value input: the check-in keys are bound on it, and its title,
hint and subtitle say which goal it is for and what became of the last value.

Its keys act in the order they were typed, even in a burst (a laggy SSH link, a paste:
"82⏎89⏎" in one read): Textual runs a focused widget's bindings only once the key has
bubbled up to the app, by when the keys queued behind it have been typed in, and the
burst would read "8289". So this input runs its own bindings as each key arrives.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input

from goaltui.core import formatting as fmt
from goaltui.core.checkin_logic import CheckInRow, input_hint, input_title
from screens.checkin_state import RowSave

MOVE = Binding.Group("Move", compact=True)


def _editing_bindings() -> list[Binding]:
    """Input's own editing keys, minus the ones the check-in uses for commands."""
    taken = {"enter", "ctrl+d"}
    kept = []
    for binding in Input.BINDINGS:
        assert isinstance(binding, Binding)
        keys = [k for k in binding.key.split(",") if k not in taken]
        if keys:
            kept.append(dataclasses.replace(binding, key=",".join(keys)))
    return kept


class CheckInInput(Input, inherit_bindings=False):
    """The one value input. The check-in keys are bound here, on the focused widget, so they
    win over the scroll keys Input inherits (up/down) and its ctrl+d, and the Footer lists
    them first, in this order. Letters stay free for typing."""

    BINDINGS = [
        Binding("enter", "screen.enter", "Save", id="checkin.save",
                tooltip="Save the typed value for this goal and move to the next goal"),
        Binding("tab", "screen.move(1, True)", "Skip", id="checkin.skip", group=MOVE,
                key_display="⇥", tooltip="Next goal without saving (wraps around)"),
        Binding("shift+tab", "screen.move(-1, True)", "Back", id="checkin.back", group=MOVE,
                key_display="⇤", tooltip="Previous goal without saving (wraps around)"),
        Binding("up", "screen.move(-1)", "Up", id="checkin.up", group=MOVE,
                tooltip="Previous goal"),
        Binding("down", "screen.move(1)", "Down", id="checkin.down", group=MOVE,
                tooltip="Next goal"),
        Binding("ctrl+t", "screen.confidence", "Confidence", id="checkin.confidence",
                tooltip="Cycle confidence: on track, at risk, off track, none (saved with it)"),
        Binding("ctrl+n", "screen.note", "Note", id="checkin.note",
                tooltip="Add a one-line note to this goal's check-in"),
        Binding("ctrl+d", "screen.pick_day", "Day", id="checkin.day",
                tooltip="Choose the day to log: yesterday, -2d or YYYY-MM-DD (back-fill)"),
        Binding("ctrl+l", "screen.milestones", "Milestones", id="checkin.milestones",
                tooltip="Move to the due milestones to tick them"),
        Binding("escape", "screen.close", "Close", id="checkin.close",
                tooltip="Close the check-in once the values entered are saved"),
        *_editing_bindings(),
    ]  # fmt: skip

    _held_into: list[str] | None = None
    _burst = ""
    # Why the typed value was not taken: it stays until the lead types again or moves, so a
    # redraw for another row's save landing meanwhile cannot wipe it.
    _typing_error = ""

    def describe(
        self, row: CheckInRow | None, mark: RowSave | None, day: date, *, ready: bool
    ) -> None:
        """Name the goal `row` on the border and show its last value and target as the hint;
        a refused save of it shows in the subtitle (`ready`: the rows have been read)."""
        if self._typing_error:
            self.border_subtitle = Content(f"✗ {self._typing_error}")
        else:
            saved = mark.error if mark else ""
            self.border_subtitle = Content(f"✗ not saved: {saved}" if saved else "")
        if not ready:
            self.border_title, self.placeholder = "Reading the goals…", "type the first value"
        elif row is None:
            self.border_title, self.placeholder = "No active goals to check in", "esc closes"
        else:
            # Content, not str: a title or metric name is user text, never markup.
            self.border_title, self.placeholder = Content(input_title(row)), input_hint(row, day)
            if mark is not None and mark.pending:
                saving = fmt.value(mark.value or 0, row.goal.metric.unit)
                self.placeholder = f"saving {saving} · type to replace"

    def put(self, text: str) -> None:
        """Put `text` in the input, the cursor after it (ready to fix or to go on typing)."""
        self._typing_error = ""  # another text (or another row): the message is done
        self.value = text
        self.cursor_position = len(text)

    def show_error(self, message: str) -> None:
        self._typing_error = message
        self.border_subtitle = Content(f"✗ {message}")

    def watch_value(self) -> None:
        self._typing_error = ""  # typing again clears the message
        self.border_subtitle = ""

    def hold(self, into: list[str] | None) -> str:
        """While a question is on its way (`into` a list): keys already typed behind the
        Enter that raised it (a paste, a laggy link: "8⏎5⏎" in one read) are not for the
        question, nor for this row; each text they end with Enter is kept in `into`, to be
        taken for the next goals in order. `hold(None)` ends it and returns what was
        typed after the last Enter."""
        self._held_into, rest, self._burst = into, self._burst, ""
        return rest

    async def _on_key(self, event: events.Key) -> None:
        if self._held_into is not None:
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self._held_into.append(self._burst)
                self._burst = ""
            elif event.key == "backspace":
                self._burst = self._burst[:-1]
            elif event.is_printable and event.character:
                self._burst += event.character
            return
        if not self.screen.is_current:  # behind another screen: not for here
            event.stop()
            event.prevent_default()
            return
        # This input's bindings, as the screen resolves them (the lead's keymap applied).
        mine = next((b for node, b in self.screen._binding_chain if node is self), None)
        for binding in () if mine is None else mine.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
