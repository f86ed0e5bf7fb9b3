"""Unit-test fixtures: the CLI's clock is frozen at the demo's "now" (DEMO_NOW), so a
command's "today", relative dates (+3m, eoq) and "logged for 2026-11-26" are fixed."""

from __future__ import annotations

import pytest

from goaltui.cli import context as cli_context
from goaltui.core.clock import FixedClock
from goaltui.formats.demo import DEMO_NOW


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    clock = FixedClock(DEMO_NOW)
    monkeypatch.setattr(cli_context, "make_clock", lambda: clock)
    return clock
