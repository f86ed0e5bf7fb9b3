"""CSV import: what a lead sees when importing a platform's daily KPI export."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from goaltui.core.clock import FixedClock
from goaltui.core.errors import UserError
from goaltui.formats.csv_input import parse_day, parse_value
from goaltui.formats.demo import DEMO_TODAY
from goaltui.formats.importer import (
    Action,
    ImportResult,
    apply_import,
    describe_plan,
    describe_result,
    plan_import,
)
from goaltui.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample-import.csv"
PLATFORM = ROOT / "data" / "sample-import-platform.csv"
PLATFORM_COLS: dict[str, Any] = {"metric_col": "KPI", "owner_col": "Agent", "note_col": "Comment"}


@pytest.fixture
def store(demo_path: Path, clock: FixedClock) -> Store:
    return Store(demo_path, clock=clock, user="lead")


def write(tmp_path: Path, text: str, name: str = "kpis.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def value_on(store: Store, key: str, day: str) -> tuple[float, str] | None:
    found = [c for c in store.checkins(key) if c.day == date.fromisoformat(day)]
    return (found[0].value, found[0].note) if found else None


def do_import(store: Store, source: Path, **cols: Any) -> ImportResult:
    return apply_import(store, plan_import(source, store, today=DEMO_TODAY, **cols))


# -- good files -------------------------------------------------------------------------


def test_sample_file_adds_new_days_and_corrects_changed_ones(store: Store) -> None:
    result = do_import(store, SAMPLE)

    assert result == ImportResult(added=1, changed=1, unchanged=19)
    assert value_on(store, "aht-billing", "2026-11-21") == (
        468,
        "Saturday shift, 4 agents on the phones",
    )
    assert value_on(store, "aht-tom", "2026-11-24") == (
        551,
        "Corrected: WFM re-run left out a test call",
    )
    replaced = [r.old for r in store.checkin_history("aht-tom")]
    assert [(r.day, r.value) for r in replaced] == [(date(2026, 11, 24), 558)]


def test_platform_export_with_bom_crlf_semicolons_and_decimal_commas(store: Store) -> None:
    """Agent + KPI columns map to goals; 63,5 is 63.5 in a ';' file; 21/11/2026 is day first."""
    assert (
        PLATFORM.read_bytes().startswith(b"\xef\xbb\xbfDate;") and b"\r\n" in PLATFORM.read_bytes()
    )

    result = do_import(store, PLATFORM, **PLATFORM_COLS)

    assert result == ImportResult(added=2, changed=1, unchanged=19)
    assert value_on(store, "fcr-sam", "2026-11-21") == (63.5, "Saturday shift")
    assert value_on(store, "aht-tom", "2026-11-21") == (561, "Saturday shift")
    assert value_on(store, "adherence-sam", "2026-11-25") == (84.8, "Team meeting ran 20 min over")


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    store: Store, demo_path: Path
) -> None:
    do_import(store, SAMPLE)
    before = demo_path.read_bytes()

    second = do_import(store, SAMPLE)

    assert second == ImportResult(added=0, changed=0, unchanged=21)
    assert demo_path.read_bytes() == before  # not even rewritten
    assert describe_result(second) == (
        "added 0, changed 0, skipped 21 unchanged (already imported: nothing changed)"
    )


def test_dry_run_describes_the_changes_and_writes_nothing(store: Store, demo_path: Path) -> None:
    before = demo_path.read_bytes()

    text = describe_plan(plan_import(SAMPLE, store, today=DEMO_TODAY))

    assert text.splitlines() == [
        "would add 1, change 1, skip 19 unchanged",
        "  new: aht-billing: 1 day (2026-11-21)",
        "  line 10: aht-tom 2026-11-24: 558 -> 551, "
        "note '' -> 'Corrected: WFM re-run left out a test call'",
    ]
    assert demo_path.read_bytes() == before


def test_a_value_logged_after_planning_is_kept_in_history_not_lost(store: Store) -> None:
    plan = plan_import(SAMPLE, store, today=DEMO_TODAY)
    store.log("aht-billing", 470, date(2026, 11, 21), note="typed by hand")

    assert apply_import(store, plan) == ImportResult(added=0, changed=2, unchanged=19)
    assert [r.old.note for r in store.checkin_history("aht-billing")] == ["typed by hand"]


def test_an_empty_note_keeps_the_note_a_lead_typed(store: Store, tmp_path: Path) -> None:
    """csat-priya on 2026-11-25 has the note 'Fixed a typo (8.6)' in the demo."""
    path = write(tmp_path, "date,goal,value,note\n2026-11-25,csat-priya,86.5,\n")

    assert do_import(store, path) == ImportResult(0, 1, 0)
    assert value_on(store, "csat-priya", "2026-11-25") == (86.5, "Fixed a typo (8.6)")


def test_header_names_ignore_case_and_tabs_are_sniffed(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, " Day \tKey\tAHT seconds\n2026-11-21\tAHT-Tom\t1,020\n")

    # 1,020 s is far from Tom's recent values: --force, as a lead who checked it would.
    cols = {"date_col": "day", "goal_col": "key", "value_col": "aht seconds", "force": True}
    result = do_import(store, path, **cols)

    assert result == ImportResult(1, 0, 0)
    assert value_on(store, "aht-tom", "2026-11-21") == (1020, "")


def test_metric_owner_match_ignores_case_and_prefers_the_active_goal(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "date,agent,kpi,value\n2026-11-21,  tom  BECKER ,aht,540\n")

    assert do_import(store, path, metric_col="kpi", owner_col="agent") == ImportResult(1, 0, 0)
    assert value_on(store, "aht-tom", "2026-11-21") == (540, "")


def test_owners_written_last_name_first_or_in_two_columns(store: Store, tmp_path: Path) -> None:
    """The long format takes a platform's names as the wide one does (owner_names.py)."""
    path = write(
        tmp_path,
        'date,first,last,agent,kpi,value\n2026-11-21,tom,BECKER,"Becker, Tom",AHT,540\n',
    )

    assert do_import(store, path, metric_col="kpi", owner_col="agent") == ImportResult(1, 0, 0)
    two = {"metric_col": "kpi", "owner_col": ["first", "last"]}
    assert do_import(store, path, **two) == ImportResult(0, 0, 1)
    assert value_on(store, "aht-tom", "2026-11-21") == (540, "")


