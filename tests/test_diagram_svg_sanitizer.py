"""The embedded-SVG sanitizer: the attack corpus, CSS scoping, editors' exports kept intact."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from svg_attacks import SCOPE, SOURCES, load_vectors, problems, sanitized

from sphinx_notebook.diagram.svg_editors import EmbedError, embed

VECTORS = load_vectors()


def test_the_corpus_has_over_a_hundred_vectors_each_with_a_named_source() -> None:
    assert len(VECTORS) >= 100
    assert len({v.name for v in VECTORS}) == len(VECTORS)
    counts = Counter(v.source for v in VECTORS)
    assert set(counts) <= SOURCES
    assert all(counts[source] >= 1 for source in SOURCES)


@pytest.mark.parametrize("vector", VECTORS, ids=[v.name for v in VECTORS])
def test_every_vector_is_refused_or_made_harmless(vector) -> None:
    svg = sanitized(vector.markup)
    if svg is None:
        return  # refused: nothing of it reaches the page
    assert problems(svg) == []
    # A second pass finds nothing more to remove: the output is inside the allow-list.
    again = embed(svg, scope=SCOPE)
    assert again.removed == []


def test_vectors_that_parse_are_embedded_and_keep_their_drawing() -> None:
    embedded = [v for v in VECTORS if sanitized(v.markup) is not None]
    refused = [v.name for v in VECTORS if sanitized(v.markup) is None]
    assert set(refused) == {"entity-billion-laughs", "entity-external-xxe"}
    assert all('fill="#3a7"' in sanitized(v.markup) for v in embedded if v.markup.endswith('#3a7"/></svg>'))


def _one(body: str, **kwargs) -> tuple[str, list[str]]:
    result = embed(f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                   f"{body}</svg>", scope="nbs-t", **kwargs)
    return result.svg, result.removed


@pytest.mark.parametrize(
    "css",
    [
        '@\\69mport "http://evil.example/esc.css";',
        'body{background-image:image-set("http://evil.example/i.png" 1x)}',
        "rect{fill:\\75rl(http://evil.example/a.svg#a)}",
        "body{display:none !important}",
    ],
)
def test_the_bypasses_of_issue_13_are_closed(css: str) -> None:
    svg, removed = _one(f"<style>{css}</style><rect/>")
    assert "evil.example" not in svg and "display" not in svg and removed


def test_style_text_split_by_child_elements_is_read_as_one() -> None:
    svg, removed = _one('<style>@imp<g/>ort "http://evil.example/s.css"; rect{fill:red}</style>')
    assert removed == ['CSS @import "http://evil.example/s.css"']
    assert "<style>#nbs-t rect { fill: red }</style>" in svg


def test_rules_are_scoped_to_the_figure_and_ids_follow() -> None:
    svg, removed = _one('<style>.a, svg text, #b > path{stroke:url(#g)}</style><path id="b"/>'
                        '<linearGradient id="g"/><use href="#b"/><rect fill="url(#g)"/>')
    assert removed == []
    assert "#nbs-t .a, svg#nbs-t text, #nbs-t #nbs-t-b &gt; path { stroke: url(#nbs-t-g) }" in svg
    assert '<path id="nbs-t-b">' in svg and '<use href="#nbs-t-b">' in svg and 'fill="url(#nbs-t-g)"' in svg
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" id="nbs-t"')


@pytest.mark.parametrize("selector", ["html", "body p", ":root", "~ p", "> g", "*:is(body) g", ":host",
                                      "g:where(html *)", "rect &amp;"])
def test_selectors_that_reach_outside_are_dropped(selector: str) -> None:
    svg, removed = _one(f"<style>{selector}{{fill:red}} rect{{fill:blue}}</style>")
    assert "red" not in svg and "#nbs-t rect { fill: blue }" in svg
    assert removed


def test_layout_properties_cannot_move_the_drawing_over_the_page() -> None:
    svg, removed = _one('<style>svg{position:fixed;z-index:9;transform:scale(9);fill:red}</style>'
                        '<rect style="position:absolute;top:0;fill:blue"/>')
    assert "svg#nbs-t { fill: red }" in svg and 'style="fill: blue"' in svg
    assert {"CSS property position", "CSS property z-index", "CSS property transform", "CSS property top"} \
        <= set(removed)


def test_embedded_fonts_are_kept_under_a_scoped_family() -> None:
    svg, removed = _one('<style>@font-face{font-family:"nb-hand";src:url(data:font/woff2;base64,AAAA)}'
                        "</style>"
                        '<text font-family="nb-hand, sans-serif">x</text>')
    assert removed == []
    assert '@font-face { font-family: "nbs-t-font-1"; src: url(data:font/woff2;base64,AAAA) }' in svg
    assert 'font-family="&quot;nbs-t-font-1&quot;, sans-serif"' in svg  # the page's nb-hand is untouched


def test_links_keep_web_addresses_and_lose_scripts() -> None:
    svg, removed = _one('<a href="https://example.org/x" target="_blank"><text>ok</text></a>'
                        '<a xlink:href=" java&#x09;script:alert(1)"><text>bad</text></a>')
    assert '<a href="https://example.org/x"><text>ok</text></a>' in svg
    assert "<a><text>bad</text></a>" in svg
    assert removed == ["link to java\tscript:alert(1)"]


def test_text_after_a_dropped_element_is_kept() -> None:
    svg, _ = _one("<text>a<script>alert(1)</script>b</text>")
    assert "<text>ab</text>" in svg


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "not well-formed XML"),
        (b"<html><body/></html>", "the root element is <html>, not an SVG <svg>"),
        (b"not xml at all", "not well-formed XML"),
        (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "entities"),
        (b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 3000 + b"</g>" * 3000 + b"</svg>", "deeply"),
    ],
)
def test_unusable_files_raise_a_readable_error(data: bytes, reason: str) -> None:
    with pytest.raises(EmbedError, match=reason.replace("(", r"\(")):
        embed(data, scope="nbs-t")


def test_output_is_the_same_for_the_same_input() -> None:
    vector = VECTORS[0].markup
    assert embed(vector, scope="nbs-a").svg == embed(vector, scope="nbs-a").svg
    assert embed(vector, scope="nbs-a").svg != embed(vector, scope="nbs-b").svg


def test_alt_text_becomes_the_only_title() -> None:
    svg, _ = _one("<title>Old</title><rect/>", alt="A box")
    root = ET.fromstring(svg)
    titles = root.findall("{http://www.w3.org/2000/svg}title")
    assert [t.text for t in titles] == ["A box"] and root.get("role") == "img"
