"""Running `goaltui` commands in-process (click's CliRunner), for the CLI's unit tests."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from goaltui.cli import main as cli


def run(*args: str | Path) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `goaltui ARGS`."""
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str | Path) -> list[str]:
    """The stdout lines of a command that must succeed."""
    code, out, err = run(*args)
    assert code == 0, out + err
    return out.splitlines()


def error(*args: str | Path) -> str:
    """The one stderr line (without "goaltui: error: ") of a command that must fail with 1."""
    code, out, err = run(*args)
    assert code == 1, out + err
    [line] = err.splitlines()
    assert line.startswith("goaltui: error: "), line
    return line.removeprefix("goaltui: error: ")
