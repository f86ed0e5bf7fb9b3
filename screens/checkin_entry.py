"""What Enter does with each text a lead enters in the check-in, in the order entered.

A text is a value to save, a value to confirm first (far from the goal's recent
range), an error to show, or nothing (move on). Texts entered before the rows are
read are held and taken in order once they are in, so a burst typed ahead
("8⏎5⏎") lands on the goals it was typed for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from goaltui.core.checkin_logic import CheckInRow, read_entry
from screens.checkin_input import CheckInInput


class EntryHost(Protocol):
    """What the entries need of the check-in screen."""

    @property
    def current(self) -> CheckInRow | None: ...

    @property
    def value_input(self) -> CheckInInput: ...

    def save(self, key: str, value: float) -> None: ...

    def action_move(self, step: int, wrap: bool = False) -> None: ...

    def ask(self, question: str, answered: Callable[[bool | None], None]) -> None: ...

    def warn(self, message: str) -> None: ...


class Entries:
    """Takes entered texts one by one; holds them while the rows are being read."""

    def __init__(self, host: EntryHost) -> None:
        self.host = host
        self.held: list[str] = []

    def enter(self, text: str, *, ready: bool) -> None:
        """Enter pressed on `text`; `ready`: the rows have been read."""
        if ready:
            self._take(text)
        else:  # taken once they are in
            self.held.append(text)
            self.host.value_input.value = ""

    def release(self) -> None:
        """The rows are in: take what was held, in order, until one needs the lead."""
        while self.held:
            if not self._take(self.held.pop(0)):
                return

    def _take(self, text: str) -> bool:
        """Act on one text; False when it stopped for an error or a question."""
        host, field = self.host, self.host.value_input
        row = host.current
        if row is None:
            return True
        entry = read_entry(text, row)
        if entry.error:
            field.put(text)
            field.show_error(entry.error)
            self._drop()
            return False
        if entry.value is None:
            host.action_move(1)
            return True
        if not entry.question:
            host.save(row.key, entry.value)
            return True
        key, value = row.key, entry.value

        def answered(yes: bool | None) -> None:
            typed_on = field.hold(None)
            if yes:
                host.save(key, value)
                self.release()
                if not self.held and typed_on:
                    field.put(typed_on)  # the start of the next value
            else:
                field.put(text)  # still there to fix
                field.focus()
                if typed_on:
                    self.held.append(typed_on)
                self._drop()

        # Keys already typed behind this Enter are held for the next goals, not merged
        # into this value or taken as the answer.
        field.hold(self.held)
        host.ask(entry.question, answered)
        return False

    def _drop(self) -> None:
        """Held texts after one that needs fixing are not guessed at: the lead is told."""
        if self.held:
            dropped, self.held = self.held, []
            self.host.warn(f"Not taken, type again: {', '.join(dropped)}")
