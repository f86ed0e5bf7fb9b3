"""The goal form's save: check the form, ask a reason when the ledger needs one, queue the
write, and close only once it is written.

The write goes through the app's SaveQueue, so the form never waits on the file:
while it waits (a co-user's save or a cron import holds the lock) the heading says
"Saving…", keys still work, and a second ctrl+s says so instead of saving twice. A
refused write (the key was taken meanwhile, a co-user changed the goal, the store
refused it) leaves the form open with what the lead typed.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Input, Static

from goaltui.core.errors import EditConflict
from goaltui.core.goal_input import FormResult, FormValues, ledger_changes
from goaltui.core.models import Goal
from goaltui.core.owners import near_owners
from goaltui.store.store import Store
from goaltui.widgets.form import LABEL_OF
from goaltui.widgets.reads import read_then
from goaltui.widgets.saves import Save, error_text, saves_of
from screens.dialogs import ChoiceScreen, ReasonScreen
from screens.goal_form_fields import merge, read_values, show_values
from screens.owner_question import OwnerQuestion

SAVING = "Saving\u2026 the form closes once it is written"


class GoalFormSaving(Screen[str | None]):
    """ctrl+s and what follows; the form screen supplies the fields and the checks."""

    store: Store
    goal: Goal | None  # the version being edited (None: a new goal)
    editing: bool
    _initial: FormValues  # what "unchanged" means
    _goals_read: bool  # the goals (keys taken, parents) have arrived
    owners: list[str]  # the owners of those goals, most goals first

    def __init__(self) -> None:
        super().__init__()
        self._tried_save = False  # after a save attempt every error shows
        self._reason = ""  # the last reason typed: "keep mine" after a conflict reuses it
        self._sending: FormValues | None = None  # what ctrl+s sent, while it is written
        self._done_key: str | None = None  # written while a dialog was over the form
        self._new_owners: set[str] = set()  # near an existing owner, kept as new all the same
        # Each field's value as the form itself last put it there: a change to another
        # value was typed by the lead. Told by value, not by focus: keys typed in a burst
        # ("AHT⇥6:40") reach a field after the focus has moved on.
        self._by_form: dict[str, str] = {}

    def _note_form_values(self) -> None:
        """The fields hold what the form put there (opened, reloaded, merged)."""
        self._by_form = {field.id or "": field.value for field in self.query(Input)}

    def refresh_checks(self) -> FormResult:
        raise NotImplementedError  # the form screen grades; saving only asks it to

    def values(self) -> FormValues:
        """What the form holds right now."""
        return read_values(self)

    @property
    def saving(self) -> bool:
        """A write was queued and has not landed (or been refused) yet."""
        return self._sending is not None

    def show_heading(self, note: str = "") -> None:
        heading = f"Edit goal {self.goal.key}" if self.goal else "New goal"
        self.query_one("#heading", Static).update(f"{heading} \u00b7 {note}" if note else heading)
        self.set_class(bool(note), "-saving")

    def action_save(self) -> None:
        if self._sending is not None:
            self.notify(f"{SAVING}.", title="Already saving", timeout=4)
            return
        if not self._goals_read:
            self.notify("Still reading the goals: ctrl+s again in a moment.", timeout=4)
            return
        self._tried_save = True
        result = self.refresh_checks()
        if result.goal is None:
            name = next(n for n in FormValues.names() if n in result.errors)
            more = len(result.errors) - 1
            extra = f" (and {more} more)" if more else ""
            self.notify(
                f"{LABEL_OF[name]}: {result.errors[name]}{extra}",
                title="Not saved - fix the form first",
                severity="error",
            )
            self.query_one(f"#{name}").focus()
            return
        goal = result.goal
        if goal.owner not in self._new_owners and (near := near_owners(goal.owner, self.owners)):
            self.app.push_screen(OwnerQuestion(goal.owner, near), self._owner_answered)
            return
        if self.goal is None:
            self._write(goal, "")
            return
        if self.values() == self._initial:
            self.dismiss(goal.key)
            return
        changes = ledger_changes(self.goal, goal)
        if not changes or self._reason:
            self._write(goal, self._reason if changes else "")
            return
        what = "; ".join(f"{name} {old} -> {new}" for name, old, new in changes)

        def with_reason(reason: str | None) -> None:
            if reason:
                self._reason = reason
                self._write(goal, reason)
            else:
                self.notify("Not saved: a new target, baseline or due date needs a reason.")

        self.app.push_screen(ReasonScreen(f"Why change {goal.key}: {what}?"), with_reason)

    def _owner_answered(self, owner: str | None) -> None:
        """The owner the lead meant (the one typed, or an existing one), or None: back."""
        field = self.query_one("#owner", Input)
        if owner is None:
            field.focus()
            return
        self._new_owners.add(owner)
        if owner != field.value.strip():
            field.value = owner
        self.action_save()

    def _write(self, goal: Goal, reason: str) -> None:
        store, base = self.store, self.goal

        def write() -> Goal:  # in the queue's worker
            if base is None:
                return store.add_goal(goal)
            return store.update_goal(goal, reason=reason, base=base)

        self._sending = self.values()
        self.show_heading(SAVING)
        saves_of(self).submit(
            Save(f"goal {goal.key}", write, done=self._written, failed=self._refused, owner=self)
        )

    def _written(self, saved: Goal) -> None:
        sent, self._sending = self._sending, None
        self.notify(f"Saved {saved.key}.", title=saved.title)
        if sent is not None and self.values() != sent:
            self._now_editing(saved, sent)  # typed on while it was written: keep that
            self.notify("What you typed after ctrl+s is still in the form: ctrl+s saves it.")
            return
        if self.is_current:
            self.dismiss(saved.key)
        else:  # help or the palette is over the form: close when it is back on top
            self._done_key = saved.key

    def on_screen_resume(self) -> None:
        if self._done_key is not None:
            key, self._done_key = self._done_key, None
            self.dismiss(key)

    def _now_editing(self, saved: Goal, sent: FormValues) -> None:
        """The form goes on as the edit of the goal just written (a new goal's key is fixed)."""
        self.goal, self.editing, self._initial, self._reason = saved, True, sent, ""
        self.query_one("#key", Input).disabled = True
        self.query_one("#field-status").remove_class("-hidden")
        self.show_heading()
        self.refresh_checks()

    def _refused(self, error: Exception) -> None:
        self._sending = None
        self.show_heading()
        if isinstance(error, EditConflict):
            self._conflict(error)
        else:
            self.notify(error_text(error), title="Not saved", severity="error")

    # -- someone else saved this goal while the form was open -------------------------------

    def _conflict(self, conflict: EditConflict) -> None:
        when = f" at {conflict.at:%H:%M}" if conflict.at else ""
        question = (
            f"{conflict.key} was changed by {conflict.by or 'someone'}{when} while you edited it."
            " Reload theirs (your changes are dropped), or keep yours (saved over theirs;"
            " fields you did not touch take their values)?"
        )
        choices = [("reload", "Reload theirs", "r"), ("keep", "Keep mine", "k")]
        self.app.push_screen(ChoiceScreen(question, choices), self._resolved)

    def _resolved(self, answer: str | None) -> None:
        if answer is None:
            return  # back to the form, nothing saved
        key = self.goal.key if self.goal else ""
        read_then(
            self,
            lambda: self.store.goal(key),
            lambda theirs: self._take_theirs(answer, theirs),
            lambda error: self.notify(error, title="Not saved", severity="error"),
            group="goal-form-theirs",
        )

    def _take_theirs(self, answer: str, theirs: Goal) -> None:
        mine, base = self.values(), self._initial
        self.goal = theirs
        if answer == "reload":
            show_values(self, FormValues.from_goal(theirs))
            self._note_form_values()
            self._initial = self.values()
            self._reason = ""
            self.refresh_checks()
            self.notify(f"Showing {theirs.key} as {theirs.updated_by or 'they'} saved it.")
            return
        show_values(self, merge(base, mine, FormValues.from_goal(theirs)))
        self._note_form_values()
        self.action_save()  # against their version now: the ledger and a reason if needed
