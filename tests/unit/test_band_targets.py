"""Band targets (AHT 300..360 s, occupancy 75..85 %) and goal weights: reading them,
keeping them, and what the board, the wins, the SMART check and the roll-up make of them."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from goaltui.cli import main as cli
from goaltui.core import formatting as fmt
from goaltui.core.alignment import build_alignment
from goaltui.core.board_rows import BoardRow
from goaltui.core.errors import DataFileError, UserError
from goaltui.core.goal_input import FormValues, ledger_changes, read_form
from goaltui.core.minutes import figures_text, review_item
from goaltui.core.models import Direction, Goal, Level, Metric, Point
from goaltui.core.progress import GoalProgress, Status, evaluate
from goaltui.core.smart import Grade, assess
from goaltui.core.target_input import parse_band, read_target
from goaltui.core.targets import inside, meets, overshot
from goaltui.core.value_rules import implausible, short_of_target
from goaltui.core.wins import WinKind, detect_wins
from goaltui.store.checks import check_tables
from goaltui.store.store import Store

START = date(2025, 1, 1)
DUE = START + timedelta(days=100)
MID = START + timedelta(days=50)
AHT_BAND = (300.0, 360.0)


def band_goal(baseline: float | None = 420.0, band: Any = AHT_BAND, **extra: Any) -> Goal:
    metric = Metric(name="AHT", unit="s", baseline=baseline, band=band)
    fields: dict[str, Any] = {
        "key": "aht-band",
        "title": "Keep AHT for billing in the band",
        "metric": metric,
        "start": START,
        "due": DUE,
    }
    return Goal(**(fields | extra))


# --- reading a band ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "unit", "band"),
    [
        ("300..360", "s", (300.0, 360.0)),
        (" 300 .. 360 ", "", (300.0, 360.0)),
        ("5:00..6:00", "s", (300.0, 360.0)),
        ("75..85%", "%", (75.0, 85.0)),
        ("-10..10", "", (-10.0, 10.0)),
        ("360", "s", None),
        ("-25%", "s", None),
    ],
)
def test_a_band_is_read_from_low_dot_dot_high(
    typed: str, unit: str, band: tuple[float, float] | None
) -> None:
    assert parse_band(typed, unit) == band


@pytest.mark.parametrize(
    ("typed", "unit", "message"),
    [
        ("360..300", "s", "low edge first"),
        ("300..300", "s", "two different edges"),
        ("a..360", "s", "band edge must be a number"),
        ("5:00..6:00", "%", "m:ss is for a metric in seconds"),  # m:ss only for seconds
        ("1,5..2", "", "ambiguous"),
        ("300..", "s", "a band is written low..high"),
    ],
)
def test_a_band_that_cannot_be_read_says_why(typed: str, unit: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_band(typed, unit)


def test_read_target_gives_the_edge_nearer_the_baseline_and_the_band() -> None:
    assert read_target("300..360", 420.0, "s") == (360.0, AHT_BAND)
    assert read_target("300..360", 250.0, "s") == (300.0, AHT_BAND)
    assert read_target("-25%", 400.0) == (300.0, None)
    assert read_target("80%", None, "%") == (80.0, None)  # no sign: an absolute 80


# --- the model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "direction"),
    [
        (420.0, 360.0, Direction.LOWER),  # too slow: come down to the high edge
        (250.0, 300.0, Direction.HIGHER),  # too quick: come up to the low edge
        (350.0, 360.0, Direction.HIGHER),  # inside: the nearer edge
        (None, 300.0, None),  # no baseline: no direction
    ],
)
def test_the_target_of_a_band_goal_is_the_edge_nearer_the_baseline(
    baseline: float | None, target: float, direction: Direction | None
) -> None:
    metric = band_goal(baseline).metric
    assert metric.target == target and metric.direction is direction


def test_a_new_baseline_moves_the_target_to_the_new_nearer_edge() -> None:
    metric = band_goal(420.0).metric
    metric.baseline = 200.0
    assert metric.target == 300.0


def test_band_and_weight_are_written_only_when_set() -> None:
    plain = Goal(
        key="fcr",
        title="Lift FCR for billing",
        metric=Metric(name="FCR", baseline=60, target=80),
        start=START,
    )
    dumped = plain.model_dump(mode="json")
    assert "band" not in dumped["metric"] and "weight" not in dumped
    banded = band_goal(weight=2).model_dump(mode="json")
    assert banded["metric"]["band"] == [300.0, 360.0] and banded["weight"] == 2.0


@pytest.mark.parametrize("band", [[360, 300], [300, 300], [1], ["a", 2], [math.nan, 2]])
def test_the_model_refuses_a_bad_band(band: Any) -> None:
    with pytest.raises(ValueError, match="band"):
        band_goal(band=band)


@pytest.mark.parametrize("weight", [0, -1, math.inf])
def test_the_model_refuses_a_weight_of_zero_or_less(weight: float) -> None:
    with pytest.raises(ValueError, match="weight"):
        band_goal(weight=weight)


# --- the write check (pydantic-free) -----------------------------------------------------


def goal_doc(**metric: Any) -> dict[str, Any]:
    return {
        "key": "aht",
        "title": "Keep AHT in the band",
        "start": "2026-01-05",
        "metric": {"name": "AHT", "unit": "s", "baseline": 420, "target": 360} | metric,
    }


@pytest.mark.parametrize(
    ("band", "message"),
    [
        ([360, 300], "low edge first"),
        ([300, 300], "low edge first"),
        ([1], "two numbers"),
        ("300..360", "two numbers"),
        (["a", 2], "finite numbers"),
        ([math.nan, 2], "finite numbers"),
        ([True, 2], "finite numbers"),
    ],
)
def test_the_write_check_refuses_a_bad_band(band: Any, message: str, tmp_path: Path) -> None:
    tables = {"goals": {"aht": goal_doc(band=band)}}
    with pytest.raises(DataFileError, match=f"bad goal 'aht': metric.band: .*{message}"):
        check_tables(tmp_path / "goals.json", tables)


def test_the_write_check_accepts_a_band_and_a_weight(tmp_path: Path) -> None:
    doc = goal_doc(band=[300, 360.5]) | {"weight": 2.5}
    check_tables(tmp_path / "goals.json", {"goals": {"aht": doc}})


@pytest.mark.parametrize("weight", [0, -2, "2", True, math.inf])
def test_the_write_check_refuses_a_bad_weight(weight: Any, tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="bad goal 'aht': weight: "):
        check_tables(tmp_path / "goals.json", {"goals": {"aht": goal_doc() | {"weight": weight}}})


# --- meets, inside, overshot -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "met"), [(299.0, False), (300.0, True), (330.0, True), (360.0, True), (361.0, False)]
)
def test_a_band_is_met_inside_it_edges_included(value: float, met: bool) -> None:
    assert inside(AHT_BAND, value) is met
    assert meets(420.0, 360.0, value, AHT_BAND) is met


@pytest.mark.parametrize(
    ("baseline", "value", "past"),
    [
        (420.0, 280.0, True),  # came down from above, went through and out below
        (420.0, 380.0, False),  # still on the way
        (250.0, 380.0, True),
        (250.0, 280.0, False),
        (330.0, 380.0, True),  # a hold goal: out on either side
        (330.0, 280.0, True),
        (None, 280.0, True),
        (420.0, 330.0, False),
    ],
)
def test_overshot_is_past_the_far_edge(baseline: float | None, value: float, past: bool) -> None:
    assert overshot(baseline, AHT_BAND, value) is past


# --- progress, status, pace, forecast ----------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "value", "fraction", "status"),
    [
        # baseline above the band (AHT 420 s): progress toward the high edge 360
        (420.0, 390.0, 0.5, Status.ON_TRACK),  # half way at half time
        (420.0, 330.0, 1.0, Status.ACHIEVED),
        (420.0, 450.0, -0.5, Status.BEHIND),
        (420.0, 280.0, 1.0 - 20 / 60, Status.OUTSIDE),  # past 300 by a third of the way
        # baseline below the band (250 s): toward the low edge 300
        (250.0, 275.0, 0.5, Status.ON_TRACK),
        (250.0, 300.0, 1.0, Status.ACHIEVED),
        (250.0, 400.0, 1.0 - 40 / 50, Status.OUTSIDE),
        # baseline inside the band: a hold goal
        (330.0, 340.0, 1.0, Status.ACHIEVED),
        (330.0, 370.0, 0.0, Status.OUTSIDE),
    ],
)
def test_progress_runs_from_the_baseline_to_the_nearer_edge(
    baseline: float, value: float, fraction: float, status: Status
) -> None:
    progress = evaluate(band_goal(baseline), [Point(MID, value)], MID)
    assert progress.raw_fraction == pytest.approx(fraction)
    assert progress.status is status
    assert progress.expected == pytest.approx(0.5)


def test_a_band_goal_without_baseline_knows_inside_or_outside_only() -> None:
    goal = band_goal(None)
    inside_now = evaluate(goal, [Point(MID, 330.0)], MID)
    outside_now = evaluate(goal, [Point(MID, 400.0)], MID)
    assert inside_now.status is Status.ACHIEVED and inside_now.fraction is None
    assert outside_now.status is Status.OUTSIDE and outside_now.fraction is None


def test_pace_still_judges_a_band_goal_on_its_way() -> None:
    late = START + timedelta(days=90)  # 90% of the time gone, 50% of the way
    assert evaluate(band_goal(), [Point(late, 390.0)], late).status is Status.BEHIND


def test_an_overshoot_past_the_due_date_is_overdue() -> None:
    after = DUE + timedelta(days=1)
    assert evaluate(band_goal(), [Point(after, 280.0)], after).status is Status.OVERDUE


def test_the_forecast_aims_at_the_nearer_edge_from_either_side() -> None:
    coming_down = [Point(START + timedelta(days=i), 420.0 - 2 * i) for i in range(10)]
    today = coming_down[-1].day
    # 402 s today, 2 s a day: 360 s in 21 days
    assert evaluate(band_goal(), coming_down, today).forecast == today + timedelta(days=21)
    # An overshoot coming back up: 280 -> 290 over 5 days, 300 s in 5 more days
    back_up = [Point(START + timedelta(days=i), 280.0 + 2 * i) for i in range(6)]
    today = back_up[-1].day
    assert evaluate(band_goal(), back_up, today).forecast == today + timedelta(days=5)
    inside_now = [Point(START, 330.0)]
    assert evaluate(band_goal(), inside_now, START).forecast == START


# --- plausibility, closing ---------------------------------------------------------------


def test_values_up_to_the_far_edge_are_plausible() -> None:
    history = [400.0, 402.0, 398.0, 401.0, 399.0]
    args: dict[str, Any] = {"unit": "s", "baseline": 420.0, "target": 360.0, "history": history}
    # Without the band, 280 s is far below anything this goal has seen or aims at...
    assert implausible(280.0, "aht", **args) is not None
    # ...with the band 300..360 s its far edge says a value near it is one to expect.
    assert implausible(280.0, "aht", **args, band=AHT_BAND) is None


def test_closing_as_achieved_outside_the_band_asks_first() -> None:
    short = short_of_target("aht", "s", 280.0, 420.0, 360.0, band=AHT_BAND)
    assert short == "aht is at 4:40, outside 5:00..6:00"
    assert short_of_target("aht", "s", 330.0, 420.0, 360.0, band=AHT_BAND) is None


# --- showing a band ----------------------------------------------------------------------


def test_a_band_reads_with_the_unit_once() -> None:
    assert fmt.band(AHT_BAND, "s") == "5:00..6:00"
    assert fmt.band((75.0, 85.0), "%") == "75..85%"
    assert fmt.pair(473.0, 360.0, "s", edges=AHT_BAND) == "7:53 → 5:00..6:00"
    assert fmt.pair(473.0, 360.0, "s", narrow=True, edges=AHT_BAND) == "7:53→5:00..6:00"
    assert fmt.from_text("300..360", "s") == "5:00..6:00"  # the ledger's text


# --- the ledger --------------------------------------------------------------------------


def test_a_band_change_goes_to_the_ledger_with_its_reason(empty_store: Store) -> None:
    goal = empty_store.add_goal(band_goal())
    narrower = goal.model_copy(
        update={"metric": Metric(name="AHT", unit="s", baseline=420.0, band=(300.0, 340.0))}
    )
    assert narrower.metric.target == 340.0
    assert ledger_changes(goal, narrower) == [("target", "5:00..6:00", "5:00..5:40")]
    with pytest.raises(UserError, match="changing the target"):
        empty_store.update_goal(narrower)  # never silently
    empty_store.update_goal(narrower, reason="quality review: shorter calls")
    [change] = empty_store.target_changes("aht-band")
    assert (change.field, change.old, change.new) == ("target", "300..360", "300..340")
    assert change.reason == "quality review: shorter calls"
    assert empty_store.goal("aht-band").metric.band == (300.0, 340.0)


def test_a_band_change_that_keeps_the_near_edge_is_still_a_change() -> None:
    goal = band_goal(250.0)  # target 300, the low edge
    wider = goal.model_copy(
        update={"metric": Metric(name="AHT", unit="s", baseline=250.0, band=(300.0, 400.0))}
    )
    assert ledger_changes(goal, wider) == [("target", "5:00..6:00", "5:00..6:40")]


def test_a_plain_target_becoming_a_band_is_a_change() -> None:
    plain = band_goal().model_copy(
        update={"metric": Metric(name="AHT", unit="s", baseline=420.0, target=360.0)}
    )
    assert ledger_changes(plain, band_goal()) == [("target", "6:00", "5:00..6:00")]


# --- wins --------------------------------------------------------------------------------


def test_a_band_goal_wins_inside_its_band_and_for_a_streak_there() -> None:
    goal = band_goal()
    values = [400.0, 350.0, 340.0, 280.0, 330.0, 320.0, 310.0]
    points = [Point(START + timedelta(days=i), v) for i, v in enumerate(values)]
    wins = detect_wins([goal], {goal.key: points}, [], points[-1].day)
    assert [(w.kind, w.day) for w in wins] == [
        (WinKind.TARGET, points[1].day),
        (WinKind.STREAK, points[6].day),  # 280 s broke the first run
    ]
    assert wins[0].id == "target:aht-band:300..360"
    assert wins[0].text == "aht-band is inside its band: AHT 5:50 (band 5:00..6:00)"
    assert wins[1].text == "aht-band stayed inside its band 3 check-ins in a row (AHT 5:10)"


def test_a_band_goal_has_no_personal_best() -> None:
    goal = band_goal(level=Level.AGENT, owner="maria")
    points = [Point(START + timedelta(days=i), 420.0 - 10 * i) for i in range(12)]
    wins = detect_wins([goal], {goal.key: points}, [], points[-1].day)
    assert WinKind.BEST not in {w.kind for w in wins}


# --- SMART -------------------------------------------------------------------------------


def test_smart_knows_a_band_is_measurable() -> None:
    measurable = assess(band_goal(), [], MID).letter("M")
    assert measurable.grade is Grade.PASS
    assert measurable.reason == "AHT: 7:00 -> 5:00..6:00."
    hold = assess(band_goal(330.0), [], MID).letter("M")
    assert hold.grade is Grade.PASS  # a baseline inside the band: a hold goal, not "nothing to do"
    no_baseline = assess(band_goal(None), [], MID).letter("M")
    assert no_baseline.grade is Grade.WARN and "inside 5:00..6:00" in no_baseline.reason


def test_smart_refuses_a_percent_band_past_100() -> None:
    goal = band_goal(70.0, (90.0, 110.0))
    goal.metric.unit = "%"
    assert assess(goal, [], MID).letter("A").grade is Grade.FAIL


# --- the goal form and goaltui add -------------------------------------------------------


def test_the_form_reads_a_band_and_a_weight() -> None:
    values = FormValues(
        title="Keep AHT in the band",
        key="aht-band",
        metric="AHT",
        unit="s",
        baseline="420",
        target="5:00..6:00",
        start="2025-01-01",
        due="2025-04-11",
        weight="2",
    )
    result = read_form(values, START)
    assert result.goal is not None, result.errors
    assert result.goal.metric.band == AHT_BAND and result.goal.metric.target == 360.0
    assert result.goal.weight == 2.0
    assert result.notes["target"] == "met inside 5:00..6:00"
    again = FormValues.from_goal(result.goal)
    assert (again.target, again.weight) == ("5:00..6:00", "2")  # a seconds band as typed


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [("target", "360..300", "low edge first"), ("weight", "0", "above 0")],
)
def test_the_form_says_what_is_wrong_with_a_band_or_weight(
    field: str, typed: str, message: str
) -> None:
    values = FormValues(
        title="Keep AHT in the band",
        key="aht-band",
        metric="AHT",
        baseline="420",
        target="300..360",
        start="2025-01-01",
    )
    result = read_form(FormValues(**(values.__dict__ | {field: typed})), START)
    assert result.goal is None and message in result.errors[field]


def test_goaltui_add_takes_a_band_and_a_weight(tmp_path: Path) -> None:
    db = str(tmp_path / "goals.json")
    args = ["add", "aht", "Keep AHT in the band", "--metric", "AHT", "--unit", "s"]
    args += ["--baseline", "420", "--target", "5:00..6:00", "--due", "+8w", "--weight", "2"]
    result = CliRunner().invoke(cli.main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    assert "(AHT 7:00 -> 5:00..6:00 by " in result.output and ", weight 2" in result.output
    goal = Store(Path(db)).goal("aht")
    assert goal.metric.band == AHT_BAND and goal.weight == 2.0
    bad = CliRunner().invoke(cli.main, [*args[:-4], "--target", "360..300", "--due", "+8w"])
    assert bad.exit_code == 1 and "low edge first" in bad.stderr


# --- weighted roll-up --------------------------------------------------------------------


def node_row(key: str, fraction: float, parent: str | None = None, weight: float = 1) -> BoardRow:
    level = Level.CENTER if parent is None else Level.TEAM
    goal = Goal(
        key=key,
        title=key,
        level=level,
        parent=parent,
        weight=weight,
        metric=Metric(name="FCR", baseline=60, target=80),
        start=START,
    )
    progress = GoalProgress(None, None, None, fraction, fraction, None, Status.ON_TRACK, None, None)
    return BoardRow(goal, progress, (0, 0))


def test_the_roll_up_weighs_each_child_by_its_weight() -> None:
    rows = [
        node_row("centre", 0.5),
        node_row("billing", 1.0, "centre", weight=3),
        node_row("sales", 0.0, "centre"),
    ]
    (root,) = build_alignment(rows).roots
    # (0.5 own x 1 + 1.0 x 3 + 0.0 x 1) / 5
    assert root.rollup_fraction == pytest.approx(0.7)
    plain = build_alignment([*rows[:1], node_row("billing", 1.0, "centre"), rows[2]])
    assert plain.roots[0].rollup_fraction == pytest.approx(0.5)  # a plain mean, as before


# --- meeting minutes ---------------------------------------------------------------------


def test_the_minutes_keep_a_band_goals_band() -> None:
    goal = band_goal()
    item = review_item(goal, evaluate(goal, [Point(MID, 390.0)], MID))
    assert figures_text(item).startswith("AHT 6:30 → 5:00..6:00 · 50%")
    assert item.model_dump(mode="json")["band"] == [300.0, 360.0]
    plain = review_item(
        band_goal().model_copy(update={"metric": Metric(name="AHT", target=1)}),
        evaluate(goal, [], MID),
    )
    assert "band" not in plain.model_dump(mode="json")


def test_a_band_value_on_an_80_column_board_never_cuts_a_column_heading() -> None:
    """ "5:24→5:00..6:00" is wide: the sparkline gives way, headed "30d", not "30 da"."""
    from goaltui.widgets.board_columns import board_columns

    goal = band_goal(420.0, key="adherence-billing")  # the demo's longest key
    progress = evaluate(goal, [Point(START, 324.0)], START)
    columns = {c.key: c for c in board_columns(80, [BoardRow(goal, progress, (3, 5))])}
    assert columns["spark"].label == "30d" and columns["spark"].width >= 4
    assert sum(c.width + 2 for c in columns.values()) + 1 <= 80
