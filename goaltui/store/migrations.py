"""The data file's schema versions: version checks and forward migrations.

Versions:

- 0: a file written by stock TinyDB before goaltui had a schema: no ``_meta``
  table, integer doc ids, check-ins with a ``date`` field instead of ``day``.
- 1: ``_meta`` holds ``{"1": {"schema": 1}}``; goals are keyed by their key,
  check-ins by ``"key@YYYY-MM-DD"``, everything else by its own ``id``.
- 2: adds the meeting tables ``minutes``, ``kudos`` and ``wins`` (keyed by id).
  The bump makes an older goaltui refuse the file with "written by a newer
  goaltui" instead of calling the new tables unknown.
- 3: the ``checkins`` table (one document per value) becomes ``series`` (one
  compact document per goal, see series.py); ``_meta`` gains the user list.
  A version 1-2 file is read through `current_view` (converted in memory) and
  migrated by its first write.

Migrations run under the lock after a backup (see datafile.py). This module
imports pydantic only inside a migration, so `goaltui log` stays quick. The table
names and document types are in schema.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from goaltui.core.clock import iso_stamp
from goaltui.core.errors import DataFileError
from goaltui.core.rules import check_value
from goaltui.store.schema import (
    CHANGES,
    CHECKINS,
    GOALS,
    HISTORY,
    KNOWN_TABLES,
    META,
    META_ID,
    MILESTONES,
    READABLE_FROM,
    SCHEMA_VERSION,
    SERIES,
    USERS,
    V1_TABLES,
    V2_TABLES,
    Doc,
    ReadTables,
    Tables,
)
from goaltui.store.series import Entry, Series


def schema_version(path: Path, data: ReadTables) -> int:
    """The file's schema version; raises DataFileError for a newer one or a broken ``_meta``."""
    if META not in data:
        # No tables at all is a new file; anything else predates the schema.
        return SCHEMA_VERSION if not data else 0
    meta = data[META].get(META_ID)
    version = meta.get("schema") if meta is not None else None
    if type(version) is not int or version < 1:
        raise DataFileError(
            f"{path}: table '_meta' has no valid schema version; not a goaltui file?"
        )
    if version > SCHEMA_VERSION:
        raise DataFileError(
            f"{path}: written by a newer goaltui (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade goaltui - the file was not changed"
        )
    return version


def check(path: Path, data: ReadTables) -> int:
    """Version check plus, for a current file, the table names. Returns the version."""
    version = schema_version(path, data)
    if version >= READABLE_FROM:
        known = {1: {META, *V1_TABLES}, 2: {META, *V2_TABLES}}.get(version, KNOWN_TABLES)
        unknown = set(data) - known
        if unknown:
            names = ", ".join(sorted(unknown))
            raise DataFileError(f"{path}: unknown table(s) {names}; not a goaltui file?")
    return version


def new_meta() -> Doc:
    return {"schema": SCHEMA_VERSION}


def migrate(path: Path, data: ReadTables, version: int, now: datetime, user: str) -> Tables:
    """Bring `data` from `version` up to SCHEMA_VERSION; never mutates `data`."""
    current: ReadTables = data
    while version < SCHEMA_VERSION:
        current = MIGRATIONS[version](path, current, now, user)
        version += 1
    tables = {name: dict(table) for name, table in current.items()}
    kept = tables.get(META, {}).get(META_ID, {})
    tables[META] = {
        META_ID: {**kept, **new_meta(), "migrated_at": iso_stamp(now), "migrated_by": user}
    }
    return tables


def current_view(path: Path, data: ReadTables, version: int) -> ReadTables:
    """A readable older file (version 1-2) as the current schema sees it, in memory only:
    opening a file never rewrites it; its first write migrates it for good."""
    if version >= SCHEMA_VERSION:
        return data
    epoch = datetime(1970, 1, 1)  # stamps are not touched by a read-only view
    return migrate(path, data, version, epoch, "")


def _ordered(table: Mapping[str, Doc]) -> list[tuple[str, Doc]]:
    """TinyDB's insertion order: integer ids ascending, anything else after."""
    return sorted(
        table.items(),
        key=lambda item: (0, int(item[0]), "") if item[0].isdigit() else (1, 0, item[0]),
    )


