"""Wide platform exports imported as a lead's cron job meets them (tests/export_files.py):
one column per metric, agents named either way, durations and percentages as platforms
write them, interval rows made into one value a day, all rows or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from export_files import (
    CONNECT,
    CONNECT_COLUMNS,
    CONNECT_OWNERS,
    FIVE9,
    FIVE9_COLUMNS,
    FIVE9_OWNERS,
    GENESYS,
    GENESYS_COLUMNS,
    add_acw_goals,
)

from goaltui.core.clock import FixedClock
from goaltui.core.errors import UserError
from goaltui.core.models import Goal, Level, Metric
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.importer import (
    Action,
    ImportPlan,
    ImportResult,
    apply_import,
    describe_plan,
    describe_result,
)
from goaltui.formats.wide_import import plan_wide_import
from goaltui.store.store import Store

SAT, SUN, MON = date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)
GENESYS_OPTS: dict[str, Any] = {"columns": GENESYS_COLUMNS, "owner_cols": ["Agent Name"]}
CONNECT_OPTS: dict[str, Any] = {
    "columns": CONNECT_COLUMNS,
    "owner_cols": CONNECT_OWNERS,
    "date_col": "Interval start",
    "weight_col": "Contacts handled",
}
FIVE9_OPTS: dict[str, Any] = {
    "columns": FIVE9_COLUMNS,
    "owner_cols": FIVE9_OWNERS,
    "date_col": "DATE",
}


@pytest.fixture
def store(demo_path: Path, clock: FixedClock) -> Store:
    store = Store(demo_path, clock=clock, user="lead")
    add_acw_goals(store)
    return store


def plan(store: Store, source: Path, **opts: Any) -> ImportPlan:
    return plan_wide_import(source, store, today=DEMO_TODAY, **opts)


def do_import(store: Store, source: Path, **opts: Any) -> ImportResult:
    return apply_import(store, plan(store, source, **opts))


def value_on(store: Store, key: str, day: date) -> float | None:
    found = [c.value for c in store.checkins(key) if c.day == day]
    return found[0] if found else None


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8", newline="")
    return path


# -- daily wide files -------------------------------------------------------------------


REPORT = (
    "Agent Performance Report\r\n"
    '"Generated: 2026-11-22 06:00, Billing queue"\r\n'
    "\r\n"
    '"Agent Name","Date","Avg Handle","FCR %"\r\n'
    '"Becker, Tom","2026/11/21","00:09:05","71.05%"\r\n'
    '"Okafor, Sam","2026/11/21","00:07:48","64.20%"\r\n'
    '"Total","","00:08:26","67.60%"\r\n'
    '"Grand Total:","2026/11/21","00:08:26","67.60%"\r\n'
    ",,,\r\n"
)


def test_a_title_block_and_total_rows_are_skipped_and_said(store: Store, tmp_path: Path) -> None:
    source = write(tmp_path, REPORT)
    opts: dict[str, Any] = {
        "columns": ["Avg Handle=AHT", "FCR %=FCR"],
        "owner_cols": ["Agent Name"],
    }
    planned = plan(store, source, **opts)
    assert planned.notes[:2] == (
        "3 lines above the header skipped",
        "2 total rows skipped (lines 7, 8)",
    )
    assert [(r.line, r.goal, r.value) for r in planned.rows] == [
        (5, "aht-tom", 545),
        (6, "fcr-sam", 64.2),
    ]
    result = apply_import(store, planned)
    assert result.added == 2
    assert "3 lines above the header skipped; 2 total rows skipped (lines 7, 8)" in (
        describe_result(result)
    )


def test_a_bad_row_under_a_title_block_names_its_line_in_the_file(
    store: Store, tmp_path: Path
) -> None:
    source = write(tmp_path, REPORT.replace("00:09:05", "9 min"))
    opts: dict[str, Any] = {
        "columns": ["Avg Handle=AHT", "FCR %=FCR"],
        "owner_cols": ["Agent Name"],
    }
    [error] = plan(store, source, **opts).errors
    assert error.line == 5  # the file's own line: the title block counts


def test_agents_given_by_login_land_in_their_goals(store: Store, tmp_path: Path) -> None:
    """Some platforms name agents by login only: "tbecker" is Tom Becker, "okafors" Sam."""
    source = write(tmp_path, "Date,Login,AHT\n2026-11-21,tbecker,00:09:05\n2026-11-21,okafors,\n")
    result = do_import(store, source, columns=["AHT=AHT"], owner_cols=["Login"])

    assert result.added == 1
    assert value_on(store, "aht-tom", SAT) == 545


def test_a_genesys_daily_file_lands_in_each_agents_goals(store: Store) -> None:
    """ "Becker, Tom" is Tom Becker; 00:09:05 is 545 s; "64.20%" is 64.2; the trailing
    ",,,,,,," rows are nothing; Maria's closed AHT goal takes no value."""
    result = do_import(store, GENESYS, **GENESYS_OPTS)

    assert (result.added, result.changed, result.unchanged) == (12, 0, 0)
    assert result.closed == {"aht-maria": 2}
    expected = {
        "aht-tom": (545, 571),
        "acw-tom": (72, 80),
        "fcr-sam": (64.2, 65.0),
        "adherence-sam": (87.5, 86.2),
        "acw-sam": (58, 61),
        "csat-priya": (85.0, 86.4),
    }
    assert {k: (value_on(store, k, SAT), value_on(store, k, SUN)) for k in expected} == expected
    assert value_on(store, "aht-maria", SAT) is None


