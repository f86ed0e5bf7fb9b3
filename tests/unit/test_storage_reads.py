"""Reads never queue behind a write that waits for another process's lock.

The save queue's worker may wait up to the lock timeout for a cron import; the live
refresh and a screen opening read the same Store meanwhile, from other threads.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from lock_holder import lock_held_elsewhere

from goaltui.core.clock import FixedClock
from goaltui.core.models import Goal, Metric
from goaltui.store.store import Store

LIMIT = 20.0


def test_a_read_goes_on_while_a_write_in_this_process_waits_for_the_lock(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = Store(tmp_path / "goals.json", clock=clock, user="lead", lock_timeout=60)
    metric = Metric(name="AHT", unit="s", baseline=500, target=420)
    store.add_goal(
        Goal(key="aht", title="AHT", owner="Team", metric=metric, start=date(2026, 6, 1))
    )
    with lock_held_elsewhere(store.path) as lock:
        writing = threading.Thread(target=store.log, args=("aht", 455.0))
        writing.start()  # waits for the other process's lock
        read: list[list[str]] = []
        reader = threading.Thread(target=lambda: read.append([g.key for g in store.goals()]))
        reader.start()
        reader.join(LIMIT)
        assert read == [["aht"]], "the read did not wait for the write"
        assert writing.is_alive(), "the write is still waiting for the lock"
        assert store.checkins("aht") == []
        lock.release()
        writing.join(LIMIT)
    assert not writing.is_alive()
    assert [c.value for c in store.checkins("aht")] == [455.0]
