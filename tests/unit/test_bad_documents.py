"""A file with a document the readers would refuse takes no write at all (issue 12).

Each case is one broken document, as a co-user's hand edit, another tool or an old bug
leaves it. `log`, `add` and `import` are refused with exit 2 and one line naming the
document, and the file's bytes stay as they were; reads report it in one line too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from goaltui.cli import main as cli
from goaltui.core import rules
from goaltui.core.models import GoalStatus
from goaltui.core.wins import WinKind

Data = dict[str, Any]


def first(data: Data, table: str) -> Data:
    return next(iter(data[table].values()))


def series(data: Data, **changes: Any) -> None:
    first(data, "series").update(changes)


BROKEN: dict[str, tuple[Callable[[Data], None], str]] = {
    "a value that is not a number": (
        lambda d: series(d, values="abc," + first(d, "series")["values"].split(",", 1)[1]),
        "bad series of goal",
    ),
    "values that are not text": (lambda d: series(d, values=[1, 2]), "bad series of goal"),
    "a note that is a list": (lambda d: series(d, notes={"20605": ["x"]}), "notes"),
    "a confidence that is a number": (lambda d: series(d, confidence={"20605": 5}), "confidence"),
    "a goal whose key differs from its id": (
        lambda d: first(d, "goals").update(key="other-key"),
        "is stored under",
    ),
    "a baseline of NaN": (
        lambda d: first(d, "goals")["metric"].update(baseline="NaN"),
        "metric.baseline",
    ),
    "a baseline that is true": (
        lambda d: first(d, "goals")["metric"].update(baseline=True),
        "metric.baseline",
    ),
    "a goal private 'yes'": (lambda d: first(d, "goals").update(private="yes"), "private"),
    "a band upside down": (
        lambda d: first(d, "goals")["metric"].update(band=[360, 300]),
        "metric.band",
    ),
    "a band of one edge": (lambda d: first(d, "goals")["metric"].update(band=[1]), "metric.band"),
    "a goal weighted 0": (lambda d: first(d, "goals").update(weight=0), "weight"),
    "a goal without a metric": (lambda d: first(d, "goals").pop("metric"), "metric"),
    "a milestone done 'yes'": (lambda d: first(d, "milestones").update(done="yes"), "done"),
    "a milestone without a goal": (lambda d: first(d, "milestones").pop("goal"), "goal"),
    "a win without a day": (lambda d: first(d, "wins").pop("day"), "bad win"),
    "a ledger entry without a time": (lambda d: first(d, "target_changes").pop("at"), "at"),
    "an old check-in valued 'abc'": (
        lambda d: first(d, "checkin_history")["old"].update(value="abc"),
        "value",
    ),
    "a user list that is text": (lambda d: first(d, "_meta").update(users="abc"), "users"),
    "a win removed at 'soon'": (lambda d: first(d, "wins").update(removed_at="soon"), "removed_at"),
    "an old check-in removed 'yes'": (
        lambda d: first(d, "checkin_history").update(removed="yes"),
        "removed",
    ),
}


@pytest.fixture(params=sorted(BROKEN), ids=lambda name: name.replace(" ", "-"))
def broken(request: pytest.FixtureRequest, demo_path: Path) -> tuple[Path, str]:
    change, named = BROKEN[request.param]
    data = json.loads(demo_path.read_text())
    change(data)
    demo_path.write_text(json.dumps(data))
    return demo_path, named


WRITES = {
    "log": ["log", "aht-tom", "500"],
    "add": [
        "add",
        "new-goal",
        "New goal",
        "--metric",
        "CSAT",
        "--baseline",
        "80",
        "--target",
        "90",
        "--due",
        "+3m",
    ],
    "import": ["import", "{csv}"],
}


@pytest.mark.parametrize("command", sorted(WRITES))
def test_no_write_goes_into_a_file_with_a_bad_document(
    broken: tuple[Path, str], command: str, tmp_path: Path
) -> None:
    path, named = broken
    csv = tmp_path / "in.csv"
    csv.write_text("date,goal,value\n2026-11-26,aht-tom,500\n")
    before = path.read_bytes()
    args = [a.replace("{csv}", str(csv)) for a in WRITES[command]]
    result = CliRunner().invoke(cli.main, [*args, "--db", str(path)])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"goaltui: error: {path}: ") and named in line
    assert path.read_bytes() == before


def test_the_file_checks_know_every_status_and_win_kind() -> None:
    assert tuple(s.value for s in GoalStatus) == rules.STATUSES
    assert tuple(k.value for k in WinKind) == rules.WIN_KINDS