def test_cells_of_agents_without_a_goal_on_the_metric_are_counted_not_taken(
    store: Store,
) -> None:
    """A centre-wide export has every metric for every agent; Tom has no FCR goal."""
    result = do_import(store, GENESYS, **GENESYS_OPTS)

    assert result.notes == (
        "24 cells of agents with no goal on that metric not imported "
        "(ACW 4, AHT 4, Adherence 6, CSAT 4, FCR 6)",
    )


def test_importing_the_same_export_twice_changes_nothing_and_says_so(
    store: Store, demo_path: Path
) -> None:
    do_import(store, GENESYS, **GENESYS_OPTS)
    before = demo_path.read_bytes()

    second = do_import(store, GENESYS, **GENESYS_OPTS)

    assert (second.added, second.changed, second.unchanged) == (0, 0, 12)
    assert describe_result(second).startswith(
        "added 0, changed 0, skipped 12 unchanged (already imported: nothing changed)"
    )
    assert demo_path.read_bytes() == before  # not even rewritten


def test_a_semicolon_file_with_decimal_commas_mm_ss_and_split_names(store: Store) -> None:
    """Five9-like: "tom" / "BECKER" in two columns, 01:09 is 69 s, "63,80 %" is 63.8 (the
    value already stored for Sam on Monday: unchanged)."""
    p = plan(store, FIVE9, **FIVE9_OPTS)

    assert {(r.goal, r.action, r.value) for r in p.rows} == {
        ("acw-tom", Action.NEW, 69),
        ("acw-sam", Action.NEW, 57),
        ("fcr-sam", Action.UNCHANGED, 63.8),
        ("adherence-sam", Action.UNCHANGED, 86.8),
        ("csat-priya", Action.UNCHANGED, 87.2),
    }
    assert all(r.day == MON for r in p.rows)


def test_names_written_every_way_find_the_same_agent(store: Store, tmp_path: Path) -> None:
    rows = [
        '"Okafor, Sam",2026-11-19,62.5',
        "sam okafor,2026-11-20,63.1",  # as stored: unchanged
        "  SAM   OKAFOR ,2026-11-21,64",
        "sam.okafor@centre.example,2026-11-22,65",
    ]
    path = write(tmp_path, "Agent,Day,FCR\n" + "\n".join(rows) + "\n")

    p = plan(store, path, columns=["FCR"], owner_cols=["Agent"], date_col="Day")

    assert [(r.goal, r.day.day, r.action) for r in p.rows] == [
        ("fcr-sam", 19, Action.CHANGED),
        ("fcr-sam", 20, Action.UNCHANGED),
        ("fcr-sam", 21, Action.NEW),
        ("fcr-sam", 22, Action.NEW),
    ]


# -- interval rows ----------------------------------------------------------------------


