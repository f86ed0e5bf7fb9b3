"""User text is data (issue 12): no control character survives into a model or an output,
and a number is never silently read as ten or a hundred times what was typed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from goaltui.core import formatting as fmt
from goaltui.core.minutes import Minutes, ReviewItem, minutes_markdown
from goaltui.core.models import CheckIn, Goal, Metric
from goaltui.core.numbers import parse_number
from goaltui.core.text import is_printable, printable, spreadsheet_safe
from goaltui.core.wins import Kudos, wins_markdown

# Any text, control characters and bidi overrides included (and often).
NASTY = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("\x1b\r\b\x07\t\n\x9b\u202e\u2066[]/"),
    ),
    max_size=60,
)


def unsafe(text: str) -> list[str]:
    return [ch for ch in text if ch != "\n" and not is_printable(ch)]


@given(NASTY)
def test_printable_leaves_no_control_character(text: str) -> None:
    one_line = printable(text)
    assert not unsafe(one_line) and "\n" not in one_line
    assert len(one_line) == len(text)  # replaced, never dropped: columns stay aligned
    assert printable(one_line) == one_line
    assert not unsafe(printable(text, lines=True))


def test_printable_keeps_ordinary_text_as_it_is() -> None:
    for text in ("Reduce AHT [billing]", "Escalations [/ week]", "CSAT 85 %", "Zoë 🎉 ½", ""):
        assert printable(text) == text


def test_escape_sequences_are_defused() -> None:
    assert printable("a\x1b[2Jb\rc\bd\u202ee") == "a [2Jb c d e"


@given(title=NASTY.filter(lambda t: t.strip()), unit=NASTY, owner=NASTY, note=NASTY)
def test_models_keep_no_control_character(title: str, unit: str, owner: str, note: str) -> None:
    try:
        goal = Goal(
            key="g",
            title=title,
            owner=owner or "team",
            why=note,
            metric=Metric(name="AHT", unit=unit[:12], baseline=500, target=450),
            start=date(2026, 1, 1),
        )
    except ValidationError:
        return  # blank after cleaning, or too long: refused, which is also safe
    for text in (goal.title, goal.owner, goal.metric.unit):
        assert not unsafe(text) and "\n" not in text
    assert not unsafe(goal.why)
    shown = fmt.pair(472, goal.metric.target, goal.metric.unit)
    assert not unsafe(shown)
    checkin = CheckIn(goal="g", day=date(2026, 1, 2), value=1, note=note[:500], by=owner)
    assert not unsafe(checkin.note + checkin.by)


@given(NASTY, NASTY)
def test_minutes_and_wins_exports_are_plain(text: str, name: str) -> None:
    item = ReviewItem(goal="g", title=text, owner=name, metric=text[:40], note=text[:500])
    minutes = Minutes(held_on=date(2026, 1, 5), attendees=[name], items=[item])
    assert not unsafe(minutes_markdown(minutes))
    if name.strip() and text.strip():
        kudos = Kudos(agent=name[:40] or "x", note=text[:500], at="2026-01-05T10:00:00")
        assert not unsafe(wins_markdown([], [kudos], date(2026, 1, 5)))


@pytest.mark.parametrize("bad", [True, False, "NaN", "inf", float("nan")])
def test_a_boolean_or_not_a_number_is_not_a_value(bad: object) -> None:
    with pytest.raises(ValidationError):
        CheckIn(goal="g", day=date(2026, 1, 2), value=bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Metric(name="AHT", baseline=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("coached on holds", "coached on holds"),
        ("", ""),
    ],
)
def test_spreadsheet_formulas_are_defused(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


@pytest.mark.parametrize("typed", ["1,5", "6,2", "1,23", "12,3456", "1,234,56", ",5", "1,,234"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="ambiguous"):
        parse_number(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1,234", 1234), ("12,345.5", 12345.5), ("-1,000", -1000), ("85%", 85), ("6.2", 6.2)],
)
def test_thousands_separators_still_read(typed: str, value: float) -> None:
    assert parse_number(typed) == value
