"""Durations as a lead types and reads them (5:24, 1:02:03), and the KPI library that says
which metrics are durations."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from goaltui.core import formatting as fmt
from goaltui.core import kpis
from goaltui.core.durations import clock, clock_ticks, parse_clock
from goaltui.core.goal_input import FormValues, read_form
from goaltui.core.models import Goal, Metric
from goaltui.core.numbers import parse_value

TODAY = date(2026, 11, 26)

# -- reading what was typed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("5:24", 324),
        ("1:02:03", 3723),
        ("0:45", 45),
        (" 8:00 ", 480),
        ("00:05:24", 324),  # as platform exports write it
        ("75:00", 4500),  # minutes may run past 59 in the leading field
        ("0:07.5", 7.5),
        ("324", 324),  # plain seconds still work
        ("1,234", 1234),
    ],
)
def test_a_seconds_metric_takes_m_ss_h_mm_ss_or_plain_seconds(typed: str, seconds: float) -> None:
    assert parse_value(typed, "s") == seconds


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5:75", "value '5:75': minutes and seconds run 00 to 59 (6:15, not 5:75)"),
        ("1:75:00", "value '1:75:00': minutes and seconds run 00 to 59"),
        ("-5:24", "value '-5:24': a duration has no sign; write it like 5:24"),
        ("5:24:", "value must be a duration like 5:24 or 1:02:03, got '5:24:'"),
        ("1:2:3:4", "value must be a duration like 5:24 or 1:02:03, got '1:2:3:4'"),
    ],
)
def test_a_mistyped_duration_is_refused_in_one_line(typed: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_value(typed, "s")
    assert str(refused.value) == message
    assert "\n" not in message


@pytest.mark.parametrize("unit", ["%", "", "calls", "h", "min"])
def test_a_duration_for_a_metric_not_in_seconds_is_refused_not_guessed(unit: str) -> None:
    with pytest.raises(ValueError, match="m:ss is for a metric in seconds, this one") as refused:
        parse_value("5:24", unit, "target")
    assert str(refused.value).startswith("target '5:24': m:ss is for")
    assert parse_value("85%", unit) == 85  # numbers still read for any unit


def test_every_seconds_spelling_takes_durations() -> None:
    assert [parse_value("1:00", u) for u in ("s", "S", "sec", "secs", "seconds", " s ")] == [60] * 6


# -- showing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (324, "5:24"),
        (3723, "1:02:03"),
        (0, "0:00"),
        (45, "0:45"),
        (7.5, "0:07.5"),
        (324.25, "5:24.3"),  # a tenth at most, halves up, as on paper
        (59.96, "1:00"),
        (3599.96, "1:00:00"),
        (-90, "-1:30"),
        (-0.04, "0:00"),  # never "-0:00"
        (86400, "24:00:00"),
    ],
)
def test_clock(seconds: float, text: str) -> None:
    assert clock(seconds) == text


def test_what_is_shown_to_edit_reads_back_to_the_same_number() -> None:
    for seconds in (324.37, 0.1 + 0.2, 473.41, 59.999, 1e-7, 123456789.123, 3723.0):
        assert parse_clock(clock(seconds, exact=True)) == seconds


def test_a_duration_axis_is_marked_in_round_steps() -> None:
    assert [clock(t) for t in clock_ticks(300, 360)] == ["5:00", "5:15", "5:30", "5:45", "6:00"]
    assert [clock(t) for t in clock_ticks(410, 590)] == ["7:00", "8:00", "9:00"]
    assert [clock(t) for t in clock_ticks(3000, 9000)] == [
        "1:00:00",
        "1:30:00",
        "2:00:00",
        "2:30:00",
    ]
    assert clock_ticks(324, 324) == [324]
    assert clock_ticks(5, 1) == []


# -- the KPI library ----------------------------------------------------------------------


def test_the_library_holds_the_standard_kpis_with_unit_direction_and_typical_target() -> None:
    shorts = [k.short for k in kpis.LIBRARY]
    assert shorts == ["AHT", "ACW", "FCR", "CSAT", "NPS", "SL", "ABN", "OCC", "ADH", "CRT", "QA"]
    hints = {k.short: (k.unit, k.hint()) for k in kpis.LIBRARY}
    assert hints["AHT"] == ("s", "best inside a band, typical 5:00..6:00")
    assert hints["ACW"] == ("s", "lower is better, typical 1:00")
    assert hints["FCR"] == ("%", "higher is better, typical 80%")
    assert hints["NPS"] == ("", "higher is better, typical +30")
    assert hints["OCC"] == ("%", "best inside a band, typical 75..85%")
    assert hints["ABN"] == ("%", "lower is better, typical 5%")
    assert hints["CRT"] == ("h", "lower is better, typical 24 h")
    assert kpis.find("AHT").band == (300, 360)  # type: ignore[union-attr]
    assert all(k.band is None for k in kpis.LIBRARY if k.better != "band")


@pytest.mark.parametrize(
    ("typed", "short"),
    [
        ("aht", "AHT"),
        ("Average Handle Time", "AHT"),
        (" after-call  work ", "ACW"),
        ("first contact resolution", "FCR"),
        ("service level", "SL"),
        ("QA score", "QA"),
        ("Schedule adherence", "ADH"),
        ("billing AHT", None),
        ("", None),
    ],
)
def test_a_metric_name_finds_its_kpi_by_short_or_full_name_any_case(
    typed: str, short: str | None
) -> None:
    found = kpis.find(typed)
    assert (found.short if found else None) == short


def test_suggestions_offer_short_names_then_full_names() -> None:
    names = kpis.suggestions()
    assert names[:3] == ["AHT", "ACW", "FCR"] and "Average handle time" in names
    assert len(names) == len(set(names)) == 2 * len(kpis.LIBRARY)


# -- the goal form ------------------------------------------------------------------------

AHT_FORM = FormValues(
    title="Cut AHT", key="aht", metric="aht", unit="s", baseline="9:00", target="7:30",
    start="2026-11-01", due="2027-01-31",
)  # fmt: skip


def test_the_goal_form_reads_durations_for_a_seconds_metric() -> None:
    result = read_form(AHT_FORM, TODAY)
    assert result.errors == {}
    assert result.goal is not None
    assert (result.goal.metric.baseline, result.goal.metric.target) == (540, 450)
    assert result.notes["metric"] == "Average handle time"  # what the form understood
    assert "baseline" not in result.notes  # typed as m:ss: nothing to explain
    relative = read_form(FormValues(**{**AHT_FORM.__dict__, "target": "-10%"}), TODAY)
    assert relative.notes["target"] == "= 8:06"  # 486 s, as the lead reads it


def test_the_goal_form_refuses_a_duration_for_a_metric_not_in_seconds() -> None:
    values = FormValues(**{**AHT_FORM.__dict__, "metric": "FCR", "unit": "%"})
    errors = read_form(values, TODAY).errors
    assert errors["baseline"] == (
        "baseline '9:00': m:ss is for a metric in seconds, this one is in '%'"
    )
    values = FormValues(**{**values.__dict__, "baseline": "75"})
    assert read_form(values, TODAY).errors["target"].startswith("target '7:30': m:ss is for")


def test_editing_a_goal_shows_its_seconds_as_m_ss_and_saves_them_unchanged() -> None:
    metric = Metric(name="AHT", unit="s", baseline=540.25, target=450)
    goal = Goal(key="aht", title="Cut AHT", metric=metric, start=date(2026, 11, 1))
    values = FormValues.from_goal(goal)
    assert (values.baseline, values.target) == ("9:00.25", "7:30")
    saved = read_form(values, TODAY, editing=True).goal
    assert saved is not None and saved.metric == metric
    assert fmt.value(540.25, "s") == "9:00.3"  # shown rounded; edited exact


def test_an_adjusted_duration_target_reads_m_ss_on_both_sides_of_the_minutes() -> None:
    from datetime import datetime

    from goaltui.core.meetings import change_text
    from goaltui.core.models import TargetChange

    at = datetime(2026, 11, 26, 9, tzinfo=UTC)
    change = TargetChange(goal="aht", field="target", old="450", new="480", reason="launch", at=at)
    assert change_text(change, "s") == "target 7:30 → 8:00: launch"
    percent = change.model_copy(update={"old": "72", "new": "74"})
    assert change_text(percent, "%") == "target 72 → 74%: launch"
