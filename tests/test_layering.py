"""The architecture's import rules, checked on the source (DESIGN.md's picture).

- the core (models, SMART grading, progress maths, storage, store, CLI) never imports textual;
- nothing outside the store and its storage imports tinydb: screens talk to the store's API.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The Textual side of goaltui/: everything else in the package is core and must not
# import textual (new modules are core unless they are added here on purpose).
UI_MODULES = {
    "app.py",
    "board_cells.py",
    "commands.py",
    "form_widgets.py",
    "live.py",
    "signals.py",
    "smart_panel.py",
    "wallboard.py",
    "widgets.py",
}
CORE = sorted(
    path.relative_to(ROOT).as_posix()
    for path in (ROOT / "goaltui").glob("*.py")
    if path.name not in UI_MODULES
)
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
