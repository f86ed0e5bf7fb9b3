"""One page of review mode: what is read for a goal, and how its head, figures and side
column are drawn. `read_page` runs in a worker; the rest runs on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.color import Color
from textual.dom import DOMNode
from textual.widgets import Digits, Static

from goaltui.core import formatting as fmt
from goaltui.core.durations import is_seconds
from goaltui.core.minutes import Minutes, last_item
from goaltui.core.models import CheckIn, Goal, Milestone, TargetChange
from goaltui.core.progress import GoalProgress
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette, progress_status_text

WIDE = 110  # from this width all four figures are drawn large
RECENT_NOTES = 3


@dataclass(frozen=True)
class PageData:
    """Everything one page shows about its goal, from one worker read."""

    goal: Goal
    checkins: list[CheckIn]
    milestones: list[Milestone]
    changes: list[TargetChange]


def read_page(store: Store, key: str) -> PageData:
    """In a worker: the goal and its check-ins, milestones and target changes."""
    return PageData(
        store.goal(key), store.checkins(key), store.milestones(key), store.target_changes(key)
    )


def head_text(goal: Goal, progress: GoalProgress, palette: Palette) -> Text:
    return Text.assemble(
        (goal.key, "bold"),
        "  ",
        progress_status_text(progress, palette),  # "◌ stale", as on the board
        "  ",
        goal.title,
        "  ",
        (f"{goal.owner} · {goal.level.value}", "dim"),
    )


def show_figures(
    page: DOMNode, goal: Goal, progress: GoalProgress, palette: Palette, width: int
) -> None:
    """The four big figures: now, target, progress (in the status colour), days left."""
    metric = goal.metric
    # "%" sticks to the digits, as everywhere, and a duration reads m:ss with no unit;
    # another unit goes in the label.
    glued = metric.unit if metric.unit == "%" or is_seconds(metric.unit) else ""
    unit = f" ({metric.unit})" if metric.unit and not glued else ""
    target = fmt.value(metric.target, glued)
    big_target = digits(metric.target, glued)
    aim = "target"
    if metric.band is not None:
        aim, target = "band", fmt.band(metric.band, glued)
        big_target = target
    days = progress.days_left
    # Narrow: the target is named in the label instead of drawn large.
    now_target = "" if width >= WIDE else f" · {aim} {target}"
    figures = {
        "now": (f"{metric.name} now{unit}{now_target}", digits(progress.current, glued)),
        "target": (f"{aim}{unit}", big_target),
        "progress": ("progress", digits(progress.percent, "%")),
        "left": (
            "days overdue" if days is not None and days < 0 else "days left",
            digits(None if days is None else abs(days)),
        ),
    }
    for fid, (label, value) in figures.items():
        box = page.query_one(f"#fig-{fid}")
        box.query_one(".figure-label", Static).update(label)
        box.query_one(Digits).update(value)
    colour = palette.status_color(progress.status)
    progress_digits = page.query_one("#fig-progress Digits", Digits)
    progress_digits.styles.color = Color.from_rich_color(colour) if colour else None


def side_text(page: PageData, last_time: list[Text], today: date) -> Text:
    """Notes from last time, open milestones, the why and the recent check-in notes."""
    goal, milestones = page.goal, page.milestones
    done = sum(1 for m in milestones if m.done)
    parts = [*last_time, Text("")]
    parts.append(Text(f"Milestones {done}/{len(milestones)}", style="bold"))
    for m in milestones:
        if not m.done:
            late = m.is_overdue(today)
            due = f" (due {m.due.isoformat()})" if m.due else ""
            parts.append(Text(f"☐ {m.title}{due}", style="bold" if late else ""))
    if not milestones:
        parts.append(Text("none", style="dim"))
    parts += [Text(""), Text("Why", style="bold"), Text(goal.why or "—")]
    recent = [c for c in page.checkins if c.note and c.day <= today][-RECENT_NOTES:]
    if recent:
        parts += [Text(""), Text("Recent check-in notes", style="bold")]
        unit = goal.metric.unit
        for c in reversed(recent):
            value = fmt.value(c.value, unit)
            parts.append(Text.assemble((f"{c.day:%m-%d} {value}: ", "dim"), c.note))
    return Text("\n").join(parts)


def last_time(history: list[Minutes], minutes_id: str | None, key: str) -> list[Text]:
    """What the newest earlier minutes (not these) said about the goal."""
    found = last_item([m for m in history if m.id != minutes_id], key)
    if found is None:
        return [Text("Notes from last time", style="bold"), Text("none yet", style="dim")]
    minutes, item = found
    title = f"Last time · {minutes.held_on.isoformat()} {minutes.kind}"
    outcome = item.outcome.value if item.outcome else "no outcome"
    line = Text.assemble((outcome, "italic"), f": {item.note}" if item.note else "")
    return [Text(title, style="bold"), line]


def digits(value: float | None, unit: str = "") -> str:
    """A value for the Digits widget: "--" when unknown, as its font has no "—"."""
    return "--" if value is None else fmt.value(value, unit)
