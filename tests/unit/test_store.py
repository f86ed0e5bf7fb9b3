"""The store over a shared file: fresh data across instances, history, migrations, refusals."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from goaltui.core.clock import FixedClock
from goaltui.core.errors import DataFileError, UnknownGoal, UserError
from goaltui.core.models import Goal, Metric
from goaltui.formats.demo import DEMO_TODAY
from goaltui.store import backups
from goaltui.store.schema import SCHEMA_VERSION
from goaltui.store.store import Store

TODAY = DEMO_TODAY


def make_goal(key: str = "aht", parent: str | None = None) -> Goal:
    metric = Metric(name="AHT", unit="s", baseline=540, target=420)
    return Goal(key=key, title=f"Cut {key}", metric=metric, start=date(2026, 6, 1), parent=parent)


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store.add_goal(make_goal())
    return empty_store


def other(store: Store, user: str = "sam") -> Store:
    """A second session on the same file (another lead, or a cron job)."""
    return Store(store.path, clock=store.clock, user=user)


# -- several sessions on one file ---------------------------------------------------------


def test_a_second_session_sees_every_write_of_the_first_and_back(store: Store) -> None:
    sam = other(store)
    assert [g.key for g in sam.goals()] == ["aht"]
    sam.log("aht", 530, TODAY)
    assert [c.value for c in store.checkins("aht")] == [530]
    store.log("aht", 520, TODAY - timedelta(days=1))
    store.add_goal(make_goal("fcr"))
    assert [c.value for c in sam.checkins("aht")] == [520, 530]
    assert sam.has_goal("fcr")


def test_the_change_token_moves_when_another_session_writes(store: Store) -> None:
    token = store.change_token()
    store.goals()
    assert store.change_token() == token  # reading changes nothing
    other(store).log("aht", 530, TODAY)
    assert store.change_token() != token
    assert store.snapshot().series["aht"][-1].value == 530


def test_ids_never_collide_between_sessions(store: Store) -> None:
    sam = other(store)
    for n in range(20):
        (store if n % 2 else sam).add_milestone("aht", f"Step {n}")
    milestones = store.milestones("aht")
    assert len({m.id for m in milestones}) == 20
    assert [m.order for m in milestones] == list(range(20))


def test_a_second_log_the_same_day_keeps_the_old_value_in_history(store: Store) -> None:
    store.log("aht", 530, TODAY, note="first")
    checkin, replaced = other(store).log_with_previous("aht", 512, TODAY)
    assert (checkin.value, checkin.by) == (512, "sam")
    assert replaced is not None and replaced.value == 530
    [revision] = store.checkin_history("aht")
    assert (revision.old.value, revision.old.note, revision.replaced_by) == (530, "first", "sam")
    assert [c.value for c in store.checkins("aht")] == [512]


def test_logging_an_unknown_goal_or_a_bad_value_is_a_user_error(store: Store) -> None:
    with pytest.raises(UnknownGoal):
        store.log("nope", 5, TODAY)
    with pytest.raises(UserError, match="finite"):
        store.log("aht", math.nan, TODAY)
    with pytest.raises(UserError, match="note"):
        store.log("aht", 5, TODAY, note="x" * 501)
    assert store.checkins() == []


def test_keys_are_typed_in_any_case(store: Store) -> None:
    assert store.log("AHT", 5, TODAY).goal == "aht"


# -- schema: migrations and refusals --------------------------------------------------------


def write_version_0(path: Path) -> bytes:
    """A file as stock TinyDB wrote it before goaltui had a schema."""
    with TinyDB(path) as db:
        db.table("goals").insert(make_goal().model_dump(mode="json"))
        db.table("goals").insert(make_goal("fcr").model_dump(mode="json"))
        checkins = db.table("checkins")
        checkins.insert({"goal": "aht", "date": "2026-11-24", "value": 540})
        checkins.insert({"goal": "aht", "date": "2026-11-25", "value": "535"})
        checkins.insert({"goal": "aht", "date": "2026-11-25", "value": 531, "note": "recount"})
        db.table("milestones").insert({"goal": "aht", "title": "Coach holds", "order": 0})
    return path.read_bytes()


def test_a_version_0_file_is_migrated_after_a_backup(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "goals.json"
    original = write_version_0(path)
    store = Store(path, clock=clock, user="lead")
    assert [g.key for g in store.goals()] == ["aht", "fcr"]
    assert [(c.day.day, c.value) for c in store.checkins("aht")] == [(24, 540), (25, 531)]
    [revision] = store.checkin_history("aht")  # two values for one day: nothing is lost
    assert revision.old.value == 535
    assert [m.title for m in store.milestones("aht")] == ["Coach holds"]
    data = orjson.loads(path.read_bytes())
    assert data["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert set(data["goals"]) == {"aht", "fcr"}
    assert set(data["series"]) == {"aht"} and "checkins" not in data
    [backup] = backups.list_backups(path)
    assert backup.name == "goals.json.bak-2026-11-26-schema0"
    assert backup.read_bytes() == original


def test_a_version_0_file_that_cannot_be_migrated_is_left_as_it_was(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps({"checkins": {"1": {"goal": "aht", "date": "soon", "value": 1}}}))
    before = path.read_bytes()
    with pytest.raises(DataFileError, match=r"cannot migrate check-in \(doc 1\): day"):
        Store(path, clock=clock).goals()
    assert path.read_bytes() == before


def test_a_file_from_a_newer_goaltui_is_refused_and_not_touched(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps({"_meta": {"1": {"schema": 99}}, "goals": {}, "kudos": {}}))
    before = path.read_bytes()
    store = Store(path, clock=clock)
    for attempt in (store.goals, lambda: store.add_goal(make_goal())):
        with pytest.raises(DataFileError, match="newer goaltui \\(schema 99") as caught:
            attempt()
        assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert backups.list_backups(path) == []


@pytest.mark.parametrize(
    "content,message",
    [
        ({"_meta": {"1": {"schema": 1}}, "goals": {}, "recipes": {}}, "unknown table(s) recipes"),
        ({"_meta": {"1": {"schema": "one"}}}, "no valid schema version"),
        (
            {"_meta": {"1": {"schema": 1}}, "goals": {"aht": {"key": "aht", "title": 5}}},
            "bad goal 'aht'",
        ),
    ],
    ids=["unknown table", "bad meta", "wrong types"],
)
def test_files_goaltui_does_not_understand_are_refused(
    tmp_path: Path, clock: FixedClock, content: object, message: str
) -> None:
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(content))
    before = path.read_bytes()
    with pytest.raises(DataFileError, match=message.replace("(", "\\(").replace(")", "\\)")):
        Store(path, clock=clock).goals()
    assert path.read_bytes() == before


def test_a_check_in_with_wrong_types_is_reported_by_the_board(store: Store) -> None:
    store.log("aht", 5, TODAY)
    data = orjson.loads(store.path.read_bytes())
    data["series"]["aht"]["values"] = "lots"
    store.path.write_bytes(orjson.dumps(data))
    with pytest.raises(DataFileError, match="bad series of goal 'aht'"):
        store.snapshot()


# -- backups, attribution, export -------------------------------------------------------------


def test_the_first_write_of_each_day_keeps_a_backup(store: Store, clock: FixedClock) -> None:
    # The fixture's add_goal created the file; the next write of the day backs it up.
    store.log("aht", 530, TODAY)
    first = backups.list_backups(store.path)
    assert [p.name for p in first] == ["goals.json.bak-2026-11-26"]
    saved = first[0].read_bytes()
    store.log("aht", 520, TODAY)
    assert first[0].read_bytes() == saved  # once a day
    for _ in range(7):
        clock.advance(days=1)
        store.log("aht", 500, clock.today())
    assert len(backups.list_backups(store.path)) == backups.KEEP


def test_target_changes_need_a_reason_and_go_to_the_ledger(store: Store) -> None:
    goal = store.goal("aht")
    edited = goal.model_copy(update={"metric": goal.metric.model_copy(update={"target": 400.0})})
    with pytest.raises(UserError, match="needs a reason"):
        store.update_goal(edited)
    other(store).update_goal(edited, reason="new floor")
    [change] = store.target_changes("aht")
    assert (change.field, change.old, change.new, change.by) == ("target", "420", "400", "sam")


def test_export_holds_the_whole_data_set(store: Store) -> None:
    store.log("aht", 530, TODAY)
    store.log("aht", 520, TODAY)
    store.add_milestone("aht", "Coach holds")
    data = store.export()
    assert data["schema"] == SCHEMA_VERSION
    assert [g["key"] for g in data["goals"]] == ["aht"]
    assert [c["value"] for c in data["checkins"]] == [520]
    assert [r["old"]["value"] for r in data["checkin_history"]] == [530]
    assert [m["title"] for m in data["milestones"]] == ["Coach holds"]
    orjson.dumps(data)  # plain JSON


def test_the_demo_data_reads_and_snapshots(demo_store: Store) -> None:
    snapshot = demo_store.snapshot()
    assert snapshot.goals and snapshot.token == demo_store.change_token()
    assert any(snapshot.series.values())


def test_worker_threads_of_one_session_can_write_at_once(store: Store) -> None:
    """The TUI saves from worker threads; two sessions in one process share nothing."""
    from concurrent.futures import ThreadPoolExecutor

    sam = other(store)

    def log(n: int) -> None:
        (store if n % 3 else sam).log("aht", float(n), TODAY - timedelta(days=n))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(log, range(60)))
    assert sorted(c.value for c in store.checkins("aht")) == [float(n) for n in range(60)]


def test_a_schema_1_file_is_read_as_is_and_upgraded_by_the_next_write(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "goals.json"
    Store(path, clock=clock).add_goal(make_goal())
    data = orjson.loads(path.read_bytes())
    data["_meta"]["1"]["schema"] = 1
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    store = Store(path, clock=clock)
    assert [g.key for g in store.goals()] == ["aht"]
    assert path.read_bytes() == before  # a read never rewrites the file
    store.log("aht", 5, TODAY)
    assert orjson.loads(path.read_bytes())["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert [b.name for b in backups.list_backups(path)] == [
        f"goals.json.bak-{TODAY.isoformat()}-schema1"
    ]
