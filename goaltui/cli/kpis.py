"""`goaltui kpis`: the standard KPIs a goal's metric can name, one line each."""

from __future__ import annotations

import click

from goaltui.cli.output import say


@click.command("kpis")
def kpis_cmd() -> None:
    """List the KPI library: name, unit, which way is better, a typical target.

    `goaltui add --metric AHT` (and the goal form) fill the unit from it."""
    from goaltui.core.kpis import LIBRARY

    rows = [("KPI", "NAME", "UNIT", "BETTER", "TYPICAL", "NOTE")]
    rows += [(k.short, k.name, k.unit_text(), k.better, k.typical(), k.common) for k in LIBRARY]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        say("  ".join([*cells, row[5]]).rstrip())
