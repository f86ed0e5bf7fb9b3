"""Pilot tests: the alignment tree, the wins list and kudos, closing goals, the horizon
filter, and the notice for a win made during a check-in."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from board_helpers import board, reloaded, screen_text
from screen_host import CheckInHost, type_text
from textual.widgets import DataTable, Tree
from waits import loaded, saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.models import GoalStatus
from goaltui.core.wins import Kudos
from goaltui.store.store import Store
from screens.close_goal import CloseGoalScreen
from screens.detail import DetailScreen
from screens.dialogs import ConfirmScreen
from screens.tree import UNALIGNED, AlignmentScreen
from screens.wins import WinsScreen

SIZE = (80, 24)


def labels(tree: Tree[str | None]) -> list[str]:
    """Every visible line of the tree, as plain text."""
    out = []
    for n in range(tree.last_line + 1):
        node = tree.get_node_at_line(n)
        if node is not None:
            out.append(str(node.label))
    return out


async def test_t_opens_the_tree_and_enter_opens_the_goal(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlignmentScreen)
        tree = screen.query_one(Tree)
        lines = labels(tree)
        # Its own figures, as on the board, then the roll-up of its branch, labelled.
        assert lines[0].startswith("csat-centre   50%  ● on track  · roll-up 61% ! overdue")
        assert any(line.startswith(f"{UNALIGNED} (2)") for line in lines)
        assert lines[-1].startswith("adherence-sam")
        # Down to aht-billing (the second line), then enter.
        await pilot.press("down")
        await pilot.pause()
        assert "47% at risk · roll-up of 3 goals 68% at risk" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.goal_key == "aht-billing"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AlignmentScreen)
        await pilot.press("escape")
        await reloaded(pilot)
        board(app)


async def test_w_lists_this_weeks_wins_newest_first(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.press("w")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, WinsScreen)
        days = [item.day for item in screen.items]
        assert days == sorted(days, reverse=True)
        assert days[0] == clock.today()
        assert min(days) >= datetime(2026, 11, 20).date()
        text = screen_text(app)
        assert "Wins and kudos Fri 20 Nov to Thu 26 Nov" in text
        assert "adherence-sam reached its target: Adherence 90.4% (target 90%)" in text
        assert "Personal best for Sam Okafor: FCR 66%" in text


async def test_kudos_added_appears_at_the_top(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.press("w")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, WinsScreen)
        first = screen.items[0]
        assert not isinstance(first, Kudos)
        await pilot.press("k")  # the agent is filled in from the highlighted win
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Best FCR week so far")
        await pilot.press("enter")
        await saves_settled(pilot)
        assert app.screen is screen
        top = screen.items[0]
        assert isinstance(top, Kudos)
        assert (top.agent, top.goal, top.note) == (first.owner, first.goal, "Best FCR week so far")
        assert f"Kudos for {first.owner} ({first.goal}): Best FCR week so far" in screen_text(app)
        assert demo_store.kudos() == [top]


async def test_closing_goals_as_achieved_and_archived(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        screen = board(app)
        assert screen.selected is not None
        key = screen.selected.key
        assert key == "kb-articles"  # the overdue goal comes first
        assert "1 overdue" in screen_text(app)
        await pilot.press("x")
        await saves_settled(pilot)
        await pilot.pause()
        assert isinstance(app.screen, CloseGoalScreen)
        await pilot.press("a")  # 16 of 20 articles: it asks first
        await saves_settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "kb-articles is at 16, short of 20" in app.screen.question
        await pilot.press("y")
        await saves_settled(pilot)
        await reloaded(pilot)
        assert demo_store.goal(key).status is GoalStatus.ACHIEVED
        text = screen_text(app)
        assert "1 overdue" not in text
        assert "2 achieved" in text
        # Archive it: it leaves the board and the counts.
        screen.query_one(DataTable).move_cursor(
            row=screen.shown.index(next(r for r in screen.shown if r.key == key))
        )
        await pilot.press("x", "r")
        await saves_settled(pilot)
        await reloaded(pilot)
        assert demo_store.goal(key).status is GoalStatus.ARCHIVED
        assert key not in [r.key for r in screen.shown]
        text = screen_text(app)
        assert text.lstrip().startswith("10 goals")
        assert "1 achieved" in text
        # It stays in the data (exports, history) and a status filter shows it again.
        assert key in [g["key"] for g in demo_store.export()["goals"]]
        for _ in range(8):
            if screen.board_filter.status is not None and "archived" in screen.board_filter.status:
                break
            await pilot.press("f")
        assert [r.key for r in screen.shown] == [key]


async def test_horizon_filter_narrows_rows(demo_store: Store, clock: FixedClock) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        screen = board(app)
        assert len(screen.shown) == 11
        await pilot.press("h")
        short = {r.key for r in screen.shown}
        assert short == {"adherence-billing", "aht-maria", "aht-tom", "fcr-sam", "kb-articles"}
        assert "horizon=short" in screen_text(app)
        await pilot.press("h")
        assert {r.key for r in screen.shown} == {r.key for r in screen.rows} - short
        assert "horizon=long" in screen_text(app)
        await pilot.press("h")
        assert len(screen.shown) == 11


async def test_a_win_during_a_check_in_shows_a_notice(demo_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 27, 9, 0))
    host = CheckInHost(Store(demo_path, clock=clock, user="lead"), clock)
    async with host.run_test(size=SIZE) as pilot:
        await saves_settled(pilot)
        await pilot.press("c")
        await loaded(pilot)
        await type_text(pilot, "86")  # csat-centre, target 85 %
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(host.screen, ConfirmScreen):
            await pilot.press("y")
        await saves_settled(pilot)
        wins = [m for m, _ in host.messages if m.startswith("🎉")]
        # Only the win this value made is celebrated; older ones were recorded quietly.
        assert wins == ["🎉 csat-centre reached its target: CSAT 86% (target 85%)"]
