"""`goaltui edit KEY`: only the options given change; a new target, band, baseline or due
date needs --reason and lands in the ledger; bad input is one line and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runs import error, ok

from goaltui.store.store import Store


@pytest.fixture
def db(demo_path: Path) -> Path:
    return demo_path  # the demo team, ending on DEMO_TODAY (the frozen CLI clock's day)


def test_a_new_target_needs_a_reason_and_goes_to_the_ledger(db: Path) -> None:
    assert error("edit", "aht-tom", "--target", "7:30", "--db", db) == (
        "changing the target of 'aht-tom' needs a reason"
    )
    assert Store(db).goal("aht-tom").metric.target == 480
    out = ok("edit", "aht-tom", "--target", "7:30", "--reason", "New scripts from May", "--db", db)
    assert out == [
        "Updated aht-tom: target 8:00 -> 7:30",
        "Reason, in the ledger: New scripts from May",
    ]
    store = Store(db)
    assert store.goal("aht-tom").metric.target == 450
    [change] = [c for c in store.target_changes("aht-tom") if c.reason == "New scripts from May"]
    assert (change.field, change.by) == ("target", "lead")


def test_a_band_and_then_a_baseline_keep_the_edge_nearer_the_baseline(db: Path) -> None:
    ok("edit", "aht-tom", "--target", "5:00..6:00", "--reason", "AHT is a band now", "--db", db)
    metric = Store(db).goal("aht-tom").metric
    assert (metric.band, metric.target) == ((300, 360), 360)  # baseline 9:36 is above it
    ok("edit", "aht-tom", "--baseline", "4:00", "--reason", "re-measured", "--db", db)
    metric = Store(db).goal("aht-tom").metric
    assert (metric.baseline, metric.band, metric.target) == (240, (300, 360), 300)


def test_text_fields_and_the_weight_change_without_a_reason(db: Path) -> None:
    out = ok("edit", "aht-tom", "--title", "Tom: AHT to 7:30", "--weight", "2", "--db", db)
    assert out == [
        "Updated aht-tom: weight 1 -> 2; title 'Tom: AHT to 480 s' -> 'Tom: AHT to 7:30'"
    ]
    goal = Store(db).goal("aht-tom")
    assert (goal.title, goal.weight, goal.updated_by) == ("Tom: AHT to 7:30", 2, "lead")
    assert ok("edit", "aht-tom", "--title", "Tom: AHT to 7:30", "--db", db) == [
        "aht-tom: nothing changed"
    ]


def test_bad_edits_are_one_line_and_write_nothing(db: Path) -> None:
    before = db.read_bytes()
    assert error("edit", "aht-tom", "--db", db).startswith("nothing to change")
    assert error("edit", "aht-tom", "--weight", "0", "--db", db) == "weight must be above 0, got 0"
    assert error("edit", "aht-tom", "--due", "2020-01-01", "--reason", "x", "--db", db).startswith(
        "the due date 2020-01-01 is before the start"
    )
    assert "minutes and seconds run 00 to 59" in error(
        "edit", "aht-tom", "--target", "5:75", "--reason", "x", "--db", db
    )
    assert error("edit", "nobody", "--title", "X", "--db", db).startswith("no goal with key")
    assert db.read_bytes() == before
