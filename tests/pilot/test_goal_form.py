"""The goal form as a lead uses it: type, read the messages, save or cancel."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from screen_host import ScreenHost, paste, paste_all, type_text
from textual.events import DescendantFocus
from textual.pilot import Pilot
from textual.widgets import Input, Select
from waiting import press, wait_until
from waits import saves_settled

from goaltui.core.clock import FixedClock
from goaltui.core.goal_input import FormValues, grade, ledger_changes, read_form
from goaltui.core.smart import Grade
from goaltui.store.store import Store
from goaltui.widgets.form import FormField
from goaltui.widgets.smart_panel import SmartPanel
from screens.dialogs import ConfirmScreen, ReasonScreen
from screens.goal_form import GoalFormScreen

SETTLE = GoalFormScreen.REGRADE_DELAY + 0.15


def error_of(pilot: Pilot[Any], field: str) -> str:
    return pilot.app.screen.query_one(f"#field-{field}", FormField).error


def note_of(pilot: Pilot[Any], field: str) -> str:
    field_widget = pilot.app.screen.query_one(f"#field-{field}", FormField)
    return str(field_widget.query_one(".field-note").render())


def grade_of(pilot: Pilot[Any], letter: str) -> Grade:
    assessment = pilot.app.screen.query_one(SmartPanel).assessment
    assert assessment is not None
    return assessment.letter(letter).grade


# -- the pure part: goaltui.core.goal_input ---------------------------------------------------

TODAY = date(2026, 11, 26)
FILLED = FormValues(
    title="Cut AHT for the billing queue",
    key="aht-queue",
    metric="AHT",
    unit="s",
    baseline="480",
    target="-25%",
    start="today",
    due="eoq",
    why="Long holds drive CSAT down",
)


def test_read_form_builds_the_goal_and_explains_short_forms() -> None:
    result = read_form(FILLED, TODAY)
    assert result.errors == {}
    assert result.goal is not None
    assert result.goal.metric.target == 360.0
    assert result.goal.owner == "team", "a blank owner means the team"
    assert result.notes == {
        "metric": "Average handle time",  # the KPI library's name for it
        "baseline": "= 8:00",  # seconds, as they read
        "target": "= 6:00",
        "start": "= 2026-11-26 (Thu)",
        "due": "= 2026-12-31 (Thu)",
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target": "3x"}, "target", "target must be a number, got '3x'"),
        (
            {"baseline": "", "target": "-25%"},
            "target",
            "a relative target like -25% needs a baseline first",
        ),
        ({"due": "someday"}, "due", "'someday' is not a date: use YYYY-MM-DD"),
        ({"key": "Bad Key!"}, "key", "'bad key!' is not a goal key: use 1-32 lower-case"),
        ({"key": "aht-billing"}, "key", "a goal with key 'aht-billing' already exists"),
        ({"parent": "aht-queue"}, "parent", "a goal cannot be aligned to itself"),
        ({"title": " "}, "title", "a title is required"),
        ({"unit": "seconds-per-call"}, "unit", "at most 12 characters"),
    ],
)
def test_read_form_blocks_with_a_message_under_the_field(
    changes: dict[str, str], field: str, message: str
) -> None:
    values = replace(FILLED, **changes)
    result = read_form(values, TODAY, taken_keys={"aht-billing"})
    assert result.goal is None
    assert result.errors[field].startswith(message)


def test_a_bad_baseline_is_not_blamed_on_a_relative_target() -> None:
    result = read_form(replace(FILLED, baseline="4 80"), TODAY)
    assert set(result.errors) == {"baseline"}


def test_percent_targets_stay_absolute() -> None:
    result = read_form(replace(FILLED, unit="%", baseline="68", target="80%"), TODAY)
    assert result.goal is not None and result.goal.metric.target == 80.0
    assert "target" not in result.notes, "nothing to explain"


def test_grading_speaks_about_what_is_blank_or_unreadable() -> None:
    values = replace(FILLED, title="", target="abc", due="soon")
    result = read_form(values, TODAY)
    assessment = grade(values, result, [], TODAY)
    assert assessment is not None
    assert assessment.letter("S").reason == "No title yet."
    assert assessment.letter("M").reason == "The target can't be read yet."
    assert assessment.letter("T").reason == "The due date can't be read yet."


def test_ledger_changes_and_round_trip() -> None:
    goal = read_form(FILLED, TODAY).goal
    assert goal is not None
    assert FormValues.from_goal(goal).target == "6:00"  # seconds, as a lead edits them
    assert read_form(FormValues.from_goal(goal), TODAY, editing=True).goal == goal
    moved = goal.model_copy(update={"due": date(2027, 3, 31)})
    assert ledger_changes(goal, moved) == [("due", "2026-12-31", "2027-03-31")]
    assert ledger_changes(goal, goal) == []


# -- the screen ---------------------------------------------------------------------------


@pytest.fixture
def new_form(empty_store: Store, clock: FixedClock) -> ScreenHost:
    """The form for a new goal, on an empty data file."""
    return ScreenHost(GoalFormScreen(empty_store, clock))


@pytest.fixture
def edit_form(demo_store: Store, clock: FixedClock) -> ScreenHost:
    """The form editing the demo's aht-billing (AHT 520 -> 420 s, due 2027-02-26)."""
    return ScreenHost(GoalFormScreen(demo_store, clock, demo_store.goal("aht-billing")))


