"""Embedding exported Excalidraw SVGs: nothing active or off-site survives."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sphinx_notebook.diagram.excalidraw import FONT_TOKEN, ExcalidrawError, sanitize, with_font_url

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<svg version="1.1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 300 120" width="300" height="120" onload="alert('load')">
  <!-- svg-source:excalidraw -->
  <metadata>{"type":"excalidraw","elements":[]}</metadata>
  <defs>
    <style class="style-fonts">
      @font-face { font-family: "Virgil"; src: url("https://excalidraw.com/Virgil.woff2"); }
      @font-face { font-family: "Cascadia"; src: url("https://excalidraw.com/Cascadia.woff2"); }
      @font-face { font-family: "Embedded"; src: url(data:font/woff2;base64,AAAA); }
    </style>
    <linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>
  </defs>
  <script type="text/javascript">alert("script")</script>
  <rect x="0" y="0" width="300" height="120" fill="#ffffff" onmouseover="steal()"/>
  <rect x="5" y="5" width="10" height="10" fill="url(#g)" style="fill: url(https://tracker.example/a.svg#p)"/>
  <a xlink:href="javascript:alert(1)" target="_blank"><text x="10" y="40" font-family="Virgil, Segoe UI Emoji"
     xml:space="preserve">a &lt; b &amp; "c"</text></a>
  <use xlink:href="#g"/>
  <use href="https://evil.example/sprite.svg#icon"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/>
  <image xlink:href="https://tracker.example/pixel.png" width="1" height="1"/>
  <foreignObject width="50" height="20"><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
  <set attributeName="onclick" to="alert(1)"/>
</svg>
"""


@pytest.fixture(scope="module")
def cleaned():
    return sanitize(EXPORT.encode("utf-8"), alt="A sketch")


def test_scripts_and_event_handlers_are_removed(cleaned):
    assert "<script" not in cleaned.svg and "alert(" not in cleaned.svg
    assert "onload" not in cleaned.svg and "onmouseover" not in cleaned.svg and "onclick" not in cleaned.svg
    assert "<set" not in cleaned.svg
    assert "<script>" in cleaned.removed and "onload attribute" in cleaned.removed


def test_external_references_are_removed_and_internal_ones_kept(cleaned):
    for gone in ("tracker.example", "evil.example", "javascript:", "foreignObject", "xhtml", 'target="'):
        assert gone not in cleaned.svg
    assert '<use href="#g">' in cleaned.svg
    assert 'fill="url(#g)"' in cleaned.svg
    assert 'href="data:image/png;base64,iVBORw0KGgo="' in cleaned.svg


def test_style_elements_lose_the_class_html_does_not_allow(cleaned):
    assert "<style>" in cleaned.svg and "style-fonts" not in cleaned.svg


def test_off_site_fonts_point_at_the_vendored_hand_font(cleaned):
    assert "excalidraw.com" not in cleaned.svg
    assert f'font-family: "Virgil"; src: url("{FONT_TOKEN}") format("woff2")' in cleaned.svg
    assert "Cascadia" not in cleaned.svg.split("</style>")[0]  # dropped: falls back to a system face
    assert "data:font/woff2;base64,AAAA" in cleaned.svg  # an embedded font is self-contained
    page = with_font_url(cleaned.svg, "../_static/vendor/fonts/hand.woff2")
    assert 'url("../_static/vendor/fonts/hand.woff2")' in page


def test_markup_is_well_formed_svg_with_escaped_text(cleaned):
    root = ET.fromstring(cleaned.svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("class") == "nb-excalidraw"
    assert root.get("role") == "img"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "A sketch"
    assert 'a &lt; b &amp; "c"' in cleaned.svg
    assert 'xml:space="preserve"' in cleaned.svg
    assert "<metadata" not in cleaned.svg and "svg-source" not in cleaned.svg


def test_dark_export_filter_is_left_to_the_theme():
    invert = "invert(93%) hue-rotate(180deg)"
    dark = EXPORT.replace('height="120" onload', f'height="120" filter="{invert}" onload')
    result = sanitize(dark)
    assert result.dark_export
    assert "invert(" not in result.svg
    styled = sanitize(EXPORT.replace("<svg version", f'<svg style="filter: {invert}" version'))
    assert styled.dark_export and "invert(" not in styled.svg
    assert not sanitize(EXPORT).dark_export


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "not well-formed XML"),
        (b"<html><body/></html>", "the root element is <html>, not an SVG <svg>"),
        (b"not xml at all", "not well-formed XML"),
        (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "entities"),
    ],
)
def test_unusable_files_raise_a_readable_error(data, reason):
    with pytest.raises(ExcalidrawError, match=reason.replace("(", r"\(")):
        sanitize(data)
