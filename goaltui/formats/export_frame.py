"""What a platform export puts around its rows: a title block above the header ("Agent
Performance Report", "Generated: ...", a blank line) and total rows under the agents
("Total", "Grand Total"). Neither is data; both are said in the import's summary.

Pure: no I/O. The header is the first of the opening lines that holds every column the
import was told about; a row is a total when its agent or date cell says so.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

from goaltui.formats.csv_input import DELIMITERS, norm, sniff_delimiter
from goaltui.formats.import_rows import find_column

PREAMBLE_LINES = 20  # a title block longer than this is not a title block
TOTAL_WORDS = frozenset(
    {"total", "totals", "grand total", "subtotal", "sub total", "summary", "overall", "all"}
    | {"all agents", "average", "averages", "team total", "queue total"}
)


def header_line(text: str, wanted: Sequence[str]) -> tuple[int, str]:
    """(lines above the header, the header's delimiter). The header is the first line
    among the first PREAMBLE_LINES holding every `wanted` column; none does: line 1, so
    the error about the missing columns names line 1, as for any other file."""
    for above, line in enumerate(text.splitlines()[:PREAMBLE_LINES]):
        delimiter = max(DELIMITERS, key=line.count)
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if all(find_column(cells, name) is not None for name in wanted):
            return above, delimiter
    return 0, sniff_delimiter(text)


def is_total(cells: Iterable[str | None]) -> bool:
    """Does one of these cells (the agent's, the date's) mark a total row ("Total:")?"""
    return any(cell and norm(cell).rstrip(":").strip() in TOTAL_WORDS for cell in cells)


def frame_notes(above: int, totals: Sequence[int]) -> list[str]:
    """ "3 lines above the header skipped", "1 total row skipped (line 14)"."""
    notes = []
    if above:
        notes.append(f"{above} line{'s' if above != 1 else ''} above the header skipped")
    if totals:
        where = ", ".join(map(str, totals[:5])) + (", ..." if len(totals) > 5 else "")
        rows = f"{len(totals)} total row{'s' if len(totals) != 1 else ''}"
        notes.append(f"{rows} skipped (line{'s' if len(totals) != 1 else ''} {where})")
    return notes
