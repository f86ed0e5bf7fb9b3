"""The Store taking back what was recorded by mistake: a check-in (unlog, restore), a win
(never detected again), a kudos; each kept in the file with who and when."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from goaltui.core.errors import UserError
from goaltui.core.models import GoalStatus
from goaltui.core.wins import WinKind
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.exporters import export
from goaltui.store.store import Store

TARGET_WIN = "adherence-sam reached its target: Adherence 90.4% (target 90%)"


def the_win(store: Store) -> str:
    store.record_new_wins()
    return next(w.id for w in store.wins() if w.text == TARGET_WIN)


def test_a_removed_win_is_never_recorded_again(demo_store: Store) -> None:
    win_id = the_win(demo_store)
    removed = demo_store.remove_win(win_id)
    assert removed.text == TARGET_WIN
    assert win_id not in {w.id for w in demo_store.wins()}
    # Detection runs again over the goal's values (a check-in, a board refresh): the same
    # win is found, and stays removed.
    demo_store.log("adherence-sam", 90.8, DEMO_TODAY)
    assert TARGET_WIN not in [w.text for w in demo_store.record_new_wins(["adherence-sam"])]
    assert TARGET_WIN not in [w.text for w in demo_store.wins()]
    assert TARGET_WIN not in export(demo_store, "wins", DEMO_TODAY)
    doc = json.loads(demo_store.path.read_text())["wins"][win_id]
    assert doc["removed_by"] == "lead" and doc["removed_at"].startswith("2026-11-26T09:30")


def test_a_restored_win_is_listed_again_and_removing_twice_is_harmless(demo_store: Store) -> None:
    win_id = the_win(demo_store)
    demo_store.remove_win(win_id)
    before = demo_store.path.read_bytes()
    demo_store.remove_win(win_id)  # another lead was quicker: nothing to write
    assert demo_store.path.read_bytes() == before
    assert demo_store.restore_win(win_id).kind is WinKind.TARGET
    assert TARGET_WIN in [w.text for w in demo_store.wins()]
    assert "removed_at" not in json.loads(demo_store.path.read_text())["wins"][win_id]
    with pytest.raises(UserError, match="no win with id 'nope'"):
        demo_store.remove_win("nope")


def test_a_kudos_removed_by_mistake_comes_back_as_it_was(demo_store: Store) -> None:
    kudos = demo_store.add_kudos("Maria Lopez", "Calm on a hard call", "aht-maria")
    assert demo_store.remove_kudos(kudos.id) == kudos
    assert demo_store.kudos() == []
    assert "Calm on a hard call" not in export(demo_store, "wins", DEMO_TODAY)
    assert demo_store.restore_kudos(kudos.id) == kudos
    assert demo_store.kudos() == [kudos]


def test_unlog_keeps_the_value_in_the_history_and_restore_puts_it_back(demo_store: Store) -> None:
    [before] = [c for c in demo_store.checkins("aht-tom") if c.day == DEMO_TODAY]
    assert demo_store.unlog("aht-tom", DEMO_TODAY) == before
    [kept] = demo_store.checkin_history("aht-tom")
    assert (kept.old, kept.replaced_by, kept.removed) == (before, "lead", True)
    with pytest.raises(UserError, match="nothing to remove"):
        demo_store.unlog("aht-tom", DEMO_TODAY)
    assert demo_store.restore_checkin(before) is None  # nothing stood in its place
    assert [c for c in demo_store.checkins("aht-tom") if c.day == DEMO_TODAY] == [before]


def test_the_store_refuses_values_of_closed_goals_and_before_the_start(demo_store: Store) -> None:
    """The rules hold for the screens too (Store.log is the check-in screen's writer)."""
    start = demo_store.goal("aht-tom").start
    with pytest.raises(UserError, match="before aht-tom starts"):
        demo_store.log("aht-tom", 540, start - timedelta(days=1))
    demo_store.set_status("aht-tom", GoalStatus.MISSED)
    for change in (
        lambda: demo_store.log("aht-tom", 540, DEMO_TODAY),
        lambda: demo_store.unlog("aht-tom", DEMO_TODAY),
    ):
        with pytest.raises(UserError, match="closed as missed"):
            change()
    assert demo_store.checkins("aht-tom")[-1].day == date(2026, 11, 26)
