"""`goaltui kpis`: the standard KPIs a goal's metric can name, one line each."""

from __future__ import annotations

import click

from goaltui.cli.output import say


@click.command("kpis")
def kpis_cmd() -> None:
    """List the KPI library: name, unit, which way is better, a typical target.

    `goaltui add --metric AHT` (or the goal form) fills the unit from it."""
    from goaltui.core.kpis import LIBRARY

    short = max(len(k.short) for k in LIBRARY)
    name = max(len(k.name) for k in LIBRARY)
    unit = max(len(k.unit_text()) for k in LIBRARY)
    for kpi in LIBRARY:
        common = f" ({kpi.common})" if kpi.common else ""
        say(
            f"{kpi.short:<{short}}  {kpi.name:<{name}}  {kpi.unit_text():<{unit}}  "
            f"{kpi.hint()}{common}"
        )
