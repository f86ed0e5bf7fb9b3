"""A demo data file whose user text is hostile: markup, escape sequences, CR, BS, bidi.

What a co-user, a cron file or an old release can put in the shared file. Every screen,
notice, CLI line and export must show it as plain text and never pass a control
character to a terminal (issue 12).
"""

from __future__ import annotations

import json
from pathlib import Path

# Each is a real attack or accident: markup that crashed Textual or swallowed words, a
# screen clear, a window title, a clipboard write, overwrites, a bidi reorder.
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07"
BRACKET_TITLE = "Reduce AHT [billing]"
BRACKET_METRIC = "Escalations [/ week]"
BRACKET_USER = "[/]"
HOSTILE_TITLE = f"{BRACKET_TITLE} {ESCAPES}[/]\r\b\u202eevil"
HOSTILE_NOTE = f"[bold]note[/] {ESCAPES}\r"


def make_hostile(path: Path) -> Path:
    """Rewrite the demo copy at `path` in place: every goal's title, metric, unit and
    owner, every note, milestone, user name and ledger reason carry hostile text."""
    data = json.loads(path.read_text())
    for n, doc in enumerate(data["goals"].values()):
        doc["title"] = HOSTILE_TITLE if n == 0 else f"{doc['title']} [x] {ESCAPES}"
        doc["metric"]["name"] = BRACKET_METRIC if n == 0 else f"{doc['metric']['name']}[/]"
        doc["metric"]["unit"] = (doc["metric"]["unit"] + "[/]\x1b[1m")[-12:]
        doc["owner"] = doc["owner"] + " [/]"
        doc["why"] = f"Because [red]{ESCAPES}\nline two"
    for doc in data["series"].values():
        first = doc["days"].split(",")[-1]
        doc.setdefault("notes", {})[first] = HOSTILE_NOTE
    for doc in data["milestones"].values():
        doc["title"] = f"[/] {doc['title']} {ESCAPES}"
        doc["done_by"] = BRACKET_USER
    for doc in data["target_changes"].values():
        doc["reason"] = f"[link=evil]{doc['reason']}{ESCAPES}"
    meta = data["_meta"]["1"] if "1" in data["_meta"] else next(iter(data["_meta"].values()))
    meta["users"] = [BRACKET_USER, f"dana{ESCAPES}"]
    for doc in data["wins"].values():
        doc["text"] = f"{doc['text']} [/] {ESCAPES}"
        doc["owner"] = doc["owner"] + " [/]"
    path.write_text(json.dumps(data))
    return path
