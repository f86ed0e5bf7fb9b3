"""Errors a user can act on. The CLI prints their message as one line.

Exit codes: 1 for a user error (unknown key, bad number, bad date),
2 for a data-file problem (unreadable, corrupt, locked too long, newer schema).
"""

from __future__ import annotations

from datetime import datetime


class GoaltuiError(Exception):
    """Base class: the message is one readable line for the user."""

    exit_code = 1


class UserError(GoaltuiError):
    """Bad input from the user: fix the command and retry."""

    exit_code = 1


class UnknownGoal(UserError):
    def __init__(self, key: str) -> None:
        super().__init__(f"no goal with key {key!r} (see 'goaltui goals')")
        self.key = key


class DuplicateGoal(UserError):
    def __init__(self, key: str) -> None:
        super().__init__(f"a goal with key {key!r} already exists")
        self.key = key


class EditConflict(UserError):
    """The goal was saved by someone else after the form loaded it: nothing was written."""

    def __init__(self, key: str, by: str, at: datetime | None) -> None:
        when = f" at {at:%H:%M}" if at is not None else ""
        super().__init__(f"{key} was changed by {by or 'someone'}{when} since you opened it")
        self.key = key
        self.by = by
        self.at = at


class DataFileError(GoaltuiError):
    """The data file cannot be used as it is; it was left untouched."""

    exit_code = 2


class LockTimeout(DataFileError):
    """Another session held the data file's lock for too long."""
