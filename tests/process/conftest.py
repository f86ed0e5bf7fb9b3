"""Fixtures the process tests share: the demo team on a file of its own, dated today,
because a real program reads the real clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from goaltui.formats.demo import make_demo_copy


@pytest.fixture
def today_demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    return make_demo_copy(date.today(), folder)
