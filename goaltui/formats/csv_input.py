"""Reading a KPI export for the importer: the file's text, its delimiter, and its cells.

Call-centre platforms write CSV in many dialects: a UTF-8 BOM, CRLF line ends, cp1252
from older Windows tools, ';' and decimal commas from European spreadsheets, tabs from
copy-paste. These functions accept them all, and refuse what they cannot read without
guessing (a relative date, a US date, a comma that may be a decimal mark).

They also refuse what is not a KPI export, before it fills the memory: anything but a
regular file (`goaltui import /dev/zero` once grew to 24 GB), a file over
MAX_CSV_BYTES, a line over MAX_LINE_CHARS, a quote never closed (the lenient csv
reader would swallow the rest of the file into one cell) and a header with no rows.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from goaltui.core.errors import UserError
from goaltui.core.numbers import parse_value as typed_value
from goaltui.formats.import_dates import parse_day

__all__ = ["Rows", "norm", "parse_day", "parse_value", "read_text", "sniff_delimiter"]

DELIMITERS = ",;\t"
# A year of daily values for 1,000 goals is 365,000 rows, about 12 MB; a wide platform
# export (one row per agent and interval, 40 columns) is about 8 MB a day.
MAX_CSV_BYTES = 100 * 1024 * 1024
MAX_LINE_CHARS = 65_536  # a row of 40 columns is a few hundred characters
_MB = 1024 * 1024


def read_text(source: TextIO | Path | str) -> tuple[str, str]:
    """(text, name) of a CSV file or open stream; UserError when it can't be read as text."""
    if isinstance(source, str | Path):
        path = Path(source)
        raw = _read_file(path)
        if raw.startswith(b"PK\x03\x04"):
            raise UserError(f"{path}: looks like an Excel workbook; save it as CSV first")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        name = str(path)
    else:
        name = str(getattr(source, "name", "<stdin>"))
        text = source.read(MAX_CSV_BYTES + 1).removeprefix("\ufeff")
        if len(text) > MAX_CSV_BYTES:
            raise UserError(f"{name}: {_too_big()}")
    if not text.strip():
        raise UserError(f"{name}: the file is empty")
    if len(text) > MAX_LINE_CHARS:  # a short file cannot hold a long line
        long = re.search(rf"^[^\n]{{{MAX_LINE_CHARS + 1}}}", text, re.MULTILINE)
        if long is not None:
            line = text.count("\n", 0, long.start()) + 1
            raise UserError(
                f"{name}: line {line} is longer than {MAX_LINE_CHARS:,} characters; "
                "not a KPI export?"
            )
    return text, name


def _read_file(path: Path) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, pipe or socket"
            raise UserError(f"{path}: is {what}, not a file; save the export to a file first")
        if st.st_size > MAX_CSV_BYTES:
            raise UserError(f"{path}: is {-(-st.st_size // _MB)} MB; {_too_big()}")
        try:
            raw = handle.read(MAX_CSV_BYTES + 1)  # +1: a file still growing is seen
        except OSError as exc:
            raise UserError(f"{path}: cannot read: {exc.strerror}") from None
    if len(raw) > MAX_CSV_BYTES:
        raise UserError(f"{path}: {_too_big()}")
    return raw


def _too_big() -> str:
    return f"over the {MAX_CSV_BYTES // _MB} MB limit for an import; split it (by date, say)"


if TYPE_CHECKING:
    _DictReader = csv.DictReader[str]
else:  # not subscriptable at run time before Python 3.12
    _DictReader = csv.DictReader


class Rows(_DictReader):
    """The file's rows by header name, refusing what csv.DictReader would accept silently:
    a quote never closed (strict mode; the error names the line the row starts on) and a
    header with no rows under it. Other csv errors name their line too."""

    def __init__(self, text: str, name: str, delimiter: str, *, above: int = 0) -> None:
        """`above`: lines before the header (an export's title block), passed over; line
        numbers still count from the file's first line."""
        super().__init__(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        self.name = name
        self._has_data = False
        for _ in range(above):
            next(self.reader, None)

    @property
    def fieldnames(self) -> Sequence[str] | None:  # the header is read on first use
        try:
            return super().fieldnames
        except csv.Error as exc:
            raise self._error(exc, 1) from None

    @fieldnames.setter
    def fieldnames(self, value: Sequence[str] | None) -> None:
        self._fieldnames = value

    def __next__(self) -> dict[str | Any, str | Any]:
        start = self.line_num + 1  # line_num: the last line read so far
        try:
            row = super().__next__()
        except StopIteration:
            if not self._has_data and self.fieldnames:
                raise UserError(
                    f"{self.name}: line 1 is a header with no rows under it; nothing to import"
                ) from None
            raise
        except csv.Error as exc:
            raise self._error(exc, start) from None
        if not self._has_data:  # rows of empty cells (platform exports end with some) aren't data
            self._has_data = any(isinstance(v, str) and v.strip() for v in row.values())
        return row

    def _error(self, exc: csv.Error, start: int) -> UserError:
        if "unexpected end of data" in str(exc):
            return UserError(
                f'{self.name}: line {start}: a quote (") opened in this row is never closed; '
                "nothing was imported"
            )
        line = self.reader.line_num  # DictReader's own count lags behind a failed row
        return UserError(f"{self.name}: line {line}: {exc}; nothing was imported")


def sniff_delimiter(text: str) -> str:
    """The most frequent of , ; and tab in the header line (header names rarely hold them);
    ',' on a tie or when there is none (max() keeps the first of equals).

    csv.Sniffer looks at the data too and is easily fooled by commas inside notes.
    """
    return max(DELIMITERS, key=text.split("\n", 1)[0].count)


def parse_value(text: str, decimal_comma: bool = False, unit: str = "") -> float:
    """A value cell; a comma is a thousands separator or, with decimal_comma, the decimal mark.
    A goal in seconds also takes a duration (5:24, 00:05:24), as everywhere a value is typed."""
    raw = text.strip()
    if decimal_comma and "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    return typed_value(raw, unit)  # refuses "6,2" as ambiguous, like every other input


def norm(text: str) -> str:
    """For matching header names, metrics and owners: case and spacing don't count."""
    return " ".join(text.split()).casefold()
