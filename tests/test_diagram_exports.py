"""Exports of Excalidraw, draw.io, tldraw and Inkscape embed cleanly: text, fonts, dark mode."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from site_builds import build_site

from sphinx_notebook.diagram.svg_editors import CSS_CLASS, embed

EXPORTS = Path(__file__).parent / "roots" / "test-diagram-exports"
SVG = "{http://www.w3.org/2000/svg}"
TEXTS = {
    "drawio": ["Start", "Done", "Text is not SVG - cannot display"],
    "tldraw": ["Hello tldraw"],
    "tldraw-dark": ["Hello tldraw"],
    "inkscape": ["Inkscape"],
    "excalidraw-embedded": ["embedded"],
    "excalidraw-dark": ["embedded"],
}


def _embedded(name: str):
    return embed((EXPORTS / f"{name}.svg").read_bytes(), scope="nbs-t")


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_exports_embed_without_removing_anything_that_draws(name: str) -> None:
    result = _embedded(name)
    assert result.removed == []
    root = ET.fromstring(result.svg)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts == TEXTS[name]
    assert "foreignObject" not in result.svg and "mxfile" not in result.svg and "inkscape" not in result.svg


def test_hand_fonts_are_mapped_or_kept_embedded() -> None:
    assert 'font-family="&quot;nb-hand&quot;, &quot;Architects Daughter&quot;"' in _embedded("drawio").svg
    assert "fonts.googleapis.com" not in _embedded("drawio").svg
    tldraw = _embedded("tldraw").svg
    assert '@font-face { font-family: "nbs-t-font-1"' in tldraw and "data:font/woff2;base64," in tldraw
    assert 'font-family="&quot;nbs-t-font-1&quot;, sans-serif"' in tldraw
    excalidraw = _embedded("excalidraw-embedded").svg
    assert '"nbs-t-font-1", "nb-hand", "Xiaolai"' in excalidraw.replace("&quot;", '"')
    assert "font-family: &quot;nb-hand&quot;, &quot;Comic Neue&quot;" in _embedded("inkscape").svg


def test_a_drawing_with_links_is_a_named_group_not_an_image() -> None:
    linked = embed((EXPORTS / "drawio.svg").read_bytes(), scope="nbs-t", alt="A flow").svg
    assert 'role="group" aria-label="A flow"' in linked
    plain = embed((EXPORTS / "tldraw.svg").read_bytes(), scope="nbs-t", alt="A box").svg
    assert 'role="img"' in plain and "aria-label" not in plain


def test_references_inside_an_export_follow_the_scoped_ids() -> None:
    inkscape = _embedded("inkscape").svg
    assert '<linearGradient href="#nbs-t-linearGradient1" id="nbs-t-linearGradient2"' in inkscape
    assert "fill: url(#nbs-t-linearGradient2)" in inkscape and "marker-end: url(#nbs-t-ArrowWide)" in inkscape


@pytest.mark.parametrize(
    "name, inverted_in_dark, dark_export",
    [("excalidraw-embedded", True, False), ("excalidraw-dark", True, True), ("tldraw", True, False),
     ("inkscape", True, False), ("drawio", False, False), ("tldraw-dark", False, False)],
)
def test_dark_mode_handling_per_export(name: str, inverted_in_dark: bool, dark_export: bool) -> None:
    result = _embedded(name)
    assert (CSS_CLASS in result.svg) == inverted_in_dark
    assert result.dark_export == dark_export
    assert "invert(" not in result.svg
    if name == "drawio":  # colours adapt with light-dark(); a fixed white background would hide them
        assert "background-color" not in result.svg and "light-dark(" in result.svg


def test_the_exports_root_builds_without_warnings(tmp_path: Path) -> None:
    site = build_site(tmp_path / "src", copy_from=EXPORTS)
    assert site.warnings == ""
    html = (site.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="diagram') == 6
