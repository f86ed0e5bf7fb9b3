"""core/rules.py: each rule, and that the model and `goaltui log` enforce it in the same words."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from goaltui.core import rules
from goaltui.core.errors import UserError
from goaltui.core.goal_input import FormValues, read_form
from goaltui.core.models import CheckIn, Confidence, Goal, Level, Metric, error_messages
from goaltui.core.wins import Kudos
from goaltui.store import quicklog

TODAY = date(2026, 11, 26)
KEY_MESSAGE = "is not a goal key: use 1-32 lower-case letters, digits or dashes, e.g. aht-maria"


# -- each rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["a", "aht", "aht-maria", "9", "a-", "a" * 32, "a1-b2"])
def test_a_goal_key_is_1_to_32_lower_case_letters_digits_or_dashes(key: str) -> None:
    assert rules.is_key(key)
    assert rules.check_key(key) == key


@pytest.mark.parametrize(
    "key", ["", "-aht", "Aht", "a" * 33, "aht maria", "aht\n", "ähm", "aht_maria", "aht!"]
)
def test_anything_else_is_refused_with_the_key_hint(key: str) -> None:
    assert not rules.is_key(key)
    with pytest.raises(ValueError) as caught:
        rules.check_key(key)
    assert str(caught.value) == f"{key!r} {KEY_MESSAGE}"


def test_the_key_pattern_is_the_one_regular_expression() -> None:
    assert rules.KEY_RE.pattern == rules.KEY_PATTERN
    assert rules.KEY_MAX == 32


@pytest.mark.parametrize(
    ("check", "limit"), [(rules.check_note, rules.NOTE_MAX), (rules.check_reason, rules.REASON_MAX)]
)
def test_notes_and_reasons_have_a_length_limit(check: Any, limit: int) -> None:
    assert limit == 500
    assert check("x" * limit) == "x" * limit
    with pytest.raises(ValueError, match=f"^at most {limit} characters, got {limit + 1}$"):
        check("x" * (limit + 1))


def test_length_counts_characters_not_bytes() -> None:
    assert rules.check_length("é" * 12, rules.UNIT_MAX) == "é" * 12
    with pytest.raises(ValueError, match=r"^at most 12 characters, got 13$"):
        rules.check_length("é" * 13, rules.UNIT_MAX)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_value_must_be_finite(value: float) -> None:
    with pytest.raises(ValueError, match=f"^must be a finite number, got {value}$"):
        rules.check_finite(value)
    with pytest.raises(ValueError, match=f"^must be a finite number, got {value}$"):
        rules.check_value(value)


def test_a_value_is_a_number_and_becomes_a_float() -> None:
    assert rules.check_finite(-0.5) == -0.5
    number = rules.check_value(5)
    assert number == 5.0 and type(number) is float


@pytest.mark.parametrize(
    ("value", "shown"), [(True, "True"), ("5", "5"), (None, "None"), (10**400, "1" + "0" * 29)]
)
def test_the_quick_path_takes_no_booleans_text_or_huge_integers(value: object, shown: str) -> None:
    with pytest.raises(ValueError) as caught:
        rules.check_value(value)
    assert str(caught.value) == f"must be a finite number, got {shown}"


def test_confidence_is_one_of_three_names_or_not_said() -> None:
    assert rules.check_confidence(None) is None
    for name in rules.CONFIDENCES:
        assert rules.check_confidence(name) == name
    assert rules.check_confidence(Confidence.AT_RISK) == "at-risk"
    for wrong in ["On-track", " at-risk", "ok", "", 1]:
        with pytest.raises(ValueError, match=r"^use one of on-track, at-risk, off-track$"):
            rules.check_confidence(wrong)


def test_the_enums_are_built_from_the_rules() -> None:
    assert tuple(c.value for c in Confidence) == rules.CONFIDENCES
    assert tuple(level.value for level in Level) == rules.LEVELS


def test_text_is_stripped_like_pydantic_strips_it() -> None:
    assert rules.clean_text("\u3000 aht\u2028\t") == "aht"
    assert rules.clean_text("\x1caht") == "\x1caht"  # str.strip() would drop U+001C
    # A control character left by the strip becomes a space (core/text.py), then goes too.
    assert CheckIn(goal="aht", day=TODAY, value=1, note="\x1c ok \u3000").note == "ok"
    with pytest.raises(ValueError, match=f"^{rules.INVALID_TEXT}$"):
        rules.clean_text("half a pair \ud800")


# -- the model and `goaltui log` refuse the same input in the same words ---------------------


def model_error(fields: dict[str, Any]) -> str | None:
    """The model's first message for these check-in fields, None when it takes them."""
    try:
        CheckIn.model_validate(fields)
    except ValidationError as exc:
        return error_messages(exc)[0]
    return None


