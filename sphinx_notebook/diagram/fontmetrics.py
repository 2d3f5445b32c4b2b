"""Text widths in the diagram's hand-written font, from a committed table.

Layout sizes cells from how wide their text really is in Architects Daughter, the
font the page loads; the table is generated at development time by
``scripts/gen_fontmetrics.py`` so the build needs no font library. Characters the
font lacks (CJK, most symbols) get a generous fallback width, since a browser
then draws them in a wider fallback font.
"""

from __future__ import annotations

import functools
import unicodedata

from sphinx_notebook.diagram import fontmetrics_table as table

_EM = float(table.UNITS_PER_EM)


def _advance(char: str) -> float:
    """Advance of one character in ems."""
    width = table.ADVANCES.get(ord(char))
    if width is not None:
        return width / _EM
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return table.FALLBACK_ADVANCE / _EM


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float) -> float:
    """Width in px of one line of ``text`` at font ``size`` px (memoised: layout asks often)."""
    return sum(_advance(char) for char in text) * size


def line_height(size: float) -> float:
    """Distance between baselines for multi-line text at ``size`` px."""
    return (table.ASCENDER - table.DESCENDER) / _EM * size * 0.85


def baseline_offset(size: float) -> float:
    """Offset from a line's vertical centre to its baseline, so text looks centred.

    Halfway between cap height and x height: labels mix lowercase and capitals.
    """
    return (table.CAP_HEIGHT + table.X_HEIGHT) / 4 / _EM * size