def _v0_to_v1(path: Path, data: ReadTables, now: datetime, user: str) -> Tables:
    from pydantic import BaseModel, ValidationError

    from goaltui.core.ids import new_id
    from goaltui.core.models import (
        CheckIn,
        CheckInRevision,
        Goal,
        Milestone,
        TargetChange,
        describe_error,
    )

    unknown = set(data) - set(V1_TABLES) - {"_default"}
    if unknown:
        raise DataFileError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; not a goaltui file?"
        )
    if data.get("_default"):
        raise DataFileError(
            f"{path}: table '_default' holds documents goaltui does not know; not migrated"
        )

    def valid(cls: type[BaseModel], doc: Doc, where: str) -> Any:
        try:
            return cls.model_validate(doc)
        except ValidationError as exc:
            raise DataFileError(f"{path}: cannot migrate {where}: {describe_error(exc)}") from None

    out: Tables = {name: {} for name in V1_TABLES}
    for doc_id, doc in _ordered(data.get(GOALS, {})):
        goal = valid(Goal, doc, f"goal (doc {doc_id})")
        if goal.key in out[GOALS]:
            raise DataFileError(
                f"{path}: goal key {goal.key!r} appears twice; fix it by hand first"
            )
        out[GOALS][goal.key] = goal.model_dump(mode="json")
    for doc_id, doc in _ordered(data.get(CHECKINS, {})):
        fields = dict(doc)
        if "day" not in fields and "date" in fields:
            fields["day"] = fields.pop("date")
        checkin = valid(CheckIn, fields, f"check-in (doc {doc_id})")
        key = f"{checkin.goal}@{checkin.day.isoformat()}"
        earlier = out[CHECKINS].get(key)
        if earlier is not None:  # two values for one day: the later wins, the earlier is history
            revision = CheckInRevision(
                old=CheckIn.model_validate(earlier), replaced_at=now, replaced_by=user
            )
            out[HISTORY][revision.id] = revision.model_dump(mode="json")
        out[CHECKINS][key] = checkin.model_dump(mode="json")
    for table, cls in (
        (MILESTONES, Milestone),
        (HISTORY, CheckInRevision),
        (CHANGES, TargetChange),
    ):
        for doc_id, doc in _ordered(data.get(table, {})):
            item = valid(cls, doc, f"{table} (doc {doc_id})")
            while item.id in out[table]:
                item = item.model_copy(update={"id": new_id()})
            out[table][item.id] = item.model_dump(mode="json")
    return out


def _v1_to_v2(path: Path, data: ReadTables, now: datetime, user: str) -> Tables:
    """Nothing to convert: the new tables start empty and appear when first written."""
    unknown = set(data) - {META, *V1_TABLES}
    if unknown:
        raise DataFileError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; not a goaltui file?"
        )
    return {name: dict(table) for name, table in data.items()}


def _v2_to_v3(path: Path, data: ReadTables, now: datetime, user: str) -> Tables:
    """Check-in documents into one series document per goal; pydantic-free (a read of an
    old file goes through this)."""
    unknown = set(data) - {META, *V2_TABLES}
    if unknown:
        raise DataFileError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; not a goaltui file?"
        )
    grouped: dict[str, list[Entry]] = {}
    for doc_id, doc in data.get(CHECKINS, {}).items():
        try:
            entry = Entry(
                date.fromisoformat(doc["day"]),
                check_value(doc["value"]),
                str(doc.get("by") or ""),
                None if not doc.get("at") else datetime.fromisoformat(doc["at"]),
                str(doc.get("note") or ""),
                doc.get("confidence") or None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(f"{path}: bad check-in {doc_id!r} ({exc}); not migrated") from None
        grouped.setdefault(str(doc.get("goal", "")), []).append(entry)
    meta = dict(data.get(META, {}).get(META_ID, {}))
    users: list[str] = list(meta.get(USERS, []))
    series = {key: Series.build(key, entries, users).to_doc() for key, entries in grouped.items()}
    tables = {name: dict(table) for name, table in data.items() if name != CHECKINS}
    tables[SERIES] = series
    tables[META] = {META_ID: {**meta, USERS: users}}
    return tables


MIGRATIONS: dict[int, Callable[[Path, ReadTables, datetime, str], Tables]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
}
