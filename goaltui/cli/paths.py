"""Where the data file lives: ``--db PATH``, else ``$GOALTUI_DB``, else the user data folder.

Only paths are computed here; nothing is created. The folder appears when the
file is first written (storage.py), never at import or on a read.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "GOALTUI_DB"
APP_NAME = "goaltui"
DEFAULT_NAME = "goals.json"


def default_db_path() -> Path:
    """``$GOALTUI_DB`` when set, else ``<user data dir>/goaltui/goals.json`` (platformdirs)."""
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only when needed: most scripts pass --db or set GOALTUI_DB

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_NAME


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """The data file to use: the --db option wins over the environment and the default."""
    if option is not None and str(option).strip():
        return Path(option).expanduser()
    return default_db_path()
