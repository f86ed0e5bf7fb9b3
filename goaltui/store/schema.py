"""The data file's shape: table names, the schema version and the document types.

One module so the storage, the migrations, the readers and `goaltui log` name a table
or a document the same way. Plain constants and aliases: no pydantic, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

META = "_meta"
GOALS = "goals"
MILESTONES = "milestones"
CHECKINS = "checkins"  # schema 1-2: one document per check-in (read, then migrated)
SERIES = "series"  # schema 3: one document per goal holding all its check-ins
HISTORY = "checkin_history"
CHANGES = "target_changes"
MINUTES = "minutes"
KUDOS = "kudos"
WINS = "wins"
V1_TABLES = (GOALS, MILESTONES, CHECKINS, HISTORY, CHANGES)
V2_TABLES = (*V1_TABLES, MINUTES, KUDOS, WINS)
DATA_TABLES = (GOALS, MILESTONES, SERIES, HISTORY, CHANGES, MINUTES, KUDOS, WINS)
KNOWN_TABLES = frozenset({META, *DATA_TABLES})
SCHEMA_VERSION = 3
# Files from this version on are read as they are (later versions only add tables);
# they are migrated by the next write, so a read never rewrites a file.
READABLE_FROM = 1
META_ID = "1"
# In the _meta document: the user names that series' `by` columns index (append-only),
# and the goals whose new values no win detection has looked at yet (`goaltui log`
# writes values without the models that detect wins; the next session does it).
USERS = "users"
UNCHECKED = "unchecked_wins"
PROFILES = "import_profiles"  # saved `goaltui import` options (store/profile_ops.py)

Doc = dict[str, Any]  # one stored document, as JSON gives it
Tables = dict[str, dict[str, Doc]]  # table name -> document id -> document
ReadTables = Mapping[str, Mapping[str, Doc]]  # the same, read-only (shared with a cache)
