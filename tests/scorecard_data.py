"""A one-on-one and a kudos on top of the demo data, for the scorecard's tests.

Written here (not in the demo file, which another feature fills with meetings) so the
scorecard's golden files and snapshots show a last meeting whatever the demo holds: this
meeting is dated the demo's last day, so it is the newest.
"""

from __future__ import annotations

from goaltui.core.board_rows import build_rows
from goaltui.core.minutes import ONE_ON_ONE, Minutes, Outcome, review_item
from goaltui.store.store import Store

SAM = "Sam Okafor"


def add_one_on_one(store: Store) -> Minutes:
    """Sam's one-on-one today (fcr-sam kept, with a note; adherence-sam not discussed) and
    a kudos for Sam tied to fcr-sam."""
    today = store.clock.today()
    rows = {r.key: r for r in build_rows(store.snapshot(), today)}
    fcr, adherence = rows["fcr-sam"], rows["adherence-sam"]
    minutes = Minutes(
        held_on=today,
        kind=ONE_ON_ONE,
        attendees=[SAM, "lead"],
        items=[
            review_item(fcr.goal, fcr.progress, Outcome.KEEP, "shadow Maria on [billing] calls"),
            review_item(adherence.goal, adherence.progress),
        ],
    )
    store.add_kudos(SAM, "Calm and clear on the outage calls", "fcr-sam")
    return store.save_minutes(minutes)