async def save(pilot: Pilot[Any]) -> None:
    """ctrl+s, then wait for the save queue (the form closes once the goal is written)."""
    await pilot.press("ctrl+s")
    await saves_settled(pilot)


async def test_create_goal_from_the_form(new_form: ScreenHost, empty_store: Store) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await type_text(pilot, "Cut AHT for the billing queue")
        await pilot.pause(SETTLE)
        assert new_form.screen.query_one("#key", Input).value == "cut-aht-for-the-billing"
        await paste_all(
            pilot,
            owner="Billing team",
            metric="AHT",
            unit="s",
            baseline="480",
            target="400",
            why="Long holds drive CSAT down",
            due="eoq",
        )
        await pilot.pause(SETTLE)
        assert note_of(pilot, "due") == "= 2026-12-31 (Thu)"
        await save(pilot)
    assert new_form.results == ["cut-aht-for-the-billing"]
    [goal] = empty_store.goals()
    assert goal.title == "Cut AHT for the billing queue"
    assert goal.owner == "Billing team"
    assert (goal.metric.name, goal.metric.unit) == ("AHT", "s")
    assert (goal.metric.baseline, goal.metric.target) == (480.0, 400.0)
    assert goal.start.isoformat() == "2026-11-26"
    assert goal.due is not None and goal.due.isoformat() == "2026-12-31"
    assert goal.created_by == "lead"


async def test_a_key_the_lead_typed_is_not_overwritten(new_form: ScreenHost) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste(pilot, "title", "Cut AHT")
        assert new_form.screen.query_one("#key", Input).value == "cut-aht"
        await paste(pilot, "key", "aht-q1")
        await paste(pilot, "title", "Cut AHT for the billing queue")  # after the key
        assert new_form.screen.query_one("#key", Input).value == "aht-q1"


async def test_bad_target_shows_a_message_and_saves_nothing(
    new_form: ScreenHost, empty_store: Store
) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste_all(pilot, title="Lift FCR for billing", metric="FCR", target="abc")
        await pilot.pause(SETTLE)
        assert error_of(pilot, "target") == "target must be a number, got 'abc'"
        await save(pilot)
        assert isinstance(new_form.screen, GoalFormScreen), "the form stays open"
        assert new_form.screen.focused is new_form.screen.query_one("#target", Input)
        notes = [n.message for n in new_form._notifications]
        assert any("Target: target must be a number" in message for message in notes)
    assert new_form.results == []
    assert empty_store.goals() == []


async def test_required_fields_block_saving(new_form: ScreenHost, empty_store: Store) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.pause(SETTLE)
        assert error_of(pilot, "title") == "", "no scolding before the lead has typed"
        await save(pilot)
        assert error_of(pilot, "title").startswith("a title is required")
        assert error_of(pilot, "metric").startswith("name the KPI")
    assert empty_store.goals() == []


