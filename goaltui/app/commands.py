"""The command palette (ctrl+p): find goals by key, title or owner, and board commands.

Commands are titled "category: Verb ..." and depend on the screen the palette was
opened from: goal commands wherever the board is loaded, filter and sort commands
on the board itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from goaltui.core.board_rows import SORT_KEYS, SORT_LABELS, BoardRow, owners, statuses
from goaltui.core.models import Level
from screens.board import BoardScreen


@dataclass(frozen=True)
class Command:
    title: str  # what the palette shows, e.g. "goal: Open aht-maria"
    run: Callable[[], object]
    help: str
    extra: str = ""  # more text to match on (goal title, owner)


class GoalCommands(Provider):
    """Goal and board commands for goaltui's palette."""

    def _commands(self) -> Iterator[Command]:
        yield Command(
            "meetings: Every meeting kept",
            partial(self.app.run_action, "meetings"),
            "The saved minutes, newest first; enter reads one (M)",
        )
        board = next((s for s in self.app.screen_stack if isinstance(s, BoardScreen)), None)
        if board is None:
            return
        yield from _goal_commands(board, board.rows)
        if self.screen is board:
            yield from _board_commands(board)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if command.extra:
                # Finding a goal by its title or owner counts a little less than by its key.
                score = max(score, 0.9 * matcher.match(f"{command.title} {command.extra}"))
            if score > 0:
                # The palette reads prompts and help as markup; owners and titles are
                # user text, so they go in escaped.
                yield Hit(
                    score,
                    matcher.highlight(escape(command.title)),
                    command.run,
                    text=command.title,
                    help=escape(command.help),
                )

    async def discover(self) -> Hits:
        for command in self._commands():
            if not command.title.startswith(("goal: Edit", "goal: Milestones")):
                yield DiscoveryHit(
                    escape(command.title),
                    command.run,
                    text=command.title,
                    help=escape(command.help),
                )


def _goal_commands(board: BoardScreen, rows: list[BoardRow]) -> Iterator[Command]:
    for row in rows:
        goal = row.goal
        about = f"{goal.title} · {goal.owner} · {row.progress.status.value}"
        extra = f"{goal.title} {goal.owner}"
        yield Command(f"goal: Open {goal.key}", partial(board.open_goal, goal.key), about, extra)
        yield Command(f"goal: Edit {goal.key}", partial(board.edit_goal, goal.key), about, extra)
        yield Command(
            f"goal: Milestones {goal.key}", partial(board.open_milestones, goal.key), about, extra
        )


def _board_commands(board: BoardScreen) -> Iterator[Command]:
    current = board.board_filter
    yield Command("board: New goal", partial(board.edit_goal, None), "Write a new SMART goal (n)")
    yield Command("board: Daily check-in", board.open_checkin, "Log today's values (c)")
    for owner in owners(board.rows):
        yield Command(
            f"board: Filter by owner {owner}",
            partial(board.set_filter, current.with_(owner=owner)),
            f"Only {owner}'s goals",
        )
    for level in Level:
        yield Command(
            f"board: Filter level {level.value}",
            partial(board.set_filter, current.with_(level=level)),
            f"Only {level.value} goals",
        )
    for status in statuses(board.rows):
        yield Command(
            f"board: Filter status {status.value}",
            partial(board.set_filter, current.with_(status=status)),
            f"Only goals that are {status.value}",
        )
    if current.active:
        yield Command("board: Clear filters", board.action_clear_filter, "Show every goal (escape)")
    for sort in SORT_KEYS:
        yield Command(
            f"board: Sort by {sort}", partial(board.set_sort, sort), f"Sort by {SORT_LABELS[sort]}"
        )
