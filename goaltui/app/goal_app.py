"""The Textual app shell: the board as home screen, help, the palette and theme memory.

`make_app` is the one factory used by the CLI and the tests. The store and the
clock hang on the app but are handed to each screen in its constructor.
"""

from __future__ import annotations

import os
from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.screen import Screen

from goaltui.app.commands import GoalCommands
from goaltui.app.keymap import unknown_ids
from goaltui.app.settings import Settings, load_settings, save_settings
from goaltui.app.signals import install_exit_signals
from goaltui.core.clock import Clock
from goaltui.core.errors import DataFileError
from goaltui.core.progress import AT_RISK_SLACK, ON_TRACK_SLACK
from goaltui.store.store import Store
from goaltui.widgets import memory
from goaltui.widgets.leaving import GuardsWork
from goaltui.widgets.plain_app import PlainApp
from goaltui.widgets.saves import saves_of
from screens.board import BoardScreen
from screens.help import HelpScreen, help_title, key_rows

# The thresholds come from the progress maths, so the help cannot drift from the board.
_ON, _RISK = round(ON_TRACK_SLACK * 100), round(AT_RISK_SLACK * 100)

BOARD_NOTES = f"""\
[b]Columns[/b]
  30 days     sparkline of the check-ins of the last 30 days
  now→target  the latest value and the target
  progress    share of the way from the baseline to the target
  pace        where the goal should be by now (baseline at start, target at due)
  left        days to the due date;  ms  milestones done/total
  Narrow terminals hide title, owner and pace: the line under the board shows them.

[b]Status[/b]
  ✓ achieved   the target is reached
  ● on track   progress within {_ON} points of pace
  ▲ at risk    {_ON} to {_RISK} points behind pace
  ▼ behind     more than {_RISK} points behind pace
  ! overdue    the due date passed before the target was reached
  · no data    no check-in yet;  ○ not started  the start date is still ahead
  ✗ missed, \u2013 archived: closed by the lead
  ◌ stale      no value for stale_days working days (a setting, default 3): it reads
               "stale" instead of on track; ◌ behind keeps a worse status's word
  66!→72%      ! after the latest value: unusual, beyond ~2 standard deviations of the
               30 values before it; green when far better, red when far worse

[b]Filters[/b]
  / types a filter over key, title and owner; enter keeps it, escape clears it.
  o shows only the highlighted goal's owner (o again undoes it); l cycles the level
  (center, team, agent, all); f cycles the statuses; escape clears every filter.
  h cycles the horizon: short-term (due within 90 days or overdue), long-term.
  Archived goals (x closes a goal) leave the board; f shows them again.
  ctrl+p finds goals by key, title or owner ("goal: Open …") and filters or sorts
  the board ("board: Filter by owner …", "board: Filter status …", "board: Sort by …").
"""

DETAIL_NOTES = """\
[b]Chart[/b]
  braille line   the check-ins
  - - - -        the target
  · · · ·        the pace: from the baseline at the start to the target at the due date
  : : : :        the first target, when the target was changed (see the ledger)

[b]Tabs[/b]  1 chart · 2 check-in log · 3 milestones · 4 target-change ledger · 5 SMART
"""


Start = Literal["board", "checkin"]