def test_an_agent_given_by_login_takes_the_value_of_their_goal(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "date,login,kpi,value\n2026-11-21,tbecker,AHT,540\n")

    assert do_import(store, path, metric_col="kpi", owner_col="login") == ImportResult(1, 0, 0)
    assert value_on(store, "aht-tom", "2026-11-21") == (540, "")


def test_us_dates_with_an_explicit_format(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "date,goal,value\n11/21/2026,fcr-sam,64\n")

    do_import(store, path, date_format="%m/%d/%Y")

    assert value_on(store, "fcr-sam", "2026-11-21") == (64, "")


def test_a_windows_cp1252_file_keeps_its_accents(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes(
        "date,goal,value,note\r\n2026-11-21,fcr-sam,64,Réunion équipe\r\n".encode("cp1252")
    )

    do_import(store, path)

    assert value_on(store, "fcr-sam", "2026-11-21") == (64, "Réunion équipe")


def test_a_row_repeated_verbatim_is_counted_once(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path, "date,goal,value\n2026-11-21,fcr-sam,64\n2026-11-21,fcr-sam,64.0\n\n,,\n"
    )
    plan = plan_import(path, store, today=DEMO_TODAY)

    assert [r.action for r in plan.rows] == [Action.NEW]
    assert describe_plan(plan).startswith("would add 1, change 0, skip 0 unchanged (1 repeated row")


def test_a_snapshot_is_enough_to_plan_and_applying_stays_exact(store: Store) -> None:
    """A snapshot has no notes: the row repeating aht-tom's note plans as a change."""
    plan = plan_import(SAMPLE, store.snapshot(), today=DEMO_TODAY)

    assert (plan.count(Action.NEW), plan.count(Action.CHANGED)) == (1, 2)
    assert apply_import(store, plan) == ImportResult(added=1, changed=1, unchanged=19)


def test_from_an_open_text_stream(store: Store) -> None:
    stream = io.StringIO("\ufeffdate,goal,value\r\n2026-11-21,fcr-sam,64\r\n")

    assert do_import(store, stream) == ImportResult(1, 0, 0)  # type: ignore[arg-type]


# -- bad files: the line is named, nothing is written -----------------------------------

GOOD = "2026-11-21,fcr-sam,64,\n"  # a valid row before each bad one: it must not be imported

BAD_FILES = {
    "unknown goal": (
        GOOD + "2026-11-21,aht-tim,500,\n",
        "line 3: no goal with key 'aht-tim' (did you mean 'aht-tom'?)",
    ),
    "bad number": (GOOD + "2026-11-21,aht-tom,n/a,\n", "line 3: value must be a number, got 'n/a'"),
    "decimal comma in a comma file": (
        GOOD + '2026-11-21,aht-tom,"6,2",\n',
        "line 3: value '6,2' is ambiguous",
    ),
    "bad date": (GOOD + "2026-13-01,aht-tom,500,\n", "line 3: date '2026-13-01' is not a date"),
    "relative date": (GOOD + "yesterday,aht-tom,500,\n", "line 3: date 'yesterday' is not a date"),
    "future date": (GOOD + "2026-11-27,aht-tom,500,\n", "line 3: date 2026-11-27 is in the future"),
    "no goal": (GOOD + "2026-11-21,,500,\n", "line 3: no goal given"),
    "conflicting duplicate": (
        GOOD + "2026-11-21,fcr-sam,65,\n",
        "line 3: fcr-sam on 2026-11-21 is also on line 2",
    ),
    "too many fields": (
        GOOD + "2026-11-21,aht-tom,500,long, queue\n",
        "line 3: more fields than the 4 columns",
    ),
    "too few fields": (GOOD + "2026-11-21,aht-tom\n", "line 3: fewer fields than the 4 columns"),
    "note too long": (
        GOOD + "2026-11-21,aht-tom,500," + "x" * 501 + "\n",
        "line 3: note: at most 500 characters, got 501",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_row_names_its_line_and_imports_nothing(
    case: str, store: Store, demo_path: Path, tmp_path: Path
) -> None:
    body, expected = BAD_FILES[case]
    path = write(tmp_path, "date,goal,value,note\n" + body)
    before = demo_path.read_bytes()

    plan = plan_import(path, store, today=DEMO_TODAY)
    with pytest.raises(UserError) as dry_run:
        describe_plan(plan)
    with pytest.raises(UserError) as real:
        apply_import(store, plan)

    assert expected in str(real.value)
    assert str(real.value).splitlines()[-1] == f"1 bad row in {path}; nothing was imported"
    assert str(dry_run.value) == str(real.value)
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize(
    ("header", "cols", "expected"),
    [
        ("date,goal,amount", {}, "line 1: no 'value' column (columns found: date, goal, amount)"),
        ("date,value", {}, "line 1: no 'goal' column"),
        ("date,goal,value", {"note_col": "comment"}, "line 1: no 'comment' column"),
        (
            "date,kpi,value",
            {"metric_col": "kpi", "owner_col": "agent"},
            "line 1: no 'agent' column",
        ),
    ],
)
def test_a_missing_column_is_reported_on_line_1(
    header: str, cols: dict[str, Any], expected: str, store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, header + "\n2026-11-21,fcr-sam,64\n")

    with pytest.raises(UserError, match="nothing was imported") as err:
        do_import(store, path, **cols)

    assert str(err.value).splitlines()[0].startswith(expected)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "2026-11-21,,AHT,500",
            "line 2: metric 'AHT' matches several goals (aht-billing, aht-tom)",
        ),
        ("2026-11-21,Nobody,AHT,500", "line 2: no goal for metric 'AHT' and owner 'Nobody'"),
    ],
)
def test_metric_owner_pairs_that_match_zero_or_many_goals(
    row: str, expected: str, store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "date,agent,kpi,value\n" + row + "\n")

    with pytest.raises(UserError) as err:
        do_import(store, path, metric_col="kpi", owner_col="agent")

    assert expected in str(err.value)


