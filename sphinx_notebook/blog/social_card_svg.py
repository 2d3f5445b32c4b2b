"""Draw a post's social card as SVG (pure: no Sphinx imports).

The card is what a chat or social site shows when a post is shared: 1200x630,
the theme's paper, a rough.js frame and underline from the diagram stroke
pipeline (same seeds give the same wobble), the title in the hand-written
font, then date, site name and tags. Titles wrap at words (CJK at any
character) and shrink to fit four lines; what still does not fit ends in an
ellipsis. Emoji are left out: a card cannot count on a colour emoji font.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sphinx_notebook.blog.card_glyphs import FALLBACK_FAMILY, text_markup
from sphinx_notebook.blog.card_glyphs import measure as text_width
from sphinx_notebook.diagram.model import Shape
from sphinx_notebook.diagram.strokes import Stroke, draw
from sphinx_notebook.diagram.svg import escape, num
from sphinx_notebook.jsengine import vendored_file

WIDTH, HEIGHT = 1200, 630
MARGIN = 84
PAPER = "#fbf8f1"
INK = "#24211c"
MUTED = "#5d574e"
ACCENT = "#a3342b"
HIGHLIGHT = "#f0b429"
HAND_FONT = "fonts/architects-daughter/architects-daughter-latin-400-normal.woff2"


def hand_font() -> Path:
    """The vendored hand-written font (the diagram part ships it)."""
    return vendored_file(HAND_FONT)
TITLE_SIZES = (80, 70, 62, 54, 48, 42)
MAX_LINES = 4
TITLE_TOP = 170
TITLE_HEIGHT = 320  # from TITLE_TOP to above the underline and footer
LEADING = 1.2
COLOURS = {"ink": INK, "muted": MUTED, "accent": ACCENT, "yellow": HIGHLIGHT}
ROUGH = {"roughness": 1.2, "bowing": 1.0, "strokeWidth": 2.6}


@dataclass(frozen=True)
class CardText:
    """What a card says."""

    title: str
    site_name: str
    date: str = ""
    tags: tuple[str, ...] = ()


def is_emoji(char: str) -> bool:
    """Pictographs, their variation selectors and joiners (drawn as boxes without an emoji font)."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or code in (0x200D, 0xFE0F, 0xFE0E, 0x20E3)
        or 0x1F1E6 <= code <= 0x1F1FF
    )


def card_text(text: str) -> str:
    """``text`` without emoji and with runs of spaces squashed."""
    return " ".join("".join(char for char in text if not is_emoji(char)).split())


def _breakable(char: str) -> bool:
    """CJK text has no spaces: a line may break after any wide character."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Words (with their trailing space) and single wide characters."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if _breakable(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy line breaking of ``text`` at ``size`` px into lines at most ``width`` wide."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if line and text_width((line + token).rstrip(), size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
        while text_width(line.rstrip(), size) > width and len(line) > 1:  # one very long word
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit_title(title: str, width: float = WIDTH - 2 * MARGIN) -> tuple[int, list[str]]:
    """The largest title size that fits in ``MAX_LINES``, else the smallest with an ellipsis."""
    for size in TITLE_SIZES:
        lines = wrap(title, size, width)
        if len(lines) <= MAX_LINES and len(lines) * size * LEADING <= TITLE_HEIGHT:
            return size, lines
    size = TITLE_SIZES[-1]
    lines = wrap(title, size, width)[: min(MAX_LINES, int(TITLE_HEIGHT // (size * LEADING)))]
    last = lines[-1]
    while last and text_width(last + "\u2026", size) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "\u2026"
    return size, lines


def _paths(strokes: list[Stroke], colour: str, width: float) -> str:
    return "".join(
        f'<path d="{stroke.d}" fill="none" stroke="{colour}" stroke-width="{num(stroke.width or width)}"/>'
        for stroke in strokes
    )


def card_svg(card: CardText, seed: int = 1, extra_fonts: tuple[Path, ...] = ()) -> str:
    """The card as a standalone SVG document (1200x630)."""
    fonts = (hand_font(), *extra_fonts)
    tags = " ".join(f"#{card_text(tag)}" for tag in card.tags)
    description = " \u00b7 ".join(part for part in (card_text(card.site_name), card.date, tags) if part)
    title = card_text(card.title) or card_text(card.site_name)
    size, lines = fit_title(title)
    leading = size * LEADING
    frame = Shape("rect", "frame", (36, 36, WIDTH - 72, HEIGHT - 72), stroke="ink", width=1.0)
    last_baseline = TITLE_TOP + size * 0.8 + leading * (len(lines) - 1)
    underline_width = min(max(text_width(line, size) for line in lines), WIDTH - 2 * MARGIN)
    underline = Shape(
        "curve",
        "underline",
        (MARGIN, last_baseline + 26, MARGIN + underline_width / 2, last_baseline + 20,
         MARGIN + underline_width, last_baseline + 28),
        stroke="accent",
        connector=True,
    )
    marker = Shape("rect", "marker", (MARGIN - 8, 92, 28, 28), stroke="none", fill="yellow")
    frame_strokes, underline_strokes, marker_strokes = draw([frame, underline, marker], seed, dict(ROUGH))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>',
        '<g stroke-linecap="round" stroke-linejoin="round">',
        _paths(marker_strokes, HIGHLIGHT, 1.2),
        _paths(frame_strokes, INK, ROUGH["strokeWidth"]),
        _paths(underline_strokes, ACCENT, 4),
        "</g>",
        text_markup(fonts, MARGIN + 32, 118, card_text(card.site_name), 34, MUTED),
    ]
    for index, line in enumerate(lines):
        parts.append(text_markup(fonts, MARGIN, TITLE_TOP + size * 0.8 + leading * index, line, size, INK))
    footer = [part for part in (card.date, "  ".join(f"#{card_text(tag)}" for tag in card.tags)) if part]
    if footer:
        parts.append(text_markup(fonts, MARGIN, HEIGHT - 78, "   \u00b7   ".join(footer)[:90], 30, MUTED))
    parts.append("</svg>")
    return "".join(parts)


def card_key(card: CardText, seed: int) -> str:
    """Everything the picture depends on, for the content cache."""
    return "\x1f".join([card.title, card.site_name, card.date, *card.tags, str(seed), FALLBACK_FAMILY])


