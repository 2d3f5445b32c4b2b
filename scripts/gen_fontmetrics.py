"""Generate sphinx_notebook/diagram/fontmetrics_table.py from the vendored hand-written font.

Diagram layout needs real text widths, but fontTools is only a development tool, so the
widths are measured once here and committed as a small table (units per em). Re-run
after changing the vendored font:

    pip install fonttools brotli
    python scripts/gen_fontmetrics.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONT = (
    ROOT / "sphinx_notebook/theme/sphinx_notebook/static/vendor/fonts/architects-daughter"
    / "architects-daughter-latin-400-normal.woff2"
)
OUT = ROOT / "sphinx_notebook/diagram/fontmetrics_table.py"


def main() -> None:
    font = TTFont(str(FONT))
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    upm = font["head"].unitsPerEm
    os2 = font["OS/2"]
    hhea = font["hhea"]
    widths = {code: hmtx[name][0] for code, name in sorted(cmap.items()) if code >= 0x20}
    average = round(sum(widths.values()) / len(widths))
    lines = [
        '"""Advance widths of Architects Daughter, from scripts/gen_fontmetrics.py (do not edit)."""',
        "",
        "from __future__ import annotations",
        "",
        f"UNITS_PER_EM = {upm}",
        f"ASCENDER = {hhea.ascent}",
        f"DESCENDER = {hhea.descent}",
        f"CAP_HEIGHT = {getattr(os2, 'sCapHeight', 0) or round(upm * 0.7)}",
        f"X_HEIGHT = {getattr(os2, 'sxHeight', 0) or round(upm * 0.5)}",
        f"FALLBACK_ADVANCE = {max(average, widths.get(ord('n'), average))}",
        "",
        "# code point -> advance width in font units",
        "ADVANCES: dict[int, int] = {",
    ]
    items = [f"{code}: {width}" for code, width in widths.items()]
    for start in range(0, len(items), 8):
        lines.append("    " + ", ".join(items[start : start + 8]) + ",")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(widths)} glyphs, {upm} units/em")


if __name__ == "__main__":
    main()