def test_interval_rows_make_one_value_a_day_weighted_by_contacts(store: Store) -> None:
    """Tom's AHT over 10 contacts (540 s) outweighs the one over 2 (612 s): 555.286, not the
    plain 562; the idle interval (0 contacts, empty cells) counts for nothing; ACW comes in
    milliseconds."""
    result = do_import(store, CONNECT, **CONNECT_OPTS)

    assert (result.added, result.changed, result.unchanged) == (3, 0, 0)
    assert value_on(store, "aht-tom", SAT) == 555.286
    assert value_on(store, "acw-tom", SAT) == 70.964
    assert value_on(store, "acw-sam", SAT) == 58.647
    assert value_on(store, "acw-sam", SUN) is None  # an idle day: nothing to average
    assert result.notes == (
        "10 rows made 4 daily values, weighted by 'Contacts handled'",
        "5 cells of agents with no goal on that metric not imported (AHT 5)",
        "1 agent-day with no 'Contacts handled': no value to average",
    )


def test_without_weights_an_idle_intervals_zero_is_averaged_in_and_caught(
    store: Store,
) -> None:
    """A plain mean takes Sam's idle intervals (ACW 0) at face value: Saturday's 43.6 s
    slips through, Sunday's 0 is far from his range and stops the import (--weight-col is
    what such a file needs)."""
    opts = {**CONNECT_OPTS, "weight_col": None}

    p = plan(store, CONNECT, **opts)

    assert [r.value for r in p.rows if r.goal == "acw-sam" and r.day == SAT] == [43.562]
    assert [str(e) for e in p.errors] == [
        "line 12: 0:00 is far from acw-sam's recent range 0:43.6-1:10: check it, or use --force to "
        "import it"
    ]


@pytest.mark.parametrize("how", ["mean", "sum"])
def test_intervals_averaged_without_weights_say_so_and_name_the_count_column(
    store: Store, how: str
) -> None:
    """DESIGN: an interval average is weighted by its count, never a plain mean. Without
    --weight-col the import says what it did and which column would weight it."""
    opts = {**CONNECT_OPTS, "weight_col": None, "columns": ["Average handle time=AHT"]}
    notes = plan(store, CONNECT, aggregate=how, **opts).notes
    hint = "averaged as a plain mean: --weight-col 'Contacts handled' weights each row by its count"
    assert (hint in notes) is (how == "mean"), notes
    if how == "mean":
        weighted = {**CONNECT_OPTS, "columns": ["Average handle time=AHT"]}
        assert hint not in plan(store, CONNECT, **weighted).notes


@pytest.mark.parametrize(("how", "expected"), [("mean", 562.0), ("sum", 2810.0), ("last", 590.0)])
def test_aggregate_mean_sum_or_last(store: Store, how: str, expected: float) -> None:
    opts = {**CONNECT_OPTS, "weight_col": None, "columns": ["Average handle time=AHT"]}

    p = plan(store, CONNECT, aggregate=how, force=True, **opts)

    assert [r.value for r in p.rows if r.goal == "aht-tom"] == [expected]


def test_a_column_can_sum_while_the_others_average(store: Store) -> None:
    store.add_goal(
        Goal(
            key="contacts-tom",
            title="Take more of the queue",
            owner="Tom Becker",
            level=Level.AGENT,
            metric=Metric(name="Contacts", unit="", baseline=20, target=30),
            start=date(2026, 11, 1),
        )
    )
    columns = [*CONNECT_COLUMNS, "Contacts handled=Contacts:sum"]

    do_import(store, CONNECT, **{**CONNECT_OPTS, "columns": columns})

    assert value_on(store, "contacts-tom", SAT) == 28
    assert value_on(store, "aht-tom", SAT) == 555.286


# -- all or nothing ---------------------------------------------------------------------

HEADER = "Agent,Date,Handled,AHT,FCR\n"
GOOD = '"Becker, Tom",2026-11-21,30,00:09:05,\n'

