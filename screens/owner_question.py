"""Before the goal form saves an owner that is new and close to an existing one (a typo
would make a new agent with one goal): "'Maria Lopes' is new. Did you mean Maria Lopez?"

The choices are a vertical list, as in the close-goal dialog, so two names of up to 40
characters fit 80 columns. The closeness rule is goaltui.core.owners.near_owners.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs import Dialog

MORE_AT_MOST = 2  # other close owners offered after the closest one
KEEP, BACK = "keep", "back"  # option ids; an existing owner's option id is "use-<n>"


class OwnerQuestion(Dialog[str | None]):
    """Dismisses with the owner to save (an existing one, or `typed` kept as a new agent),
    None to go back to the form."""

    BINDINGS = [
        Binding("u", "use", "Use it", id="owner.use", tooltip="Save with the existing owner"),
        Binding("k", "keep", "New agent", id="owner.keep",
                tooltip="Save with the name as typed: a new owner"),
        Binding("escape,b", "back", "Back", id="owner.back",
                tooltip="Back to the form, nothing saved"),
    ]  # fmt: skip

    def __init__(self, typed: str, near: Sequence[str]) -> None:
        super().__init__()
        self.typed = typed
        self.near = list(near[: 1 + MORE_AT_MOST])

    def compose(self) -> ComposeResult:
        closest = self.near[0]
        with Vertical():
            yield Static(
                f"'{self.typed}' is new. Did you mean {closest}?",
                classes="dialog-title",
                markup=False,
            )
            options = [Option(Content(f"u  Use {closest}"), id="use-0")]
            options += [
                Option(Content(f"   or {other}"), id=f"use-{n}")
                for n, other in enumerate(self.near[1:], start=1)
            ]
            options += [
                Option(Content(f"k  Keep {self.typed} as a new agent"), id=KEEP),
                Option(Content("b  Back to the form (escape)"), id=BACK),
            ]
            yield OptionList(*options, id="owner-choices")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0  # a typo is likelier than a new agent with a near-same name
        choices.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or BACK
        if chosen == KEEP:
            self.dismiss(self.typed)
        elif chosen.startswith("use-"):
            self.dismiss(self.near[int(chosen.removeprefix("use-"))])
        else:
            self.dismiss(None)

    def action_use(self) -> None:
        self.dismiss(self.near[0])

    def action_keep(self) -> None:
        self.dismiss(self.typed)

    def action_back(self) -> None:
        self.dismiss(None)
