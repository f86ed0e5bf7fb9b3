"""`goaltui export --format minutes --meeting latest|all|DATE|ID`, and the "adjust" wording.

Golden files in tests/unit/golden/ (regenerate with GOALTUI_UPDATE_GOLDEN=1, then read the diff).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_exporters import assert_golden

from goaltui.cli import context as cli_context
from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.core.errors import UserError
from goaltui.core.meetings import change_text, pick_minutes
from goaltui.core.minutes import Minutes, Outcome, ReviewItem
from goaltui.core.models import TargetChange
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY
from goaltui.formats.exporters import export_minutes
from goaltui.store.store import Store

TODAY = DEMO_TODAY + timedelta(days=3)  # after any meeting the demo holds


@pytest.fixture
def store(demo_path: Path) -> Store:
    """The demo, then two meetings three days later: Sam's one-on-one, whose fcr-sam target
    was raised that day, and a team meeting."""
    clock = FixedClock(DEMO_NOW + timedelta(days=3))
    store = Store(demo_path, clock=clock, user="lead")
    goal = store.goal("fcr-sam")
    metric = goal.metric.model_copy(update={"target": 74.0})
    store.update_goal(goal.model_copy(update={"metric": metric}), reason="new hire ramp-up")
    sam = store.goal("fcr-sam")
    store.save_minutes(
        Minutes(
            id="sam-1on1",
            held_on=TODAY,
            kind="one-on-one",
            attendees=["Dana", "Sam Okafor"],
            items=[
                ReviewItem(goal="fcr-sam", title=sam.title, owner=sam.owner, metric="FCR",
                           unit="%", current=70, target=74, percent=45, status="behind",
                           outcome=Outcome.ADJUST, note="Ramp-up first"),
                ReviewItem(goal="adherence-sam", metric="Adherence", unit="%", current=91,
                           target=92, outcome=Outcome.KEEP),
            ],
        )
    )  # fmt: skip
    clock.set(DEMO_NOW + timedelta(days=3, hours=1))
    store.save_minutes(
        Minutes(
            id="team-1",
            held_on=TODAY,
            kind="team meeting",
            attendees=["Dana", "Maria Lopez", "Sam Okafor"],
            items=[ReviewItem(goal="aht-billing", metric="AHT", unit="s", current=498,
                              target=420, outcome=Outcome.KEEP, note="Holds | transfers")],
        )
    )  # fmt: skip
    return store


def test_a_day_shows_every_meeting_held_that_day(store: Store) -> None:
    assert_golden("minutes-day.md", export_minutes(store, TODAY.isoformat()))


def test_latest_and_by_id(store: Store) -> None:
    latest = export_minutes(store)
    assert latest.startswith("# Minutes: team meeting,") and "one-on-one" not in latest
    assert_golden("minutes-id.md", export_minutes(store, "sam-1on1"))
    assert export_minutes(store, "sam-1") == export_minutes(store, "sam-1on1")  # a prefix


def test_adjust_row_says_what_changed_from_the_ledger(store: Store) -> None:
    text = export_minutes(store, "sam-1on1")
    assert "| adjust: target 72 → 74%: new hire ramp-up |" in text
    assert "| keep |" in text


def test_all_newest_first(store: Store) -> None:
    text = export_minutes(store, "all")
    heads = [line for line in text.splitlines() if line.startswith("# Minutes")]
    assert len(heads) == len(store.minutes()) >= 2
    assert heads[0].startswith("# Minutes: team meeting") and TODAY.isoformat() in heads[1]


@pytest.mark.parametrize(
    ("which", "says"),
    [("1999-01-01", "no meeting on 1999-01-01"), ("nope", "no meeting has the id 'nope'")],
)
def test_unknown_meeting_is_one_line(store: Store, which: str, says: str) -> None:
    with pytest.raises(UserError, match=says):
        export_minutes(store, which)


def test_no_meetings_at_all() -> None:
    with pytest.raises(UserError, match="no meeting minutes yet"):
        pick_minutes([], "all")


def test_change_text_numbers_and_dates() -> None:
    change = TargetChange(goal="g", field="target", old="90.0", new="92", reason="why", at=DEMO_NOW)
    assert change_text(change, "%") == "target 90 → 92%: why"
    due = change.model_copy(update={"field": "due", "old": "2026-12-01", "new": "2027-01-15"})
    assert change_text(due, "%") == "due 2026-12-01 → 2027-01-15: why"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def test_cli_meeting_option(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_context, "make_clock", lambda: FixedClock(DEMO_NOW))
    day = run("export", "--format", "minutes", "--meeting", TODAY.isoformat(), "--db", store.path)
    assert day.exit_code == 0, day.stderr
    assert day.stdout.count("# Minutes:") == 2
    bad = run("export", "--format", "minutes", "--meeting", "2001-02-03", "--db", store.path)
    assert bad.exit_code == 1
    assert bad.stderr.count("\n") == 1 and "no meeting on 2001-02-03" in bad.stderr
