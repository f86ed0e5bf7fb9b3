"""The shipped demo data: what the generator makes, and what `goaltui --demo` opens."""

from __future__ import annotations

import runpy
from datetime import date, timedelta
from pathlib import Path

from goaltui.core.clock import FixedClock
from goaltui.formats.demo import DEMO_NOW, demo_source, make_demo_copy
from goaltui.store.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_demo_file_is_exactly_what_the_generator_makes(tmp_path: Path) -> None:
    generator = runpy.run_path(str(ROOT / "data" / "generate_demo.py"))
    generator["build"](tmp_path / "demo.json")
    assert (tmp_path / "demo.json").read_bytes() == demo_source().read_bytes()


def test_demo_copy_ends_today_and_keeps_who_logged_what(tmp_path: Path) -> None:
    today = date(2027, 3, 10)
    store = Store(make_demo_copy(today, tmp_path), clock=FixedClock(DEMO_NOW))
    checkins = store.checkins("csat-centre")
    assert checkins[-1].day == today
    assert {c.by for c in checkins} == {"kpi-import"}  # the cron importer, not the lead
    [change] = store.target_changes("aht-tom")
    assert change.reason.startswith("New product launch")
    assert checkins[0].day == today - timedelta(days=(date(2026, 11, 26) - date(2026, 6, 1)).days)
