"""`goaltui import`: a CSV of KPI values, long (date,goal,value) or a platform's wide export.

All rows or none, planned before the file lock is taken (formats/importer.py for long
files, formats/wide_import.py for wide ones), applied as one transaction. A saved profile
(core/import_profile.py) keeps the options a platform's export needs, so a cron line is
`goaltui import today.csv --profile connect`; options given on the command line win over
the profile's. Imports are lazy: a cron import should not pay for textual.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from goaltui.cli.base import file_options, user_value
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core import import_profile
from goaltui.core.errors import UserError

if TYPE_CHECKING:
    from goaltui.formats.importer import ImportPlan
    from goaltui.store.store import Store

DEFAULTS: Mapping[str, str] = {
    "date_col": "date",
    "goal_col": "goal",
    "value_col": "value",
    "note_col": "note",
    "aggregate": "mean",
}
LONG_ONLY = ("goal_col", "value_col", "note_col", "metric_col")
WIDE_ONLY = ("aggregate", "weight_col")


@click.command("import")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--date-col", help="Header of the date column.  [default: date]")
@click.option("--goal-col", help="Header of the goal key.  [default: goal]")
@click.option("--value-col", help="Header of the value.  [default: value]")
@click.option("--note-col", help="Header of the note.  [default: note]")
@click.option("--metric-col", help="Map rows by metric + owner instead of a goal key.")
@click.option(
    "--owner-col",
    multiple=True,
    help="The agent's column; twice: a first-name and a last-name column.",
)
@click.option(
    "--column",
    multiple=True,
    metavar="HEADER=METRIC[:ms]",
    help="A wide file: this column holds this metric (repeat per metric).",
)
@click.option(
    "--aggregate",
    type=click.Choice(import_profile.AGGREGATES),
    help="Several rows per agent and day: mean, sum or last.  [default: mean]",
)
@click.option("--weight-col", help="Weight the mean by this count, e.g. 'Contacts handled'.")
@click.option("--date-format", help="strptime format for odd dates, e.g. %m/%d/%Y.")
@click.option("--force", is_flag=True, help="Import values far from a goal's recent ones.")
@click.option("--profile", "profile_name", metavar="NAME", help="Use the options saved as NAME.")
@click.option("--save-profile", metavar="NAME", help="Save these options as NAME when they work.")
@click.option("--profiles", "list_profiles", is_flag=True, help="List the saved profiles.")
@click.option("--delete-profile", metavar="NAME", help="Remove the profile NAME.")
@file_options
@click.pass_context
def import_cmd(ctx: click.Context, /, **params: Any) -> None:
    """Import daily KPI values from a CSV file, all rows or none.

    A long file has a date, goal and value column (names by header). A platform's
    wide export has a column per metric: map them with --column "HEADER=METRIC"
    and name the agent with --owner-col. A bad row is reported with its line number
    and nothing is imported; importing the same file again changes nothing.
    """
    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(params["db"], params["shared"], clock)
    if params["list_profiles"]:
        say(_listing(store))
        return
    if params["delete_profile"]:
        name = params["delete_profile"]
        if not store.delete_import_profile(name):
            raise UserError(f"no import profile {name.strip()!r}")
        say(f"removed import profile {name.strip().lower()!r}")
        return
    file = params["file"]
    if file is None:
        raise click.UsageError("Missing argument 'FILE'.", ctx)
    save_as = params["save_profile"]
    if save_as:
        save_as = user_value(import_profile.check_name, save_as)
    profile = store.import_profile(params["profile_name"]) if params["profile_name"] else None
    options = _chosen(ctx, params, profile.options if profile else {})
    if save_as:  # refused before the import, not after it
        wrong = import_profile.options_problem(import_profile.to_doc(options, "", "")["options"])
        if wrong is not None:
            raise UserError(f"--save-profile {save_as}: {wrong}")
    plan = _plan(file, store, options, force=params["force"], today=clock.today())
    from goaltui.formats.importer import apply_import, describe_plan, describe_result

    if params["dry_run"]:
        say(describe_plan(plan))  # raises, like the import, on any bad row
    else:
        say(describe_result(apply_import(store, plan)))
    if save_as:
        saved = store.save_import_profile(save_as, options)
        say(f"saved import profile {saved.name!r}: goaltui import FILE --profile {saved.name}")


def _chosen(
    ctx: click.Context, params: Mapping[str, Any], saved: Mapping[str, str | tuple[str, ...]]
) -> dict[str, str | tuple[str, ...]]:
    """The profile's options, with those typed on this command line instead."""
    options = dict(saved)
    for name, many in import_profile.OPTIONS.items():
        source = ctx.get_parameter_source(name)
        value = params[name]
        if source is ParameterSource.COMMANDLINE and value not in (None, ()):
            options[name] = tuple(value) if many else value
    wide = bool(options.get("column"))
    wrong = [n for n in (LONG_ONLY if wide else WIDE_ONLY) if n in options]
    if wrong:
        flags = ", ".join("--" + n.replace("_", "-") for n in wrong)
        if wide:
            raise UserError(f"{flags}: for a long file; a wide file (--column) names its columns")
        raise UserError(f"{flags}: for a wide file, with --column HEADER=METRIC")
    return options


def _plan(
    file: str,
    store: Store,
    options: Mapping[str, str | tuple[str, ...]],
    *,
    force: bool,
    today: Any,
) -> ImportPlan:
    from pathlib import Path

    source = sys.stdin if file == "-" else Path(file)

    def one(name: str) -> str | None:
        value = options.get(name, DEFAULTS.get(name))
        return None if value is None else str(value)

    def many(name: str) -> list[str]:
        return list(options.get(name, ()))

    if many("column"):
        from goaltui.formats.wide_import import plan_wide_import

        return plan_wide_import(
            source,
            store,
            columns=many("column"),
            owner_cols=many("owner_col"),
            date_col=one("date_col") or "date",
            date_format=one("date_format"),
            aggregate=one("aggregate") or "mean",
            weight_col=one("weight_col"),
            force=force,
            today=today,
        )
    from goaltui.formats.importer import plan_import

    return plan_import(
        source,
        store,
        date_col=one("date_col") or "date",
        goal_col=one("goal_col") or "goal",
        value_col=one("value_col") or "value",
        note_col=one("note_col"),
        metric_col=one("metric_col"),
        owner_col=many("owner_col") or None,
        date_format=one("date_format"),
        force=force,
        today=today,
    )


def _listing(store: Store) -> str:
    """One line per saved profile: its name, its options as arguments, who saved it."""
    profiles = store.import_profiles()
    if not profiles:
        return "no import profiles saved (add --save-profile NAME to an import that works)"
    lines = []
    for p in profiles:
        args = shlex.join(import_profile.as_arguments(p.options))
        when = p.saved_at.strftime("%Y-%m-%d %H:%M")
        lines.append(f"{p.name}: {args} (saved by {p.saved_by or 'unknown'}, {when})")
    return "\n".join(lines)
