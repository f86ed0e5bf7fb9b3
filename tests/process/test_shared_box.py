"""The README's "Sharing one file on a shared box", done for real: three Unix users in one
group, the setgid group folder, one data file, every command over real SSH.

The first lead creates the file (`goaltui --shared --db FILE add`, umask 077); then the three
leads log values at once, each over its own ssh session and with its own umask (077, 022,
002), every write a distinct goal and day, while one of them runs `goaltui import`. Every
write that exited 0 must be in the file with its value and its lead; every other exit must
be a lock timeout; the file, its lock and its backups stay 0660 in the group; `goaltui
board` and `export` work for every lead.

The leads run the worktree's goaltui: its .venv/bin/python when they can execute it, else
(a Python under root's 0700 home, as pyenv puts it) a venv under the box's folder made from
a Python of the same version they can run, with the worktree's .venv site-packages added
(the same goaltui source, the same dependencies). The test prints which, and its figures.

Skipped unless root with sshd and ssh (CI does not install openssh-server): tests/sshbox.py.
"""

from __future__ import annotations

import csv
import io
import shlex
import stat
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from sshbox import Box, Lead, shared_box, why_not
from waiting import read_lines

import goaltui
from goaltui.store.backups import list_backups
from goaltui.store.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(bool(why_not()), reason=why_not())]

UMASKS = ("077", "022", "002")  # the first lead creates the file with the strictest
KEYS = [f"aht-{n}" for n in range(6)]  # two goals per lead
WRITES = 40  # per lead: 20 days on each of its two goals
IMPORTER = 2  # this lead imports a CSV halfway through its loop
LOOP_TIMEOUT = 900.0  # a guard for 40 program starts on a busy machine, not a measure
WORKTREE = Path(goaltui.__file__).resolve().parents[1]
PYTHON_X_Y = f"python{sys.version_info.major}.{sys.version_info.minor}"
FIRST_DAY = date.today() - timedelta(days=120)  # check-ins cannot be in the future


@dataclass(frozen=True)
class Write:
    """One `goaltui log`, told apart from every other by its goal and day."""

    lead: str
    goal: str
    day: date
    value: int

    @property
    def id(self) -> str:
        return f"{self.goal}/{self.day}"


