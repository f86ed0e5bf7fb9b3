"""Plumbing for the `goaltui` command: exit codes, one-line errors, shared options.

No pydantic and no textual here: `goaltui log` imports this module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import click

from goaltui.core.errors import DataFileError, GoaltuiError, UserError
from goaltui.core.text import printable

PREFIX = "goaltui: error: "
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int) -> NoReturn:
    line = "; ".join(part.strip() for part in message.splitlines())
    click.echo(PREFIX + printable(line), err=True)  # messages quote user text
    sys.exit(code)


class Main(click.Group):
    """A group that maps every failure to one stderr line and goaltui's exit codes:
    1 user error (click's usage errors too, instead of click's 2), 2 data file, 130 Ctrl-C."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        kwargs["prog_name"] = "goaltui"  # usage hints name the command people type
        try:
            result = super().main(*args, **kwargs)
        except GoaltuiError as exc:
            fail(str(exc), exc.exit_code)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            fail(exc.format_message() + hint, 1)
        except click.ClickException as exc:
            fail(exc.format_message(), 1)
        except (click.Abort, KeyboardInterrupt):
            sys.exit(130)
        except BrokenPipeError:
            # `goaltui goals | head`: the reader left; say nothing, like other tools.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except Exception as exc:
            if os.environ.get("GOALTUI_DEBUG"):
                raise
            fail(f"unexpected {type(exc).__name__}: {exc} (GOALTUI_DEBUG=1 shows details)", 1)
        sys.exit(result if isinstance(result, int) else 0)


def file_options(func: F) -> F:
    """--db and --shared on the group and on every sub-command (either position works)."""
    func = click.option(
        "--shared", is_flag=True, help="Create a new data file group-shared (0660, group kept)."
    )(func)
    return click.option(
        "--db",
        metavar="PATH",
        help="Data file (default: $GOALTUI_DB, else goals.json in the user data folder).",
    )(func)


def stale_days_option(func: F) -> F:
    """--stale-days N: working days without a value before a goal reads stale."""
    return click.option(
        "--stale-days",
        type=click.IntRange(0, 365),
        default=3,  # attention.STALE_DAYS; the TUI's setting is stale_days in settings.json
        show_default=True,
        metavar="N",
        help="Mark a goal stale after N working days (Mon-Fri) without a value; 0: never.",
    )(func)


def user_value(parse: Callable[..., T], *args: Any) -> T:
    """Run a parser; its ValueError becomes a user error (exit 1)."""
    try:
        return parse(*args)
    except ValueError as exc:
        raise UserError(str(exc)) from None


@contextmanager
def output_errors() -> Iterator[None]:
    """A bad -o path is the user's to fix (exit 1): the data file itself is fine."""
    try:
        yield
    except DataFileError as exc:
        raise UserError(str(exc)) from None
