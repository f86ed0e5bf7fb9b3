"""The cells of a platform export: dates, agents' names, values, interval maths, --column."""

from __future__ import annotations

from datetime import date

import pytest

from goaltui.core.errors import UserError
from goaltui.core.import_profile import AGGREGATES
from goaltui.core.models import Goal, Metric
from goaltui.formats.aggregate import Aggregate, Sample, combine
from goaltui.formats.import_dates import parse_day
from goaltui.formats.import_values import parse_cell
from goaltui.formats.owner_names import Owners, joined, owner_key
from goaltui.formats.wide_columns import ColumnSpec, parse_column

DAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-21",
        "2026-11-21T08:30:00Z",
        "2026-11-21T23:30:00.000Z",
        "2026-11-21T23:30:00+05:30",
        "2026-11-21T08:30:00-0500",
        "2026-11-21 00:00:00",
        "2026/11/21",
        "2026/11/21 08:30",
        "2026.11.21",
        "21/11/2026",
        "21.11.2026",
        "21-11-2026",
        "21/11/2026 8:30:00 PM",
        " 2026-11-21 ",
    ],
)
def test_the_date_forms_platforms_write(text: str) -> None:
    """The day written is the day: a timestamp's time and offset are not converted."""
    assert parse_day(text) == DAY


