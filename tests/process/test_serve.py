"""`goaltui serve`: the wallboard in a real (headless) browser, who may connect (the key,
the cookie, the Origin check, against the real server), and the command's guards.

The browser test starts `goaltui serve` on a free port, opens the URL it printed in the
system Chromium, driven through the DevTools protocol (aiohttp, which textual-serve
brings, speaks the websocket), waits until the served app has drawn, and saves a
screenshot: LOOK at it after a change (GOALTUI_SCREENSHOT=path keeps a copy). Skipped
with a reason when Chromium or textual-serve is missing; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from click.testing import CliRunner
from waiting import NotReached, async_poll_until, read_lines

from goaltui.cli import main as cli
from goaltui.cli.wall import serve_command

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
needs_serve = pytest.mark.skipif(
    not __import__("importlib").util.find_spec("textual_serve"),
    reason="textual-serve is not installed (pip install -e '.[serve]')",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A running `goaltui serve`: the URL it printed first (key included) and its port."""

    url: str
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def key(self) -> str:
        return self.url.partition("?key=")[2]


def drain(fd: int, sink: BinaryIO) -> None:
    while chunk := os.read(fd, 65536):
        sink.write(chunk)


@contextmanager
def serving(db: Path, log_path: Path, *args: str) -> Iterator[Served]:
    """`goaltui serve ARGS` on a free port, yielded once it has printed its URL (it prints
    it once the port is open). Its output goes to `log_path`."""
    port = free_port()
    log = log_path.open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "goaltui", "--db", str(db), "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=log,
    )
    assert server.stdout is not None
    fd = server.stdout.fileno()
    drainer = threading.Thread(target=lambda: drain(fd, log), daemon=True)
    try:
        try:
            (first,), rest = read_lines(fd, 1)
        except NotReached as error:
            log.flush()
            pytest.fail(f"{error}\n{log_path.read_text()}")
        log.write(rest)
        drainer.start()  # the access log must not fill the pipe and stall the server
        yield Served(first.decode(), port)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if drainer.is_alive():
            drainer.join(10)  # the pipe closed with the server
        server.stdout.close()
        log.close()


@pytest.fixture
def served(today_demo: Path, tmp_path: Path) -> Iterator[Served]:
    """`goaltui serve` (the wallboard) on 127.0.0.1 and a free port."""
    with serving(today_demo, tmp_path / "serve.log") as server:
        yield server


# Where the served page is: the app's first bytes arrived (textual-serve's "-first-byte"),
# the session ended ("-closed"), Textual switched on mouse reporting (the app is up).
PAGE_STATE = """(() => { try { return {
    firstByte: document.body.classList.contains('-first-byte'),
    closed: document.body.classList.contains('-closed'),
    mouse: !!document.querySelector('.xterm.enable-mouse-events'),
    font: [...document.fonts].some(f => f.family.includes('Roboto Mono') && f.status === 'loaded'),
}; } catch (e) { return {}; } })()"""

# Installed before the page's own scripts: keeps a copy of everything the app sends to the
# terminal, so the test can tell when the wallboard's rows have arrived.
RECORD_OUTPUT = """(() => {
  window.__terminalOutput = "";
  const decoder = new TextDecoder();
  const addEventListener = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type === "message") {
      const inner = listener;
      listener = function (event) {
        if (event.data instanceof ArrayBuffer) {
          window.__terminalOutput += decoder.decode(event.data, {stream: true});
        }
        return inner.call(this, event);
      };
    }
    return addEventListener.call(this, type, listener, options);
  };
})()"""


