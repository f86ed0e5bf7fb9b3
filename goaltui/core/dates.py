"""Date parsing for forms and the CLI: ISO dates and short forms a lead can type fast.

Accepted: YYYY-MM-DD, today, yesterday, tomorrow, +3d, -1d, +2w, +3m, +1y,
eow/eom/eoq/eoy (end of week, month, quarter, year). Pure: "today" is passed in.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_OFFSET = re.compile(r"^([+-]?)(\d{1,4})\s*([dwmy])$")

DATE_HINT = "use YYYY-MM-DD or a short form: today, +3d, +2w, +3m, eom, eoq, eoy"


def add_months(day: date, months: int) -> date:
    """Same day-of-month `months` later, clamped to the month's last day."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def end_of_quarter(day: date) -> date:
    last_month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def parse_date(text: str, today: date) -> date:
    """Parse a typed date relative to `today`; raise ValueError with a hint otherwise."""
    raw = text.strip().lower()
    named = {
        "today": today,
        "yesterday": today - timedelta(days=1),
        "tomorrow": today + timedelta(days=1),
        "eow": today + timedelta(days=6 - today.weekday()),
        "eom": date(today.year, today.month, calendar.monthrange(today.year, today.month)[1]),
        "eoq": end_of_quarter(today),
        "eoy": date(today.year, 12, 31),
    }
    if raw in named:
        return named[raw]
    match = _OFFSET.match(raw)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        amount = sign * int(match.group(2))
        unit = match.group(3)
        if unit == "d":
            return today + timedelta(days=amount)
        if unit == "w":
            return today + timedelta(weeks=amount)
        if unit == "m":
            return add_months(today, amount)
        return add_months(today, 12 * amount)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a date: {DATE_HINT}") from None


def short_day(day: date) -> str:
    """'Wed 25 Nov' (no zero padding, the way people write it)."""
    return f"{day:%a} {day.day} {day:%b}"


def parse_backfill(text: str, today: date) -> date:
    """A day to log a value for: yesterday, -2d, YYYY-MM-DD...; never in the future (the
    one rule for the check-in, `goaltui log` and the importer)."""
    day = parse_date(text, today)
    if day > today:
        raise ValueError(f"{short_day(day)} is in the future: check-ins are for today or earlier")
    return day
