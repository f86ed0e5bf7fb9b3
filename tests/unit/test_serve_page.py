"""The served page takes its font from the server and opens the terminal once it loaded."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from goaltui.cli.serve_page import FONT, ITALIC, with_local_font

STATIC = "http://box.example:9000/static/"


def textual_serve_page() -> str:
    """textual-serve's own template, as shipped (the pinned version)."""
    spec = importlib.util.find_spec("textual_serve")
    if spec is None or spec.origin is None:
        pytest.skip("textual-serve is not installed (pip install -e '.[serve]')")
    folder = Path(spec.origin).parent
    for font in (FONT, ITALIC):  # the fonts the page now asks for are there to serve
        assert (folder / "static" / font).is_file(), font
    page = (folder / "templates" / "app_index.html").read_text()
    return page.replace("{{ config.static.url }}", STATIC)


def test_no_request_leaves_the_box_for_the_font() -> None:
    page = with_local_font(textual_serve_page(), STATIC)
    assert "fonts.googleapis.com" not in page and "https://" not in page.split("<body")[0]
    assert f'src: url("{STATIC}{FONT}")' in page
    assert f'<link rel="preload" href="{STATIC}{FONT}" as="font"' in page


def test_the_terminal_opens_after_the_font_has_loaded() -> None:
    page = with_local_font(textual_serve_page(), STATIC)
    script = page.index(f'<script src="{STATIC}js/textual.js"></script>')
    wait = page.index("document.fonts.load")
    assert script < wait < page.index("<body")  # wraps the window.onload textual.js sets


def test_an_unexpected_page_is_left_alone() -> None:
    assert with_local_font("<html><body>hi</body></html>", STATIC) == "<html><body>hi</body></html>"