def quick_error(fields: dict[str, Any]) -> str | None:
    try:
        quicklog.checkin_doc(
            fields["goal"],
            fields["day"],
            fields["value"],
            note=fields.get("note", ""),
            confidence=fields.get("confidence"),
            by=fields.get("by", ""),
            at=fields.get("at"),
        )
    except UserError as exc:
        return str(exc)
    return None


GOOD = {"goal": "aht", "day": TODAY, "value": 530.0}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"goal": "Bad Key"}, f"goal: 'Bad Key' {KEY_MESSAGE}"),
        ({"goal": " Aht\u3000"}, f"goal: 'Aht' {KEY_MESSAGE}"),
        ({"goal": "\ud800"}, "goal: not valid text"),
        ({"value": math.nan}, "value: must be a finite number, got nan"),
        ({"value": -math.inf}, "value: must be a finite number, got -inf"),
        ({"note": "x" * 501}, "note: at most 500 characters, got 501"),
        ({"note": "\ud800"}, "note: not valid text"),
        ({"confidence": "meh"}, "confidence: use one of on-track, at-risk, off-track"),
        ({"by": "\udfff"}, "by: not valid text"),
        ({"goal": "A", "note": "x" * 501}, f"goal: 'A' {KEY_MESSAGE}"),  # the first, in order
        ({"value": math.nan, "confidence": "x"}, "value: must be a finite number, got nan"),
    ],
)
def test_both_paths_give_the_same_first_message(change: dict[str, Any], message: str) -> None:
    fields = GOOD | change
    assert model_error(fields) == message
    assert quick_error(fields) == message


def test_a_note_of_exactly_the_limit_passes_both_after_stripping() -> None:
    fields = GOOD | {"note": " " + "x" * 500 + " "}
    assert model_error(fields) is None and quick_error(fields) is None


keys = st.one_of(st.from_regex(rules.KEY_RE, fullmatch=True), st.text(max_size=5))
values = st.one_of(st.floats(), st.integers(min_value=-(10**6), max_value=10**6))
notes = st.text(max_size=520)
moments = st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))]))


@given(
    key=keys,
    value=values,
    note=notes,
    confidence=st.sampled_from([None, *rules.CONFIDENCES, "unsure"]),
    by=st.text(max_size=3),
    at=moments,
)
def test_quick_check_ins_validate_exactly_like_the_model(
    *, key: str, value: float, note: str, confidence: str | None, by: str, at: datetime
) -> None:
    fields = {"goal": key, "day": TODAY, "value": value, "note": note}
    fields |= {"confidence": confidence, "by": by, "at": at}
    expected = model_error(fields)
    assert quick_error(fields) == expected
    if expected is None:
        doc = quicklog.checkin_doc(
            key, TODAY, value, note=note, confidence=confidence, by=by, at=at
        )
        assert doc == CheckIn.model_validate(fields).model_dump(mode="json")


# -- the form, the CLI's model and the other records say the same --------------------------


def goal_error(**fields: Any) -> str:
    metric = Metric(name="AHT", unit="s", baseline=540, target=420)
    try:
        Goal(**({"key": "aht", "title": "Cut AHT", "metric": metric, "start": TODAY} | fields))
    except ValidationError as exc:
        return error_messages(exc)[0]
    raise AssertionError("the goal was accepted")


def test_the_goal_form_and_the_model_word_a_bad_key_and_a_long_title_alike() -> None:
    form = read_form(FormValues(title="x" * 121, key="Bad Key!", metric="AHT"), TODAY)
    assert f"key: {form.errors['key']}" == goal_error(key="Bad Key!")
    assert f"title: {form.errors['title']}" == goal_error(title="x" * 121)
    assert form.errors["title"] == "at most 120 characters, got 121"


def test_kudos_notes_share_the_note_limit() -> None:
    with pytest.raises(ValidationError) as caught:
        Kudos(agent="maria", note="x" * 501, at=datetime(2026, 11, 26, 9))
    assert error_messages(caught.value) == ["note: at most 500 characters, got 501"]
