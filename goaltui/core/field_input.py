"""One typed form field at a time: a number (or a duration) or a date, with the message
or note it earns.

Pure helpers for goal_input.py: each reads what the lead typed, puts a problem in
`errors` (field -> message) rather than raising, so the form can show every problem
at once, and echoes a resolved date in `notes` ("= 2026-12-31 (Thu)").
"""

from __future__ import annotations

from datetime import date

from goaltui.core.dates import parse_date
from goaltui.core.numbers import parse_value


def date_note(typed: str, day: date) -> str:
    """Echo the resolved date, unless the lead typed exactly that ISO date."""
    if typed.strip() == day.isoformat():
        return ""
    return f"= {day.isoformat()} ({day:%a})"


def number_or_none(text: str, unit: str = "") -> float | None:
    """The number typed (a duration too, for a seconds unit), or None when it is not one
    (e.g. "-25%")."""
    try:
        return parse_value(text, unit)
    except ValueError:
        return None


def number_field(text: str, name: str, errors: dict[str, str], unit: str = "") -> float | None:
    """An optional value of a metric in `unit` (m:ss too for seconds): None when blank; a
    typo goes to `errors`."""
    if not text.strip():
        return None
    try:
        return parse_value(text, unit, name)
    except ValueError as exc:
        errors[name] = str(exc)
        return None


def date_field(
    text: str,
    name: str,
    today: date,
    errors: dict[str, str],
    notes: dict[str, str],
    *,
    required: bool,
) -> date | None:
    """A date in any form parse_date reads (2026-12-31, +8w, eoq), relative to `today`."""
    if not text.strip():
        if required:
            errors[name] = f"a {name} date is required, e.g. today or 2026-01-05"
        return None
    try:
        day = parse_date(text, today)
    except ValueError as exc:
        errors[name] = str(exc)
        return None
    if note := date_note(text, day):
        notes[name] = note
    return day
