"""The help box reads the same way on every screen: "Help: check-in", never "Help: CheckIn"."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from waiting import press, run, screen_is
from waits import saves_settled

import screens
from goaltui.app.goal_app import make_app
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store
from screens.help import HelpScreen, help_title

for module in pkgutil.iter_modules(screens.__path__):  # every screen, the lazy ones too
    importlib.import_module(f"screens.{module.name}")


def _screens(cls: type[Screen[object]]) -> list[type[Screen[object]]]:
    found = []
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("screens.") and not issubclass(sub, ModalScreen):
            found.append(sub)  # (a dialog keeps the app's keys, help too, from its screen)
        found += _screens(sub)
    return found


SCREENS = sorted(set(_screens(Screen)), key=lambda cls: cls.__name__)


@pytest.mark.parametrize("cls", SCREENS, ids=lambda cls: cls.__name__)
def test_every_screen_has_a_title_in_the_words_of_a_lead(cls: type[Screen[object]]) -> None:
    title = help_title(cls.__new__(cls))
    assert re.fullmatch(r"[a-z][a-z -]*[a-z]", title), f"{cls.__name__}: {title!r}"


def test_a_screen_without_a_title_gets_its_class_name_in_words() -> None:
    class SideBySideViewScreen(Screen[None]):
        pass

    class KPIListScreen(Screen[None]):
        pass

    assert help_title(SideBySideViewScreen()) == "side by side view"
    assert help_title(KPIListScreen()) == "kpi list"


@pytest.mark.parametrize(
    ("keys", "title"),
    [
        ((), "Help: board"),
        (("enter",), "Help: goal detail"),
        (("c",), "Help: check-in"),
        (("m",), "Help: milestones"),
        (("n",), "Help: goal form"),
        (("w",), "Help: wins and kudos"),
        (("t",), "Help: alignment tree"),
        (("r",), "Help: review"),
        (("a",), "Help: scorecard"),
        (("v",), "Help: side by side"),
        (("M",), "Help: meetings"),
    ],
)
async def test_help_is_titled_after_the_screen_it_is_opened_on(
    demo_store: Store, clock: FixedClock, keys: tuple[str, ...], title: str
) -> None:
    app = make_app(demo_store, clock)
    async with run(app, (80, 24)) as pilot:
        for key in keys:
            await press(pilot, key)
            await saves_settled(pilot)
        await press(pilot, "f1")  # ? would be typed into the goal form
        help_screen = await screen_is(pilot, HelpScreen)
        assert help_screen.query_one(VerticalScroll).border_title == title
