"""Help: the keys of the screen it was opened from, plus that screen's notes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


@dataclass(frozen=True)
class KeyHelp:
    """One row of the help table."""

    keys: str
    description: str
    tooltip: str
    ours: bool = True  # goaltui's key, as opposed to Textual's generic ones
    ident: str = ""  # the binding id, for "keymap" in settings.json


def key_rows(
    active: dict[str, ActiveBinding], key_display: Callable[[Binding], str]
) -> list[KeyHelp]:
    """The active bindings grouped by action (several keys may share one).

    goaltui's own keys (they have ids) come first, those in the footer before the others;
    then Textual's generic ones (cursor movement, focus, copy).
    """
    grouped: dict[tuple[str, str], list[str]] = {}
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    tooltips: dict[tuple[str, str], str] = {}
    idents: dict[tuple[str, str], str] = {}
    for n, active_binding in enumerate(active.values()):
        binding = active_binding.binding
        if not binding.description or binding.system:
            continue
        ident = (binding.action, binding.description)
        ours = binding.id is not None
        rank = (0 if binding.show else 1) if ours else 2
        grouped.setdefault(ident, []).append(key_display(binding))
        first_seen.setdefault(ident, (rank, n))
        tooltips[ident] = active_binding.tooltip or binding.tooltip
        idents.setdefault(ident, binding.id or "")
    order = sorted(grouped, key=first_seen.__getitem__)
    return [
        KeyHelp(
            " ".join(dict.fromkeys(grouped[i])), i[1], tooltips[i], first_seen[i][0] < 2, idents[i]
        )
        for i in order
    ]


def help_title(screen: Screen[object]) -> str:
    """What the help box is titled over `screen` ("Help: check-in"): the screen's own
    HELP_TITLE, else its class name in lower-case words ("SideBySideScreen": "side by side")."""
    title = getattr(type(screen), "HELP_TITLE", "")
    if isinstance(title, str) and title:
        return title
    name = type(screen).__name__.removesuffix("Screen")
    return " ".join(re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)).lower() or "goaltui"


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; any of escape, q, ? or F1 closes it."""

    BINDINGS = [
        Binding(
            "escape,q,question_mark,f1", "close", "Close", id="help.close", tooltip="Close the help"
        ),
    ]

    CSS_PATH = "help.tcss"

    def __init__(self, title: str, rows: Iterable[KeyHelp], notes: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.rows = list(rows)
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = f"Help: {self.title_text}"
            scroll.border_subtitle = "escape closes"
            yield Static(self._content(), id="help-text", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def _content(self) -> RenderableType:
        ours = [row for row in self.rows if row.ours]
        general = [row for row in self.rows if not row.ours]
        parts: list[RenderableType] = [_table(ours, with_ids=True)]
        if self.notes:
            parts += [Text(), Text.from_markup(self.notes)]
        parts += [Text(), Text(KEYMAP_NOTE, style="dim")]
        if general:
            parts += [Text(), Text("Also (Textual's own keys)", style="bold"), _table(general)]
        return Group(*parts)

    def action_close(self) -> None:
        self.dismiss(None)


KEYMAP_NOTE = (
    'Your own keys: "keymap": {"<id>": "<keys>"} in goaltui\'s settings.json, '
    'e.g. {"board.sort": "S"}.'
)


def _table(rows: list[KeyHelp], *, with_ids: bool = False) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", expand=True, padding=(0, 1))
    table.add_column("key", no_wrap=True, style="bold")
    table.add_column("does")
    table.add_column("details", style="dim", ratio=1)
    if with_ids:
        table.add_column("id", style="dim", no_wrap=True)
    for row in rows:
        cells = [Text(row.keys), Text(row.description), Text(row.tooltip)]
        table.add_row(*cells, *([Text(row.ident)] if with_ids else []))
    return table
