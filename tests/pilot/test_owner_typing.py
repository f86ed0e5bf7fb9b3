"""Typing an owner in the goal form: existing owners are suggested, and a new owner close to
an existing one is asked about before it is saved (a typo would make a new agent)."""

from __future__ import annotations

from typing import Any

import pytest
from screen_host import ScreenHost, paste_all, type_text
from textual.pilot import Pilot
from textual.widgets import Input
from waiting import press, screen_is, settled, wait_until
from waits import saves_settled

from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from goaltui.widgets.form import FormField
from screens.goal_form import GoalFormScreen
from screens.owner_question import OwnerQuestion


@pytest.fixture
def form(demo_store: Store, clock: FixedClock) -> ScreenHost:
    """A new goal on the demo file (owners: Billing team, Sam Okafor, Maria Lopez, ...)."""
    return ScreenHost(GoalFormScreen(demo_store, clock))


def owner_input(pilot: Pilot[Any]) -> Input:
    return pilot.app.screen.query_one("#owner", Input)


def owner_note(pilot: Pilot[Any]) -> str:
    field = pilot.app.screen.query_one("#field-owner", FormField)
    return str(field.query_one(".field-note").render())


async def fill(pilot: Pilot[Any], owner: str) -> None:
    """Everything a goal needs, then the owner typed key by key."""
    await paste_all(
        pilot,
        title="Cut Maria's AHT",
        key="aht-maria-2",
        metric="AHT",
        unit="s",
        baseline="480",
        target="400",
        due="eoq",
    )
    owner_input(pilot).focus()
    await settled(pilot)
    await type_text(pilot, owner)
    await settled(pilot)


async def asked(pilot: Pilot[Any], owner: str) -> OwnerQuestion:
    """The form filled with `owner` and saved: the near-owner question that comes up."""
    await saves_settled(pilot)
    await fill(pilot, owner)
    await press(pilot, "ctrl+s")
    return await screen_is(pilot, OwnerQuestion)


async def test_typing_an_owner_suggests_the_rest_and_right_takes_it(form: ScreenHost) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        owner_input(pilot).focus()
        await type_text(pilot, "ma")
        await wait_until(pilot, lambda: owner_input(pilot)._suggestion != "", "a suggestion")
        field = owner_input(pilot)
        assert field._suggestion == "Maria Lopez"
        await settled(pilot)
        assert "maria Lopez" in field.render_line(0).text, "typed 'ma', shown 'ria Lopez'"
        await press(pilot, "right")
        assert field.value == "Maria Lopez", "right takes the suggestion, in its own case"


async def test_a_new_owner_is_noted_as_new(form: ScreenHost) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        owner_input(pilot).focus()
        await type_text(pilot, "Tom Beckett")
        await wait_until(pilot, lambda: owner_note(pilot) == "new owner", "the owner's note")
        await press(pilot, *["backspace"] * 4, "k", "e", "r")
        await wait_until(pilot, lambda: owner_note(pilot) == "", "the note to go")


async def test_a_near_miss_owner_asks_and_use_saves_the_existing_one(
    form: ScreenHost, demo_store: Store
) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        question = await asked(pilot, "Maria Lopes")
        title = str(question.query_one(".dialog-title").render())
        assert title == "'Maria Lopes' is new. Did you mean Maria Lopez?"
        await press(pilot, "u")
        await saves_settled(pilot)
    assert form.results == ["aht-maria-2"]
    assert demo_store.goal("aht-maria-2").owner == "Maria Lopez"


async def test_enter_on_the_first_choice_uses_the_existing_owner(
    form: ScreenHost, demo_store: Store
) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        await asked(pilot, "sam okafor")  # only the case differs: another owner on the board
        await press(pilot, "enter")
        await saves_settled(pilot)
    assert demo_store.goal("aht-maria-2").owner == "Sam Okafor"


async def test_keep_saves_the_new_owner_as_typed(form: ScreenHost, demo_store: Store) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        await asked(pilot, "Maria Lopes")
        await press(pilot, "k")
        await saves_settled(pilot)
    assert form.results == ["aht-maria-2"]
    assert demo_store.goal("aht-maria-2").owner == "Maria Lopes"


async def test_back_returns_to_the_form_with_nothing_saved(
    form: ScreenHost, demo_store: Store
) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        await asked(pilot, "Maria Lopes")
        await press(pilot, "escape")
        screen = await screen_is(pilot, GoalFormScreen)
        await saves_settled(pilot)
        assert screen.focused is owner_input(pilot), "back at the owner, to fix it"
        assert owner_input(pilot).value == "Maria Lopes"
        assert "aht-maria-2" not in {g.key for g in demo_store.goals()}
        assert form.results == []
        # fixed by hand: saved without another question
        await press(pilot, "backspace", "z", "ctrl+s")
        await saves_settled(pilot)
    assert demo_store.goal("aht-maria-2").owner == "Maria Lopez"


async def test_an_existing_or_plainly_new_owner_saves_without_a_question(
    form: ScreenHost, demo_store: Store
) -> None:
    async with form.run_test(size=(80, 24)) as pilot:
        await saves_settled(pilot)
        await fill(pilot, "Jo Achebe")
        await press(pilot, "ctrl+s")
        await saves_settled(pilot)
        assert not isinstance(pilot.app.screen, OwnerQuestion)
    assert demo_store.goal("aht-maria-2").owner == "Jo Achebe"
