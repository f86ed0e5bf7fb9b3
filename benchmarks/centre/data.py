"""Centre-scale data files, built through the public Store API and cached in benchmarks/out/.

A centre: 5 centre goals, a team of agents per 100 goals with 5 team goals each, and
5 agent goals per agent (AHT, FCR, CSAT, ACW, call return time), aligned agent -> team ->
centre. Every goal has a value a day: a noisy trend from a baseline toward (sometimes
past, often short of) its target, so the board shows every status.

A cached file is named by its size and by a fingerprint of goaltui/store's source (and of
this generator), so a storage change rebuilds it. A `.meta.json` beside it keeps what the
measures need to know (keys, the last day, the number of check-ins) without reading it.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import math
import random
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from centre.common import OUT, log

GENERATOR_VERSION = "1"  # bump when the data below changes


@dataclass(frozen=True)
class Kpi:
    key: str
    name: str
    unit: str
    baseline: float
    target: float
    decimals: int
    low: float
    high: float
    verb: str
    why: str


KPIS = (
    Kpi("aht", "AHT", "s", 520, 420, 0, 120, 1500, "Cut", "Callers wait less; more calls per hour"),
    Kpi("fcr", "FCR", "%", 68, 78, 1, 0, 100, "Raise", "Fewer repeat calls, happier callers"),
    Kpi("csat", "CSAT", "%", 78, 86, 1, 0, 100, "Raise", "Callers rate us 4 or 5 out of 5"),
    Kpi("acw", "ACW", "s", 75, 45, 0, 5, 600, "Cut", "Less wrap-up, more time on calls"),
    Kpi("crt", "Call return", "h", 20, 8, 1, 0.5, 96, "Cut", "Callbacks the same business day"),
)
PERCENT_KPIS = frozenset(k.key for k in KPIS if k.unit == "%")


@dataclass(frozen=True)
class DataSet:
    """A cached data file and what the benchmark knows about it."""

    path: Path
    goals: int
    days: int
    checkins: int
    last_day: date  # the day of the last check-in
    keys: tuple[str, ...]

    @property
    def label(self) -> str:
        years = self.days / 365
        span = f"{years:g} y" if years == int(years) else f"{self.days} d"
        return f"{self.goals:,} goals x {span}"

    @property
    def morning(self) -> datetime:
        """The clock of headless children: the morning after the last check-in."""
        return datetime.combine(self.last_day + timedelta(days=1), datetime.min.time()).replace(
            hour=9, minute=30
        )

    def kpi(self, key: str) -> str:
        return key.split("-", 1)[0]


def fingerprint() -> str:
    """sha256 of goaltui/store's source files (and of this generator), 12 hex digits."""
    spec = importlib.util.find_spec("goaltui.store")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("goaltui is not installed (pip install -e .)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for source in sorted(folder.rglob("*.py")):
        digest.update(source.relative_to(folder).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def goal_specs(goals: int) -> Iterator[dict[str, Any]]:
    """Goal fields, parents before children, exactly `goals` of them."""
    teams = max(1, goals // 100)
    made = 0
    people: list[tuple[str, str, str | None, str]] = [("centre", "Centre", None, "center")]
    people += [(f"t{t:02d}", f"Team {t:02d}", "centre", "team") for t in range(teams)]
    agent = 0
    while made < goals:
        if len(people) == 0:
            team = agent % teams
            people.append((f"a{agent:03d}", f"Agent {agent:03d}", f"t{team:02d}", "agent"))
            agent += 1
        suffix, owner, parent, level = people.pop(0)
        for kpi in KPIS:
            if made == goals:
                return
            made += 1
            yield {
                "key": f"{kpi.key}-{suffix}",
                "owner": owner,
                "level": level,
                "parent": f"{kpi.key}-{parent}" if parent else None,
                "kpi": kpi,
            }


def series(kpi: Kpi, days: int, rng: random.Random) -> tuple[float, list[float]]:
    """(baseline, daily values): a noisy trend toward the target that may fall short."""
    baseline = kpi.baseline * rng.uniform(0.93, 1.07)
    reach = rng.uniform(0.15, 1.35)  # how far toward the target the trend gets
    shape = rng.uniform(0.6, 1.6)
    sigma = abs(kpi.target - baseline) * rng.uniform(0.06, 0.22) + 10**-kpi.decimals
    noise, values = 0.0, []
    for day in range(days):
        noise = 0.7 * noise + rng.gauss(0, sigma)
        trend = (day / max(1, days - 1)) ** shape
        value = baseline + (kpi.target - baseline) * reach * trend + noise
        values.append(round(min(kpi.high, max(kpi.low, value)), kpi.decimals))
    return round(baseline, kpi.decimals), values


def centre_file(goals: int, days: int, history: int | None = None) -> DataSet:
    """The cached file with `goals` goals and `days` daily values each (built if missing).

    `history`: how many days before the end the goals start (default `days`); a goals-only
    file (days=0) for an import uses it.
    """
    fp = fingerprint()
    start_back = max(days, history or 0, 1)
    name = f"centre-{goals}g-{days}d-{start_back}h-{fp}"
    path, meta_path = OUT / f"{name}.json", OUT / f"{name}.meta.json"
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        return DataSet(
            path, goals, days, meta["checkins"], date.fromisoformat(meta["last_day"]),
            tuple(meta["keys"]),
        )  # fmt: skip
    _prune(fp)
    log(f"  building {goals:,} goals x {days} days through the Store (cached in {OUT}) ...")
    started = time.perf_counter()
    last_day = date.today() - timedelta(days=1)
    from centre import heavy  # the build runs in a child: see heavy.py

    built = heavy.run("build", str(path), str(goals), str(days), str(start_back), str(last_day))
    keys, checkins = built["keys"], built["checkins"]
    seconds = time.perf_counter() - started
    meta = {"checkins": checkins, "last_day": last_day.isoformat(), "keys": keys}
    meta_path.write_text(json.dumps(meta | {"build_seconds": round(seconds, 1)}))
    log(f"  built in {seconds:.0f} s: {path.stat().st_size / 2**20:.0f} MB")
    return DataSet(path, goals, days, checkins, last_day, tuple(keys))


def build(path: Path, goals: int, days: int, start_back: int, last: date) -> tuple[list[str], int]:
    """Write the file through the Store: add_goal for each goal, then one log_many."""
    from goaltui.core.clock import FixedClock
    from goaltui.core.models import CheckIn, Goal, Level, Metric
    from goaltui.store.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    folder = OUT / f"building-{path.stem}"  # the Store's lock file and backups stay in here
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        clock = FixedClock(datetime.combine(last, datetime.min.time()).replace(hour=6))
        store = Store(folder / path.name, clock=clock, user="bench")
        rng = random.Random(f"{goals}/{days}")
        start = last - timedelta(days=start_back - 1)
        keys, checkins = [], []
        for spec in goal_specs(goals):
            kpi: Kpi = spec["kpi"]
            baseline, values = series(kpi, days, rng)
            due = last + timedelta(days=rng.randint(-45, 270))
            store.add_goal(
                Goal(
                    key=spec["key"],
                    title=f"{kpi.verb} {kpi.name} for {spec['owner']} to {kpi.target:g} {kpi.unit}",
                    owner=spec["owner"],
                    level=Level(spec["level"]),
                    parent=spec["parent"],
                    metric=Metric(
                        name=kpi.name, unit=kpi.unit, baseline=baseline, target=kpi.target
                    ),
                    start=start,
                    due=max(due, start + timedelta(days=30)),
                    why=kpi.why,
                )
            )
            keys.append(spec["key"])
            first = last - timedelta(days=days - 1)
            checkins += [
                CheckIn(goal=spec["key"], day=first + timedelta(days=n), value=v)
                for n, v in enumerate(values)
            ]
        if checkins:
            store.log_many(checkins)
        (folder / path.name).replace(path)
        return keys, len(checkins)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _prune(fp: str) -> None:
    """Remove cached files built from other store sources: they will never be used again."""
    for old in OUT.glob("centre-*.json"):
        if fp not in old.name:
            old.unlink(missing_ok=True)


def write_csv(path: Path, keys: tuple[str, ...], rows: int, last_day: date) -> int:
    """A platform-style export: date,goal,value, one row per goal per day, day by day,
    ending on `last_day`; returns the number of days it spans."""
    days = math.ceil(rows / len(keys))
    rng = random.Random(rows)
    columns = {}
    for key in keys:
        kpi = next(k for k in KPIS if k.key == key.split("-", 1)[0])
        columns[key] = series(kpi, days, rng)[1]
    first = last_day - timedelta(days=days - 1)
    written = 0
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["date", "goal", "value"])
        for n in range(days):
            day = (first + timedelta(days=n)).isoformat()
            for key in keys:
                if written == rows:
                    return days
                writer.writerow([day, key, f"{columns[key][n]:g}"])
                written += 1
    return days