def test_a_slash_date_is_day_first() -> None:
    assert parse_day("03/04/2026") == date(2026, 4, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/21/2026", "(month first? --date-format %m/%d/%Y reads it)"),
        ("2026-13-01", "is not a date: use YYYY-MM-DD or DD/MM/YYYY"),
        ("yesterday", "is not a date"),
        ("21/11/26", "is not a date"),
        ("2026-11-21 noon", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_dates_that_are_refused_not_guessed(text: str, expected: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_day(text)
    assert expected in str(err.value)


def test_a_date_format_reads_what_nothing_else_does() -> None:
    assert parse_day("11/21/2026", "%m/%d/%Y") == DAY
    assert parse_day("21-Nov-2026", "%d-%b-%Y") == DAY
    with pytest.raises(ValueError, match="does not match --date-format %m/%d/%Y"):
        parse_day("2026-11-21", "%m/%d/%Y")


@pytest.mark.parametrize(
    "name",
    [
        "Maria Lopez",
        "maria lopez",
        "  MARIA   LOPEZ ",
        "Lopez, Maria",
        "lopez,maria",
        "María López",
        "maria.lopez@centre.example",
    ],
)
def test_one_agent_written_every_way(name: str) -> None:
    assert owner_key(name) == "maria lopez"


def _owners(*names: str) -> Owners:
    metric = Metric(name="AHT", unit="s", baseline=540, target=480)
    goals = [
        Goal(key=f"g{n}", title="t", owner=name, metric=metric, start=DAY)
        for n, name in enumerate(names)
    ]
    return Owners(goals)


@pytest.mark.parametrize(
    "login", ["mlopez", "MLopez", "lopezm", "m.lopez", "maria_lopez", "marialopez", "lopez.maria"]
)
def test_a_login_names_the_owner_it_is_made_from(login: str) -> None:
    owners = _owners("María López", "Tom Becker", "Billing team")
    assert owners.resolve(login) == "maria lopez"


@pytest.mark.parametrize("login", ["mlopez2", "maria", "lopez", "xlopez", "m lopez x"])
def test_what_is_not_a_login_of_an_owner_names_nobody(login: str) -> None:
    owners = _owners("Maria Lopez", "Tom Becker")
    assert owners.resolve(login) is None
    assert owners.unknown_message(login).startswith("no goal is owned by")


def test_a_login_two_owners_could_have_names_neither_and_says_so() -> None:
    owners = _owners("Tom Becker", "Tina Becker")
    assert owners.resolve("tbecker") is None
    assert owners.unknown_message("tbecker") == (
        "login 'tbecker' could be 'Tina Becker' or 'Tom Becker': "
        "use an export with names or e-mail addresses"
    )
    assert owners.resolve("tom.becker") == "tom becker"  # the whole name still tells them apart


def test_a_first_and_a_last_name_cell_make_one_name() -> None:
    assert joined(["Maria ", " Lopez"]) == "Maria Lopez"
    assert joined(["Maria", None]) == "Maria"


@pytest.mark.parametrize(
    ("text", "unit", "millis", "expected"),
    [
        ("324", "s", False, 324),
        ("324.5", "s", False, 324.5),
        ("05:24", "s", False, 324),
        ("5:24", "s", False, 324),
        ("00:05:24", "s", False, 324),
        ("1:02:03", "sec", False, 3723),
        ("324512", "s", True, 324.512),
        ("85.00%", "%", False, 85),
        ("85 %", "%", False, 85),
        ("85", "%", False, 85),
        ("1,234", "", False, 1234),
    ],
)
def test_values_as_platforms_write_them(
    text: str, unit: str, millis: bool, expected: float
) -> None:
    assert parse_cell(text, unit=unit, millis=millis) == expected


def test_decimal_commas_in_a_semicolon_file() -> None:
    assert parse_cell("85,50 %", unit="%", decimal_comma=True) == 85.5


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        (
            "1:04",
            "%",
            "value '1:04': m:ss is for a metric in seconds, this one is in '%'",
        ),
        ("1:04", "", "m:ss is for a metric in seconds, this one has no unit"),
        ("5:75", "s", r"minutes and seconds run 00 to 59 \(6:15, not 5:75\)"),
        ("n/a", "s", "value must be a number, got 'n/a'"),
    ],
)
def test_values_that_are_refused(text: str, unit: str, expected: str) -> None:
    with pytest.raises(ValueError, match=expected):
        parse_cell(text, unit=unit)


def test_the_aggregate_names_are_the_file_checks_names() -> None:
    assert tuple(Aggregate) == AGGREGATES


def samples(*pairs: tuple[float, float | None]) -> list[Sample]:
    return [Sample(line, value, weight) for line, (value, weight) in enumerate(pairs, 2)]


@pytest.mark.parametrize(
    ("rows", "how", "expected"),
    [
        (samples((300, 30), (420, 10)), Aggregate.MEAN, 330),  # 30 contacts outweigh 10
        (samples((300, None), (420, None)), Aggregate.MEAN, 360),
        (samples((300, 30), (999, 0), (420, 10)), Aggregate.MEAN, 330),  # idle: no weight
        (samples((300, 0), (420, 0)), Aggregate.MEAN, None),  # nothing to average
        (samples((300, 0)), Aggregate.MEAN, None),
        (samples((300.5, None)), Aggregate.MEAN, 300.5),
        (samples((1, 1), (2, 1), (2, 1)), Aggregate.MEAN, 1.667),
        (samples((12, 5), (30, 0)), Aggregate.SUM, 42),
        (samples((12, None), (30, None)), Aggregate.LAST, 30),
    ],
)
def test_interval_rows_make_one_value(
    rows: list[Sample], how: Aggregate, expected: float | None
) -> None:
    assert combine(rows, how) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Average handle time=AHT", ColumnSpec("Average handle time", "AHT")),
        ("AHT", ColumnSpec("AHT", "AHT")),
        ("Avg ACW (ms)=ACW:ms", ColumnSpec("Avg ACW (ms)", "ACW", millis=True)),
        ("ACW:ms", ColumnSpec("ACW", "ACW", millis=True)),
        ("Handled=Contacts:sum", ColumnSpec("Handled", "Contacts", aggregate=Aggregate.SUM)),
        ("T=AHT:ms:last", ColumnSpec("T", "AHT", millis=True, aggregate=Aggregate.LAST)),
        ("AHT (hh:mm:ss)=AHT", ColumnSpec("AHT (hh:mm:ss)", "AHT")),
        (" FCR % = FCR ", ColumnSpec("FCR %", "FCR")),
    ],
)
def test_column_specs(text: str, expected: ColumnSpec) -> None:
    assert parse_column(text) == expected


@pytest.mark.parametrize("text", ["=AHT", "AHT=", " = ", ""])
def test_column_specs_that_say_nothing(text: str) -> None:
    with pytest.raises(UserError, match="write HEADER=METRIC"):
        parse_column(text)
