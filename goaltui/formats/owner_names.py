"""Agents as platform exports name them, matched to the owners of goals.

One agent, many spellings: "Maria Lopez", "maria  lopez", "Lopez, Maria" (quoted, last name
first), separate first- and last-name columns, "maria.lopez@centre.example". All of them
come down to one `owner_key`: case, spacing and accents don't count, "Last, First" is
turned round, an e-mail address is its local part. A login ("mlopez", "lopezm",
"maria_lopez") names the one owner it is made from; one two owners could have ("tbecker"
for Tom and Tina Becker) names nobody. Pure: no I/O.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence

from goaltui.core.models import Goal

_MAIL_PARTS = re.compile(r"[._+-]+")
_LOGIN = re.compile(r"[a-z0-9._-]+")  # one token: no space, comma or @


@functools.lru_cache(maxsize=4096)  # an interval export names each agent on dozens of rows
def owner_key(text: str) -> str:
    """The form two spellings of one agent share: 'Lopez, Maria' -> 'maria lopez'."""
    name = text.strip()
    if "@" in name and " " not in name:  # maria.lopez@centre.example
        name = _MAIL_PARTS.sub(" ", name.split("@", 1)[0])
    elif name.count(",") == 1:  # "Lopez, Maria": last name first
        last, first = name.split(",")
        name = f"{first} {last}"
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def login_forms(key: str) -> set[str]:
    """The logins platforms make from the owner_key 'tom becker': tbecker, beckert,
    tombecker, beckertom (with '.', '_' or '-' between the parts read the same)."""
    parts = key.split()
    if len(parts) < 2:
        return set()
    first, last = parts[0], "".join(parts[1:])
    return {first[0] + last, last + first[0], first + last, last + first}


def _login(key: str) -> str | None:
    """'t.becker' -> 'tbecker'; None when `key` is no login (it has a space)."""
    return _MAIL_PARTS.sub("", key) if _LOGIN.fullmatch(key) else None


def joined(parts: Sequence[str | None]) -> str:
    """First- and last-name cells as one name ('Maria', 'Lopez' -> 'Maria Lopez')."""
    return " ".join(p.strip() for p in parts if p and p.strip())


class Owners:
    """The goals' owners by owner_key, for telling an unknown agent from one who merely
    has no goal on a metric."""

    def __init__(self, goals: Sequence[Goal]) -> None:
        self.names: dict[str, str] = {}  # owner_key -> the owner as the goals spell it
        for goal in goals:
            self.names.setdefault(owner_key(goal.owner), goal.owner)
        self.logins: dict[str, list[str]] = {}  # login -> the owner_keys it can be made from
        for key in self.names:
            for login in login_forms(key):
                self.logins.setdefault(login, []).append(key)

    def resolve(self, name: str) -> str | None:
        """The owner_key of the owner `name` means, by spelling or by login; None if none."""
        key = owner_key(name)
        if key in self.names:
            return key
        login = _login(key)
        meant = self.logins.get(login, []) if login else []
        return meant[0] if len(meant) == 1 else None

    def known(self, name: str) -> bool:
        return self.resolve(name) is not None

    def unknown_message(self, name: str) -> str:
        """'no goal is owned by 'Marie Lopez' (did you mean 'Maria Lopez'?)'."""
        login = _login(owner_key(name))
        meant = sorted(self.names[k] for k in self.logins.get(login, [])) if login else []
        if len(meant) > 1:
            return (
                f"login {name.strip()!r} could be {' or '.join(map(repr, meant))}: "
                "use an export with names or e-mail addresses"
            )
        close = difflib.get_close_matches(owner_key(name), sorted(self.names), n=1, cutoff=0.75)
        hint = f" (did you mean {self.names[close[0]]!r}?)" if close else ""
        return f"no goal is owned by {name.strip()!r}{hint}: add the agent's goals first"
