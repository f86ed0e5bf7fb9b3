"""The minutes of a review: who attended, the kind of meeting, and the save.

The decisions are copied on the UI thread into a `MinutesDraft`; the save worker
turns it into `Minutes` with every goal's figures as the file has them then, and
writes it through the app's save queue. The minutes count as saved only once
written: until then the bar says "saving…", and leaving with "save" waits for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from textual.screen import Screen

from goaltui.core.clock import Clock
from goaltui.core.ids import new_id
from goaltui.core.minutes import Minutes, Outcome, ReviewItem, parse_attendees, review_item
from goaltui.core.progress import evaluate
from goaltui.store.store import Store
from goaltui.widgets.saves import Save, error_text, saves_of
from screens.dialogs import TextPromptScreen
from screens.review_dialogs import LeaveReviewScreen


@dataclass(frozen=True)
class MinutesDraft:
    """A copy of the review's decisions (the worker must not read the screen's dicts)."""

    id: str
    keys: list[str]
    kind: str
    attendees: list[str] = field(default_factory=list)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def minutes_from(store: Store, draft: MinutesDraft, today: date) -> Minutes:
    """In the save worker: every goal of the review with its figures as of now."""
    snapshot = store.snapshot()
    goals = {g.key: g for g in snapshot.goals}
    items: list[ReviewItem] = []
    for key in draft.keys:
        goal = goals.get(key)
        if goal is None:
            continue  # deleted since the review began
        progress = evaluate(goal, snapshot.series.get(key, []), today)
        items.append(review_item(goal, progress, draft.outcomes.get(key), draft.notes.get(key, "")))
    return Minutes(
        id=draft.id, held_on=today, kind=draft.kind, attendees=draft.attendees, items=items
    )


class ReviewMinutes(Screen[bool]):
    """Attendees, kind, ctrl+s and escape's "save the minutes?"; the review supplies the
    goals, the decisions and the bar."""

    store: Store
    clock: Clock
    goal_keys: list[str]
    outcomes: dict[str, Outcome]
    notes: dict[str, str]
    changed: bool  # a goal was adjusted from the review: the board reloads
    _kind: str  # the kind to offer, from the goals' owners

    def __init__(self) -> None:
        super().__init__()
        self.attendees: list[str] | None = None  # None: not asked yet
        self.kind = ""
        self.minutes_id: str | None = None  # given at the first save; later saves replace it
        self.dirty = False  # decisions not written yet (a save in the queue included)
        self._edits = 0  # counts changes: a save clears `dirty` only if none came after it
        self._saving = 0  # minutes saves queued and not written yet
        self._saved = False  # written at least once
        self._sent_edits = -1  # `_edits` as the last save queued saw it
        self._leave_when_saved: Callable[[], None] | None = None  # how to leave once written

    def _update_bar(self) -> None:
        raise NotImplementedError  # the review draws the bar

    def _touch(self) -> None:
        self.dirty = True
        self._edits += 1

    def save_state(self) -> str:
        """For the bar: "saving…", "saved", "unsaved changes", or "" before the first save."""
        if self._saving:
            return "saving…"
        if self._saved:
            return "unsaved changes" if self.dirty else "saved"
        return ""

    def action_attendees(self, then: Callable[[], None] | None = None) -> None:
        """Ask who is here (comma-separated) and the kind of meeting; `then` runs after."""

        def got_kind(kind: str | None) -> None:
            if kind is None:
                return
            self.kind = kind or self.kind or self._kind
            if self.minutes_id is not None:
                self._touch()  # saved minutes name other attendees now
            self._update_bar()
            if then is not None:
                then()

        def got_names(text: str | None) -> None:
            if text is None:
                return
            self.attendees = parse_attendees(text)
            prompt = TextPromptScreen(
                "Kind of meeting", self.kind or self._kind, "team meeting, one-on-one"
            )
            self.app.push_screen(prompt, got_kind)

        names = ", ".join(self.attendees or [])
        prompt = TextPromptScreen("Attendees, comma-separated", names, "e.g. Dana, Maria, Sam")
        self.app.push_screen(prompt, got_names)

    def action_save(self, then: Callable[[], None] | None = None) -> None:
        if self.attendees is None:
            self.action_attendees(then=lambda: self._write(then))
        else:
            self._write(then)

    def _write(self, then: Callable[[], None] | None = None) -> None:
        """Queue the minutes; `then` runs once they are written (not if they are refused)."""
        self.minutes_id = self.minutes_id or new_id()  # a second save replaces the first
        draft = MinutesDraft(
            self.minutes_id,
            list(self.goal_keys),
            self.kind or self._kind,
            list(self.attendees or []),
            dict(self.outcomes),
            dict(self.notes),
        )
        store, today, edits = self.store, self.clock.today(), self._edits
        self._sent_edits = edits

        def written(minutes: Minutes) -> None:
            self._saving -= 1
            self._saved = True
            if self._edits == edits:
                self.dirty = False
            discussed = sum(1 for i in minutes.items if i.discussed)
            thanked = sorted({i.owner for i in minutes.items if i.outcome is Outcome.CELEBRATE})
            kudos = f" Kudos for {', '.join(thanked)}." if thanked else ""
            self.notify(
                f"{len(minutes.items)} goals, {discussed} discussed.{kudos}",
                title="Minutes saved",
                timeout=3,
            )
            self._update_bar()
            if then is not None:
                then()
            elif self._leave_when_saved is not None and not self.dirty:
                self._leave_when_saved()

        def refused(error: Exception) -> None:
            self._saving -= 1
            self._leave_when_saved = None  # stay: the decisions are only on this screen
            self.notify(error_text(error), title="Minutes not saved", severity="error")
            self._update_bar()

        self._saving += 1
        self._update_bar()
        saves_of(self).submit(
            Save(
                f"minutes of the {draft.kind}",
                lambda: store.save_minutes(minutes_from(store, draft, today)),
                done=written,
                failed=refused,
                owner=self,
            )
        )

    def action_back(self) -> None:
        self.ask_to_leave()

    def has_unsaved_work(self) -> bool:
        """Decisions in no save yet (a save on its way that has them all counts as saved)."""
        return self.dirty and not (self._saving and self._edits == self._sent_edits)

    def ask_to_leave(self, then: Callable[[], None] | None = None) -> None:
        """Escape, and every way out of the app: "Save the minutes?" while some decision is
        not written; `then` runs once the review has closed."""

        def leave() -> None:
            self._leave()
            if then is not None:
                then()

        if not self.dirty:
            leave()
            return
        if not self.has_unsaved_work():
            # Everything is in the save on its way: leave once it is written.
            self._leave_when_saved = leave
            self.notify("Saving the minutes first: the review closes once they are written.")
            return

        def answered(save: bool | None) -> None:
            if save is None:
                return
            if save:
                self.action_save(then=leave)
            else:
                leave()

        self.app.push_screen(LeaveReviewScreen(), answered)

    def _leave(self) -> None:
        self.dismiss(self.changed)
