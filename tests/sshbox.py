"""A shared Linux box in miniature: a group of leads, their Unix users, an sshd of our own.

For tests/process/test_shared_box.py. `shared_box()` creates, under a fresh folder in /tmp,
a group `gtleads<random>`, one user per lead in it (own primary group, home under the
folder, an ed25519 key in ~/.ssh/authorized_keys), the README's group folder
(`install -d -m 2770 -g GROUP`), and an `sshd -D -e` with its own config and host key on a
free 127.0.0.1 port. On leaving (a failure too) it removes all of it in reverse order:
ssh clients, sshd, the leads' leftover processes (by pid), users, group, folder.

Needs root and OpenSSH: `why_not()` says what is missing, for a skip.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from waiting import PROCESS_TIMEOUT, poll_until

SEARCH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin", "/usr/bin", "/bin"])
TOOLS = ("sshd", "ssh", "ssh-keygen", "useradd", "userdel", "groupadd", "groupdel", "install")
PRIVSEP = Path("/run/sshd")  # sshd's privilege-separation folder (compiled in)

SSHD_CONFIG = """\
Port {port}
ListenAddress 127.0.0.1
HostKey {host_key}
PidFile {pid_file}
UsePAM no
AllowUsers {users}
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 50
LogLevel INFO
"""


def why_not() -> str:
    """Why this box cannot be built here ("" when it can)."""
    if not sys.platform.startswith("linux"):
        return "needs Linux users, groups and sshd"
    if os.geteuid() != 0:
        return "needs root: creates Unix users, a group and an sshd"
    missing = [tool for tool in TOOLS if shutil.which(tool, path=SEARCH) is None]
    if missing:
        return f"needs {', '.join(missing)} (Debian: apt-get install openssh-server)"
    return ""


def tool(name: str) -> str:
    found = shutil.which(name, path=SEARCH)
    assert found is not None, why_not()
    return found


def run(*args: str, timeout: float = PROCESS_TIMEOUT) -> str:
    """Run a command as root; its stdout, or an AssertionError with its stderr."""
    done = subprocess.run(
        [tool(args[0]), *args[1:]], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{shlex.join(args)}: exit {done.returncode}: {done.stderr}"
    return done.stdout


def quietly(*args: str) -> None:
    """Run a clean-up command; what is already gone is fine."""
    with contextlib.suppress(subprocess.SubprocessError, OSError):
        subprocess.run(
            [tool(args[0]), *args[1:]], capture_output=True, timeout=PROCESS_TIMEOUT, check=False
        )


def _taken(name: str) -> bool:
    for lookup in (pwd.getpwnam, grp.getgrnam):
        try:
            lookup(name)
        except KeyError:
            continue
        return True
    return False


def unused_names(count: int) -> tuple[str, list[str]]:
    """A group `gtleads<random>` and `count` user names after it, none of them in use."""
    for _ in range(100):
        group = "gtleads" + secrets.token_hex(3)
        users = [f"{group}{chr(ord('a') + n)}" for n in range(count)]
        if not any(_taken(name) for name in [group, *users]):
            return group, users
    raise AssertionError("no free gtleads<random> names after 100 tries")


def pids_of(uid: int) -> list[int]:
    """Processes running as `uid` (the leads' sessions, which this box started)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
    return pids


def remove_user(name: str) -> None:
    """Remove a lead: wait for its sessions to end, kill what is left by pid, userdel."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    if not poll_until(lambda: not pids_of(uid), timeout=10):
        for pid in pids_of(uid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        poll_until(lambda: not pids_of(uid), timeout=10)
    quietly("userdel", "--force", name)
    quietly("groupdel", name)  # its own primary group, if userdel left it


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(PROCESS_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(PROCESS_TIMEOUT)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Lead:
    name: str
    uid: int
    key: Path  # the private key, in a folder only root can read


@dataclass
class Box:
    base: Path  # 0755: the leads pass through it to their homes and the shared folder
    share: Path  # the README's group folder: 2770, root:group
    group: str
    gid: int
    leads: list[Lead]
    port: int = 0
    known_hosts: Path = Path()
    clients: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def ssh_args(self, lead: Lead, command: str) -> list[str]:
        options = {
            "BatchMode": "yes",
            "IdentitiesOnly": "yes",
            "StrictHostKeyChecking": "yes",
            "UserKnownHostsFile": str(self.known_hosts),
            "ConnectTimeout": "30",
            "LogLevel": "ERROR",
        }
        args = [tool("ssh"), "-F", "/dev/null", "-T", "-i", str(lead.key), "-p", str(self.port)]
        for name, value in options.items():
            args += ["-o", f"{name}={value}"]
        return [*args, f"{lead.name}@127.0.0.1", command]

    def ssh(
        self, lead: Lead, command: str, timeout: float = PROCESS_TIMEOUT
    ) -> subprocess.CompletedProcess[str]:
        """Run `command` as `lead` over ssh and wait for it."""
        return subprocess.run(
            self.ssh_args(lead, command),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def start(self, lead: Lead, command: str) -> subprocess.Popen[bytes]:
        """Start `command` as `lead` over ssh; stopped when the box is taken down."""
        client = subprocess.Popen(
            self.ssh_args(lead, command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.clients.append(client)
        return client

    def stop_clients(self) -> None:
        for client in self.clients:
            stop(client)


def _make_lead(base: Path, group: str, name: str, undo: ExitStack) -> Lead:
    home = base / "home" / name
    # "*": no password, but not locked (sshd without PAM refuses a locked "!" account).
    run("useradd", "-m", "-d", str(home), "-U", "-G", group, "-s", "/bin/sh", "-p", "*", name)
    undo.callback(remove_user, name)
    key = base / "keys" / name
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key))
    entry = pwd.getpwnam(name)
    ssh_dir = home / ".ssh"
    ssh_dir.mkdir(mode=0o700, exist_ok=True)
    authorized = ssh_dir / "authorized_keys"
    authorized.write_bytes(key.with_suffix(".pub").read_bytes())
    authorized.chmod(0o600)
    for path in (ssh_dir, authorized):
        os.chown(path, entry.pw_uid, entry.pw_gid)
    return Lead(name=name, uid=entry.pw_uid, key=key)


def _wait_for_log(process: subprocess.Popen[bytes], log: Path, line: str) -> str:
    """Wait until `process` logs `line` or exits; its log."""

    def done() -> bool:
        return process.poll() is not None or line in log.read_text(errors="replace")

    poll_until(done)
    return log.read_text(errors="replace")


def _start_sshd(box: Box, undo: ExitStack) -> None:
    folder = box.base / "sshd"
    folder.mkdir(mode=0o700)
    host_key = folder / "host_ed25519"
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "goaltui-test", "-f", str(host_key))
    # The openssh-server package's service makes this folder at start; sshd -D needs it.
    # Left in place: another session's sshd may be using it.
    PRIVSEP.mkdir(mode=0o755, exist_ok=True)
    log = folder / "sshd.log"
    for _ in range(5):
        port = free_port()  # another process may take it first: then try another
        config = folder / "sshd_config"
        config.write_text(
            SSHD_CONFIG.format(
                port=port,
                host_key=host_key,
                pid_file=folder / "sshd.pid",
                users=" ".join(lead.name for lead in box.leads),
            )
        )
        with log.open("wb") as out:
            sshd = subprocess.Popen(
                [tool("sshd"), "-D", "-e", "-f", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        undo.callback(stop, sshd)
        listening = f"listening on 127.0.0.1 port {port}"
        text = _wait_for_log(sshd, log, listening)
        if sshd.poll() is None and listening in text:
            box.port = port
            public = host_key.with_suffix(".pub").read_text().split()
            box.known_hosts = box.base / "keys" / "known_hosts"
            box.known_hosts.write_text(f"[127.0.0.1]:{port} {public[0]} {public[1]}\n")
            return
        if "Address already in use" not in text:
            raise AssertionError(f"sshd did not start:\n{text}")
    raise AssertionError(f"sshd found no free port:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def shared_box(leads: int = 3) -> Iterator[Box]:
    """The box, taken down on leaving whatever happened."""
    with ExitStack() as undo:
        base = Path(tempfile.mkdtemp(prefix="goaltui-sshbox-", dir="/tmp"))
        undo.callback(shutil.rmtree, base, ignore_errors=True)  # last: after the users
        base.chmod(0o755)
        (base / "home").mkdir(mode=0o755)
        (base / "keys").mkdir(mode=0o700)
        group, names = unused_names(leads)
        run("groupadd", group)
        undo.callback(quietly, "groupdel", group)
        people = [_make_lead(base, group, name, undo) for name in names]
        share = base / "share"
        run("install", "-d", "-m", "2770", "-g", group, str(share))  # as the README says
        box = Box(base, share, group, grp.getgrnam(group).gr_gid, people)
        _start_sshd(box, undo)
        undo.callback(box.stop_clients)  # first: clients, then sshd, users, group, folder
        yield box