class Browser:
    """Just enough of the Chrome DevTools protocol: navigate, evaluate, screenshot."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = json.loads((await self.ws.receive()).data)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                result: dict[str, Any] = message["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


async def screenshot_when_drawn(url: str, profile: Path, png: Path) -> tuple[dict[str, Any], str]:
    """Open `url`, wait until the app has drawn the wallboard and the page shows it, save a
    screenshot to `png`; returns the page state and what the app sent to the terminal."""
    import aiohttp

    assert CHROMIUM is not None
    chrome = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--window-size=1280,800",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        active = profile / "DevToolsActivePort"

        async def devtools_port() -> str:
            fields = active.read_text().split() if active.exists() else []
            return fields[0] if len(fields) >= 2 else ""

        port = await async_poll_until(devtools_port)
        assert port, "Chromium did not open its DevTools port"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/json/list") as response:
                pages = [t for t in await response.json() if t["type"] == "page"]
            async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                browser = Browser(ws)
                await browser.call("Page.enable")
                await browser.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_OUTPUT)
                await browser.call("Page.navigate", url=url)

                async def output() -> str:
                    return str(await browser.evaluate("window.__terminalOutput || ''"))

                sizes: list[int] = []

                async def drawn_or_closed() -> dict[str, Any]:
                    # A goaltui process starts per connection: the first frame takes a while.
                    # Drawn: the goal rows have come and the app has gone quiet (no more bytes
                    # since the last look), so the frame is whole.
                    state: dict[str, Any] = await browser.evaluate(PAGE_STATE) or {}
                    sent = await output()
                    sizes.append(len(sent))
                    up = state.get("firstByte") and state.get("mouse") and "kb-articles" in sent
                    quiet = sizes[-2:-1] == sizes[-1:]
                    return state if state.get("closed") or (up and quiet) else {}

                state = await async_poll_until(drawn_or_closed)
                state = state or await browser.evaluate(PAGE_STATE) or {}

                # The terminal draws what arrived on its next animation frames: the screenshot
                # is taken once two in a row agree.
                shots: list[bytes] = []

                async def steady_screenshot() -> bytes:
                    shot = await browser.call("Page.captureScreenshot", format="png")
                    shots.append(base64.b64decode(shot["data"]))
                    return shots[-1] if shots[-2:-1] == shots[-1:] else b""

                png.write_bytes(await async_poll_until(steady_screenshot) or shots[-1])
                return state, await output()
    finally:
        chrome.terminate()
        try:
            chrome.wait(10)
        except subprocess.TimeoutExpired:
            chrome.kill()


@pytest.mark.slow
@needs_serve
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_the_wallboard_in_a_browser(served: Served, tmp_path: Path) -> None:
    import urllib.request

    with urllib.request.urlopen(served.url, timeout=10) as response:
        html = response.read().decode()
    assert "goaltui wallboard" in html
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/ws"' in html

    png = tmp_path / "wallboard.png"
    state, sent = asyncio.run(screenshot_when_drawn(served.url, tmp_path / "chrome", png))
    if keep := os.environ.get("GOALTUI_SCREENSHOT"):
        shutil.copy(png, keep)
    assert "kb-articles" in sent, state  # the served wallboard drew the goal rows
    assert png.stat().st_size > 10_000, state
    assert png.read_bytes().startswith(b"\x89PNG")
    assert state.get("firstByte") and not state.get("closed"), state  # the app answered, still runs
    assert state.get("mouse"), state  # Textual switched mouse reporting on: the app is up
    # The page's font comes from the server (no request to Google), loaded before the
    # terminal measured its cells: block glyphs are drawn in cells of their own font.
    assert "fonts.googleapis.com" not in html and state.get("font"), state


# -- who may connect: the key and the Origin, against the real server --------------------------


@pytest.mark.slow
@needs_serve
def test_serve_prints_the_url_with_a_fresh_key_on_line_one(served: Served) -> None:
    assert re.fullmatch(rf"http://127\.0\.0\.1:{served.port}/\?key=[\w-]{{43}}", served.url)


async def _get(http: Any, url: str, **headers: str) -> tuple[int, str, Any]:
    async with http.get(url, headers=headers, allow_redirects=False) as response:
        return response.status, await response.text(), response


@pytest.mark.slow
@needs_serve
def test_every_http_request_needs_the_key(served: Served) -> None:
    import aiohttp

    async def check() -> None:
        base, cookie = served.base, f"goaltui-key-{served.port}"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            for path in ("/", "/?key=wrong", "/static/js/textual.js", "/ws", "/download/x"):
                status, body, response = await _get(http, base + path)
                assert status == 403, path
                assert response.content_type == "text/plain", path
                assert body.startswith("goaltui serve: open the URL"), path
                assert "Set-Cookie" not in response.headers, path
            status, _, _ = await _get(http, base + "/", Cookie=f"{cookie}=wrong")
            assert status == 403

            status, html, response = await _get(http, served.url)
            assert status == 200 and "goaltui wallboard" in html
            given = response.cookies[cookie]
            assert given.value == served.key
            assert given["httponly"] and given["samesite"] == "Strict" and given["path"] == "/"
            assert response.headers["Referrer-Policy"] == "no-referrer"

            # The page's own follow-up requests carry the cookie, not the key.
            with_cookie = {"Cookie": f"{cookie}={served.key}"}
            status, _, _ = await _get(http, base + "/static/js/textual.js", **with_cookie)
            assert status == 200
            status, body, _ = await _get(
                http, base + "/static/js/textual.js", Origin="http://evil.example", **with_cookie
            )
            assert status == 403 and body.startswith("goaltui serve: a page from another site")

            # Reached as box.example:9000 (--host 0.0.0.0, a tunnel), the page links back there.
            status, html, _ = await _get(http, served.url, Host="box.example:9000")
            assert status == 200
            assert 'data-session-websocket-url="ws://box.example:9000/ws"' in html
            assert 'src="http://box.example:9000/static/js/textual.js"' in html

    asyncio.run(check())


@pytest.mark.slow
@needs_serve
def test_a_websocket_needs_the_key_and_the_browsers_own_origin(served: Served) -> None:
    import aiohttp

    async def handshake(url: str, **headers: str) -> int:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
            try:
                async with http.ws_connect(url, headers=headers) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    async def check() -> None:
        ws, cookie = f"{served.base}/ws", f"goaltui-key-{served.port}={served.key}"
        own, evil = served.base, "http://evil.example"
        assert await handshake(ws) == 403
        assert await handshake(ws, Origin=own) == 403
        assert await handshake(ws, Cookie="goaltui-key-1=" + served.key, Origin=own) == 403
        assert await handshake(ws, Cookie=cookie, Origin=evil) == 403
        assert await handshake(f"{ws}?key={served.key}", Origin=evil) == 403
        assert await handshake(ws, Cookie=cookie, Origin="http://127.0.0.1:1") == 403
        assert await handshake(ws, Cookie=cookie, Origin=own) == 101  # the page's own: admitted

    asyncio.run(check())


@pytest.mark.slow
@needs_serve
def test_behind_a_proxy_the_page_and_the_origin_follow_public_url(
    today_demo: Path, tmp_path: Path
) -> None:
    import aiohttp

    public = "https://goals.example/board"
    with serving(today_demo, tmp_path / "serve.log", "--public-url", public + "/") as served:
        assert re.fullmatch(rf"{re.escape(public)}/\?key=[\w-]{{43}}", served.url)
        key_url = f"{served.base}/?key={served.key}"

        async def check() -> None:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
                status, html, response = await _get(http, key_url, Origin="https://goals.example")
                assert status == 200
                assert 'data-session-websocket-url="wss://goals.example/board/ws"' in html
                assert 'src="https://goals.example/board/static/js/textual.js"' in html
                assert response.cookies[f"goaltui-key-{served.port}"]["secure"]
                status, _, _ = await _get(http, key_url, Origin="https://evil.example")
                assert status == 403

        asyncio.run(check())


@pytest.mark.slow
@needs_serve
def test_serve_says_in_one_line_when_the_port_is_taken(today_demo: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "goaltui",
                "--db",
                str(today_demo),
                "serve",
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert (
        result.stderr
        == f"goaltui: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )
    assert result.stdout == ""  # no URL: nothing is listening


# -- the command's guards (no browser, no server) -----------------------------------------------


def test_serve_runs_the_wallboard_or_the_whole_app_on_the_same_file() -> None:
    wall = serve_command("/data/goals file.json", full=False, page_seconds=20)
    assert wall.endswith("-m goaltui --db '/data/goals file.json' wallboard --page-seconds 20")
    assert serve_command("/d.json", full=True).endswith("-m goaltui --db /d.json")


def test_serve_hands_the_walls_choices_to_the_wallboard_but_not_to_the_full_app() -> None:
    wall = serve_command("/d.json", full=False, teams_only=True, initials=True)
    assert wall.endswith("wallboard --page-seconds 15 --teams-only --initials")
    assert serve_command("/d.json", full=False, initials=True).endswith("15 --initials")
    stale = serve_command("/d.json", full=False, stale_days=5)
    assert stale.endswith("wallboard --page-seconds 15 --stale-days 5")
    # --full is the lead's own app: every goal, private ones too
    assert serve_command("/d.json", full=True, teams_only=True).endswith("--db /d.json")


def _fake_serve(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """KeyedServer.serve replaced: records the server and prints the URL, listens on nothing."""
    from goaltui.cli import web_server

    started: list[web_server.KeyedServer] = []

    def serve(self: web_server.KeyedServer, debug: bool = False) -> None:
        started.append(self)
        self.announce()

    monkeypatch.setattr(web_server.KeyedServer, "serve", serve)
    return started


def _serve(db: Path, *args: str) -> Any:
    return CliRunner().invoke(cli.main, ["--db", str(db), "serve", *args])


@needs_serve
def test_serve_binds_to_localhost_by_default_with_a_new_key_each_run(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    started = _fake_serve(monkeypatch)
    first, second = _serve(today_demo), _serve(today_demo)
    assert second.exit_code == 0, second.output
    assert first.exit_code == 0, first.output
    assert "warning" not in first.stderr
    server = started[0]
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert f"--db {today_demo} wallboard" in server.command
    assert first.stdout.splitlines()[0] == f"http://127.0.0.1:8000/?key={server.key}"
    assert len(server.key) >= 43 and started[1].key != server.key


@needs_serve
def test_serve_passes_teams_only_and_initials(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    started = _fake_serve(monkeypatch)
    result = _serve(today_demo, "--teams-only", "--initials")
    assert result.exit_code == 0, result.output
    assert started[0].command.endswith("wallboard --page-seconds 15 --teams-only --initials")


@needs_serve
@pytest.mark.parametrize(
    ("given", "host", "url"),
    [
        ("127.1", "127.0.0.1", "http://127.0.0.1:8000/"),
        ("127.0.0.2", "127.0.0.2", "http://127.0.0.2:8000/"),
        ("::1", "::1", "http://[::1]:8000/"),
        ("[::1]", "::1", "http://[::1]:8000/"),
        ("localhost", "localhost", "http://localhost:8000/"),
    ],
)
def test_loopback_hosts_in_any_form_serve_without_a_warning(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path, given: str, host: str, url: str
) -> None:
    started = _fake_serve(monkeypatch)
    result = _serve(today_demo, "--host", given)
    assert result.exit_code == 0, result.output
    assert result.stderr == "goaltui: serving; Ctrl+C stops it\n"
    assert started[0].host == host
    assert result.stdout.splitlines()[0] == f"{url}?key={started[0].key}"


@needs_serve
def test_serve_warns_that_the_key_travels_in_clear_beyond_localhost(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    started = _fake_serve(monkeypatch)
    monkeypatch.setattr(socket, "gethostname", lambda: "box")
    result = _serve(today_demo, "--host", "0.0.0.0", "--port", "9000", "--full")
    assert result.exit_code == 0, result.output
    warning = result.stderr.splitlines()[0]
    assert warning.startswith("goaltui: warning: listening on 0.0.0.0:9000 over plain HTTP")
    assert "the key travels in clear" in warning
    assert "whoever captures it can read and change the goals" in warning
    assert started[0].command.endswith(f"--db {today_demo}")
    # 0.0.0.0 is no address to browse to: the URL names the machine.
    assert result.stdout.splitlines()[0] == f"http://box:9000/?key={started[0].key}"


@needs_serve
def test_public_url_is_the_url_printed(monkeypatch: pytest.MonkeyPatch, today_demo: Path) -> None:
    started = _fake_serve(monkeypatch)
    result = _serve(today_demo, "--public-url", "https://goals.example/")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"https://goals.example/?key={started[0].key}"
    assert started[0].fixed_public_url == "https://goals.example"


@needs_serve
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "[1.2.3.4]"], "Invalid value for '--host': '[1.2.3.4]' is not an IPv6 address"),
        (["--host", "::g"], "Invalid value for '--host': '::g' is not an IPv6 address"),
        (["--host", "bad host"], "Invalid value for '--host': 'bad host' is not a host name"),
        (["--public-url", "goals.example"], "Invalid value for '--public-url': 'goals.example'"),
    ],
)
def test_a_bad_address_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path, args: list[str], message: str
) -> None:
    started = _fake_serve(monkeypatch)
    result = _serve(today_demo, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"goaltui: error: {message}")
    assert result.stderr.count("\n") == 1 and not result.stdout and not started


def test_serve_without_textual_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    monkeypatch.delitem(sys.modules, "goaltui.cli.web_server", raising=False)  # imported again
    result = CliRunner().invoke(cli.main, ["--db", str(today_demo), "serve"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "goaltui: error: goaltui serve needs textual-serve: pip install 'goaltui[serve]'"
    )
