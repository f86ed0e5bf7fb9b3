"""Schema 3: a goal's check-ins as one compact series document; schema-2 files read as they
are and migrated by their first write (tests/unit/golden/demo-schema2.json is the demo
file as the release before schema 3 wrote it)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB
from tinydb.table import Table

from goaltui.core.clock import FixedClock
from goaltui.core.errors import DataFileError
from goaltui.formats.demo import DEMO_NOW, DEMO_TODAY, demo_source
from goaltui.store import backups
from goaltui.store.schema import SCHEMA_VERSION
from goaltui.store.series import Series
from goaltui.store.store import Store

SCHEMA2 = Path(__file__).parent / "golden" / "demo-schema2.json"


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.json"
    shutil.copyfile(SCHEMA2, path)
    return path


def as_tuples(store: Store) -> list[tuple[object, ...]]:
    return [(c.goal, c.day, c.value, c.note, c.confidence, c.by, c.at) for c in store.checkins()]


def test_a_schema_2_file_is_read_as_it_is_and_never_rewritten(old_file: Path) -> None:
    before = old_file.read_bytes()
    store = Store(old_file, clock=FixedClock(DEMO_NOW))
    new = Store(demo_source(), clock=FixedClock(DEMO_NOW))
    assert as_tuples(store) == as_tuples(new)  # same values, notes, authors and stamps
    snapshot = store.snapshot()
    assert [g.key for g in snapshot.goals] == [g.key for g in new.snapshot().goals]
    assert snapshot.series == new.snapshot().series
    assert store.export()["checkins"] == new.export()["checkins"]
    assert old_file.read_bytes() == before
    assert backups.list_backups(old_file) == []


def test_the_first_write_migrates_after_a_backup_and_loses_nothing(old_file: Path) -> None:
    original = old_file.read_bytes()
    store = Store(old_file, clock=FixedClock(DEMO_NOW), user="lead")
    checkins, history = as_tuples(store), store.checkin_history()
    store.log("aht-tom", 501, DEMO_TODAY)
    data = orjson.loads(old_file.read_bytes())
    assert data["_meta"]["1"]["schema"] == SCHEMA_VERSION == 3
    assert "checkins" not in data and set(data["series"]) <= set(data["goals"])
    [backup] = backups.list_backups(old_file)
    assert backup.name.endswith("-schema2") and backup.read_bytes() == original
    fresh = Store(old_file, clock=FixedClock(DEMO_NOW))
    after = as_tuples(fresh)
    replaced = [c for c in checkins if c[0] == "aht-tom" and c[1] == DEMO_TODAY]
    assert [c for c in checkins if c not in replaced] == [
        c for c in after if c[:2] != ("aht-tom", DEMO_TODAY)
    ]
    assert len(fresh.checkin_history()) == len(history) + len(replaced)
    assert fresh.checkins("aht-tom")[-1].value == 501


def test_stock_tinydb_opens_a_schema_3_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    shutil.copyfile(demo_source(), path)

    class KeyedTable(Table):
        document_id_class = str  # goaltui keys documents by goal key or id, not by number

    class KeyedDB(TinyDB):
        table_class = KeyedTable

    with KeyedDB(path) as db:
        assert {"goals", "series", "_meta"} <= db.tables()
        series = db.table("series").get(doc_id="aht-tom")
        assert isinstance(series, dict) and series["goal"] == "aht-tom"
        assert len(series["days"].split(",")) == len(series["values"].split(",")) > 100


def test_a_log_appends_to_its_goal_series_only(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "demo.json"
    shutil.copyfile(demo_source(), path)
    before = orjson.loads(path.read_bytes())["series"]
    Store(path, clock=clock, user="cron").log("aht-tom", 498, DEMO_TODAY)
    after = orjson.loads(path.read_bytes())["series"]
    assert {k for k in after if after[k] != before[k]} == {"aht-tom"}
    assert after["aht-tom"]["values"].endswith(",498")


@pytest.mark.parametrize(
    "column,text,message",
    [
        ("values", "1,2", "different lengths"),
        ("values", "1,x,3", "bad values"),
        ("days", "3,2,1", "not in order"),
        ("values", "1,nan,3", "bad values"),
    ],
)
def test_a_damaged_series_is_one_line_and_the_file_is_left_alone(
    tmp_path: Path, clock: FixedClock, column: str, text: str, message: str
) -> None:
    path = tmp_path / "goals.json"
    store = Store(path, clock=clock)
    from goaltui.core.models import Goal, Metric

    store.add_goal(
        Goal(
            key="aht",
            title="Cut AHT",
            metric=Metric(name="AHT", unit="s", baseline=500, target=450),
            start=date(2026, 11, 1),
        )
    )
    for n in range(3):
        store.log("aht", 500 - n, date(2026, 11, 20 + n))
    data = orjson.loads(path.read_bytes())
    data["series"]["aht"][column] = text
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    with pytest.raises(DataFileError, match=message) as caught:
        Store(path, clock=clock).checkins("aht")
    assert "aht" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(DataFileError):
        Store(path, clock=clock).log("aht", 1, date(2026, 11, 21))
    assert path.read_bytes() == before


def test_series_round_trip_keeps_every_field() -> None:
    series = Series("aht")
    series.upsert(date(2026, 1, 2), 5.25, 1, datetime(2026, 1, 2, 9, 30, 5), note="x")
    series.upsert(date(2026, 1, 1), 4.0, 0, None, confidence="at-risk")
    again = Series("aht", orjson.loads(orjson.dumps(series.to_doc())))
    entries = list(again.entries(["lead", "cron"]))
    assert [(e.day.day, e.value, e.by, e.at, e.note, e.confidence) for e in entries] == [
        (1, 4.0, "lead", None, "", "at-risk"),
        (2, 5.25, "cron", datetime(2026, 1, 2, 9, 30, 5), "x", None),
    ]
    assert again.tail(1) == ([date(2026, 1, 2)], [5.25])


def test_only_values_that_could_be_wins_wait_for_detection(
    tmp_path: Path, clock: FixedClock
) -> None:
    """An ordinary value logged from cron leaves nothing for the open boards to write;
    a value that meets the target waits for the next session's win detection."""
    path = tmp_path / "demo.json"
    shutil.copyfile(demo_source(), path)
    cron = Store(path, clock=clock, user="cron")
    cron.log("aht-tom", 540, DEMO_TODAY)  # target 480 s, lower is better: no win possible
    assert "unchecked_wins" not in orjson.loads(path.read_bytes())["_meta"]["1"]
    cron.log("aht-tom", 470, DEMO_TODAY)  # meets the target
    assert orjson.loads(path.read_bytes())["_meta"]["1"]["unchecked_wins"] == ["aht-tom"]
    lead = Store(path, clock=clock, user="lead")
    assert {w.goal for w in lead.record_new_wins()} == {"aht-tom"}  # target, best
    assert "unchecked_wins" not in orjson.loads(path.read_bytes())["_meta"]["1"]
    assert lead.record_new_wins() == []  # recorded once; nothing waits any more
