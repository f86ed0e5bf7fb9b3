"""The board as plain text, for `goaltui board`: pipes, mail, cron, a terminal without Textual.

One summary line, then one line per goal: key, title, sparkline, current -> target, progress
bar and %, status word, days left. Columns are dropped or narrowed to fit `width`, least
useful first: the title (the key names the goal too), then the sparkline, then the bar
(the % stays); a value column too narrow for "12 calls -> 15 calls" shows the formatter's
narrow "12->15 calls" (durations "7:53->7:00"); no line is ever wider than `width` terminal
cells. With ascii=True every character is printable ASCII, titles included, so the output
survives any mail client.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from goaltui.core import formatting as fmt
from goaltui.core.attention import STALE_DAYS
from goaltui.core.models import Goal, GoalStatus
from goaltui.core.progress import STATUS_ORDER, GoalProgress, Status, evaluate
from goaltui.core.snapshot import Snapshot
from goaltui.core.status_words import STALE, reads_stale, shown_counts, status_words

SPARK_UNICODE = "▁▂▃▄▅▆▇█"
SPARK_ASCII = "_.:-=+*#"  # "_" rather than " " so the lowest values stay visible
GAP = "  "
PCT_WIDTH = 4  # "100%"


@dataclass(frozen=True)
class _Glyphs:
    spark: str
    full: str
    empty: str
    ellipsis: str  # arrows and dashes come from the formatter, through clean() for ASCII


UNICODE = _Glyphs(SPARK_UNICODE, "█", "░", "…")
ASCII = _Glyphs(SPARK_ASCII, "#", "-", "...")


def days_text(goal: Goal, progress: GoalProgress, width: fmt.DaysWidth = "short") -> str:
    """ "64d left", "3d late", "due today"; empty for closed goals and goals without a due
    date (nothing is missing there: the question does not arise)."""
    left = progress.days_left
    if goal.status is not GoalStatus.ACTIVE or left is None:
        return ""
    return fmt.days(left, width)


def sparkline(values: Sequence[float], width: int, glyphs: str = SPARK_UNICODE) -> str:
    """The last `width` values as one character each, scaled between their min and max."""
    shown = list(values)[-width:] if width > 0 else []
    if not shown:
        return ""
    low, high = min(shown), max(shown)
    top = len(glyphs) - 1
    if high == low:
        return glyphs[top // 2] * len(shown)
    return "".join(glyphs[round((v - low) / (high - low) * top)] for v in shown)


def bar(fraction: float | None, width: int, glyphs: _Glyphs = UNICODE) -> str:
    if fraction is None:
        return " " * width
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return glyphs.full * filled + glyphs.empty * (width - filled)


# -- cell widths ------------------------------------------------------------------------


def _char_cells(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cells(text: str) -> int:
    """Terminal cells `text` takes (wide CJK and emoji count two)."""
    return sum(_char_cells(ch) for ch in text)


# What NFKD leaves non-ASCII but has a usual ASCII spelling (units, typography).
_ASCII_SPELLING = str.maketrans(
    {
        "\u00b5": "u",  # micro sign, as in "µs"
        "\u03bc": "u",  # Greek mu
        "\u2192": "->",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u20ac": "EUR",
        "\u00a3": "GBP",
        "\u00d7": "x",
        "\u00b0": "deg",
        "\u2022": "*",
    }
)


def clean(text: str, ascii_only: bool) -> str:
    """Control characters become spaces; in ASCII mode accents are dropped, the rest is '?'."""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    if not ascii_only:
        return text
    out = []
    for ch in unicodedata.normalize("NFKD", text.translate(_ASCII_SPELLING)):
        if " " <= ch <= "~":
            out.append(ch)
        elif not unicodedata.combining(ch):
            out.append("?")
    return "".join(out)


def fit(text: str, width: int, ellipsis: str = "…", align: str = "<") -> str:
    """Pad or truncate `text` to exactly `width` cells, marking a cut with `ellipsis`."""
    if cells(text) > width:
        mark = ellipsis if cells(ellipsis) < width else ""
        room, kept = width - cells(mark), []
        for ch in text:
            room -= _char_cells(ch)
            if room < 0:
                break
            kept.append(ch)
        text = "".join(kept) + mark
    pad = " " * (width - cells(text))
    return pad + text if align == ">" else text + pad


# -- layout -----------------------------------------------------------------------------


@dataclass
class _Column:
    name: str
    natural: int  # widest content
    minimum: int  # narrowest still useful
    drop: int  # lower is dropped first; 0 never
    render: Callable[[int, int], str]  # (row index, width) -> text, at most width cells
    align: str = "<"
    floor: int | None = None  # squeezed below minimum only when nothing is left to drop
    whole: bool = False  # grows to its natural width in one step or not at all


# Spare width goes here, in this order, each up to a cap (None: the column's natural width).
GROWTH: tuple[tuple[str, int | None], ...] = (
    ("progress", PCT_WIDTH + 1 + 8),
    ("value", None),  # "7:53 -> 7:00" when it fits, else "7:53->7:00" (whole=True)
    ("spark", 12),
    ("title", 24),
    ("spark", None),
    ("progress", PCT_WIDTH + 1 + 20),
    ("title", None),
)


def _layout(columns: list[_Column], width: int) -> list[tuple[_Column, int]]:
    """Drop columns until the minimums fit, then hand out the spare cells (GROWTH)."""
    kept = list(columns)

    def spare() -> int:
        return width - sum(widths.values()) - len(GAP) * (len(kept) - 1)

    widths = {c.name: c.minimum for c in kept}
    while spare() < 0 and any(c.drop for c in kept):
        victim = min((c for c in kept if c.drop), key=lambda c: c.drop)
        kept.remove(victim)
        del widths[victim.name]
    for c in kept:  # still too wide: squeeze what may be squeezed (a long key)
        if spare() < 0 and c.floor is not None:
            widths[c.name] = max(c.floor, widths[c.name] + spare())
    natural = {c.name: c.natural for c in kept}
    whole = {c.name: c.whole for c in kept}
    for name, cap in GROWTH:
        if name in widths and spare() > 0:
            goal = natural[name] if cap is None else min(cap, natural[name])
            if whole[name] and spare() < goal - widths[name]:
                continue
            widths[name] += min(spare(), max(0, goal - widths[name]))
    return [(c, widths[c.name]) for c in kept]


def _aligned(values: Sequence[str], ascii_only: bool) -> list[str]:
    """ "now → target" texts with their arrows in one column (the "now" parts right-aligned)."""
    arrow = clean(fmt.ARROW, ascii_only)
    split = [clean(v, ascii_only).partition(arrow) for v in values]
    now_w = max((cells(now) for now, _, _ in split), default=0)
    return [fit(now, now_w, align=">") + sep + rest for now, sep, rest in split]


def board_rank(progress: GoalProgress) -> int:
    """The board's order: a goal reading "stale" sorts with the to-dos (board_rows.py)."""
    return STATUS_ORDER[Status.NO_DATA if reads_stale(progress) else progress.status]


