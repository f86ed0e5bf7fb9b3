"""Our own document ids (never TinyDB's doc_id). No pydantic: `goaltui log` uses it."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Container


def _uuid_id() -> str:
    return uuid.uuid4().hex[:12]


_id_source: Callable[[], str] = _uuid_id


def new_id() -> str:
    """A short random id: 48 bits, unique enough for one team's data file."""
    return _id_source()


def fresh_id(taken: Container[str]) -> str:
    """A new id not already in `taken` (a clash is unlikely, not impossible)."""
    while True:
        candidate = new_id()
        if candidate not in taken:
            return candidate


def seed_ids(seed: int) -> None:
    """Make new ids reproducible (the demo generator); uuid4 otherwise, which stays
    unique across forked processes, unlike a copied random state."""
    global _id_source  # noqa: PLW0603 - a deliberate, demo-only switch
    rng = random.Random(seed)
    _id_source = lambda: f"{rng.getrandbits(48):012x}"  # noqa: E731
