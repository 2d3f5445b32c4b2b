"""Text on social cards as outlines of the hand-written font (pure: no Sphinx imports).

A rasteriser then needs no font at all for what the hand-written font draws:
the card looks the same on every machine, and skipping text layout in the
rasteriser halves its time. fontTools reads the vendored WOFF2 directly
(brotli decompresses it); each glyph's outline is computed once per process.
The font has no kerning table, so advancing by each glyph's width is exactly
how a browser sets it. Characters the font lacks (Greek, Cyrillic, CJK...)
stay ``<text>`` runs in fallback fonts the rasteriser finds on the system.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from sphinx_notebook.diagram import fontmetrics_table
from sphinx_notebook.diagram.svg import escape, num

FALLBACK_FAMILY = "DejaVu Sans, Noto Sans, Noto Sans CJK SC, Noto Sans CJK JP, sans-serif"
# Widths in ems of text the hand-written font lacks, as sans fonts draw it: CJK
# is square; Greek and Cyrillic letters are wider than the table's fallback.
WIDE_EM = 1.0
NARROW_EM = 0.64


def _em(char: str) -> float:
    advance = fontmetrics_table.ADVANCES.get(ord(char))
    if advance is not None:
        return advance / fontmetrics_table.UNITS_PER_EM
    if unicodedata.combining(char):
        return 0.0
    return WIDE_EM if unicodedata.east_asian_width(char) in ("W", "F") else NARROW_EM


@functools.lru_cache(maxsize=4096)
def measure(text: str, size: float) -> float:
    """Width in px of ``text`` on a card: the hand-written font's advances, estimates for the rest."""
    return sum(_em(char) for char in text) * size


@functools.lru_cache(maxsize=4)
def _font(path: str) -> tuple[dict[int, str], object, object, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    return font.getBestCmap(), font.getGlyphSet(), font["hmtx"], int(font["head"].unitsPerEm)


@functools.lru_cache(maxsize=2048)
def glyph(path: str, char: str) -> tuple[str, int] | None:
    """(SVG path data in font units, advance) of ``char``, or None when the font lacks it."""
    from fontTools.pens.svgPathPen import SVGPathPen

    cmap, glyphs, metrics, _units = _font(path)
    name = cmap.get(ord(char))
    if name is None:
        return None
    pen = SVGPathPen(glyphs)
    glyphs[name].draw(pen)  # type: ignore[index]
    return pen.getCommands(), int(metrics[name][0])  # type: ignore[index]


def font_for(fonts: tuple[Path, ...], char: str) -> Path | None:
    """The first of ``fonts`` that draws ``char`` (whitespace: the first font)."""
    if char.isspace():
        return fonts[0]
    for font in fonts:
        if glyph(str(font), char) is not None:
            return font
    return None


def runs(fonts: tuple[Path, ...], text: str) -> list[tuple[Path | None, str]]:
    """``text`` split into (font that draws it or None, run) pieces."""
    pieces: list[tuple[Path | None, str]] = []
    for char in text:
        # spaces stay in the run they are in: fewer joins between fonts whose widths are estimated
        font = pieces[-1][0] if char.isspace() and pieces else font_for(fonts, char)
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + char)
        else:
            pieces.append((font, char))
    return pieces


def _advance(font: Path, char: str) -> int:
    found = glyph(str(font), char) or glyph(str(font), " ")
    return found[1] if found else 0


def run_width(font: Path | None, text: str, size: float) -> float:
    """Width of a run in px: the font's advances, or the layout estimate for fallback text."""
    if font is None:
        return measure(text, size)
    units = _font(str(font))[3]
    return sum(_advance(font, char) for char in text) * size / units


def text_markup(fonts: tuple[Path, ...], x: float, y: float, text: str, size: float, colour: str) -> str:
    """``text`` with its baseline from (x, y): outlines from ``fonts``, ``<text>`` for what none draws."""
    parts = [f'<g fill="{colour}">']
    cursor = x
    for font, run in runs(fonts, text):
        if font is None:
            parts.append(
                f'<text x="{num(cursor)}" y="{num(y)}" font-size="{num(size * 0.95)}" '
                f'font-family="{FALLBACK_FAMILY}">{escape(run)}</text>'
            )
            cursor += run_width(None, run, size)
            continue
        scale = size / _font(str(font))[3]
        for char in run:
            found = glyph(str(font), char)
            if found and found[0]:
                parts.append(
                    f'<path transform="translate({num(cursor)} {num(y)}) scale({scale:.5f} {-scale:.5f})" '
                    f'd="{found[0]}"/>'
                )
            cursor += _advance(font, char) * scale
    parts.append("</g>")
    return "".join(parts)


def markup_width(fonts: tuple[Path, ...], text: str, size: float) -> float:
    """Width in px of ``text`` as ``text_markup`` sets it."""
    return sum(run_width(font, run, size) for font, run in runs(fonts, text))
