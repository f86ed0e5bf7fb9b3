"""The agent scorecard: the card (core/scorecard.py), the sheet (formats/scorecard_sheet.py),
`goaltui scorecard OWNER`, and the side-by-side rows (core/side_by_side.py).

Golden files live in tests/unit/golden/; after an intended change, regenerate them with
GOALTUI_UPDATE_GOLDEN=1 pytest tests/unit/test_scorecard.py, then read the diff.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from scorecard_data import SAM, add_one_on_one
from test_exporters import assert_golden

from goaltui.cli import context as cli_context
from goaltui.cli import main as cli
from goaltui.core.board_rows import build_rows
from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Level, Metric, Point
from goaltui.core.progress import Status
from goaltui.core.scorecard import (
    Trend,
    build_scorecard,
    card_owners,
    match_owner,
    near_owners,
)
from goaltui.core.side_by_side import distance_text, side_by_side
from goaltui.core.snapshot import Snapshot
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.scorecard_sheet import compare_text, read_scorecard, render_scorecard
from goaltui.store.store import Store


@pytest.fixture
def sam_store(demo_store: Store) -> Store:
    add_one_on_one(demo_store)
    return demo_store


def card_of(store: Store, owner: str = SAM):
    read = read_scorecard(store, owner, DEMO_TODAY)
    assert read.card is not None
    return read.card


# -- golden sheets ---------------------------------------------------------------------


def test_text_sheet_of_sam(sam_store: Store) -> None:
    assert_golden("scorecard-sam.txt", render_scorecard(card_of(sam_store), "text"))


def test_markdown_sheet_of_sam(sam_store: Store) -> None:
    assert_golden("scorecard-sam.md", render_scorecard(card_of(sam_store), "md"))


def test_text_sheet_of_a_team(demo_store: Store) -> None:
    assert_golden("scorecard-billing.txt", render_scorecard(card_of(demo_store, "billing team")))


# -- the card --------------------------------------------------------------------------


def test_a_team_goal_in_a_band_is_shown_as_its_band_beside_the_agent(demo_store: Store) -> None:
    team = demo_store.goal("aht-billing")
    band = team.metric.model_copy(update={"target": 360.0, "band": (300.0, 360.0)})
    demo_store.update_goal(team.model_copy(update={"metric": band}), reason="AHT is a band now")
    [tom] = [c for c in card_of(demo_store, "Tom Becker").goals if c.goal.key == "aht-tom"]
    assert "team 7:53 → 5:00..6:00 (Billing team)" in compare_text(tom)


def test_the_card_holds_the_owners_goals_in_board_order(sam_store: Store) -> None:
    card = card_of(sam_store)
    rows = {r.key: r for r in build_rows(sam_store.snapshot(), DEMO_TODAY)}

    assert [c.goal.key for c in card.goals] == ["fcr-sam", "adherence-sam"]
    # The board's own figures, not a second calculation.
    assert card.goals[0].row.progress == rows["fcr-sam"].progress
    assert card.goals[0].row.progress.status is Status.BEHIND


def test_team_figure_is_the_team_goal_above_on_the_same_metric(sam_store: Store) -> None:
    fcr = card_of(sam_store).goals[0]

    assert fcr.team is not None
    assert (fcr.team.key, fcr.team.label, fcr.team.target) == ("fcr-billing", "Billing team", 78)
    assert fcr.centre is None  # the centre's goal is CSAT, not FCR


def test_centre_figure_on_the_same_metric(demo_store: Store) -> None:
    [priya] = card_of(demo_store, "PRIYA shah").goals

    assert priya.centre is not None and priya.centre.key == "csat-centre"
    assert priya.team is None  # no team CSAT goal and no other agent on CSAT: no mean


def test_without_a_team_goal_the_team_figure_is_the_mean_of_agents(tmp_path: Path) -> None:
    today = date(2026, 3, 31)

    def goal(key: str, owner: str) -> Goal:
        metric = Metric(name="QA", unit="%", baseline=70, target=90)
        return Goal(key=key, title=key, owner=owner, level=Level.AGENT, metric=metric,
                    start=date(2026, 1, 1), due=date(2026, 6, 30))  # fmt: skip

    goals = [goal("qa-ana", "Ana"), goal("qa-ben", "Ben"), goal("qa-cy", "Cy")]
    series = {
        "qa-ana": [Point(today, 80.0)],
        "qa-ben": [Point(today, 84.0)],
        "qa-cy": [Point(today, 88.0)],
    }
    rows = build_rows(Snapshot(goals, series, {}, None), today)
    card = build_scorecard("Ana", rows, series=series, wins=[], kudos=[], minutes=[], today=today)

    [ana] = card.goals
    assert ana.team is not None
    assert (ana.team.label, ana.team.current, ana.team.target) == ("mean of 3 agents", 84, None)


def test_trend_and_streak(demo_store: Store) -> None:
    [maria] = card_of(demo_store, "maria lopez").goals
    [sam_fcr, _] = card_of(demo_store).goals

    assert maria.streak >= 3  # her wins list a three-in-a-row streak
    assert sam_fcr.streak == 0
    assert sam_fcr.trend is Trend.IMPROVING


def test_last_meeting_and_recognition(sam_store: Store) -> None:
    card = card_of(sam_store)

    assert card.last_meeting is not None
    items = {i.goal: i for i in card.last_meeting.items}
    assert items["fcr-sam"].note == "shadow Maria on [billing] calls"
    assert not items["adherence-sam"].discussed
    assert card.recognition[0].day == DEMO_TODAY
    assert all(getattr(i, "owner", getattr(i, "agent", "")) == SAM for i in card.recognition)


def test_a_meeting_about_others_is_not_this_agents_last_meeting(sam_store: Store) -> None:
    assert card_of(sam_store, "Maria Lopez").last_meeting is None


def test_action_items_show_only_when_there_are_some(sam_store: Store) -> None:
    card = card_of(sam_store)
    assert "action items" not in render_scorecard(card).casefold()

    with_items = dataclasses.replace(card, action_items=("Sam: listen to 3 calls (due Fri)",))
    for form in ("text", "md"):
        assert "Open action items" in render_scorecard(with_items, form)  # type: ignore[arg-type]


def test_owners_match_ignoring_case_and_spacing(demo_store: Store) -> None:
    owners = card_owners(build_rows(demo_store.snapshot(), DEMO_TODAY))

    assert owners[0] == "Billing team" and "Centre" in owners
    assert match_owner("  sam   OKAFOR ", owners) == SAM
    assert match_owner("sam", owners) is None
    assert near_owners("sam", owners) == [SAM]
    assert near_owners("Maria Lopes", owners) == ["Maria Lopez"]


def test_user_text_in_markdown_is_escaped(sam_store: Store) -> None:
    assert "shadow Maria on \\[billing\\] calls" in render_scorecard(card_of(sam_store), "md")


# -- goaltui scorecard -----------------------------------------------------------------


@pytest.fixture
def cli_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> FixedClock:
    monkeypatch.setattr(cli_context, "make_clock", lambda: clock)
    return clock


def test_cli_prints_the_sheet(sam_store: Store, cli_clock: FixedClock) -> None:
    result = CliRunner().invoke(cli.main, ["--db", str(sam_store.path), "scorecard", "sam okafor"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == render_scorecard(card_of(sam_store))


def test_cli_markdown(sam_store: Store, cli_clock: FixedClock) -> None:
    args = ["--db", str(sam_store.path), "scorecard", SAM, "--format", "md"]
    result = CliRunner().invoke(cli.main, args)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Scorecard: Sam Okafor, 2026-11-26\n")


def test_cli_unknown_owner_is_one_line_with_near_matches(
    demo_store: Store, cli_clock: FixedClock
) -> None:
    result = CliRunner().invoke(cli.main, ["--db", str(demo_store.path), "scorecard", "maria"])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "goaltui: error: no goals owned by 'maria' (did you mean 'Maria Lopez'?)\n"
    )


# -- side by side ----------------------------------------------------------------------


def test_side_by_side_lists_every_agent_on_the_metric_worst_first(demo_store: Store) -> None:
    rows = build_rows(demo_store.snapshot(), DEMO_TODAY)
    found = side_by_side(rows, "aht")

    assert [r.key for r in found] == ["aht-tom", "aht-maria"]  # at risk before achieved
    assert [distance_text(r) for r in found] == ["0:54 to go", "met by 0:09"]
    assert all(r.goal.level is Level.AGENT for r in found)