def summary_parts(progresses: Sequence[GoalProgress]) -> list[str]:
    """The items of "11 goals: 1 overdue, 3 at risk, 1 stale, ..." in board order, counted
    by what each goal reads (a stale goal on track counts as "stale"); [] for no goals."""
    parts = [f"{n} {STALE if s is None else s.value}" for s, n in shown_counts(progresses)]
    if parts:
        count = len(progresses)
        parts[0] = f"{count} goal{'s' if count != 1 else ''}: {parts[0]}"
    return parts


def _summary(progresses: Sequence[GoalProgress], width: int) -> list[str]:
    """ "11 goals: 1 overdue, 3 at risk, 1 stale, ...", wrapped between items, never
    inside one. Counted by what the rows read: a stale goal on track counts as "stale"."""
    parts = summary_parts(progresses)
    if not parts:
        return ["No goals yet."]
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += f", {part}"
        else:
            lines[-1] += ","
            lines.append(part)
    return lines


def render_board(
    snapshot: Snapshot,
    today: date,
    width: int,
    ascii: bool = False,  # shadows the builtin on purpose: it is the CLI flag's name
    *,
    include_archived: bool = False,
    stale_days: int = STALE_DAYS,
) -> str:
    """The board as text, `width` cells wide at most, sorted like the TUI board.

    Archived goals are left out unless `include_archived`: they are history, not the board.
    A goal without a value for `stale_days` working days reads "stale" (status_words.py).
    """
    width = max(1, width)
    glyphs = ASCII if ascii else UNICODE
    goals = [g for g in snapshot.goals if include_archived or g.status is not GoalStatus.ARCHIVED]
    rows = [(g, evaluate(g, snapshot.series.get(g.key, []), today, stale_days)) for g in goals]
    rows.sort(key=lambda r: (board_rank(r[1]), r[0].key))
    lines = _summary([p for _, p in rows], width)
    words = [status_words(p) for _, p in rows]

    titles = [clean(g.title, ascii) for g, _ in rows]
    full = _aligned(
        [fmt.pair(p.current, g.metric.target, g.metric.unit, edges=g.metric.band) for g, p in rows],
        ascii,
    )
    narrow = _aligned(
        [
            fmt.pair(p.current, g.metric.target, g.metric.unit, narrow=True, edges=g.metric.band)
            for g, p in rows
        ],
        ascii,
    )
    days = [days_text(g, p) for g, p in rows]

    def value(i: int, w: int) -> str:
        return full[i] if w >= widest(full) else narrow[i]

    def progress(i: int, w: int) -> str:
        p = rows[i][1]
        pct = fit(clean(fmt.percent(p.percent), ascii), PCT_WIDTH, align=">")
        if w < PCT_WIDTH + 2:
            return pct
        return bar(p.fraction, w - PCT_WIDTH - 1, glyphs) + " " + pct

    def widest(texts: Sequence[str]) -> int:
        return max((cells(t) for t in texts), default=0)

    key_w = widest([g.key for g, _ in rows])
    spark_w = max((len(p.series) for _, p in rows), default=0)
    columns = [
        _Column("key", key_w, key_w, 0, lambda i, w: rows[i][0].key, floor=min(key_w, 8)),
        _Column("title", widest(titles), 16, 1, lambda i, w: titles[i]),
        _Column("spark", spark_w, 8, 2, lambda i, w: sparkline(rows[i][1].series, w, glyphs.spark)),
        _Column("value", widest(full), widest(narrow), 4, value, whole=True),
        _Column("progress", PCT_WIDTH + 1 + 20, PCT_WIDTH, 0, progress, ">"),
        _Column(  # never cut: "not sta…" reads as nothing
            "status", widest(words), widest(words), 0, lambda i, w: words[i]
        ),
        _Column("days", widest(days), widest(days), 3, lambda i, w: days[i], ">"),
    ]
    layout = _layout([c for c in columns if c.natural > 0], width)
    for i in range(len(rows)):
        parts = [fit(col.render(i, w), w, glyphs.ellipsis, col.align) for col, w in layout]
        lines.append(GAP.join(parts).rstrip())
    # Last line of defence for absurdly small widths: cut, never wrap.
    return "\n".join(fit(line, width, "").rstrip() for line in lines) + "\n"
