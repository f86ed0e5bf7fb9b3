"""`goaltui import` of platform exports as a lead sets it up and cron runs it: the options
once, saved as a profile, then `goaltui import today.csv --profile NAME` every night.

Golden transcripts in tests/unit/golden/import-*.txt (regenerate with
GOALTUI_UPDATE_GOLDEN=1, then read the diff): each command, what it printed, its exit code.
"""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_files import (
    CONNECT,
    CONNECT_ARGS,
    EXPORTS,
    FIVE9,
    FIVE9_ARGS,
    GENESYS,
    GENESYS_ARGS,
    add_acw_goals,
)
from test_exporters import assert_golden

from goaltui.cli import main as cli
from goaltui.core.clock import FixedClock
from goaltui.store.store import Store


@pytest.fixture
def centre(demo_path: Path, clock: FixedClock) -> Path:
    """The demo team with ACW goals for Tom and Sam."""
    add_acw_goals(Store(demo_path, clock=clock, user="lead"))
    return demo_path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding copies of the exports, as the cron job's: files named bare."""
    folder = tmp_path / "exports"
    shutil.copytree(EXPORTS, folder)
    monkeypatch.chdir(folder)
    return folder


def transcript(db: Path, *commands: list[str]) -> str:
    """Each command as typed, then what it printed (stdout, then stderr) and its exit code."""
    lines = []
    for args in commands:
        result = CliRunner().invoke(cli.main, [*args, "--db", str(db)])
        lines.append("$ goaltui " + shlex.join(args))
        lines += result.stdout.splitlines() + result.stderr.splitlines()
        lines.append(f"[exit {result.exit_code}]")
    return "\n".join(lines) + "\n"


def run(db: Path, *args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, [*map(str, args), "--db", str(db)])
    return result.exit_code, result.stdout, result.stderr


def values(db: Path) -> dict[str, list[tuple[str, float]]]:
    store = Store(db)
    return {
        g.key: [(c.day.isoformat(), c.value) for c in store.checkins(g.key)] for g in store.goals()
    }


# -- golden transcripts -----------------------------------------------------------------


def test_a_genesys_export_set_up_once_then_imported_by_profile(centre: Path, here: Path) -> None:
    text = transcript(
        centre,
        ["import", GENESYS.name, *GENESYS_ARGS, "--dry-run", "--save-profile", "genesys"],
        ["import", GENESYS.name, "--profile", "genesys"],
        ["import", GENESYS.name, "--profile", "genesys"],
        ["import", "--profiles"],
    )
    assert_golden("import-genesys.txt", text)


def test_interval_and_semicolon_exports_with_their_profiles(centre: Path, here: Path) -> None:
    unweighted = [a for a in CONNECT_ARGS if a not in ("--weight-col", "Contacts handled")]
    text = transcript(
        centre,
        ["import", CONNECT.name, *unweighted],
        ["import", CONNECT.name, *CONNECT_ARGS, "--save-profile", "connect"],
        [
            *["import", CONNECT.name, "--profile", "connect", "--dry-run"],
            *["--column", "Average handle time=AHT"],  # this run's columns, not the profile's
        ],
        ["import", FIVE9.name, *FIVE9_ARGS, "--save-profile", "five9"],
        ["import", "--profiles"],
        ["import", "--delete-profile", "five9"],
        ["import", "--profiles"],
    )
    assert_golden("import-connect-five9.txt", text)


def test_what_a_lead_sees_when_an_export_or_an_option_is_wrong(centre: Path, here: Path) -> None:
    (here / "typo.csv").write_text(
        '"Agent Name",Date,"Avg Handle","FCR %"\n'
        '"Becker, Tom",2026/11/25,00:09:19,\n'
        '"Beker, Tom",2026/11/25,00:09:19,\n'
        '"Okafor, Sam",2026/11/25,,1:04\n'
        ",,,\n"
    )
    wide = ["--owner-col", "Agent Name"]
    text = transcript(
        centre,
        ["import", "typo.csv", "--column", "Avg Handle=AHT", "--column", "FCR %=FCR", *wide],
        ["import", "typo.csv", "--column", "Avg Handle=AHTT", *wide],
        ["import", "typo.csv", "--column", "Avg Handle=AHT"],
        ["import", "typo.csv", "--aggregate", "sum"],
        ["import", "typo.csv", "--profile", "nightly"],
        ["import", GENESYS.name, *GENESYS_ARGS, "--save-profile", "Genesys Cloud"],
        ["import", "--delete-profile", "nightly"],
        ["import"],
    )
    assert_golden("import-errors.txt", text)


