"""The CSS half of the sanitizer (pure): tokens in, allow-listed and scoped rules out."""

from __future__ import annotations

import pytest

from sphinx_notebook.diagram.css_sanitizer import CssScope, clean_style_attribute, clean_stylesheet


def _sheet(css: str) -> tuple[str, list[str]]:
    scope = CssScope("nbs-c")
    return clean_stylesheet(css, scope), scope.removed


def test_media_rules_are_kept_with_their_rules_scoped() -> None:
    css, removed = _sheet("@media (prefers-color-scheme: dark) { rect { fill: #111 } body { color: red } }")
    assert css == "@media (prefers-color-scheme: dark) { #nbs-c rect { fill: #111 } }"
    assert removed == ["CSS rule for body"]


def test_a_rule_keeps_its_safe_selectors_and_loses_the_others() -> None:
    css, removed = _sheet("rect, :root, .a > text { fill: red }")
    assert css == "#nbs-c rect, #nbs-c .a > text { fill: red }"
    assert removed == ["CSS rule for rect, :root, .a > text"]


@pytest.mark.parametrize(
    "value, kept",
    [
        ("fill: var(--nb-ink, #000)", "fill: var(--nb-ink, #000)"),
        ("fill: var(--x, url(https://evil.example/a))", ""),
        ("stroke: rgb(0 0 0 / 50%); stroke-width: calc(1px + 2px)", "stroke: rgb(0 0 0 / 50%); "
         "stroke-width: calc(1px + 2px)"),
        ("fill: url(#g) !important", "fill: url(#nbs-c-g) !important"),
        ("fill: url('#g')", "fill: url(#nbs-c-g)"),
        ("fill: url(#g\\29 x)", ""),
        ("font-family: Virgil, 'Segoe UI Emoji', sans-serif",
         'font-family: "Virgil", "Segoe UI Emoji", sans-serif'),
        ("font-family: 'x\"@import', serif", "font-family: serif"),
        ("fill: red; -inkscape-font-specification: 'Sans'", "fill: red"),
    ],
)
def test_style_attribute_values(value: str, kept: str) -> None:
    assert clean_style_attribute(value, CssScope("nbs-c")) == kept


def test_escapes_are_decoded_before_the_checks() -> None:
    scope = CssScope("nbs-c")
    assert clean_style_attribute("\\66 ill: \\75 rl(http://evil.example/x)", scope) == ""
    assert scope.removed == ["CSS fill: url(http://evil.example/x)"]
    css, removed = _sheet("@\\66 ont-face { font-family: x; src: url(http://evil.example/f.woff2) }")
    assert css == "" and removed == ["off-site font 'x'"]


def test_font_faces_need_embedded_sources_and_plain_hints() -> None:
    css, removed = _sheet('@font-face { font-family: "F"; src: url(data:font/woff2;base64,AA) '
                          'format("woff2"), local("F"); font-weight: 400; unicode-range: U+0041 }')
    assert css == ('@font-face { font-family: "nbs-c-font-1"; src: url(data:font/woff2;base64,AA) '
                   'format("woff2"); font-weight: 400; unicode-range: U+41 }')
    assert removed == []
    css, removed = _sheet("@font-face { font-family: F; src: url(data:font/woff2;base64,AA) format(url(x)) }")
    assert css == "" and removed == ["@font-face without a family or source"]
