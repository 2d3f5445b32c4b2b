"""Reading a raw ``<figure class="diagram">`` into its parts (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_notebook.diagram.figure_markup import is_diagram_figure, read_figure

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><svg></svg><g/></svg>'


@pytest.mark.parametrize(
    "text, expected",
    [
        ('<figure class="diagram">', True),
        ("  <figure id=x class='wide diagram'>", True),
        ("<FIGURE CLASS=diagram>", True),
        ('<figure class="diagrams">', False),
        ('<figure class="picture">', False),
        ('<p><figure class="diagram">', False),
    ],
)
def test_only_diagram_figures_are_taken(text: str, expected: bool) -> None:
    assert is_diagram_figure(text) is expected


def test_svg_caption_attributes_and_trailing_html() -> None:
    figure = read_figure(f'<figure class="diagram wide" id="f" data-alt="A">\n{SVG}\n'
                         "<figcaption>a &amp; <b>b</b></figcaption>\n</figure>\n<p>after</p>")
    assert figure.svg is not None and figure.svg.text == SVG and figure.svg.line == 1
    assert figure.caption == "a & b"
    assert figure.attributes == {"class": "diagram wide", "id": "f", "data-alt": "A"}
    assert figure.rest.strip() == "<p>after</p>" and figure.problems == []


def test_json_as_text_and_in_a_script_element() -> None:
    text = read_figure('<figure class="diagram">\n\n  {"blocks": []}\n<figcaption>c</figcaption></figure>')
    assert text.json is not None and text.json.text == '{"blocks": []}' and text.json.line == 2
    script = read_figure('<figure class="diagram"><script type="application/json">\n{"a": "x<b"}\n'
                         "</script></figure>")
    assert script.json is not None and script.json.text.strip() == '{"a": "x<b"}' and script.json.line == 0


@pytest.mark.parametrize(
    "text, problem",
    [
        ('<figure class="diagram">{"a": 1}', "not closed in the same HTML block"),
        ('<figure class="diagram">{"a": "x<b"}</figure>', "put the JSON inside <script"),
        ('<figure class="diagram"><script>alert(1)</script></figure>', "is not run"),
        (f'<figure class="diagram">{SVG}{SVG}</figure>', "more than one <svg>"),
        (f'<figure class="diagram">{SVG} text</figure>', "text beside the SVG"),
        ('<figure class="diagram"><img src="x.png"></figure>', "<img> inside a diagram figure is ignored"),
    ],
)
def test_problems_are_named(text: str, problem: str) -> None:
    assert any(problem in p for p in read_figure(text).problems), read_figure(text).problems


def test_an_unclosed_svg_ends_at_the_figure() -> None:
    figure = read_figure('<figure class="diagram"><svg xmlns="http://www.w3.org/2000/svg"><rect/></figure>')
    assert figure.svg is not None and figure.svg.text == '<svg xmlns="http://www.w3.org/2000/svg"><rect/>'


@settings(max_examples=300, deadline=None)
@given(body=st.lists(st.sampled_from(["<svg>", "</svg>", "<g/>", "<script>", "</script>", "<figcaption>",
                                      "</figcaption>", "</figure>", "<figure>", "{", "}", "<", ">", "&amp;",
                                      "\n", "x", '"', "<!--", "-->", "<![CDATA[", "]]>"]), max_size=25)
       .map("".join))
def test_any_body_is_read_without_an_exception(body: str) -> None:
    figure = read_figure(f'<figure class="diagram">{body}')
    assert figure.svg is None or figure.svg.text.startswith("<svg")