async def test_relative_target_saves_the_computed_value(
    new_form: ScreenHost, empty_store: Store
) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste_all(
            pilot,
            title="Cut AHT for the billing queue",
            metric="AHT",
            unit="s",
            baseline="480",
            target="-25%",
        )
        await pilot.pause(SETTLE)
        assert note_of(pilot, "target") == "= 6:00"
        await save(pilot)
    [goal] = empty_store.goals()
    assert goal.metric.target == 360.0


async def test_smart_panel_grades_m_as_the_lead_types(new_form: ScreenHost) -> None:
    async with new_form.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        await pilot.pause(SETTLE)
        assert grade_of(pilot, "M") is Grade.FAIL
        await paste_all(pilot, metric="AHT", unit="s", baseline="480")
        await pilot.pause(SETTLE)
        assert grade_of(pilot, "M") is Grade.FAIL, "no target yet"
        await paste(pilot, "target", "420")
        await pilot.pause(SETTLE)
        assert grade_of(pilot, "M") is Grade.PASS
        panel_text = new_form.screen.query_one(SmartPanel).plain
        assert "✓ M Measurable  pass\n  AHT: 8:00 -> 7:00." in panel_text


async def test_escape_with_changes_asks_before_discarding(
    new_form: ScreenHost, empty_store: Store
) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await type_text(pilot, "Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(new_form.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(new_form.screen, GoalFormScreen)
        assert new_form.screen.query_one("#title", Input).value == "Half a thought"
        await pilot.press("escape", "y")
        await pilot.pause()
    assert new_form.results == [None]
    assert empty_store.goals() == []


async def test_escape_without_changes_just_leaves(edit_form: ScreenHost) -> None:
    async with edit_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await pilot.pause(SETTLE)
        await pilot.press("escape")
        await pilot.pause()
    assert edit_form.results == [None]


async def test_editing_the_target_asks_a_reason_for_the_ledger(
    edit_form: ScreenHost, demo_store: Store
) -> None:
    before = len(demo_store.target_changes("aht-billing"))
    async with edit_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        assert edit_form.screen.query_one("#key", Input).disabled, "the key is fixed when editing"
        await paste(pilot, "target", "400")
        await save(pilot)
        assert isinstance(edit_form.screen, ReasonScreen)
        await pilot.press("enter")  # an empty reason is refused
        await pilot.pause()
        assert isinstance(edit_form.screen, ReasonScreen)
        await type_text(pilot, "new CRM lookup saves 20 s")
        await pilot.press("enter")
        await saves_settled(pilot)
    assert edit_form.results == ["aht-billing"]
    assert demo_store.goal("aht-billing").metric.target == 400.0
    changes = demo_store.target_changes("aht-billing")
    assert len(changes) == before + 1
    entry = changes[-1]
    assert (entry.field, entry.old, entry.new) == ("target", "420", "400")
    assert entry.reason == "new CRM lookup saves 20 s"


async def test_cancelling_the_reason_saves_nothing(
    edit_form: ScreenHost, demo_store: Store
) -> None:
    async with edit_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste(pilot, "due", "+4m")
        await save(pilot)
        assert isinstance(edit_form.screen, ReasonScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(edit_form.screen, GoalFormScreen)
    assert demo_store.goal("aht-billing").due is not None
    assert demo_store.goal("aht-billing").due.isoformat() == "2027-02-26"  # type: ignore[union-attr]


async def test_editing_other_fields_needs_no_reason(
    edit_form: ScreenHost, demo_store: Store
) -> None:
    before = len(demo_store.target_changes())
    async with edit_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste(pilot, "plan", "Side-by-side coaching every Tuesday")
        await save(pilot)
    assert edit_form.results == ["aht-billing"]
    assert demo_store.goal("aht-billing").plan == "Side-by-side coaching every Tuesday"
    assert len(demo_store.target_changes()) == before


async def test_parent_is_picked_from_existing_goals(edit_form: ScreenHost) -> None:
    async with edit_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        parent = edit_form.screen.query_one("#parent", Select)
        assert parent.value == "csat-centre"
        keys = {value for _, value in parent._options if value is not Select.NULL}
        assert "aht-billing" not in keys, "a goal cannot support itself"
        assert "aht-maria" not in keys, "nor a goal that supports it"
        assert "fcr-billing" in keys


async def test_store_errors_are_notified_not_raised(demo_store: Store, clock: FixedClock) -> None:
    app = ScreenHost(GoalFormScreen(demo_store, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await paste_all(pilot, title="Cut AHT for the billing queue", metric="AHT")
        await pilot.pause(SETTLE)
        form = app.screen
        assert isinstance(form, GoalFormScreen) and form.result.draft is not None
        # someone else saves a goal with the same key while the form is open
        demo_store.add_goal(form.result.draft.model_copy(update={"key": "cut-aht-for-the-billing"}))
        await save(pilot)
        assert isinstance(app.screen, GoalFormScreen)
        assert any("already exists" in n.message for n in app._notifications)


async def test_a_late_focus_message_cannot_point_the_panel_at_the_wrong_letter(
    new_form: ScreenHost,
) -> None:
    """Keys in a burst right after the form opens: the title's focus message may be handled
    after the target took the focus. The panel follows the field that has the focus."""
    async with new_form.run_test(size=(120, 40)) as pilot:
        await saves_settled(pilot)
        form = new_form.screen
        assert isinstance(form, GoalFormScreen)
        title, target = form.query_one("#title", Input), form.query_one("#target", Input)
        target.focus()
        await saves_settled(pilot)
        form.post_message(DescendantFocus(title))  # the stale one, handled last
        await saves_settled(pilot)
        assert form.query_one(SmartPanel).focus_letter == "M"


# -- the KPI library ------------------------------------------------------------------------


async def test_picking_aht_fills_seconds_and_hints_the_typical_band(
    new_form: ScreenHost, empty_store: Store
) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        form = new_form.screen
        await paste(pilot, "title", "Cut AHT for billing")
        form.query_one("#metric", Input).focus()
        await type_text(pilot, "ah")
        await wait_until(
            pilot, lambda: form.query_one("#metric", Input)._suggestion == "AHT", "the suggestion"
        )
        await press(pilot, "right")  # take the suggestion, as the input offers it
        await pilot.pause(SETTLE)
        assert form.query_one("#metric", Input).value == "AHT"
        assert form.query_one("#unit", Input).value == "s"
        assert note_of(pilot, "metric") == "Average handle time"
        target = form.query_one("#target", Input)
        assert target.placeholder == "best inside a band, typical 5:00..6:00, or -25%"
        assert "m:ss" in form.query_one("#baseline", Input).placeholder
        await paste_all(pilot, baseline="9:00", target="6:00", due="eoq")
        await pilot.pause(SETTLE)
        assert note_of(pilot, "baseline") == "" and error_of(pilot, "target") == ""
        await save(pilot)
    [goal] = empty_store.goals()
    assert (goal.metric.name, goal.metric.unit) == ("AHT", "s")
    assert (goal.metric.baseline, goal.metric.target) == (540, 360)


async def test_another_kpi_replaces_the_filled_unit_but_never_a_typed_one(
    new_form: ScreenHost,
) -> None:
    async with new_form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        form = new_form.screen
        unit = form.query_one("#unit", Input)

        async def metric(text: str) -> None:  # typed over what the field holds
            await paste(pilot, "owner", "")  # (focusing the field again selects its text)
            await paste(pilot, "metric", text)

        await metric("aht")
        assert unit.value == "s"
        await metric("first-call resolution")
        await pilot.pause(SETTLE)
        assert unit.value == "%" and note_of(pilot, "metric") == "FCR"
        assert form.query_one("#target", Input).placeholder.startswith(
            "higher is better, typical 80%"
        )
        await paste(pilot, "unit", "pts")  # the lead's own unit
        await metric("ACW")
        assert unit.value == "pts"
        await metric("Billing calls")  # no library KPI: nothing changes
        await pilot.pause(SETTLE)
        assert unit.value == "pts" and note_of(pilot, "metric") == ""
        target = form.query_one("#target", Input)
        assert target.placeholder == "360, a change (-25%) or a band (300..360)"
