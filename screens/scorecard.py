"""An agent's scorecard (`a` on the board): their goals beside the team's and the centre's
figure, recent wins and kudos, and the last meeting's notes; left/right step to the
previous/next owner, escape goes back.

The lines are formats/scorecard_sheet.py's (what `goaltui scorecard` prints), styled
here. Read in a worker (LiveReader: a co-user's check-in shows up); user text goes in as
`Text`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from goaltui.core.clock import Clock
from goaltui.core.scorecard import Scorecard
from goaltui.formats import scorecard_sheet as sheet
from goaltui.store.store import Store
from goaltui.widgets.board_cells import Palette, progress_status_text
from goaltui.widgets.live import LiveFailed, LiveLoaded, LiveReader


@dataclass(frozen=True)
class CardData:
    asked: str  # the owner the read was for: a read for someone stepped past is dropped
    read: sheet.CardRead


def card_text(card: Scorecard, palette: Palette) -> Text:
    """The card's sections as one styled Text (plain user text, styles from the theme)."""
    out = Text(no_wrap=True, overflow="ellipsis")  # a long line is cut, never wrapped

    def title(text: str) -> None:
        out.append(("\n" if out else "") + text + "\n", style="bold underline")

    title("Goals")
    for c in card.goals:
        out.append(f" {c.goal.key}", style="bold")
        out.append(f"  {c.goal.title}\n")
        out.append("   ")
        out.append(progress_status_text(c.row.progress, palette))  # "◌ stale" as on the board
        out.append(" · " + " · ".join(sheet.figures(c)) + "\n")
        if compare := sheet.compare_text(c):
            out.append(f"   {compare}\n", style="dim")
    if not card.goals:
        out.append(" No goals.\n", style="dim")
    if card.action_items:
        title(sheet.ACTIONS_TITLE)
        for action in card.action_items:
            out.append(f" {action}\n")
    if card.recognition:
        title(sheet.WINS_TITLE)
        for item in card.recognition:
            out.append(f" {sheet.recognition_text(item)}\n")
    if card.last_meeting is not None:
        title(sheet.meeting_title(card.last_meeting))
        for review in card.last_meeting.items:
            out.append(f" {sheet.item_text(review)}\n", style="" if review.discussed else "dim")
    out.rstrip()
    return out


class ScorecardScreen(Screen[bool]):
    """One owner's scorecard; left/right: the previous/next owner (A-Z)."""

    HELP_TITLE = "scorecard"

    BINDINGS = [
        Binding("escape", "back", "Back", id="scorecard.back", tooltip="Back to the board"),
        # priority: the scrolling body would otherwise take left/right to scroll sideways.
        Binding("left", "step(-1)", "Previous", id="scorecard.previous", priority=True,
                tooltip="The previous owner's scorecard (A-Z)"),
        Binding("right", "step(1)", "Next", id="scorecard.next", priority=True,
                tooltip="The next owner's scorecard (A-Z)"),
    ]  # fmt: skip

    CSS_PATH = "scorecard.tcss"

    def __init__(self, store: Store, clock: Clock, owner: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.owner = owner
        self.owners: list[str] = []
        self.card: Scorecard | None = None
        self.loaded = False  # the card shown is the one asked for
        self._shown_for: str | None = None
        self.live: LiveReader[CardData] = LiveReader(
            self, store, self._read, stale=self._stale, group="scorecard-load"
        )

    def compose(self) -> ComposeResult:
        yield Static("Reading the scorecard…", id="card-head", markup=False)
        with VerticalScroll(id="card-scroll"):
            yield Static(id="card-body", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.live.start(None)
        self.live.load()
        self.query_one("#card-scroll").focus()

    def _read(self) -> CardData:
        owner = self.owner  # in the worker: the owner asked for when the read started
        return CardData(owner, sheet.read_scorecard(self.store, owner, self.clock.today()))

    def _stale(self) -> bool:
        return self._shown_for != self.owner

    @on(LiveLoaded)
    def _loaded(self, message: LiveLoaded) -> None:
        data = self.live.take(message)
        if data.asked != self.owner:
            return  # stepped on meanwhile; the reader reads again (stale)
        self.owners, self.card = data.read.owners, data.read.card
        self._shown_for, self.loaded = self.owner, True
        self._show()

    @on(LiveFailed)
    def _failed(self, message: LiveFailed) -> None:
        self.notify(self.live.failed(message), title="Cannot read the data file", severity="error")

    def _show(self) -> None:
        head = self.query_one("#card-head", Static)
        body = self.query_one("#card-body", Static)
        # The place first: at 80 columns a long summary is cut, not "3 of 6".
        place = "Scorecard"
        if self.owner in self.owners:
            place += f" {self.owners.index(self.owner) + 1}/{len(self.owners)}"
        if self.card is None:
            head.update(Text(f"{place}: {self.owner}"))
            body.update(Text(f"No goals owned by {self.owner} any more.", style="dim"))
            return
        head.update(Text(f"{place}: {self.card.owner} · {sheet.summary(self.card)}"))
        body.update(card_text(self.card, Palette.from_app(self.app)))

    def action_step(self, step: int) -> None:
        if not self.owners:
            return
        at = self.owners.index(self.owner) if self.owner in self.owners else 0
        self.owner = self.owners[(at + step) % len(self.owners)]
        self.loaded = False
        self.query_one("#card-head", Static).update(Text(f"Scorecard: {self.owner} · reading…"))
        self.query_one("#card-scroll").scroll_home(animate=False)
        self.live.load()

    def action_back(self) -> None:
        self.dismiss(False)