BAD_EXPORTS = {
    "unknown agent": (
        GOOD + '"Beker, Tom",2026-11-21,30,00:09:05,\n',
        "line 3: no goal is owned by 'Beker, Tom' (did you mean 'Tom Becker'?)",
    ),
    "no agent": (GOOD + ",2026-11-21,30,00:09:05,\n", "line 3: no agent in the 'Agent' column"),
    "duration in a % goal": (
        GOOD + '"Okafor, Sam",2026-11-21,30,,1:04\n',
        "line 3: FCR: value '1:04': m:ss is for a metric in seconds, this one is in '%'",
    ),
    "bad duration": (
        GOOD + '"Becker, Tom",2026-11-22,30,9:75,\n',
        "line 3: AHT: value '9:75': minutes and seconds run 00 to 59 (10:15, not 9:75)",
    ),
    "future day": (
        GOOD + '"Becker, Tom",2026-11-27T08:00:00Z,30,00:09:05,\n',
        "line 3: date 2026-11-27 is in the future",
    ),
    "month-first date": (
        GOOD + '"Becker, Tom",11/21/2026,30,00:09:05,\n',
        "line 3: date '11/21/2026' is not a date: use YYYY-MM-DD or DD/MM/YYYY "
        "(month first? --date-format %m/%d/%Y reads it)",
    ),
    "bad weight": (
        GOOD + '"Becker, Tom",2026-11-22,n/a,00:09:05,\n',
        "line 3: Handled must be a number, got 'n/a'",
    ),
    "negative weight": (
        GOOD + '"Becker, Tom",2026-11-22,-3,00:09:05,\n',
        "line 3: Handled must not be negative, got '-3'",
    ),
    "too many fields": (GOOD + '"Becker, Tom",2026-11-22,3,1,2,3\n', "line 3: more fields"),
    "before the goal starts": (
        '"Becker, Tom",2026-11-21,30,,\n"Okafor, Sam",2026-05-04,30,,64\n',
        "line 3: 2026-05-04 is before fcr-sam starts (2026-06-01)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_EXPORTS))
def test_a_bad_row_names_its_line_and_nothing_is_imported(
    case: str, store: Store, demo_path: Path, tmp_path: Path
) -> None:
    body, expected = BAD_EXPORTS[case]
    path = write(tmp_path, HEADER + body + ",,,,\n")
    before = demo_path.read_bytes()
    opts = {"columns": ["AHT", "FCR"], "owner_cols": ["Agent"], "weight_col": "Handled"}

    p = plan(store, path, **opts)
    with pytest.raises(UserError) as err:
        apply_import(store, p)

    assert expected in str(err.value)
    assert str(err.value).endswith(f"1 bad row in {path}; nothing was imported")
    assert demo_path.read_bytes() == before
    with pytest.raises(UserError):
        describe_plan(p)  # the dry run fails the same way


@pytest.mark.parametrize(
    ("opts", "expected"),
    [
        (
            {"columns": ["Avg Handle=AHTT"]},
            "line 1: column 'Avg Handle': no goal has the metric 'AHTT' (did you mean 'AHT'?)",
        ),
        ({"columns": ["Handle time=AHT"]}, "line 1: no 'Handle time' column (columns found: "),
        ({"owner_cols": ["Agent"]}, "line 1: no 'Agent' column"),
        ({"date_col": "Day"}, "line 1: no 'Day' column"),
    ],
)
def test_the_header_is_checked_before_any_row(
    opts: dict[str, Any], expected: str, store: Store
) -> None:
    with pytest.raises(UserError) as err:
        do_import(store, GENESYS, **{**GENESYS_OPTS, **opts})

    assert str(err.value).startswith(expected)


@pytest.mark.parametrize(
    ("opts", "expected"),
    [
        ({"owner_cols": []}, "--column needs --owner-col"),
        ({"owner_cols": ["a", "b", "c"]}, "--column needs --owner-col"),
        ({"aggregate": "sum", "weight_col": "Interactions Handled"}, "--weight-col weights a mean"),
        ({"columns": ["Avg Handle=AHT", "Avg ACW=AHT"]}, "the metric 'AHT' is given twice"),
        ({"columns": ["Avg Handle=AHT", "avg handle=ACW"]}, "the column 'avg handle' is given"),
    ],
)
def test_options_that_cannot_work_are_refused_at_once(
    opts: dict[str, Any], expected: str, store: Store
) -> None:
    with pytest.raises(UserError, match=expected):
        plan(store, GENESYS, **{**GENESYS_OPTS, **opts})
