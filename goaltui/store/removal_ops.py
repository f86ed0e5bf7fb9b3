"""Taking back a win or a kudos recorded by mistake, and the undo of that.

A removed win or kudos keeps its document, marked with who removed it and when, and the
readers (`wins()`, `kudos()`, the exports) leave it out. For a win the mark is what makes
the removal stick: win detection records every win whose id is not in the table yet, and
a win's id is made from what it is about (core/wins.py), so a deleted document would be
found and recorded again by the next check-in or board refresh. For a kudos it keeps the
note and its author, as the check-in history keeps a removed value. Undo clears the mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from goaltui.core.clock import iso_stamp
from goaltui.core.errors import UserError
from goaltui.core.wins import Kudos, Win
from goaltui.store.schema import KUDOS, WINS, Doc
from goaltui.store.store_base import StoreBase

REMOVED_AT, REMOVED_BY = "removed_at", "removed_by"


def shown(doc: Mapping[str, Any]) -> bool:
    """Not removed: listed by the readers."""
    return REMOVED_AT not in doc


class RemovalOps(StoreBase):
    """Remove and restore wins and kudos by id, stamped with this user and now."""

    def remove_win(self, win_id: str) -> Win:
        """Leave the win out from now on (never recorded again); returns it, for undo."""
        return self._model(Win, self._mark(WINS, win_id, "win", removed=True), "win")

    def restore_win(self, win_id: str) -> Win:
        return self._model(Win, self._mark(WINS, win_id, "win", removed=False), "win")

    def remove_kudos(self, kudos_id: str) -> Kudos:
        """Leave the kudos note out from now on; returns it, for undo."""
        return self._model(Kudos, self._mark(KUDOS, kudos_id, "kudos", removed=True), "kudos")

    def restore_kudos(self, kudos_id: str) -> Kudos:
        return self._model(Kudos, self._mark(KUDOS, kudos_id, "kudos", removed=False), "kudos")

    def _mark(self, table: str, doc_id: str, what: str, *, removed: bool) -> Doc:
        """Set or clear the removal mark of one document; UserError when it is not there.
        Already in that state (another lead was quicker): nothing to write."""
        with self._file.write() as tx:
            doc = tx.get(table).get(doc_id)
            if doc is None:
                raise UserError(f"no {what} with id {doc_id!r}")
            if shown(doc) != removed:
                return doc
            marked = {k: v for k, v in doc.items() if k not in (REMOVED_AT, REMOVED_BY)}
            if removed:
                marked |= {REMOVED_AT: iso_stamp(self.clock.now()), REMOVED_BY: self.user}
            tx.table(table)[doc_id] = marked
        return marked
