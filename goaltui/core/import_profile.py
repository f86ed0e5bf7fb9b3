"""A saved import profile: the `goaltui import` options a platform's export needs, by name.

A cron line should stay short (`goaltui import today.csv --profile connect`) and every lead
on the box should import the same export the same way, so profiles live in the data file
(store/profile_ops.py) and are checked, like every stored document, by store/checks.py
with `profiles_problem` below. Pure and pydantic-free: the file checks run in `goaltui log`.

Only the options that say how to read a file are kept; `--force` and `--dry-run` are
decisions for one run, never saved (a saved --force would let every night's slips in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from goaltui.core import rules

AGGREGATES = ("mean", "sum", "last")  # how interval rows become one value per day
# option name (as click names it) -> holds a list (repeatable option) or one text
OPTIONS: Mapping[str, bool] = {
    "column": True,
    "owner_col": True,
    "date_col": False,
    "goal_col": False,
    "value_col": False,
    "note_col": False,
    "metric_col": False,
    "date_format": False,
    "aggregate": False,
    "weight_col": False,
}
TEXT_MAX = 200  # a header and its metric: "After Call Work / AGENT STATE TIME=ACW:ms"
LIST_MAX = 60  # columns of one export
NAME_HINT = "use 1-32 lower-case letters, digits or dashes, e.g. connect"

Options = dict[str, str | tuple[str, ...]]


@dataclass(frozen=True)
class ImportProfile:
    """The options saved under a name, who saved them, and when."""

    name: str
    options: Options
    saved_by: str
    saved_at: datetime


def check_name(name: str) -> str:
    """A profile name a lead can type in a cron line; ValueError says why not."""
    cleaned = name.strip().lower()
    if not rules.is_key(cleaned):
        raise ValueError(f"profile name {name.strip()!r} is not usable: {NAME_HINT}")
    return cleaned


def _option_problem(name: str, value: Any) -> str | None:
    many = OPTIONS.get(name)
    if many is None:
        return f"unknown option {name!r}"
    items = value if many else [value]
    if many and (not isinstance(value, list) or len(value) > LIST_MAX):
        return f"{name}: must be a list of at most {LIST_MAX} texts"
    for item in items:
        if not isinstance(item, str) or not item.strip() or len(item) > TEXT_MAX:
            return f"{name}: must be text of 1-{TEXT_MAX} characters"
    if name == "aggregate" and value not in AGGREGATES:
        return f"aggregate: use one of {', '.join(AGGREGATES)}"
    return None


def options_problem(options: Any) -> str | None:
    """What is wrong with a stored options object, or None."""
    if not isinstance(options, dict):
        return "options: must be an object"
    return next(
        (p for name, v in options.items() if (p := _option_problem(name, v)) is not None), None
    )


def profiles_problem(profiles: Any) -> str | None:
    """What is wrong with the file's profiles (name -> {options, saved_by, saved_at}), or
    None; the one rule for the file checks and for reading them back."""
    if not isinstance(profiles, dict):
        return "import_profiles: must map names to profiles"
    for name, doc in profiles.items():
        where = f"import profile {name!r}"
        if not isinstance(name, str) or not rules.is_key(name):
            return f"{where}: not a profile name ({NAME_HINT})"
        if not isinstance(doc, dict):
            return f"{where}: must be an object"
        wrong = options_problem(doc.get("options"))
        if wrong is None and not isinstance(doc.get("saved_by", ""), str):
            wrong = "saved_by: must be text"
        if wrong is None:
            try:
                datetime.fromisoformat(str(doc.get("saved_at")))
            except ValueError:
                wrong = "saved_at: must be a time"
        if wrong is not None:
            return f"{where}: {wrong}"
    return None


def from_doc(name: str, doc: Mapping[str, Any]) -> ImportProfile:
    """A profile from its stored form (checked with profiles_problem first)."""
    options: Options = {
        key: tuple(value) if isinstance(value, list) else str(value)
        for key, value in doc["options"].items()
    }
    return ImportProfile(
        name, options, str(doc.get("saved_by", "")), datetime.fromisoformat(doc["saved_at"])
    )


def to_doc(options: Mapping[str, str | tuple[str, ...]], by: str, at: str) -> dict[str, Any]:
    """The stored form: lists for repeatable options, in the order of OPTIONS."""
    kept = {
        name: list(options[name]) if many else options[name]
        for name, many in OPTIONS.items()
        if name in options
    }
    return {"options": kept, "saved_by": by, "saved_at": at}


def as_arguments(options: Mapping[str, str | tuple[str, ...]]) -> list[str]:
    """The options as `goaltui import` arguments, in the order of OPTIONS."""
    args: list[str] = []
    for name, many in OPTIONS.items():
        if name in options:
            value = options[name]
            values = list(value) if many and not isinstance(value, str) else [str(value)]
            for item in values:
                args += [f"--{name.replace('_', '-')}", item]
    return args
