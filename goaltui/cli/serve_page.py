"""The served page's font: Roboto Mono from the server itself, loaded before the terminal.

textual-serve's page asks Google Fonts for Roboto Mono and opens its xterm.js terminal
on window load. xterm.js measures its cell once, with whatever font is there at that
moment, and never again: on a box without internet (a call-centre LAN) that is a fallback
font, and where Google answers, its font may arrive after the terminal was measured,
and the glyphs of one font are drawn in the cells of another. Here the page uses the Roboto
Mono that textual-serve ships in its static folder (no request leaves the box) and the
terminal opens only once that font has loaded, so the cell is measured with the font the
board's block glyphs (bars, sparklines, the wallboard's digits) are drawn in.

Pure text (no textual-serve import): cli.web_server applies it to the rendered page.
"""

from __future__ import annotations

import re

# The stylesheet link textual-serve 1.1.3's app_index.html has (textual-serve is pinned).
GOOGLE_FONTS = re.compile(r"<link\s[^>]*fonts\.googleapis\.com[^>]*>\s*", re.IGNORECASE)
TERMINAL_SCRIPT = re.compile(r'(<script src="[^"]*js/textual\.js"></script>)')
FONT = "fonts/RobotoMono-VariableFont_wght.ttf"
ITALIC = "fonts/RobotoMono-Italic-VariableFont_wght.ttf"

_FACES = """<link rel="preload" href="{static}{font}" as="font" type="font/ttf" crossorigin />
    <style>
      @font-face {{
        font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{static}{font}") format("truetype");
      }}
      @font-face {{
        font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{static}{italic}") format("truetype");
      }}
    </style>
    """

# textual.js sets window.onload to open the terminal; wait for the font first (a font that
# cannot load must not keep the board away: open anyway after the attempt).
_WAIT = """
    <script>
      (() => {
        const open = window.onload;
        window.onload = (event) => {
          const go = () => open && open.call(window, event);
          Promise.all([
            document.fonts.load('16px "Roboto Mono"'),
            document.fonts.load('bold 16px "Roboto Mono"'),
          ]).then(go, go);
        };
      })();
    </script>"""


def with_local_font(html: str, static_url: str) -> str:
    """textual-serve's page with Roboto Mono served from `static_url` (ending in "/") and
    the terminal opened once it has loaded. Unchanged if the page is not the expected one."""
    if not GOOGLE_FONTS.search(html) or not TERMINAL_SCRIPT.search(html):
        return html
    faces = _FACES.format(static=static_url, font=FONT, italic=ITALIC)
    html = GOOGLE_FONTS.sub(lambda _: faces, html, count=1)
    return TERMINAL_SCRIPT.sub(lambda m: m.group(1) + _WAIT, html, count=1)
