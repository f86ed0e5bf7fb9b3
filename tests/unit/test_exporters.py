"""Exports: the Markdown report a lead pastes into mail or chat, the CSV history, JSON.

Golden files live in tests/unit/golden/; after an intended change, regenerate them with
GOALTUI_UPDATE_GOLDEN=1 pytest tests/unit/test_exporters.py, then read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from goaltui.core.errors import UserError
from goaltui.core.models import Goal, GoalStatus, Metric
from goaltui.core.progress import STATUS_ORDER, Status
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.exporters import CSV_COLUMNS, export, export_csv, export_markdown
from goaltui.formats.importer import Action, plan_import
from goaltui.store.store import Store

GOLDEN = Path(__file__).parent / "golden"
WEEK_AGO = DEMO_TODAY - timedelta(days=6)


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("GOALTUI_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; see the module docstring"


# -- markdown ---------------------------------------------------------------------------


def test_markdown_report_of_the_demo_data(demo_store: Store) -> None:
    assert_golden("report.md", export_markdown(demo_store, DEMO_TODAY))


def test_report_opens_with_the_date_and_a_status_summary(demo_store: Store) -> None:
    lines = export_markdown(demo_store, DEMO_TODAY).splitlines()

    assert lines[0] == "# Goals report, 2026-11-26"
    # fcr-billing has no value since 19 Nov: it reads "stale", not "on track", as on the board.
    assert lines[2] == "11 goals: 1 overdue, 1 behind, 3 at risk, 1 stale, 4 on track, 1 achieved."


def test_goals_needing_attention_come_first(demo_store: Store) -> None:
    report = export_markdown(demo_store, DEMO_TODAY)
    keys = [line.split("`")[1] for line in report.splitlines() if line.startswith("`")]
    statuses = [
        line.split("**")[1] for line in report.splitlines() if line.startswith("- Progress")
    ]

    assert keys[:2] == ["kb-articles", "fcr-sam"]
    # "stale" ranks just before "no data", as the board sorts it.
    rank = {
        **{s.value: STATUS_ORDER[s] for s in Status},
        "stale": STATUS_ORDER[Status.NO_DATA] - 0.5,
    }
    assert [rank[s] for s in statuses] == sorted(rank[s] for s in statuses)
    assert statuses[keys.index("fcr-billing")] == "stale"


def test_each_goal_shows_smart_progress_checkins_and_milestones(demo_store: Store) -> None:
    report = export_markdown(demo_store, DEMO_TODAY)
    section = report.split("## Tom: AHT to 480 s")[1].split("\n## ")[0]

    assert "`aht-tom` · Tom Becker (agent) · due 2027-01-29 · supports `aht-billing`" in section
    assert "- Progress: 8:54 → 8:00 · 58% of the way" in section
    assert "**at risk** · 64 days left · forecast " in section
    assert "- SMART: S✓ M✓ A✓ R✓ T✓" in section
    assert "  - 2026-11-20: 9:36 (at risk) - Heavy queue after the billing run" in section
    assert section.count("  - 2026-11-") == 5  # the last five check-ins
    assert "  - [x] System shortcuts training (due 2026-07-15)" in section
    assert "  - [ ] Handle billing disputes without transfer (due 2026-12-18)" in section
    assert "- Target changed 7:30 → 8:00 on 2026-09-14: New product launch" in section


def test_smart_warnings_come_with_their_hint(demo_store: Store) -> None:
    section = export_markdown(demo_store, DEMO_TODAY).split("## Publish 20 billing")[1]

    assert "- SMART: S✓ M! A✓ R✓ T!" in section
    assert "  - M (measurable): No unit. Add a unit such as s, min or %." in section


def test_archived_goals_are_listed_last(demo_store: Store) -> None:
    demo_store.set_status("kb-articles", GoalStatus.ARCHIVED)

    report = export_markdown(demo_store, DEMO_TODAY)

    assert "10 goals: 1 behind, 3 at risk, 1 stale, 4 on track, 1 achieved; 1 archived." in report
    tail = report.split("## Archived\n\n")[1]
    assert (
        tail
        == "- `kb-articles` Publish 20 billing knowledge-base articles (Billing team, last 16)\n"
    )
    assert "## Publish 20 billing" not in report


def test_markup_in_titles_and_notes_is_escaped(empty_store: Store) -> None:
    goal = Goal(
        key="star",
        title="Cut *all* holds <now> [team_a]",
        metric=Metric(name="AHT", unit="s", baseline=500, target=400),
        start=date(2026, 11, 1),
        due=date(2027, 1, 1),
    )
    empty_store.add_goal(goal)
    empty_store.log("star", 480, DEMO_TODAY, note="see <b>this</b>")

    report = export_markdown(empty_store, DEMO_TODAY)

    assert "## Cut \\*all\\* holds \\<now\\> \\[team\\_a\\]" in report
    assert "see \\<b\\>this\\</b\\>" in report


def test_an_empty_store_still_gives_a_report(empty_store: Store) -> None:
    assert (
        export_markdown(empty_store, DEMO_TODAY) == "# Goals report, 2026-11-26\n\nNo goals yet.\n"
    )


# -- csv --------------------------------------------------------------------------------


def test_csv_history_of_the_last_week(demo_store: Store) -> None:
    assert_golden("history.csv", export_csv(demo_store, since=WEEK_AGO))


def test_csv_has_a_sorted_row_per_checkin(demo_store: Store) -> None:
    rows = list(csv.reader(io.StringIO(export_csv(demo_store))))

    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(demo_store.checkins())
    assert rows[1:] == sorted(rows[1:], key=lambda r: (r[0], r[1]))


def test_csv_export_reimports_as_unchanged(demo_store: Store) -> None:
    """The history columns are import's defaults: an export is a valid import file."""
    plan = plan_import(io.StringIO(export_csv(demo_store)), demo_store, today=DEMO_TODAY)

    assert not plan.errors
    assert plan.count(Action.UNCHANGED) == len(demo_store.checkins()) == len(plan.rows)


def test_csv_quotes_notes_with_commas_and_quotes(empty_store: Store) -> None:
    goal = Goal(key="aht", title="AHT under 400 s", metric=Metric(name="AHT"), start=DEMO_TODAY)
    empty_store.add_goal(goal)
    empty_store.log("aht", 401.25, DEMO_TODAY, note='Outage, "big" one')

    text = export_csv(empty_store)

    assert (
        text.splitlines()[1]
        == 'aht,2026-11-26,401.25,"Outage, ""big"" one",,lead,2026-11-26T09:30:00'
    )


# -- dispatch ---------------------------------------------------------------------------


def test_json_export_is_the_full_data_set(demo_store: Store) -> None:
    data = json.loads(export(demo_store, "json", DEMO_TODAY))

    assert len(data["checkins"]) == len(demo_store.checkins())
    assert {g["key"] for g in data["goals"]} >= {"aht-tom", "fcr-sam"}


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_every_format_is_deterministic_and_ends_with_a_newline(demo_store: Store, fmt: str) -> None:
    first = export(demo_store, fmt, DEMO_TODAY)

    assert first == export(demo_store, fmt, DEMO_TODAY)
    assert first.endswith("\n") and not first.endswith("\n\n")


def test_unknown_format_is_a_user_error(demo_store: Store) -> None:
    with pytest.raises(UserError, match="unknown export format 'pdf': use md, csv, json"):
        export(demo_store, "pdf", DEMO_TODAY)
