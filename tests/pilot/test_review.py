"""Review mode: paging in board order, outcomes, notes, minutes, adjust via the form, export."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

from board_helpers import board, new_minutes, screen_text
from screen_host import ScreenHost, paste, type_text
from textual.pilot import Pilot
from waits import saves_settled

from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.core.minutes import (
    NOT_DISCUSSED,
    ONE_ON_ONE,
    TEAM_MEETING,
    Minutes,
    Outcome,
    ReviewItem,
    default_kind,
    last_item,
    minutes_markdown,
    parse_attendees,
)
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store.store import Store
from screens.dialogs import ReasonScreen, TextPromptScreen
from screens.goal_form import GoalFormScreen
from screens.review import LeaveReviewScreen, ReviewScreen

NARROW = (80, 24)


def review(app: Any) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def answer(pilot: Pilot[Any], text: str) -> None:
    """Type into the open one-line prompt and accept it."""
    assert isinstance(pilot.app.screen, TextPromptScreen)
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


# -- pure: the minutes module ----------------------------------------------------------


def test_minutes_module_does_not_import_textual() -> None:
    source = (Path(__file__).resolve().parents[2] / "goaltui" / "core" / "minutes.py").read_text()
    names = [
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [node])  # type: ignore[attr-defined]
    ]
    assert not [n for n in names if n.startswith("textual")]


def test_attendees_are_split_on_commas_without_blanks_or_repeats() -> None:
    assert parse_attendees(" Dana, Maria ,, Sam, Maria ") == ["Dana", "Maria", "Sam"]
    assert parse_attendees("") == []


def test_kind_defaults_to_one_on_one_only_for_one_agents_goals(demo_store: Store) -> None:
    goals = {g.key: g for g in demo_store.goals()}
    assert default_kind([goals["fcr-sam"], goals["adherence-sam"]]) == ONE_ON_ONE
    assert default_kind([goals["fcr-sam"], goals["aht-tom"]]) == TEAM_MEETING
    assert default_kind([goals["kb-articles"], goals["aht-billing"]]) == TEAM_MEETING


def _minutes() -> Minutes:
    return Minutes(
        held_on=date(2026, 11, 26),
        kind="team meeting",
        attendees=["Dana", "Maria"],
        by="dana",
        items=[
            ReviewItem(
                goal="aht-maria",
                title="Maria: AHT | to 420 s",
                metric="AHT",
                unit="s",
                current=415.0,
                target=420.0,
                percent=100,
                status="achieved",
                days_left=34,
                outcome=Outcome.CELEBRATE,
                note="Cake on Friday",
            ),
            ReviewItem(goal="fcr-sam", title="Sam: FCR", metric="FCR", unit="%", days_left=-3),
        ],
    )


def test_markdown_has_date_kind_attendees_and_one_row_per_goal() -> None:
    text = minutes_markdown(_minutes())
    assert text.startswith("# Minutes: team meeting, 2026-11-26\n")
    assert "- **Attendees:** Dana, Maria" in text
    assert "- **Goals:** 2 (1 celebrate, 1 not discussed)" in text
    assert (
        "| aht-maria | Maria: AHT \\| to 420 s | AHT 6:55 → 7:00 · 100% · achieved · "
        "34 days left | celebrate | Cake on Friday |"
    ) in text
    assert f"| fcr-sam | Sam: FCR | FCR — → — · 3 days overdue | {NOT_DISCUSSED} | — |" in text


def test_last_item_is_the_newest_minutes_that_discussed_the_goal() -> None:
    older = _minutes()
    newer = Minutes(
        held_on=date(2026, 12, 3),
        items=[ReviewItem(goal="aht-maria"), ReviewItem(goal="fcr-sam", note="retry")],
    )
    found = last_item([newer, older], "aht-maria")
    assert found is not None and found[1].note == "Cake on Friday"  # newer did not discuss it
    found = last_item([newer, older], "fcr-sam")
    assert found is not None and found[0] is newer
    assert last_item([newer, older], "csat-priya") is None


def test_store_saves_minutes_once_per_id_newest_first(empty_store: Store) -> None:
    first = empty_store.save_minutes(_minutes())
    assert first.by == "lead" and first.at is not None
    again = empty_store.save_minutes(first.model_copy(update={"kind": "huddle"}))
    later = empty_store.save_minutes(Minutes(held_on=date(2026, 12, 3)))
    assert [m.id for m in empty_store.minutes()] == [later.id, again.id]
    assert empty_store.minutes()[1].kind == "huddle"
    assert empty_store.minutes()[1].items[0].outcome is Outcome.CELEBRATE


# -- the screen ------------------------------------------------------------------------


async def test_r_reviews_the_board_goals_in_board_order_and_n_p_stop_at_the_ends(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        order = [row.key for row in board(app).shown]
        await pilot.press("r")
        await saves_settled(pilot)
        screen = review(app)
        assert screen.goal_keys == order
        assert f"1 / {len(order)}" in screen_text(app)
        assert order[0] in screen_text(app)
        await pilot.press("n", "right")
        assert screen.key == order[2]
        assert f"3 / {len(order)}" in screen_text(app)
        await pilot.press("p")
        assert screen.key == order[1]
        await pilot.press("left", "left", "p")  # stops at the first goal
        assert screen.index == 0
        for _ in order:
            await pilot.press("n")
        assert screen.key == order[-1]  # stops at the last, no wrap
        assert f"{len(order)} / {len(order)}" in screen_text(app)
        await pilot.press("escape")  # nothing recorded: leaves without asking
        assert board(app) is app.screen


async def test_the_board_filter_decides_the_goals_for_a_one_on_one(
    demo_store: Store, clock: FixedClock
) -> None:
    app = make_app(demo_store, clock)
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        rows = board(app).shown
        sam = next(i for i, r in enumerate(rows) if r.goal.owner == "Sam Okafor")
        for _ in range(sam):
            await pilot.press("down")
        the_board = board(app)
        await pilot.press("o", "r")
        await saves_settled(pilot)
        screen = review(app)
        assert sorted(screen.goal_keys) == ["adherence-sam", "fcr-sam"]
        assert screen.goal_keys == [r.key for r in the_board.shown]
        assert "1 / 2" in screen_text(app)
        await pilot.press("k", "ctrl+s")
        await answer(pilot, "Dana, Sam")
        prompt = app.screen
        assert isinstance(prompt, TextPromptScreen)
        assert prompt.value == ONE_ON_ONE  # offered: only Sam's agent goals
        await pilot.press("enter")
        await saves_settled(pilot)
    (saved,) = new_minutes(demo_store)
    assert saved.kind == ONE_ON_ONE
    assert [i.goal for i in saved.items] == screen.goal_keys


async def test_outcomes_notes_and_attendees_are_saved_as_minutes(
    demo_store: Store, clock: FixedClock
) -> None:
    keys = ["aht-maria", "fcr-sam", "csat-priya"]
    app = ScreenHost(ReviewScreen(demo_store, clock, keys))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("c", "o")
        await answer(pilot, "Target reached early")
        assert "★ celebrate" in screen_text(app)
        assert "Target reached early" in screen_text(app)
        await pilot.press("n", "k", "k")  # k twice takes the outcome back
        assert review(app).outcomes == {"aht-maria": Outcome.CELEBRATE}
        await pilot.press("k", "enter")  # enter edits the note too
        await answer(pilot, "Coaching continues")
        await pilot.press("ctrl+s")
        await answer(pilot, "Dana, Maria, Sam")
        await answer(pilot, "")  # kind: empty keeps the offered default
        await saves_settled(pilot)
        assert "Dana, Maria, Sam" in screen_text(app)
        assert "saved" in screen_text(app)
    (saved,) = new_minutes(demo_store)
    assert saved.held_on == DEMO_TODAY
    assert saved.kind == TEAM_MEETING
    assert saved.attendees == ["Dana", "Maria", "Sam"]
    assert saved.by == "lead"
    outcomes = {i.goal: (i.outcome, i.note) for i in saved.items}
    assert outcomes == {
        "aht-maria": (Outcome.CELEBRATE, "Target reached early"),
        "fcr-sam": (Outcome.KEEP, "Coaching continues"),
        "csat-priya": (None, ""),  # not discussed, figures still captured
    }
    priya = saved.item("csat-priya")
    assert priya is not None and priya.current is not None and priya.status
    assert "| csat-priya |" in minutes_markdown(saved)


async def test_a_second_save_replaces_the_same_minutes(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, ["aht-maria", "fcr-sam"]))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("k", "ctrl+s")
        await answer(pilot, "Dana")
        await answer(pilot, "weekly")
        await pilot.press("n", "c", "ctrl+s")  # attendees are asked once
        await saves_settled(pilot)
        assert isinstance(app.screen, ReviewScreen)
    (saved,) = new_minutes(demo_store)
    assert saved.kind == "weekly"
    assert [i.outcome for i in saved.items] == [Outcome.KEEP, Outcome.CELEBRATE]


async def test_escape_with_unsaved_outcomes_asks_to_save(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, ["aht-maria", "fcr-sam"]))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("k", "escape")
        assert isinstance(app.screen, LeaveReviewScreen)
        await pilot.press("escape")  # stay
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape", "y")
        await answer(pilot, "Dana")
        await answer(pilot, "")
        await saves_settled(pilot)  # the review closes once the minutes are written
        assert app.results == [False]  # left, no goal was changed
    assert len(new_minutes(demo_store)) == 1


async def test_escape_and_n_leaves_without_saving(demo_store: Store, clock: FixedClock) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, ["aht-maria"]))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("c", "escape", "n")
        assert app.results == [False]
    assert new_minutes(demo_store) == []


async def test_adjust_opens_the_form_and_the_target_change_lands_in_the_ledger(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, ["fcr-sam"]))
    before = len(demo_store.target_changes("fcr-sam"))
    async with app.run_test(size=(100, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.press("a")
        await saves_settled(pilot)
        assert isinstance(app.screen, GoalFormScreen)
        await paste(pilot, "target", "70")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await type_text(pilot, "new IVR routing")
        await pilot.press("enter")
        await saves_settled(pilot)
        screen = review(app)
        assert screen.outcomes == {"fcr-sam": Outcome.ADJUST}
        assert "✎ adjust" in screen_text(app)
        assert "target 70" in screen_text(app)  # the page shows the new target
        await pilot.press("ctrl+s")
        await answer(pilot, "Dana, Sam")
        await answer(pilot, "")
        await saves_settled(pilot)
        await pilot.press("escape")
        assert app.results == [True]  # the board reloads
    changes = demo_store.target_changes("fcr-sam")
    assert len(changes) == before + 1
    assert (changes[-1].field, changes[-1].new, changes[-1].reason) == (
        "target",
        "70",
        "new IVR routing",
    )
    (saved,) = new_minutes(demo_store)
    item = saved.item("fcr-sam")
    assert item is not None and item.outcome is Outcome.ADJUST and item.target == 70


async def test_cancelling_the_adjust_form_records_no_outcome(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, ["fcr-sam"]))
    async with app.run_test(size=(100, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.press("a")
        await saves_settled(pilot)
        assert isinstance(app.screen, GoalFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert review(app).outcomes == {}


async def test_notes_from_last_time_show_on_the_next_review(
    demo_store: Store, clock: FixedClock
) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, ["fcr-sam", "aht-tom"]))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("k", "o")
        await answer(pilot, "Shadow Priya twice")
        await pilot.press("ctrl+s")
        await answer(pilot, "Dana")
        await answer(pilot, "")
        await saves_settled(pilot)
    clock.advance(days=7)
    app = ScreenHost(ReviewScreen(demo_store, clock, ["fcr-sam", "aht-tom"]))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.pause()
        text = screen_text(app)
        assert f"Last time · {DEMO_TODAY.isoformat()}" in text
        assert "keep: Shadow Priya twice" in text
        await pilot.press("n")
        await saves_settled(pilot)
        # aht-tom was not discussed: its last time is the demo's one-on-one with Tom.
        assert "Last time · 2026-09-14" in screen_text(app)


async def test_an_empty_goal_list_says_so(demo_store: Store, clock: FixedClock) -> None:
    app = ScreenHost(ReviewScreen(demo_store, clock, []))
    async with app.run_test(size=NARROW) as pilot:
        await saves_settled(pilot)
        await pilot.press("k", "n", "ctrl+s")
        assert "No goals to review" in screen_text(app)
        await pilot.press("escape")
        assert app.results == [False]
    assert new_minutes(demo_store) == []


async def test_every_review_binding_has_an_id_description_and_tooltip() -> None:
    for binding in ReviewScreen.BINDINGS + LeaveReviewScreen.BINDINGS:
        assert not isinstance(binding, tuple)
        assert binding.id and binding.description and binding.tooltip  # type: ignore[union-attr]
