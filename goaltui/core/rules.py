"""Every validation rule for what a lead types, in one place, with the one message for each.

Pure and pydantic-free on purpose: `goaltui log` (store/quicklog.py) checks a check-in
with these functions without paying for pydantic, models.py wires the same functions
into its fields, and the importer, the CLI and the dialogs read the same limits. Each
check returns the value or raises ValueError with the text shown after the field name
("note: at most 500 characters, got 612").
"""

from __future__ import annotations

import math
import re

from goaltui.core.text import printable

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}$"
KEY_RE = re.compile(KEY_PATTERN)
KEY_MAX = 32
KEY_HINT = "use 1-32 lower-case letters, digits or dashes, e.g. aht-maria"

TITLE_MAX = 120  # goal and milestone titles
NAME_MAX = 40  # an owner or agent, a metric name, a meeting kind
UNIT_MAX = 12
TEXT_MAX = 2000  # a goal's details, why and plan
NOTE_MAX = 500  # a check-in note, a kudos note, a meeting note
REASON_MAX = 500  # why a target, baseline or due date changed (the ledger)
BAND_ORDER = "a band needs its low edge first and two different edges"

ON_TRACK, AT_RISK, OFF_TRACK = "on-track", "at-risk", "off-track"
CONFIDENCES = (ON_TRACK, AT_RISK, OFF_TRACK)
CENTER, TEAM, AGENT = "center", "team", "agent"
LEVELS = (CENTER, TEAM, AGENT)
# The values of models.GoalStatus and wins.WinKind, for the pydantic-free file checks
# (store/checks.py); a test keeps them equal.
STATUSES = ("active", "achieved", "missed", "archived")
WIN_KINDS = ("target", "milestone", "reached", "streak", "best")

INVALID_TEXT = "not valid text"
# What pydantic's str_strip_whitespace strips (Unicode White_Space); unlike str.strip()
# it keeps the information separators U+001C-U+001F.
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
WHITESPACE += "\u2028\u2029\u202f\u205f\u3000"


def clean_text(text: str) -> str:
    """What the models do to any text before a rule sees it: refuse lone surrogates (neither
    pydantic nor JSON takes them) and strip white space exactly as pydantic does."""
    try:
        text.encode()
    except UnicodeEncodeError:
        raise ValueError(INVALID_TEXT) from None
    return text.strip(WHITESPACE)


def one_line(text: str) -> str:
    """What the models make of one-line user text: cleaned, no control characters (they
    become spaces, see text.py), no white space at either end."""
    return printable(clean_text(text)).strip(WHITESPACE)


def check_length(text: str, limit: int) -> str:
    """At most `limit` characters (code points, as pydantic counts them)."""
    if len(text) > limit:
        raise ValueError(f"at most {limit} characters, got {len(text)}")
    return text


def check_note(note: str) -> str:
    return check_length(note, NOTE_MAX)


def check_reason(reason: str) -> str:
    return check_length(reason, REASON_MAX)


def is_key(text: str) -> bool:
    return KEY_RE.fullmatch(text) is not None


def check_key(key: str) -> str:
    """A goal key a lead can type: keys name goals in commands, files and check-in ids."""
    if not is_key(key):
        raise ValueError(f"{key!r} is not a goal key: {KEY_HINT}")
    return key


def check_finite(value: float) -> float:
    """NaN and infinity would poison every average, chart and JSON file downstream."""
    if not math.isfinite(value):
        raise _not_finite(value)
    return value


def check_value(value: object) -> float:
    """A KPI value given as a number, as a float. Stricter than the model's float field,
    which also takes numeric strings (old files) and booleans: here True is not a value."""
    number = math.nan
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an int beyond float's range
            number = math.inf
    if not math.isfinite(number):
        raise _not_finite(value)
    return number


def _not_finite(value: object) -> ValueError:
    return ValueError(f"must be a finite number, got {str(value)[:30]}")


def check_confidence(value: object) -> str | None:
    """None (not said) or one of CONFIDENCES."""
    if value is None:
        return None
    if isinstance(value, str) and value in CONFIDENCES:
        return str(value)
    raise ValueError(f"use one of {', '.join(CONFIDENCES)}")
