"""`--ascii`: any text becomes printable ASCII of the same width (core/ascii_cells.py), at
the terminal's door (widgets/ascii_driver.py), with keys and big digits spelled in ASCII."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size
from textual.driver import Driver

from goaltui.core.ascii_cells import ascii_cells
from goaltui.widgets.ascii_digits import ascii_rows
from goaltui.widgets.ascii_driver import ascii_driver
from goaltui.widgets.plain_app import ascii_key

pytestmark = pytest.mark.unit

# Text as the screens hold it: printable characters, no controls or lone surrogates.
SHOWN = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")))


@given(SHOWN)
def test_any_text_becomes_printable_ascii_of_the_same_width(text: str) -> None:
    out = ascii_cells(text, get_character_cell_size)  # as the driver measures
    assert all(" " <= ch <= "~" for ch in out)
    assert len(out) == cell_len(text)


@pytest.mark.parametrize(
    "shown,ascii",
    [
        ("✓ achieved", "v achieved"),
        ("● on track", "o on track"),
        ("▲ at risk", "^ at risk"),
        ("▼ behind", "v behind"),
        ("473 → 420 s", "473 > 420 s"),
        ("★ best · 3 days", "* best . 3 days"),
        ("Müller, Zoë", "Muller, Zoe"),
        ("╭──┬─╮", "+--+-+"),
        ("│ ┃ ║", "| | |"),
        ("━━ ══", "-- =="),
        ("████░░", "####--"),
        ("⠁⣀⣿⠀", "'.: "),
        ("日本", "????"),
        ("cut…", "cut."),
    ],
)
def test_the_glyphs_screens_use_read_as_plain_text(shown: str, ascii: str) -> None:
    assert ascii_cells(shown) == ascii


def test_the_driver_writes_ascii_and_leaves_escape_sequences_alone() -> None:
    written: list[str] = []

    class Fake(Driver):
        def write(self, data: str) -> None:
            written.append(data)

        def start_application_mode(self) -> None: ...
        def stop_application_mode(self) -> None: ...
        def disable_input(self) -> None: ...

    driver = ascii_driver(Fake)
    assert ascii_driver(Fake) is driver  # one class per base driver
    driver.write(driver.__new__(driver), "\x1b[1;31m✓ done\x1b[0m ──")
    assert written == ["\x1b[1;31mv done\x1b[0m --"]


@pytest.mark.parametrize(
    "key,shown",
    [("shift+up", "S-up"), ("ctrl+t", "^t"), ("escape", "esc"), ("alt+left", "M-left")],
)
def test_keys_with_arrow_glyphs_are_spelled_in_words(key: str, shown: str) -> None:
    assert ascii_key(key) == shown


def test_big_digits_in_ascii_read_as_a_calculator_would() -> None:
    assert ascii_rows("88.6%") == [
        " _  _   _ o /",
        "|_||_| |_  / ",
        "|_||_|.|_|/ o",
    ]
    assert ascii_rows("5:24") == [" _   _    ", "|_ . _||_|", " _|.|_   |"]


def test_a_served_app_writes_ascii_through_the_web_driver_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """textual-serve names the web driver in the environment; --ascii still wraps it."""
    from textual import constants
    from textual.drivers.web_driver import WebDriver

    from goaltui.widgets.plain_app import PlainApp

    monkeypatch.setattr(constants, "DRIVER", "textual.drivers.web_driver:WebDriver")
    served = PlainApp[None](ascii=True).driver_class
    assert issubclass(served, WebDriver) and served.__name__ == "AsciiWebDriver"
    assert PlainApp[None]().driver_class is WebDriver


def test_serve_hands_ascii_to_each_browser() -> None:
    from goaltui.cli.wall import serve_command

    assert serve_command("/d.json", full=False, ascii_only=True).endswith(" --ascii")
    assert serve_command("/d.json", full=True, ascii_only=True).endswith("--db /d.json --ascii")
