"""Reading a KPI export for the importer: the file's text, its delimiter, and its cells.

Call-centre platforms write CSV in many dialects: a UTF-8 BOM, CRLF line ends, cp1252
from older Windows tools, ';' and decimal commas from European spreadsheets, tabs from
copy-paste. These functions accept them all, and refuse what they cannot read without
guessing (a relative date, a US date, a comma that may be a decimal mark).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from goaltui.core.errors import UserError
from goaltui.core.numbers import parse_number

DELIMITERS = ",;\t"

_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*%?$")


def read_text(source: TextIO | Path | str) -> tuple[str, str]:
    """(text, name) of a CSV file or open stream; UserError when it can't be read as text."""
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"{path}: cannot read: {exc.strerror}") from None
        if raw.startswith(b"PK\x03\x04"):
            raise UserError(f"{path}: looks like an Excel workbook; save it as CSV first")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        name = str(path)
    else:
        text, name = source.read().removeprefix("\ufeff"), str(getattr(source, "name", "<stdin>"))
    if not text.strip():
        raise UserError(f"{name}: the file is empty")
    return text, name


def sniff_delimiter(text: str) -> str:
    """The most frequent of , ; and tab in the header line (header names rarely hold them);
    ',' on a tie or when there is none (max() keeps the first of equals).

    csv.Sniffer looks at the data too and is easily fooled by commas inside notes.
    """
    return max(DELIMITERS, key=text.split("\n", 1)[0].count)


def parse_day(text: str, date_format: str | None = None) -> date:
    """A date cell: ISO (a time after it is ignored) or day-first D/M/Y; `date_format`
    (strptime) instead when given. "11/21/2026" is refused, not misread."""
    raw = text.strip()
    try:
        if date_format:
            return datetime.strptime(raw, date_format).date()
        match = _DMY.match(raw)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(raw[:10] if len(raw) > 10 and raw[10] in "T " else raw)
    except ValueError:
        wanted = date_format or "YYYY-MM-DD or DD/MM/YYYY"
        raise ValueError(f"date {raw!r} is not a date: use {wanted}") from None


def parse_value(text: str, decimal_comma: bool = False) -> float:
    """A value cell; a comma is a thousands separator or, with decimal_comma, the decimal mark."""
    raw = text.strip()
    if "," in raw:
        if decimal_comma:
            raw = raw.replace(".", "").replace(",", ".")
        elif not _THOUSANDS.match(raw):
            # "6,2" read as 62 would be the worst kind of silent error.
            raise ValueError(f"value {raw!r} is ambiguous: write 6.2, not 6,2")
    return parse_number(raw)


def norm(text: str) -> str:
    """For matching header names, metrics and owners: case and spacing don't count."""
    return " ".join(text.split()).casefold()
