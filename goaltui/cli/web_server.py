"""textual-serve's Server behind a per-run key and an Origin check.

textual-serve has no authentication: anyone who reaches the port (another user of the
box, or a web page in the lead's browser through the SSH tunnel) gets a goaltui process.
Here every request needs the run's key, given once as `?key=` in the URL and then
remembered in a cookie, and any Origin must be the site the browser used.

Imported only by `goaltui serve` (textual-serve is an optional extra).
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from goaltui.cli.serve_page import with_local_font
from goaltui.cli.web_access import key_matches, origin_allowed

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

REFUSED_KEY = "goaltui serve: open the URL that `goaltui serve` printed (it carries the key).\n"
REFUSED_ORIGIN = "goaltui serve: a page from another site may not use this board.\n"


class KeyedServer(Server):
    """A textual-serve Server that admits only browsers that hold `key`."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        key: str,
        url: str,
        public_url: str | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.key = key
        self.url = url  # what to open, key included: printed once the port is open
        self.fixed_public_url = public_url  # None: each page links back to its own Host
        # Cookies are shared by every port of a host: one name per port, so two runs on
        # different ports do not overwrite each other's key.
        self.cookie = f"goaltui-key-{port}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)  # before the app is frozen by run_app
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a foreign Origin, then anything without the key; remember a key given
        in the URL in a cookie, so the page's own requests (static files, websocket) pass."""
        if not origin_allowed(
            request.headers.get("Origin"), request.host, request.scheme, self.fixed_public_url
        ):
            return refusal(REFUSED_ORIGIN)
        from_url = key_matches(request.query.get("key"), self.key)
        if not (from_url or key_matches(request.cookies.get(self.cookie), self.key)):
            return refusal(REFUSED_KEY)
        response = await handler(request)
        if from_url and not response.prepared:  # a websocket or a download has sent its headers
            response.set_cookie(
                self.cookie,
                self.key,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=request.secure or (self.fixed_public_url or "").startswith("https:"),
            )
            response.headers["Referrer-Policy"] = "no-referrer"  # the key is in this URL
            response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with the websocket and static URLs of the site the browser used
        (textual-serve puts its listen address there: ws://0.0.0.0:8000 for --host 0.0.0.0)."""
        base = self.fixed_public_url or f"{request.scheme}://{request.host}"
        scheme, rest = base.split("://", 1)
        websocket = f"{'wss' if scheme == 'https' else 'ws'}://{rest}"
        path = request.app.router["websocket"].url_for()
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}{path}",
            "config": {"static": {"url": base + "/static/"}},
            "application": {"name": self.title},
        }
        html = aiohttp_jinja2.render_string("app_index.html", request, context)
        page = with_local_font(html, context["config"]["static"]["url"])  # see serve_page
        return web.Response(text=page, content_type="text/html")

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: textual-serve's logo would push the URL off stdout's first line."""

    def serve(self, debug: bool = False) -> None:
        """textual-serve's serve(), printing the URL once the port is open."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self.announce,
        )

    def announce(self, *_: object) -> None:
        print(self.url, flush=True)  # line one of stdout: scripts and tests read it
        print("goaltui: serving; Ctrl+C stops it", file=sys.stderr, flush=True)


def refusal(text: str) -> web.Response:
    return web.Response(status=403, text=text, content_type="text/plain")
