"""What the TUI remembers between runs: a small pydantic model saved as JSON.

The file lives in the user's config folder (platformdirs) or in GOALTUI_CONFIG_DIR.
Nothing is created at import or on load: the folder appears on the first save.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from goaltui.core.attention import STALE_DAYS
from goaltui.core.board_rows import SortKey
from goaltui.store.atomic import atomic_write, existing_mode

CONFIG_ENV = "GOALTUI_CONFIG_DIR"
SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    """The lead's preferences for the TUI."""

    # Descriptions rather than attribute docstrings: pydantic's use_attribute_docstrings
    # reads this file's source at every start (~50 ms).
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    theme: str = Field(
        default="textual-dark",
        max_length=80,
        description='Name of the Textual theme (pick one with ctrl+p → "theme"); unknown '
        "names fall back.",
    )
    board_sort: SortKey = Field(
        default="status",
        description="How the board is sorted when goaltui starts: status, due, progress or key.",
    )
    refresh_seconds: float = Field(
        default=2.0,
        ge=0.5,
        le=3600,
        description="How often the board checks the data file for changes made by others "
        "(one stat).",
    )
    stale_days: int = Field(
        default=STALE_DAYS,
        ge=0,
        le=365,
        description="Working days (Monday to Friday) without a value before a goal is marked "
        'stale on the board and the wallboard, instead of reading "on track"; 0 turns the mark '
        "off.",
    )
    keymap: dict[str, str] = Field(
        default_factory=dict,
        description='Your own keys: binding id -> keys, e.g. {"board.sort": "S", '
        '"board.checkin": "c,f5"}. Help (?) lists each key\'s id. Entries that are not text '
        "are dropped, not fatal.",
    )

    @field_validator("keymap", mode="before")
    @classmethod
    def _usable_entries(cls, value: object) -> object:
        # One bad entry must not throw away the theme and the other keys.
        if not isinstance(value, dict):
            return {}
        return {
            ident: keys.strip()
            for ident, keys in value.items()
            if isinstance(ident, str) and isinstance(keys, str) and keys.strip()
        }


def config_dir() -> Path:
    """The folder that holds settings.json (not created here)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir("goaltui", appauthor=False))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when the file is missing or unreadable.

    A broken settings file must never stop the lead from reaching the board.
    """
    path = path or settings_path()
    try:
        return Settings.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically, creating the folder if needed, with the data file's
    write (a crash mid-save must not lose the lead's settings). Raises OSError for the
    folder, DataFileError (one line) for the file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    mode, gid = existing_mode(path, shared=False)
    atomic_write(path, settings.model_dump_json(indent=2).encode(), mode=mode, gid=gid)
    return path
