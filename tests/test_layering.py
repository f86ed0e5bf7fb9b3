"""The architecture's import rules, checked on the source (DESIGN.md's picture).

- the core (models, SMART grading, progress maths, storage, store, CLI) never imports textual;
- nothing outside the store and its storage imports tinydb: screens talk to the store's API.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = [
    "goaltui/models.py",
    "goaltui/smart.py",
    "goaltui/progress.py",
    "goaltui/clock.py",
    "goaltui/dates.py",
    "goaltui/errors.py",
    "goaltui/storage.py",
    "goaltui/store.py",
    "goaltui/cli.py",
    "goaltui/cli_base.py",
    "goaltui/cli_reports.py",
    "goaltui/numbers.py",
    "goaltui/ids.py",
    "goaltui/bulk.py",
    "goaltui/migrations.py",
    "goaltui/backups.py",
    "goaltui/locking.py",
    "goaltui/paths.py",
    "goaltui/datafile.py",
    "goaltui/quicklog.py",
    "goaltui/importer.py",
    "goaltui/goal_match.py",
    "goaltui/csv_input.py",
    "goaltui/exporters.py",
    "goaltui/textboard.py",
    "goaltui/board_rows.py",
    "goaltui/goal_input.py",
    "goaltui/checkin_logic.py",
]
TINYDB_ALLOWED = {"goaltui/storage.py", "goaltui/store.py", "goaltui/migrations.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("relpath", CORE)
def test_core_module_never_imports_textual(relpath: str) -> None:
    path = ROOT / relpath
    if not path.exists():
        pytest.skip(f"{relpath} not written yet")
    textual = {
        m for m in imported_modules(path) if m.split(".")[0] in {"textual", "screens", "rich"}
    }
    assert not textual, f"{relpath} imports {sorted(textual)}; the core must stay free of textual"


def test_only_the_store_touches_tinydb() -> None:
    offenders = {}
    for path in sorted([*ROOT.glob("goaltui/*.py"), *ROOT.glob("screens/*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        tiny = {m for m in imported_modules(path) if m.split(".")[0] == "tinydb"}
        if tiny and rel not in TINYDB_ALLOWED:
            offenders[rel] = sorted(tiny)
    assert not offenders, f"only the store may import tinydb: {offenders}"
