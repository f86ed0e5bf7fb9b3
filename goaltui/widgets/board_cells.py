"""What the board's cells show: status marks and colours, numbers, bars, sparklines.

Numbers come from goaltui.core.formatting like everywhere else; a tight value column takes
its narrow form. Which columns fit a terminal's width is widgets/board_columns.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from rich.color import Color as RichColor
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color, ColorParseError
from textual.renderables.sparkline import Sparkline

from goaltui.core import formatting as fmt
from goaltui.core.board_rows import BoardRow
from goaltui.core.models import Direction
from goaltui.core.progress import GoalProgress, Status
from goaltui.core.status_words import STALE, reads_stale
from goaltui.formats.textboard import ASCII as ASCII_GLYPHS
from goaltui.formats.textboard import sparkline as text_sparkline

STATUS_MARK = {
    Status.ACHIEVED: "✓",
    Status.ON_TRACK: "●",
    Status.AT_RISK: "▲",
    Status.BEHIND: "▼",
    Status.OVERDUE: "!",
    Status.OUTSIDE: "◇",
    Status.NO_DATA: "·",
    Status.NOT_STARTED: "○",
    Status.MISSED: "✗",
    Status.ARCHIVED: "\u2013",
}
_TONE = {
    Status.ACHIEVED: ("text-success", "bold"),
    Status.ON_TRACK: ("text-success", ""),
    Status.AT_RISK: ("text-warning", "bold"),
    Status.BEHIND: ("text-error", "bold"),
    Status.OVERDUE: ("text-error", "bold reverse"),
    Status.OUTSIDE: ("text-warning", "bold"),
    Status.NO_DATA: ("", "dim"),
    Status.NOT_STARTED: ("", "dim"),
    Status.MISSED: ("text-error", "dim"),
    Status.ARCHIVED: ("", "dim"),
}
_EIGHTHS = " ▏▎▍▌▋▊▉"
# The attention marks (core/attention.py): a stale goal's status mark, and the mark after
# an unusual latest value (green when far better, red when far worse; the detail says so).
STALE_MARK, STALE_MARK_ASCII = "◌", "~"
UNUSUAL_MARK = "!"
UNUSUAL_TONE = {"good": "text-success", "bad": "text-error"}
STATUS_WIDTH = 10  # "✓ achieved"; wider only while a goal reads "○ not started"
SPARK_MIN = 4


@dataclass(frozen=True)
class Palette:
    """Theme colours as Rich objects, read once per rebuild (themes change at run time)."""

    good: RichColor | None
    warn: RichColor | None
    bad: RichColor | None
    ascii: bool = False  # plain-character sparklines and bars (`goaltui --ascii`)

    @classmethod
    def from_app(cls, app: App[Any]) -> Palette:
        variables = app.theme_variables

        def color(name: str) -> RichColor | None:
            try:
                return Color.parse(variables[name]).rich_color
            except (KeyError, ColorParseError):
                return None

        ascii_only = bool(getattr(app, "ascii_only", False))
        return cls(color("text-success"), color("text-warning"), color("text-error"), ascii_only)

    def tone(self, name: str) -> RichColor | None:
        """The colour of a theme variable name ("text-success"...); None for ""."""
        return {"text-success": self.good, "text-warning": self.warn, "text-error": self.bad}.get(
            name
        )

    def status_color(self, status: Status) -> RichColor | None:
        return self.tone(_TONE[status][0])

    def status_style(self, status: Status) -> Style:
        """Colour plus emphasis (bold, reverse for overdue) for status words."""
        attrs = _TONE[status][1]
        colour = Style(color=self.status_color(status))
        return Style.parse(attrs) + colour if attrs else colour


def _now(row: BoardRow, narrow: bool) -> str:
    """The "now" part of the value pair, as fmt.pair writes it."""
    current, unit = row.progress.current, row.goal.metric.unit
    return fmt.bare(current, unit) if narrow else fmt.value(current, unit)


def value_text(row: BoardRow, narrow: bool = False) -> str:
    """ "7:53 → 7:00": the latest value and the target (or band); narrow "7:53→7:00". An
    unusual latest value carries a mark after it: "66%! → 72%"."""
    metric = row.goal.metric
    pair = fmt.pair(
        row.progress.current, metric.target, metric.unit, narrow=narrow, edges=metric.band
    )
    if not row.progress.unusual:
        return pair
    at = len(_now(row, narrow))
    return pair[:at] + UNUSUAL_MARK + pair[at:]


def value_cell(row: BoardRow, narrow: bool, palette: Palette) -> Text:
    """value_text with the unusual mark in the colour of good or bad news."""
    text = Text(value_text(row, narrow))
    unusual = row.progress.unusual
    if unusual:
        at = len(_now(row, narrow))
        style = Style(bold=True, color=palette.tone(UNUSUAL_TONE[unusual]))
        text.stylize(style, at, at + len(UNUSUAL_MARK))
    return text


def bar_text(fraction: float | None, width: int, style: Style, ascii: bool = False) -> Text:
    """A progress bar in eighths of a cell.

    Drawn by hand on purpose: Rich's ProgressBar tells done from to-do by colour
    alone, which vanishes under NO_COLOR; here the to-do part is a visible shade.
    With `ascii`, textboard's plain glyphs: "#" done, "-" to do.
    """
    if ascii:
        if fraction is None:
            return Text(ASCII_GLYPHS.empty * width, style="dim")
        done = round(max(0.0, min(1.0, fraction)) * width)
        return Text.assemble(
            (ASCII_GLYPHS.full * done, style), (ASCII_GLYPHS.empty * (width - done), "dim")
        )
    if fraction is None:
        return Text("░" * width, style="dim")
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (_EIGHTHS[part] if part else "")
    return Text.assemble((filled, style), ("░" * (width - len(filled)), "dim"))


def status_text(status: Status, palette: Palette) -> Text:
    return Text(f"{STATUS_MARK[status]} {status.value}", style=palette.status_style(status))


def progress_status_text(progress: GoalProgress, palette: Palette) -> Text:
    """The status as the board shows it: a stale goal takes the stale mark; one that would
    read "on track" or "achieved" reads "◌ stale" (amber), one behind, at risk or overdue
    keeps its word and colour: "◌ behind"."""
    if not progress.stale:
        return status_text(progress.status, palette)
    mark = STALE_MARK_ASCII if palette.ascii else STALE_MARK
    if reads_stale(progress):
        return Text(f"{mark} {STALE}", style=Style(bold=True, color=palette.warn))
    return Text(f"{mark} {progress.status.value}", style=palette.status_style(progress.status))


def days_text(row: BoardRow, palette: Palette) -> Text:
    days = row.progress.days_left
    if days is None:
        return Text(fmt.MISSING, style="dim")
    late = days < 0 and row.progress.status is Status.OVERDUE
    return Text(fmt.days(days, "cell"), style=Style(color=palette.bad) if late else "")


def milestones_text(done: int, total: int, palette: Palette) -> Text:
    if total == 0:
        return Text(fmt.MISSING, style="dim")
    return Text(f"{done}/{total}", style=Style(color=palette.good) if done == total else "")


class AsciiSparkline:
    """A sparkline in textboard's plain glyphs (`--ascii`), as wide as `width` or, when None,
    as the cell it is drawn in; days are averaged into buckets like Sparkline does."""

    def __init__(self, series: Sequence[float], width: int | None = None) -> None:
        self.series, self.width = list(series), width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self.width or options.max_width
        n = len(self.series)
        buckets = [self.series[i * n // width : (i + 1) * n // width] for i in range(width)]
        means = [fmean(b) for b in buckets if b] if n > width else self.series
        yield Text(text_sparkline(means, width, ASCII_GLYPHS.spark), style="bold", no_wrap=True)


def sparkline(row: BoardRow, width: int, palette: Palette) -> RenderableType:
    """The last 30 days of check-ins; the better end of the range in the 'good' colour."""
    series = row.progress.series
    if not series:
        return Text("no data", style="dim")
    good = palette.good or RichColor.from_rgb(0, 200, 0)
    worse = palette.warn or RichColor.from_rgb(230, 160, 0)
    lower_is_better = row.goal.metric.direction is Direction.LOWER
    if palette.ascii:
        return AsciiSparkline(series, width)
    low, high = (good, worse) if lower_is_better else (worse, good)
    return Sparkline(series, width=width, min_color=low, max_color=high, summary_function=fmean)