def writes_of(n: int, lead: Lead) -> list[Write]:
    return [
        Write(lead.name, KEYS[2 * n + i % 2], FIRST_DAY + timedelta(days=i // 2), 1000 * n + i)
        for i in range(WRITES)
    ]


def import_rows() -> list[tuple[str, date, int]]:
    later = FIRST_DAY + timedelta(days=60)  # days no loop writes
    return [
        (key, later + timedelta(days=d), 500 + 10 * k + d)
        for k, key in enumerate(KEYS)
        for d in (0, 1)
    ]


# -- the Python the leads run -----------------------------------------------------------------


def runs_worktree(box: Box, python: str) -> bool:
    """Every lead can run `python` and it imports this worktree's goaltui."""
    probe = "import goaltui; print(goaltui.__file__)"
    for lead in box.leads:
        done = box.ssh(lead, shlex.join([python, "-c", probe]))
        if done.returncode != 0 or not done.stdout.strip().startswith(str(WORKTREE)):
            return False
    return True


def others_can_run(path: Path) -> bool:
    """By the mode bits, a user in none of the owners' groups can reach and run `path`."""
    return all(p.stat().st_mode & stat.S_IXOTH for p in [path, *path.parents])


def same_version_pythons() -> list[str]:
    """Pythons of this version the leads may be able to run (ssh has the last word)."""
    found = []
    for folder in (Path(sys.base_prefix) / "bin", Path("/usr/local/bin"), Path("/usr/bin")):
        candidate = (folder / PYTHON_X_Y).resolve()
        if candidate.is_file() and others_can_run(candidate) and str(candidate) not in found:
            found.append(str(candidate))
    return found


@pytest.fixture
def box() -> Iterator[Box]:
    with shared_box(len(UMASKS)) as made:
        yield made


@pytest.fixture
def python(box: Box) -> str:
    """The interpreter the leads run goaltui with (see the module's docstring)."""
    if runs_worktree(box, sys.executable):
        print(f"leads run the worktree's {sys.executable}")
        return sys.executable
    tried = []
    sites = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    for n, base in enumerate(same_version_pythons()):
        venv = box.base / f"venv{n}"
        made = subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=False)
        interpreter = str(venv / "bin" / "python")
        if made.returncode == 0:
            target = venv / "lib" / PYTHON_X_Y / "site-packages"
            lines = [f"import site; site.addsitedir({site!r})" for site in sites]
            (target / "goaltui-worktree.pth").write_text("\n".join(lines) + "\n")
            if runs_worktree(box, interpreter):
                print(
                    f"leads cannot run {sys.executable} (-> {Path(sys.executable).resolve()}); "
                    f"they run a venv of {base} with the worktree's site-packages: {interpreter}"
                )
                return interpreter
        tried.append(base)
    pytest.skip(f"the leads can run neither {sys.executable} nor a venv of {tried}")


# -- the walk-through -------------------------------------------------------------------------


def goaltui_cmd(python: str, db: Path, *args: str) -> str:
    return shlex.join([python, "-m", "goaltui", "--db", str(db), *args])


LOOP = """\
umask {umask}
gt() {{ {goaltui} "$@"; }}
run() {{  # run ID COMMAND...: prints "ID EXIT-CODE STDERR-ON-ONE-LINE"
    id=$1; shift
    err=$("$@" 2>&1 >/dev/null)
    rc=$?
    printf '%s %s %s\\n' "$id" "$rc" "$(printf '%s' "$err" | tr '\\n' ' ')"
}}
echo ready
until [ -e {go} ]; do sleep 0.01; done
echo "began $(date +%s%N)"
{runs}
echo "ended $(date +%s%N)"
"""


@dataclass
class Loop:
    """One lead's session: its umask, its writes, maybe the import; what each command did."""

    lead: Lead
    umask: str
    writes: list[Write]
    csv_file: Path | None = None
    results: dict[str, tuple[int, str]] = field(default_factory=dict)  # id: (exit code, stderr)
    span: tuple[int, int] = (0, 0)  # began, ended (ns, the box's clock)

    def script(self, python: str, db: Path, go: Path) -> str:
        runs = [f"run {w.id} gt log {w.goal} {w.value} --date {w.day} --force" for w in self.writes]
        if self.csv_file is not None:
            runs.insert(
                len(runs) // 2, f"run import gt import {shlex.quote(str(self.csv_file))} --force"
            )
        gate = shlex.quote(str(go))
        return LOOP.format(
            umask=self.umask, goaltui=goaltui_cmd(python, db), go=gate, runs="\n".join(runs)
        )

    def read(self, text: str) -> None:
        """Each line: "began T", one "ID RC MESSAGE" per command, "ended T"."""
        lines = text.splitlines()
        assert lines[0].startswith("began ") and lines[-1].startswith("ended "), text
        self.span = (int(lines[0].split()[1]), int(lines[-1].split()[1]))
        for line in lines[1:-1]:
            ident, code, message = [*line.split(" ", 2), ""][:3]
            self.results[ident] = (int(code), message.strip())


def create_file(box: Box, python: str, db: Path) -> None:
    """The first lead creates the file group-shared, as the README says."""
    due = date.today() + timedelta(days=365)
    adds = [
        shlex.join([python, "-m", "goaltui", "--shared", "--db", str(db), "add", key, f"Cut {key}"])
        + f" --metric AHT --unit s --baseline 540 --target 420 --start {FIRST_DAY} --due {due}"
        for key in KEYS
    ]
    made = box.ssh(box.leads[0], f"umask {UMASKS[0]} && " + " && ".join(adds))
    assert made.returncode == 0, made.stderr


def run_at_once(box: Box, python: str, db: Path) -> tuple[list[Loop], float]:
    """The leads' loops, each in its own ssh session, let go together; seconds they took."""
    scripts = box.base / "scripts"  # root's, readable by all: the leads only run them
    scripts.mkdir(mode=0o755)
    csv_file = scripts / "export.csv"
    rows = "".join(f"{day},{key},{value}\n" for key, day, value in import_rows())
    csv_file.write_text("date,goal,value\n" + rows)
    go = scripts / "go"
    loops = [
        Loop(lead, UMASKS[n], writes_of(n, lead), csv_file if n == IMPORTER else None)
        for n, lead in enumerate(box.leads)
    ]
    clients = []
    for loop in loops:
        script = scripts / f"{loop.lead.name}.sh"
        script.write_text(loop.script(python, db, go))
        clients.append(box.start(loop.lead, f"sh {shlex.quote(str(script))}"))
    early = []
    for client in clients:  # every lead logged in and waiting at the gate
        assert client.stdout is not None
        lines, rest = read_lines(client.stdout.fileno(), 1)
        assert lines == [b"ready"], lines
        early.append(rest)
    started = time.monotonic()
    go.touch()
    for loop, client, rest in zip(loops, clients, early, strict=True):
        out, err = client.communicate(timeout=LOOP_TIMEOUT)
        assert client.returncode == 0, err.decode(errors="replace")
        loop.read((rest + out).decode())
    return loops, time.monotonic() - started


def mode_and_group(path: Path) -> tuple[str, int]:
    st = path.stat()
    return oct(stat.S_IMODE(st.st_mode)), st.st_gid


def test_three_leads_over_ssh_lose_no_acknowledged_write(box: Box, python: str) -> None:
    db = box.share / "team.json"
    shared = ("0o660", box.gid)
    create_file(box, python, db)
    assert mode_and_group(db) == shared  # though the lead's umask is 077
    assert mode_and_group(db.with_name("team.json.lock")) == shared

    loops, elapsed = run_at_once(box, python, db)
    began, ended = max(loop.span[0] for loop in loops), min(loop.span[1] for loop in loops)
    assert began < ended, "the three loops never ran at the same time"
    every = [w for loop in loops for w in loop.writes]
    acked = [w for loop in loops for w in loop.writes if loop.results[w.id][0] == 0]
    failed = {f"{loop.lead.name}:{i}": r for loop in loops for i, r in loop.results.items() if r[0]}
    timeouts = {k: r for k, r in failed.items() if r[0] == 2 and "held the lock" in r[1]}
    assert failed == timeouts, f"commands failed for another reason than a lock timeout: {failed}"
    assert [len(loop.results) for loop in loops] == [
        len(loop.writes) + bool(loop.csv_file) for loop in loops
    ]
    importer = loops[IMPORTER]
    imported = importer.results["import"][0] == 0

    # Every acknowledged write is in the file, with its value and its lead; nothing else.
    store = Store(db, user="checker")
    found = {(c.goal, c.day): (c.value, c.by) for c in store.checkins()}
    lost = [w for w in acked if found.get((w.goal, w.day)) != (w.value, w.lead)]
    assert lost == [], f"{len(lost)} acknowledged writes are not in the file: {lost}"
    wanted = {(w.goal, w.day): (w.value, w.lead) for w in acked}
    if imported:
        wanted |= {(k, d): (v, importer.lead.name) for k, d, v in import_rows()}
    assert found == wanted  # no timed-out write, no half import, nothing else
    assert store.checkin_history() == []  # nothing replaced

    # Data file, lock and backups: 0660 in the group, whoever wrote them with which umask.
    backups = list_backups(db)
    assert backups, "no daily backup was taken"
    names = {path.name for path in box.share.iterdir()}
    assert names == {db.name, f"{db.name}.lock", *(b.name for b in backups)}  # no temp files
    for path in box.share.iterdir():
        assert mode_and_group(path) == shared, path
    assert {path.stat().st_uid for path in box.share.iterdir()} <= {x.uid for x in box.leads}

    # Every lead can read it: the board, and the CSV export.
    for lead in box.leads:
        board = box.ssh(lead, goaltui_cmd(python, db, "board", "--width", "100", "--ascii"))
        assert board.returncode == 0, board.stderr
        assert all(f"Cut {key}" in board.stdout for key in KEYS), board.stdout
        export = box.ssh(lead, goaltui_cmd(python, db, "export", "--format", "csv"))
        assert export.returncode == 0, export.stderr
        rows = csv.DictReader(io.StringIO(export.stdout))
        assert {(r["goal"], date.fromisoformat(r["date"])) for r in rows} == set(found)

    print(
        f"\nshared box: {len(every)} writes by {len(loops)} leads and an import of "
        f"{len(import_rows())} rows ({'acknowledged' if imported else 'timed out'}) in "
        f"{elapsed:.1f} s: acknowledged {len(acked)}, found {len(acked) - len(lost)}, "
        f"lost {len(lost)}; lock timeouts {len(timeouts)}, other failures 0; "
        f"{len(backups)} backup(s)"
    )
