"""The lead's own keys: `keymap` in settings.json (binding id -> keys), applied with
Textual's keymap support, e.g. ``"keymap": {"board.sort": "S", "board.checkin": "c,f5"}``.

Every goaltui binding has an id (help lists them), so a remap survives a change of
the default key. Ids that no screen has are reported once, not silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from textual.binding import Binding
from textual.dom import DOMNode


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def binding_ids() -> set[str]:
    """The ids of every goaltui binding, from the classes imported so far (all screens are
    imported by the app module)."""
    ids: set[str] = set()
    for cls in _subclasses(DOMNode):
        if not cls.__module__.startswith(("goaltui.", "screens.")):
            continue
        for binding in vars(cls).get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                ids.add(binding.id)
    return ids


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in `keymap` that no binding has (a typo, or an id from another version)."""
    known = binding_ids()
    return sorted(ident for ident in keymap if ident not in known)
