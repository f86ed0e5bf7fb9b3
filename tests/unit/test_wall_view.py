"""What a wallboard may show (issue 14): private goals never, agents' goals unless
--teams-only, agents' names as initials with --initials; and the lead's views still list
private goals, marked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pydantic import ValidationError

from goaltui.app import wallboard
from goaltui.cli import main as cli
from goaltui.cli import tui
from goaltui.core.board_rows import build_rows
from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Level
from goaltui.core.wall_view import EVERY_GOAL, WallView, initials, shown_on_wall
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY
from goaltui.store.store import Store

AGENT_GOALS = {"aht-maria", "fcr-sam", "adherence-sam", "csat-priya", "aht-tom"}


def make_private(store: Store, key: str) -> None:
    goal = store.goal(key)
    store.update_goal(goal.model_copy(update={"private": True}), base=goal)


def wall(store: Store, view: WallView = EVERY_GOAL) -> dict[str, Goal]:
    rows = shown_on_wall(build_rows(store.snapshot(), DEMO_TODAY), view)
    return {row.key: row.goal for row in rows}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args])


# -- the model and the file check --------------------------------------------------------------


def test_a_goal_is_public_unless_marked_and_private_is_a_real_boolean(demo_store: Store) -> None:
    goal = demo_store.goal("fcr-sam")
    assert goal.private is False  # the demo file, written before the field, reads as public
    assert "private" not in goal.model_dump(mode="json")  # a public goal's document is as before
    with pytest.raises(ValidationError, match="private"):
        Goal.model_validate({**goal.model_dump(), "private": "yes"})  # never on the floor
    make_private(demo_store, "fcr-sam")
    assert demo_store.goal("fcr-sam").private is True  # kept through a write and a read


# -- the wall's rows ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Sam Okafor", "S.O."),
        ("Okafor, Sam", "S.O."),
        ("priya", "P."),
        ("Mary-Jo van Dyk", "M.V.D."),
    ],
)
def test_initials(name: str, short: str) -> None:
    assert initials(name) == short


def test_by_default_every_goal_but_the_private_ones(demo_store: Store) -> None:
    everything = wall(demo_store)
    assert len(everything) == 11
    make_private(demo_store, "fcr-sam")
    make_private(demo_store, "kb-articles")
    assert set(wall(demo_store)) == set(everything) - {"fcr-sam", "kb-articles"}
    assert "fcr-sam" not in wall(demo_store, WallView(initials=True))  # under no name either


def test_teams_only_leaves_the_agents_goals_off(demo_store: Store) -> None:
    shown = wall(demo_store, WallView(teams_only=True))
    assert len(shown) == 6 and not set(shown) & AGENT_GOALS
    assert {g.level for g in shown.values()} == {Level.CENTER, Level.TEAM}


def test_initials_hide_the_agents_names_in_owner_title_and_key(demo_store: Store) -> None:
    shown = wall(demo_store, WallView(initials=True))
    sam = shown["fcr-s.o."]
    assert (sam.owner, sam.title) == ("S.O.", "S.O.: lift first-call resolution to 72%")
    assert shown["aht-m.l."].title == "M.L.: bring AHT under 450 s"
    assert shown["aht-billing"].owner == "Billing team"  # a team is no person
    every_text = " ".join(f"{g.key} {g.title} {g.owner}" for g in shown.values()).lower()
    for name in ("sam", "okafor", "maria", "lopez", "priya", "tom"):
        assert name not in every_text.split()
    assert demo_store.goal("fcr-sam").owner == "Sam Okafor"  # the file is untouched


def test_the_whole_name_becomes_one_set_of_initials() -> None:
    goal = Goal.model_validate(
        {
            **{"key": "aht-sam-okafor", "title": "Sam Okafor's AHT, Okafor leads"},
            **{"owner": "Sam Okafor", "level": "agent", "start": DEMO_TODAY},
            "metric": {"name": "AHT"},
        }
    )
    from goaltui.core.wall_view import _masked

    masked = _masked(goal)
    assert masked.title == "S.O.'s AHT, S.O. leads"
    assert masked.key == "aht-s.o.-s.o."


# -- the commands ------------------------------------------------------------------------------


def test_add_private_and_the_goals_list_marks_it(tmp_path: Path) -> None:
    db = tmp_path / "goals.json"
    base = ["add", "--db", db, "--metric", "AHT", "--baseline", "500", "--target", "450"]
    base += ["--due", "+3m", "--owner", "Sam Okafor", "--level", "agent"]
    added = run(*base[:1], "aht-sam", "Sam: AHT under 450 s", *base[1:], "--private")
    assert added.exit_code == 0, added.output
    assert "private" in added.stdout.splitlines()[0]
    assert run(*base[:1], "fcr-sam", "Sam: FCR", *base[1:]).exit_code == 0
    listed = run("goals", "--db", db).stdout
    assert "Sam: AHT under 450 s (private)" in listed
    assert "Sam: FCR (private)" not in listed and "Sam: FCR" in listed
    assert Store(db).goal("aht-sam").private and not Store(db).goal("fcr-sam").private


@pytest.mark.parametrize(
    ("flags", "view"),
    [
        ([], EVERY_GOAL),
        (["--teams-only"], WallView(teams_only=True)),
        (["--initials", "--teams-only"], WallView(teams_only=True, initials=True)),
    ],
)
def test_wallboard_flags_reach_the_wall(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path, flags: list[str], view: WallView
) -> None:
    started: list[Any] = []
    monkeypatch.setattr(tui, "run_tui", lambda app, mouse: started.append(app))
    result = run("--db", demo_path, "wallboard", *flags)
    assert result.exit_code == 0, result.output
    [app] = started
    assert isinstance(app, wallboard.WallboardApp) and app.wall.view == view


def test_the_leads_report_and_json_keep_a_private_goal_marked(demo_path: Path) -> None:
    make_private(Store(demo_path, clock=FixedClock(DEMO_NOW)), "fcr-sam")
    report = run("--db", demo_path, "export", "--format", "md").stdout
    assert "`fcr-sam` · Sam Okafor (agent) · private" in report
    assert "`adherence-sam` · Sam Okafor (agent) · due" in report  # the other one is not
    assert '"private":true' in run("--db", demo_path, "export").stdout.replace(" ", "")


def test_the_detail_head_marks_a_private_goal(demo_store: Store) -> None:
    from goaltui.core.progress import evaluate
    from goaltui.widgets.board_cells import Palette
    from screens.detail_tabs import head_text

    goal = demo_store.goal("fcr-sam")
    progress = evaluate(goal, [], DEMO_TODAY)
    palette = Palette(None, None, None)
    assert "private" not in head_text(goal, progress, [], palette).plain
    first = head_text(goal.model_copy(update={"private": True}), progress, [], palette).plain
    assert first.splitlines()[0].endswith("Sam Okafor · agent · private")
