"""The owner rules the goal form and `goaltui add` share: what to suggest, what to ask about."""

from __future__ import annotations

import pytest

from goaltui.core.owners import _edits, closest_owner, near_owners, owner_names, owner_note

OWNERS = ["Maria Lopez", "Billing team", "Sam Okafor", "Billing team", "Priya Shah", "team"]


def test_owner_names_most_goals_first_then_by_name_without_blanks() -> None:
    assert owner_names([*OWNERS, " ", "", "Sam Okafor ", "sam okafor"]) == [
        "Billing team",
        "Sam Okafor",
        "Maria Lopez",
        "Priya Shah",
        "sam okafor",
        "team",
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Maria Lopes", "Maria Lopez"),  # one letter changed
        ("Mraia Lopez", "Maria Lopez"),  # two letters swapped
        ("Maria  Lopez", "Maria Lopez"),  # spacing
        ("maria lopez", "Maria Lopez"),  # case only: still another owner on the board
        ("Sam Okafo", "Sam Okafor"),  # a letter missing
        ("Billing teams", "Billing team"),
        ("Priya Shaw", "Priya Shah"),
        ("teem", "team"),  # short, but one letter in four
    ],
)
def test_a_new_owner_close_to_an_existing_one_is_a_near_miss(typed: str, meant: str) -> None:
    assert closest_owner(typed, OWNERS) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "Maria Lopez",  # exactly an existing owner
        " Maria Lopez ",  # the form strips it
        "",
        "Tom Becker",  # new and like nobody
        "Maria",  # a prefix is what the suggestion is for, not a typo
        "Al",  # short names: two edits would turn any into another
        "Sam",
    ],
)
def test_existing_blank_and_plainly_new_owners_are_not_near_misses(typed: str) -> None:
    assert near_owners(typed, OWNERS) == []


def test_the_shorter_the_names_the_fewer_edits_make_a_near_miss() -> None:
    assert near_owners("Bo", ["Al", "Bob"]) == ["Bob"]  # ratio 0.8: one letter added
    assert near_owners("Ana", ["Eva", "Ava"]) == []  # one edit in three letters: no
    assert near_owners("Anna", ["Anne", "Dana"]) == ["Anne"]  # one in four: yes
    assert near_owners("Ana Lim", ["Ana Lu"]) == ["Ana Lu"]  # two in six: yes
    assert near_owners("Ana Li", ["Eva Lu"]) == []  # three: no


def test_the_closest_comes_first() -> None:
    owners = ["Marie Lopes", "Maria Lopz", "Mario Lopes", "Mario Lopes"]
    assert near_owners("Maria Lopes", owners) == [
        "Mario Lopes",  # one letter, as Marie: a tie goes to the owner of more goals
        "Marie Lopes",
        "Maria Lopz",  # one letter missing, one changed
    ]
    assert near_owners("maria lopez", ["Maria Lopes", "Maria Lopez"])[0] == "Maria Lopez"


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [("", "", 0), ("abc", "", 3), ("", "ab", 2), ("ab", "ba", 1), ("kitten", "sitting", 3),
     ("ca", "abc", 3)],
)  # fmt: skip
def test_edit_distance(a: str, b: str, edits: int) -> None:
    assert _edits(a, b) == edits
    assert _edits(b, a) == edits


def test_the_form_notes_a_new_owner_once_the_owners_are_known() -> None:
    assert owner_note("Tom Becker", OWNERS) == "new owner"
    assert owner_note("Maria Lopes", OWNERS) == "new owner"
    assert owner_note("Maria Lopez", OWNERS) == ""
    assert owner_note("ma", OWNERS) == "", "the start of an owner: the form suggests the rest"
    assert owner_note("", OWNERS) == "", "blank: the team"
    assert owner_note("Tom Becker", []) == "", "not read yet, or the first goal"
