"""The Store's import profiles: saved `goaltui import` options, by name (core/import_profile.py).

They live in the file's header document (`_meta`), under "import_profiles": every lead and
the cron job on the shared box see the same profiles, a save is one locked write like any
other, and a goaltui that predates profiles still reads the file (a new table would make it
refuse the file as "not a goaltui file"). store/checks.py checks them before every write.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from goaltui.core import import_profile
from goaltui.core.clock import iso_stamp
from goaltui.core.errors import DataFileError, UserError
from goaltui.core.import_profile import ImportProfile
from goaltui.store.schema import META, META_ID, PROFILES
from goaltui.store.store_base import StoreBase


class ProfileOps(StoreBase):
    """Save, read and remove import profiles; each save is stamped with this user and now."""

    def import_profiles(self) -> list[ImportProfile]:
        """Every saved profile, by name."""
        docs = self._profile_docs(self._table(META).get(META_ID, {}))
        return [import_profile.from_doc(name, docs[name]) for name in sorted(docs)]

    def import_profile(self, name: str) -> ImportProfile:
        """The profile saved under `name`; UserError naming the saved ones when there is none."""
        wanted = name.strip().lower()
        found = {p.name: p for p in self.import_profiles()}
        if wanted not in found:
            known = f"saved: {', '.join(found)}" if found else "none is saved yet"
            hint = "add --save-profile NAME to an import that works"
            raise UserError(f"no import profile {name.strip()!r} ({known}; {hint})")
        return found[wanted]

    def save_import_profile(
        self, name: str, options: Mapping[str, str | tuple[str, ...]]
    ) -> ImportProfile:
        """Keep `options` under `name`, replacing a profile of that name."""
        try:
            key = import_profile.check_name(name)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        doc = import_profile.to_doc(options, self.user, iso_stamp(self.clock.now()))
        wrong = import_profile.options_problem(doc["options"])
        if wrong is not None:
            raise UserError(f"import profile {key!r}: {wrong}")
        with self._file.write() as tx:
            meta = dict(tx.get(META).get(META_ID, {}))
            profiles = dict(self._profile_docs(meta))
            profiles[key] = doc
            meta[PROFILES] = profiles
            tx.table(META)[META_ID] = meta
        return import_profile.from_doc(key, doc)

    def delete_import_profile(self, name: str) -> bool:
        """Remove the profile; False (and nothing written) when there is none of that name."""
        key = name.strip().lower()
        with self._file.write() as tx:
            meta = dict(tx.get(META).get(META_ID, {}))
            profiles = dict(self._profile_docs(meta))
            if profiles.pop(key, None) is None:
                return False
            meta[PROFILES] = profiles
            tx.table(META)[META_ID] = meta
        return True

    def _profile_docs(self, meta: Mapping[str, Any]) -> Mapping[str, Any]:
        profiles = meta.get(PROFILES, {})
        wrong = import_profile.profiles_problem(profiles)
        if wrong is not None:
            raise DataFileError(f"{self.path}: bad file header: {wrong}")
        return profiles  # type: ignore[no-any-return]
