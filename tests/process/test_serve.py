"""`goaltui serve`: the wallboard in a real (headless) browser, plus the command's guards.

The browser test starts `goaltui serve` on a free port, drives the system Chromium through
the DevTools protocol (aiohttp, which textual-serve brings, speaks the websocket), waits
until the served app has drawn, and saves a screenshot: LOOK at it after a change
(GOALTUI_SCREENSHOT=path keeps a copy). Skipped with a reason when Chromium or
textual-serve is missing; `.ci/run` installs Chromium.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from waiting import async_poll_until, poll_until

from goaltui.cli import main as cli
from goaltui.cli.wall import serve_command
from goaltui.formats.demo import make_demo_copy

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


@pytest.fixture
def today_demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    return make_demo_copy(date.today(), folder)


@pytest.fixture
def served(today_demo: Path, tmp_path: Path) -> Iterator[str]:
    """`goaltui serve` on a free port; yields the URL once the page answers."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "goaltui", "--db", str(today_demo), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"

    def answers_or_died() -> bool:
        if server.poll() is not None:
            return True
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    try:
        if not poll_until(answers_or_died) or server.poll() is not None:
            pytest.fail((tmp_path / "serve.log").read_text())
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# Where the served page is: the app's first bytes arrived (textual-serve's "-first-byte"),
# the session ended ("-closed"), Textual switched on mouse reporting (the app is up).
PAGE_STATE = """(() => { try { return {
    firstByte: document.body.classList.contains('-first-byte'),
    closed: document.body.classList.contains('-closed'),
    mouse: !!document.querySelector('.xterm.enable-mouse-events'),
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
def test_the_wallboard_in_a_browser(served: str, tmp_path: Path) -> None:
    import urllib.request

    with urllib.request.urlopen(served, timeout=10) as response:
        html = response.read().decode()
    assert "goaltui wallboard" in html and "data-session-websocket-url" in html

    png = tmp_path / "wallboard.png"
    state, sent = asyncio.run(screenshot_when_drawn(served, tmp_path / "chrome", png))
    if keep := os.environ.get("GOALTUI_SCREENSHOT"):
        shutil.copy(png, keep)
    assert "kb-articles" in sent, state  # the served wallboard drew the goal rows
    assert png.stat().st_size > 10_000, state
    assert png.read_bytes().startswith(b"\x89PNG")
    assert state.get("firstByte") and not state.get("closed"), state  # the app answered, still runs
    assert state.get("mouse"), state  # Textual switched mouse reporting on: the app is up


# -- the command's guards (no browser) ------------------------------------------------------------


def test_serve_runs_the_wallboard_or_the_whole_app_on_the_same_file() -> None:
    wall = serve_command("/data/goals file.json", full=False, page_seconds=20)
    assert wall.endswith("-m goaltui --db '/data/goals file.json' wallboard --page-seconds 20")
    assert serve_command("/d.json", full=True).endswith("-m goaltui --db /d.json")


def _fake_server(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int]]:
    import textual_serve.server

    started: list[tuple[str, str, int]] = []

    class FakeServer:
        def __init__(self, command: str, host: str, port: int, title: str) -> None:
            started.append((command, host, port))

        def serve(self) -> None:
            pass

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return started


@needs_serve
def test_serve_binds_to_localhost_by_default(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    started = _fake_server(monkeypatch)
    result = CliRunner().invoke(cli.main, ["--db", str(today_demo), "serve"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert started[0][1:] == ("127.0.0.1", 8000)
    assert f"--db {today_demo} wallboard" in started[0][0]


@needs_serve
def test_serve_warns_when_bound_beyond_localhost(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    started = _fake_server(monkeypatch)
    args = ["--db", str(today_demo), "serve", "--host", "0.0.0.0", "--port", "9000", "--full"]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0
    warning = result.stderr.strip()
    assert warning.startswith("goaltui: warning: serving on 0.0.0.0:9000 without a login")
    assert "anyone who can reach this port can read and change the goals" in warning
    assert "\n" not in warning
    assert started[0][0].endswith(f"--db {today_demo}")


def test_serve_without_textual_serve_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, today_demo: Path
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    result = CliRunner().invoke(cli.main, ["--db", str(today_demo), "serve"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "goaltui: error: goaltui serve needs textual-serve: pip install 'goaltui[serve]'"
    )
