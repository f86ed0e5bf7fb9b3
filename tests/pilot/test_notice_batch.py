"""Bursts of "Changed by others": the first is said at once, the rest together later."""

from __future__ import annotations

from textual.app import App
from waiting import wait_until

from goaltui.widgets.notice_batch import MAX_LINES, NoticeBatch


def notices(app: App[None]) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_burst_of_changes_makes_two_notices_not_one_per_change() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        batch = NoticeBatch(app.screen, "Changed by others", every=3600)
        batch.add(["aht-tom: 534 s by kpi-import"])
        await wait_until(pilot, lambda: len(notices(app)) == 1)
        for n in range(10):  # the writes that follow within the hour wait for the timer
            batch.add([f"fcr-sam: {60 + n}% by dana"])
        await pilot.pause()
        assert len(notices(app)) == 1
        assert batch._timer is not None
        batch._timer.stop()
        batch._show()  # what the timer does when it fires
        await wait_until(pilot, lambda: len(notices(app)) == 2)
        second = notices(app)[1].splitlines()
        assert len(second) == MAX_LINES
        assert second[0] == "fcr-sam: 60% by dana"
        assert second[-1] == f"… and {10 - MAX_LINES + 1} more"
