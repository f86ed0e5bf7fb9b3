"""`goaltui add --owner` with a near-miss owner: added all the same (scripts go on), with a
one-line warning on stderr naming the existing owner; --new-owner says it is new on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from goaltui.cli import main as cli
from goaltui.store.store import Store


def add(db: Path, key: str, owner: str, *more: str) -> Result:
    args = ["add", key, "Cut handle time", "--metric", "AHT", "--unit", "s", "--baseline", "540"]
    args += ["--target", "-20%", "--due", "+3m", "--owner", owner, "--db", str(db), *more]
    return CliRunner().invoke(cli.main, args)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "goals.json"
    assert add(path, "aht-maria", "Maria Lopez").exit_code == 0
    return path


def test_a_near_miss_owner_is_added_with_a_warning_naming_the_existing_one(db: Path) -> None:
    result = add(db, "fcr-maria", "Maria Lopes")
    assert result.exit_code == 0, "a cron job is not stopped for it"
    assert result.stderr == (
        "goaltui: warning: owner 'Maria Lopes' is new; did you mean 'Maria Lopez'? "
        "(added as a new owner; --new-owner if it is new on purpose)\n"
    )
    assert result.stdout.startswith("Added fcr-maria: ")
    assert Store(db).goal("fcr-maria").owner == "Maria Lopes"


@pytest.mark.parametrize(
    ("owner", "more"),
    [("Maria Lopez", ()), ("Tom Becker", ()), ("Maria Lopes", ("--new-owner",))],
)
def test_an_existing_a_plainly_new_or_a_declared_new_owner_adds_quietly(
    db: Path, owner: str, more: tuple[str, ...]
) -> None:
    result = add(db, "fcr-maria", owner, *more)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert Store(db).goal("fcr-maria").owner == owner


def test_a_refused_add_does_not_warn_about_the_owner(db: Path) -> None:
    result = add(db, "aht-maria", "Maria Lopes")  # the key is taken
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("goaltui: error: ")
