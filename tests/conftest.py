"""Shared fixtures: a frozen clock, demo and empty data files, a clean environment.

Also marks every test with its kind, from its folder (tests/unit -> `unit`, tests/pilot ->
`pilot`, tests/snapshots -> `snapshot`, tests/process -> `process`), so a run can pick kinds:
`pytest -m "unit or pilot"` is the fast loop (`sh run-tests.sh --fast`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from textual.notifications import Notification
from textual.widgets import Input

from goaltui.core.clock import FixedClock
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY, make_demo_copy
from goaltui.store.store import Store

KINDS = {"unit": "unit", "pilot": "pilot", "snapshots": "snapshot", "process": "process"}

# No per-example time limit: Hypothesis' default (200 ms) is a wall-clock assertion that a
# busy machine fails. Examples still run; only their speed is no longer judged.
settings.register_profile("goaltui", deadline=None)
settings.load_profile("goaltui")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        folder = item.path.relative_to(here).parts[0]
        if folder not in KINDS:
            raise pytest.UsageError(f"{item.nodeid}: tests live in {', '.join(KINDS)}")
        item.add_marker(KINDS[folder])


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Colour and theme settings of the developer's shell must not leak into tests."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "GOALTUI_DB", "TEXTUAL_ANIMATIONS", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GOALTUI_USER", "lead")
    monkeypatch.setenv("GOALTUI_CONFIG_DIR", str(tmp_path / "config"))
    yield


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screens differ from one frame to the next."""
    original = Input.__init__

    def init(self: Input, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.set_reactive(Input.cursor_blink, False)

    monkeypatch.setattr(Input, "__init__", init)


@pytest.fixture(autouse=True)
def _notices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice stays up until it is dismissed: its timeout is wall-clock time, and a busy
    machine could outlast it before the test reads it (tests wait for state, not time)."""
    monkeypatch.setattr(Notification, "time_left", property(lambda self: 3600.0))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A private copy of the demo data, unshifted (it ends on DEMO_TODAY)."""
    folder = tmp_path / "demo"
    folder.mkdir()
    return make_demo_copy(DEMO_TODAY, folder)


@pytest.fixture
def demo_store(demo_path: Path, clock: FixedClock) -> Store:
    return Store(demo_path, clock=clock, user="lead")


@pytest.fixture
def empty_store(tmp_path: Path, clock: FixedClock) -> Store:
    return Store(tmp_path / "goals.json", clock=clock, user="lead")
