"""`goaltui milestone list|add|done|undone`: the checklist from the shell, numbered as the
list shows it; a threshold is typed as the goal's values are (5:24 for seconds) and ticks
the milestone on the first value that reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runs import error, ok

from goaltui.store.store import Store


@pytest.fixture
def db(demo_path: Path) -> Path:
    return demo_path  # the demo team, ending on DEMO_TODAY (the frozen CLI clock's day)


def test_list_numbers_the_checklist_in_its_order(db: Path) -> None:
    assert ok("milestone", "list", "aht-tom", "--db", db) == [
        "aht-tom: 2 of 3 done",
        " 1  [x] System shortcuts training  due 2026-07-15",
        " 2  [x] Shadow Maria for a week  due 2026-09-30",
        " 3  [ ] Handle billing disputes without transfer  due 2026-12-18",
    ]


def test_add_a_milestone_with_a_due_date_and_an_m_ss_threshold(db: Path) -> None:
    out = ok("milestone", "add", "aht-tom", "Q1: AHT at 8:30", "--due", "eoq", "--threshold",
             "8:30", "--db", db)  # fmt: skip
    assert out == [
        "Added to aht-tom: 4  [ ] Q1: AHT at 8:30  due 2026-12-31  <= 8:30",
        "It ticks itself when AHT reaches 8:30.",
    ]
    added = Store(db).milestones("aht-tom")[-1]
    assert (added.threshold, str(added.due), added.done) == (510, "2026-12-31", False)
    # The first value at or under 8:30 ticks it, credited to whoever logged it.
    logged = ok("log", "aht-tom", "8:25", "--db", db)
    assert logged[-1].startswith("Milestone ticked: Q1: AHT at 8:30")
    assert Store(db).milestones("aht-tom")[-1].done


def test_done_and_undone_take_the_listed_number(db: Path) -> None:
    assert ok("milestone", "done", "aht-tom", "3", "--db", db) == [
        "aht-tom: ticked 3 'Handle billing disputes without transfer'"
    ]
    third = Store(db).milestones("aht-tom")[2]
    assert third.done and third.done_by == "lead"
    assert ok("milestone", "done", "aht-tom", "3", "--db", db) == [
        "aht-tom: 'Handle billing disputes without transfer' is already done"
    ]
    ok("milestone", "undone", "aht-tom", "3", "--db", db)
    assert not Store(db).milestones("aht-tom")[2].done


def test_bad_input_is_one_line_and_writes_nothing(db: Path) -> None:
    before = db.read_bytes()
    assert error("milestone", "done", "aht-tom", "9", "--db", db) == (
        "aht-tom has no milestone 9 (milestones: 1 to 3)"
    )
    assert error("milestone", "add", "aht-tom", "X", "--threshold", "5:75", "--db", db) == (
        "threshold '5:75': minutes and seconds run 00 to 59 (6:15, not 5:75)"
    )
    assert error("milestone", "add", "aht-tom", "X", "--due", "soon", "--db", db).startswith(
        "'soon' is not a date"
    )
    assert error("milestone", "add", "nobody", "X", "--db", db).startswith("no goal with key")
    assert error("milestone", "add", "aht-tom", "X", "--threshold", "nan", "--db", db)
    assert db.read_bytes() == before


def test_a_title_with_control_characters_is_stored_and_shown_plain(db: Path) -> None:
    ok("milestone", "add", "aht-tom", "\x1b[31mred\x07 step", "--db", db)
    shown = ok("milestone", "list", "aht-tom", "--db", db)[-1]
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.endswith("[31mred  step")  # each control character became a space


def test_a_goal_without_milestones_says_how_to_add_one(db: Path) -> None:
    assert ok("milestone", "list", "csat-centre", "--db", db) == [
        "csat-centre has no milestones yet: goaltui milestone add csat-centre TITLE"
    ]
