"""The date of an import row, in the forms platform exports write it.

- ISO dates and timestamps: 2026-11-21, 2026-11-21T08:30:00Z, 2026-11-21T08:30:00.000+01:00,
  2026-11-21 00:00:00;
- year first with slashes or dots: 2026/11/21, 2026.11.21 (a time after it is fine);
- day first, as platforms outside the US write it: 21/11/2026, 21.11.2026, 21-11-2026.

The day is the one written: a timestamp's time and offset are not converted (a daily row
stamped 2026-11-21T00:00:00Z is the 21st, wherever the box is). A slash date is always read
day first: 03/04/2026 is 3 April. One that cannot be day first (11/21/2026) is refused with
the --date-format that reads it, never misread; a US file needs `--date-format %m/%d/%Y`
(saved in its profile), since a file of days 1-12 cannot tell. Relative words (today, +3d)
are refused: a file must mean the same thing tomorrow.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
# What may follow the date: a time, with seconds, fractions, Z, an offset or AM/PM.
_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}(:?\d{2})?)?$")
WANTED = "YYYY-MM-DD or DD/MM/YYYY"


def parse_day(text: str, date_format: str | None = None) -> date:
    """The day a date or timestamp cell names; ValueError with what to use instead.
    `date_format` (strptime) is used alone when given."""
    raw = text.strip()
    if date_format:
        try:
            return datetime.strptime(raw, date_format).date()
        except ValueError:
            raise ValueError(f"date {raw!r} does not match --date-format {date_format}") from None
    day, _, time = raw.replace("T", " ", 1).partition(" ")
    hint = ""
    try:
        if time.strip() and not _TIME.match(time.strip()):
            raise ValueError("not a time")
        if ymd := _YMD.match(day):
            return date(int(ymd[1]), int(ymd[2]), int(ymd[3]))
        if dmy := _DMY.match(day):
            first, second = int(dmy[1]), int(dmy[2])
            if second > 12 >= first:
                sep = day[len(dmy[1])]
                hint = f" (month first? --date-format %m{sep}%d{sep}%Y reads it)"
            return date(int(dmy[3]), second, first)
        raise ValueError("no known form")
    except ValueError:
        raise ValueError(f"date {raw!r} is not a date: use {WANTED}{hint}") from None