class GoalApp(PlainApp[None]):
    """goaltui's terminal UI."""

    TITLE = "goaltui"
    COMMANDS = PlainApp.COMMANDS | {GoalCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Keys of this screen"),
        # Shift+m: free on every screen (the board's m is milestones); kept off the footers.
        Binding(
            "M",
            "meetings",
            "Meetings",
            id="app.meetings",
            show=False,
            tooltip="Every saved meeting, newest first",
        ),
    ]
    CSS_PATH = "goal_app.tcss"
    MODES = {"board": "board"}
    DEFAULT_MODE = "board"
    NOTES: ClassVar[dict[str, str]] = {"BoardScreen": BOARD_NOTES, "DetailScreen": DETAIL_NOTES}

    def __init__(
        self,
        store: Store,
        clock: Clock,
        settings: Settings | None = None,
        start: Start = "board",
        ascii: bool = False,
    ) -> None:
        super().__init__(ascii=ascii)
        self.store = store
        self.clock = clock
        self.settings = settings or load_settings()
        self.start = start
        self._remember_theme = False
        self._quit_asked = False  # a quit waits for the saves; a second one does not
        # The board is the base of the "board" mode (a mode's screen gets its CSS_PATH loaded;
        # get_default_screen's does not).
        self.install_screen(
            BoardScreen(
                store,
                clock,
                sort=self.settings.board_sort,
                refresh_seconds=self.settings.refresh_seconds,
                stale_days=self.settings.stale_days,
            ),
            "board",
        )

    def on_mount(self) -> None:
        # TEXTUAL_THEME in the environment wins over the remembered theme.
        if "TEXTUAL_THEME" not in os.environ and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._remember_theme = True
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
            unknown = unknown_ids(self.settings.keymap)
            if unknown:
                self.notify(
                    f"keymap in settings.json: no key has the id {', '.join(unknown)} "
                    "(help, ?, lists the ids)",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
        if self.start == "checkin":
            # `goaltui checkin`: the check-in screen over the board; closing it ends the run.
            from screens.checkin import CheckInScreen

            self.push_screen(CheckInScreen(self.store, self.clock), lambda _changed: self.exit())
        if not self.is_headless:
            install_exit_signals(self, self.store)

    def watch_theme(self, theme: str) -> None:
        if self._remember_theme and theme != self.settings.theme:
            self.settings.theme = theme
            try:
                save_settings(self.settings)
            except (OSError, DataFileError) as exc:
                self.notify(f"could not save the theme: {exc}", severity="warning")

    async def action_quit(self) -> None:
        """Quit (ctrl+q, q, the palette's Quit). A screen with work not saved yet (a goal
        form, a review's minutes) first asks what its escape asks; then the app waits for
        the queued saves, so none is dropped. While the data file is busy that may take a
        while; a second quit leaves at once."""
        if await self._ask_about_unsaved_work():
            return
        pending = saves_of(self).pending
        if not pending or self._quit_asked:
            self.exit()
            return
        self._quit_asked = True
        count = len(pending)
        changes = f"{count} change{'s' if count != 1 else ''}"
        what = ", ".join(pending[:3]) + (", …" if count > 3 else "")
        self.notify(
            f"Saving {changes} first ({what}); goaltui closes once "
            f"{'they are' if count != 1 else 'it is'} written. Quit again to leave now "
            "and drop what is not saved.",
            title="Saving before quitting",
            severity="warning",
            timeout=30,
        )
        saves_of(self).when_idle(self._saved_then_quit)

    def _saved_then_quit(self) -> None:
        # A save the store refused puts its work back on its screen: that is asked about
        # again rather than dropped.
        self._quit_asked = False
        self.call_next(self.action_quit)

    async def _ask_about_unsaved_work(self) -> bool:
        """Ask the topmost screen with unsaved work; True when a question is now up (its
        answer quits again, so each such screen is asked in turn)."""
        unsaved = [
            s for s in self.screen_stack if isinstance(s, GuardsWork) and s.has_unsaved_work()
        ]
        if not unsaved:
            return False
        screen: Screen[object] = unsaved[-1]
        while self.screen is not screen:
            # Help, a prompt, the palette, this very question: closed unanswered, so the
            # question is asked over the screen it is about.
            await self.pop_screen()
        unsaved[-1].ask_to_leave(then=lambda: self.call_next(self.action_quit))
        return True

    def action_meetings(self) -> None:
        """The saved meetings (M, the palette, review's m); not twice on the stack."""
        from screens.meetings import MeetingsScreen

        if not any(isinstance(s, MeetingsScreen) for s in self.screen_stack):
            self.push_screen(MeetingsScreen(self.store))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        screen = self.screen
        name = type(screen).__name__
        rows = key_rows(screen.active_bindings, self.get_key_display)
        self.push_screen(HelpScreen(help_title(screen), rows, self.NOTES.get(name, "")))


def make_app(store: Store, clock: Clock, start: Start = "board", *, ascii: bool = False) -> GoalApp:
    """The one way to build the app (CLI and tests); `start="checkin"` opens the check-in,
    `ascii=True` draws plain-character sparklines, bars and borders."""
    memory.tune()
    return GoalApp(store, clock, start=start, ascii=ascii)
