"""`goaltui edit KEY`: change a goal from the shell, as the goal form does. A new target,
band, baseline or due date needs --reason and goes to the goal's ledger (the store
refuses it otherwise): targets are adjusted with a reason, never silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from goaltui.cli.base import file_options, user_value
from goaltui.cli.context import Session
from goaltui.cli.output import say
from goaltui.core.errors import UserError

if TYPE_CHECKING:
    from goaltui.core.models import Goal

# The options that are plain text fields of the goal, by field name.
TEXT_FIELDS = ("title", "owner", "why", "details", "plan")


@click.command("edit")
@click.argument("key")
@click.option("--title", help="A new title.")
@click.option("--owner", help="A new owner: team or agent name.")
@click.option(
    "--target",
    metavar="N|-25%|LOW..HIGH",
    help="A new target: a value, a change of the baseline, or a band 300..360.",
)
@click.option("--baseline", metavar="N", help="A new baseline (5:24 for s).")
@click.option("--due", metavar="DATE", help="A new due date: YYYY-MM-DD, +3m, eoq ...")
@click.option("--weight", metavar="N", help="Its share in the parent's roll-up.")
@click.option("--why", help="Relevant: why this matters.")
@click.option("--details", help="Specific: who, what, where.")
@click.option("--plan", help="Attainable: plan and resources.")
@click.option(
    "--reason",
    default="",
    help="Why the target, band, baseline or due date changed (kept in the ledger).",
)
@file_options
@click.pass_context
def edit_cmd(
    ctx: click.Context,
    /,
    *,
    key: str,
    target: str | None,
    baseline: str | None,
    due: str | None,
    weight: str | None,
    reason: str,
    db: str | None,
    shared: bool,
    **texts: str | None,
) -> None:
    """Change a goal: goaltui edit aht-tom --target 7:30 --reason "new scripts from May".

    Only the options given change. A changed target, band, baseline or due date needs
    --reason; the ledger keeps the old and new values with it.
    """
    from pydantic import ValidationError

    from goaltui.core.dates import parse_date
    from goaltui.core.models import Goal, describe_error

    session = Session.of(ctx)
    clock = session.clock()
    store = session.store(db, shared, clock)
    old = store.goal(key.strip().lower())
    fields: dict[str, Any] = {name: value for name, value in texts.items() if value is not None}
    fields["metric"] = _metric(old, target, baseline)
    if due is not None:
        fields["due"] = user_value(parse_date, due, clock.today())
    if weight is not None:
        fields["weight"] = _weight(weight)
    if len(fields) == 1 and fields["metric"] == old.metric.model_dump():
        raise UserError("nothing to change: give --target, --due, --title ... (see --help)")
    try:
        new = Goal.model_validate({**old.model_dump(), **fields})
    except ValidationError as exc:
        raise UserError(describe_error(exc)) from None
    if new.due is not None and new.due < new.start:
        raise UserError(f"the due date {new.due} is before the start {new.start}")
    changed = _changed(old, new)
    if not changed:
        say(f"{old.key}: nothing changed")
        return
    store.update_goal(new, reason=reason, base=old)
    say(f"Updated {old.key}: {'; '.join(changed)}")
    if reason.strip():
        say(f"Reason, in the ledger: {reason.strip()}")


def _metric(old: Goal, target: str | None, baseline: str | None) -> dict[str, Any]:
    """The metric with a new target (or band) and baseline; a band's target edge follows a
    new baseline (the edge nearer it), as the form's does."""
    from goaltui.core.numbers import parse_value
    from goaltui.core.target_input import read_target
    from goaltui.core.targets import near_edge

    metric = old.metric.model_dump()
    unit = old.metric.unit
    if baseline is not None:
        metric["baseline"] = user_value(parse_value, baseline, unit, "baseline")
    if target is not None:
        metric["target"], band = user_value(read_target, target, metric["baseline"], unit)
        metric["band"] = list(band) if band else None
    elif baseline is not None and old.metric.band is not None:
        metric["target"] = near_edge(metric["baseline"], old.metric.band)
    return metric


def _weight(text: str) -> float:
    from goaltui.core.numbers import parse_number

    share = user_value(parse_number, text, "weight")
    if share <= 0:
        raise UserError(f"weight must be above 0, got {text}")
    return share


def _changed(old: Goal, new: Goal) -> list[str]:
    """ "target 8:00 -> 7:30", "title 'A' -> 'B'": what the edit changes, in words."""
    from goaltui.core import formatting as fmt

    unit = old.metric.unit
    out = []
    before = fmt.goal_target(old.metric.target, unit, old.metric.band)
    after = fmt.goal_target(new.metric.target, unit, new.metric.band)
    if before != after or old.metric.target != new.metric.target:
        out.append(f"target {before} -> {after}")
    if old.metric.baseline != new.metric.baseline:
        out.append(
            f"baseline {fmt.value(old.metric.baseline, unit)} -> "
            f"{fmt.value(new.metric.baseline, unit)}"
        )
    if old.due != new.due:
        out.append(f"due {old.due} -> {new.due}")
    if old.weight != new.weight:
        out.append(f"weight {fmt.number(old.weight)} -> {fmt.number(new.weight)}")
    out += [
        f"{name} {getattr(old, name)!r} -> {getattr(new, name)!r}"
        for name in TEXT_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    return out