# -- profiles ---------------------------------------------------------------------------


def test_a_profile_is_saved_only_when_its_import_works(centre: Path, here: Path) -> None:
    unweighted = [a for a in CONNECT_ARGS if a not in ("--weight-col", "Contacts handled")]
    code, _out, err = run(centre, "import", CONNECT.name, *unweighted, "--save-profile", "x")

    assert code == 1 and "nothing was imported" in err
    assert run(centre, "import", "--profiles")[1].startswith("no import profiles saved")


def test_a_dry_run_saves_the_profile_and_no_values(centre: Path, here: Path) -> None:
    before = values(centre)

    code, out, _ = run(
        centre, "import", GENESYS.name, *GENESYS_ARGS, "--dry-run", "--save-profile", "g"
    )

    assert (
        code == 0
        and out.splitlines()[-1] == "saved import profile 'g': goaltui import FILE --profile g"
    )
    assert values(centre) == before
    assert [p.name for p in Store(centre).import_profiles()] == ["g"]


def test_options_typed_on_the_command_line_win_over_the_profile(centre: Path, here: Path) -> None:
    """--column given again replaces the profile's columns (not adds to them)."""
    run(centre, "import", GENESYS.name, *GENESYS_ARGS, "--dry-run", "--save-profile", "g")

    code, out, err = run(
        centre, "import", GENESYS.name, "--profile", "g", "--column", "Avg Handle=AHT"
    )

    assert code == 0, err
    assert out.startswith("added 2, changed 0")  # Tom's AHT on two days, nothing else
    assert [c for c in values(centre)["fcr-sam"] if c[0] == "2026-11-21"] == []


def test_profiles_live_in_the_data_file_for_every_lead_and_survive_other_writes(
    centre: Path, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(centre, "import", FIVE9.name, *FIVE9_ARGS, "--dry-run", "--save-profile", "five9")
    monkeypatch.setenv("GOALTUI_USER", "priya-lead")
    assert run(centre, "log", "fcr-sam", "66", "--date", "2026-11-25")[0] == 0  # the fast path

    code, out, _ = run(centre, "import", FIVE9.name, "--profile", "FIVE9")

    assert code == 0 and out.startswith("added 2, changed 0, skipped 3 unchanged")
    meta = json.loads(centre.read_text())["_meta"]["1"]
    assert meta["import_profiles"]["five9"]["saved_by"] == "lead"
    assert meta["import_profiles"]["five9"]["options"]["date_col"] == "DATE"


def test_a_bad_profile_in_the_file_stops_writes_and_is_named(centre: Path, here: Path) -> None:
    run(centre, "import", FIVE9.name, *FIVE9_ARGS, "--dry-run", "--save-profile", "five9")
    data = json.loads(centre.read_text())
    data["_meta"]["1"]["import_profiles"]["five9"]["options"]["force"] = True
    centre.write_text(json.dumps(data))
    before = centre.read_bytes()

    code, _out, err = run(centre, "log", "fcr-sam", "66", "--date", "2026-11-25")
    assert (code, err.count("\n")) == (2, 1)
    assert "import profile 'five9': unknown option 'force'" in err
    code, _out, err = run(centre, "import", "--profiles")
    assert code == 2 and "unknown option 'force'" in err
    assert centre.read_bytes() == before


def test_a_long_platform_file_keeps_its_options_in_a_profile_too(centre: Path) -> None:
    """The date,agent,KPI,value file of data/sample-import-platform.csv, by profile."""
    sample = Path(__file__).resolve().parents[2] / "data" / "sample-import-platform.csv"
    cols = ["--metric-col", "KPI", "--owner-col", "Agent", "--note-col", "Comment"]

    first = run(centre, "import", sample, *cols, "--save-profile", "wfm")
    again = run(centre, "import", sample, "--profile", "wfm")

    assert first[0] == 0 and first[1].startswith("added 2, changed 1, skipped 19 unchanged")
    assert again == (
        0,
        "added 0, changed 0, skipped 22 unchanged (already imported: nothing changed)\n",
        "",
    )
    listed = run(centre, "import", "--profiles")[1]
    assert listed.startswith(
        "wfm: --owner-col Agent --note-col Comment --metric-col KPI (saved by lead"
    )