def test_many_bad_rows_show_the_first_ten(store: Store, tmp_path: Path) -> None:
    rows = "".join(f"2026-11-{d:02},fcr-sam,oops\n" for d in range(1, 16))
    path = write(tmp_path, "date,goal,value\n" + rows)

    with pytest.raises(UserError) as err:
        do_import(store, path)

    lines = str(err.value).splitlines()
    assert lines[0].startswith("line 2: ") and lines[9].startswith("line 11: ")
    assert lines[10] == f"15 bad rows in {path}; nothing was imported (5 not shown)"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"PK\x03\x04rest", "looks like an Excel workbook"),
        (None, "cannot read"),
    ],
)
def test_unusable_files(content: bytes | None, expected: str, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(UserError, match=expected):
        plan_import(path, store, today=DEMO_TODAY)


# -- cell parsing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("1,234", False, 1234),
        ("1,234.5", False, 1234.5),
        ("85%", False, 85),
        (" -3 ", False, -3),
        ("6,2", True, 6.2),
        ("1.234,5", True, 1234.5),
        ("6.2", True, 6.2),
    ],
)
def test_parse_value(text: str, decimal_comma: bool, expected: float) -> None:
    assert parse_value(text, decimal_comma) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-21", date(2026, 11, 21)),
        ("2026-11-21T00:00:00", date(2026, 11, 21)),
        ("2026-11-21 08:00", date(2026, 11, 21)),
        ("21/11/2026", date(2026, 11, 21)),
        ("1.2.2026", date(2026, 2, 1)),
        ("2026-11-21T08:00:00Z", date(2026, 11, 21)),
        ("2026/11/21", date(2026, 11, 21)),
        ("2026-11-21 00:00:00", date(2026, 11, 21)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text) == expected


def test_a_us_date_without_the_format_is_refused_not_misread() -> None:
    with pytest.raises(ValueError, match="use YYYY-MM-DD or DD/MM/YYYY"):
        parse_day("11/21/2026")


def test_a_goal_in_seconds_takes_durations_as_platforms_write_them(
    store: Store, tmp_path: Path
) -> None:
    body = "2026-11-24,aht-billing,00:07:15,\n2026-11-25,aht-billing,7:20,\n"
    result = do_import(store, write(tmp_path, "date,goal,value,note\n" + body))
    assert result.changed == 2
    assert value_on(store, "aht-billing", "2026-11-24") == (435, "")
    assert value_on(store, "aht-billing", "2026-11-25") == (440, "")


def test_a_duration_for_a_goal_not_in_seconds_names_its_line(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "date,goal,value,note\n2026-11-25,fcr-billing,5:24,\n")
    with pytest.raises(UserError, match="line 2: value '5:24': m:ss is for a metric in seconds"):
        do_import(store, path)
