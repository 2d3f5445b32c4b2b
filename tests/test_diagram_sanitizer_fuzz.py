"""Property-based fuzzing of the SVG sanitizer: random trees of safe and hostile parts.

Whatever the input, the sanitizer either refuses it with ``EmbedError`` or
returns markup that passes every check of the attack corpus and that a second
pass leaves alone.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from svg_attacks import SCOPE, problems

from sphinx_notebook.diagram.svg_editors import EmbedError, embed

ELEMENT_NAMES = ["g", "rect", "text", "a", "use", "image", "style", "script", "foreignObject", "animate",
                 "set", "linearGradient", "filter", "feImage", "pattern", "switch", "title", "tspan",
                 "handler", "iframe", "html:img", "textPath", "mask", "clipPath"]
ATTRIBUTE_NAMES = ["id", "href", "xlink:href", "style", "fill", "stroke", "filter", "clip-path", "mask",
                   "onload", "onclick", "OnMouseOver", "attributeName", "values", "to", "font-family",
                   "transform", "class", "xml:base", "cursor", "marker-end", "width", "aria-labelledby"]
URLS = ["#a", "#b", "http://evil.example/x", "//evil.example/y#z", "javascript:alert(1)",
        " java\tscript:alert(1)",
        "data:image/png;base64,AAAA", "data:text/html,<script>alert(1)</script>", "evil.svg#x",
        "data:font/woff2;base64,AAAA", "JaVaScRiPt:alert(1)"]
CSS_PIECES = ["@import", "@\\69mport", "@im\\port", "url(", "\\75rl(", "u\\rl(", "image-set(", "src(", "body",
              "html", ":root", "svg", "rect", "#a", ".c", "~", ">", "+", ",", "{", "}", ";", ":",
              "!important",
              "fill", "stroke", "position", "fixed", "display", "none", "@font-face", "font-family",
              "@media", "(min-width: 1px)", "expression(", "var(--x)", "--x", "&", "*", ":is(", ":has(", ")",
              "/*", "*/", '"', "'", "\\", "\n", "red", "#fff", "0", "1px"]


def _value() -> st.SearchStrategy[str]:
    css = st.lists(st.sampled_from(CSS_PIECES + [f"url({u})" for u in URLS]), max_size=8).map(" ".join)
    url = st.sampled_from(URLS).map(lambda u: f"url({u})")
    return st.one_of(st.sampled_from(URLS), css, url, st.text(max_size=12))


def _attributes() -> st.SearchStrategy[str]:
    pairs = st.lists(st.tuples(st.sampled_from(ATTRIBUTE_NAMES), _value()), max_size=4,
                     unique_by=lambda pair: pair[0])
    return pairs.map(lambda items: "".join(f" {name}={quoteattr(value)}" for name, value in items))


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def build(name: str, attributes: str, inner: list[str], text: str) -> str:
        namespace = ' xmlns:html="http://www.w3.org/1999/xhtml"' if name.startswith("html:") else ""
        return f"<{name}{namespace}{attributes}>{escape(text)}{''.join(inner)}</{name}>"

    text = st.one_of(st.text(max_size=10), st.lists(st.sampled_from(CSS_PIECES), max_size=12).map("".join))
    return st.builds(build, st.sampled_from(ELEMENT_NAMES), _attributes(), st.lists(children, max_size=3),
                     text)


TREES = st.recursive(st.just(""), _element, max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.lists(TREES, min_size=1, max_size=4).map("".join), root_attributes=_attributes())
def test_random_svg_is_refused_or_safe(body: str, root_attributes: str) -> None:
    markup = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
              f"{root_attributes}>{body}</svg>")
    try:
        result = embed(markup, scope=SCOPE)
    except EmbedError:
        return
    assert problems(result.svg) == []
    assert embed(result.svg, scope=SCOPE).removed == []


@settings(max_examples=300, deadline=None)
@given(css=st.lists(st.sampled_from(CSS_PIECES + URLS), max_size=30).map(" ".join))
def test_random_style_sheets_stay_inside_the_figure(css: str) -> None:
    markup = (f'<svg xmlns="http://www.w3.org/2000/svg"><style>{escape(css)}</style>'
              f"<rect style={quoteattr(css)}/></svg>")
    result = embed(markup, scope=SCOPE)
    assert problems(result.svg) == []
    assert embed(result.svg, scope=SCOPE).removed == []
