"""The report: a Markdown table on stdout, the same (with raw samples) as JSON in out/."""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import subprocess
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

from centre.common import OUT, ROOT, Options, Row, fmt

HEADER = "| measure | goaltui | floor | ratio | target | met |"


def machine() -> dict[str, object]:
    git = ["git", "rev-parse", "--short", "HEAD"]
    commit = subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=False)
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "commit": commit.stdout.strip(),
        "parent_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def markdown(rows: list[Row], opts: Options, info: dict[str, object]) -> str:
    lines = [
        f"goaltui centre benchmark, {info['started']}: commit {info['commit']}, Python "
        f"{info['python']}, {info['cpus']} CPUs, load {info['load_start']} -> "
        f"{info['load_end']}; medians of {opts.runs} runs{' (quick)' if opts.quick else ''}",
        "",
        HEADER,
        "|---|---:|---:|---:|---|---|",
    ]
    notes: list[str] = []
    for row in rows:
        ratio = "—" if row.ratio is None or math.isnan(row.ratio) else f"{row.ratio:.2f}x"
        met = {True: "yes", False: "**NO**", None: "—"}[row.met]
        name = row.measure + "".join(f" [{len(notes) + i + 1}]" for i in range(len(row.notes)))
        notes += row.notes
        goaltui = fmt(row.goaltui, row.unit)
        if row.unit == "MB" and "growth" in row.measure and row.goaltui is not None:
            goaltui = "+" + goaltui if row.goaltui >= 0 else goaltui
        cells = [name, goaltui, fmt(row.floor, row.unit), ratio, row.target, met]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if notes:
        lines.append("")
        lines += [f"[{n}] {note}" for n, note in enumerate(notes, start=1)]
    return "\n".join(lines)


def write(rows: list[Row], opts: Options, info: dict[str, object]) -> Path:
    """benchmarks/out/centre-<time>.json and .md; returns the JSON's path."""
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = OUT / f"bench_centre-{stamp}.json"
    options: dict[str, Any] = asdict(opts) | {"only": sorted(opts.only)}
    data = {"machine": info, "options": options, "rows": [asdict(r) for r in rows]}
    path.write_text(json.dumps(_finite(data), indent=1, default=str, allow_nan=False))
    path.with_suffix(".md").write_text(markdown(rows, opts, info) + "\n")
    return path


def _finite(value: object) -> object:
    """NaN (a figure that could not be taken) becomes null: strict JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
