"""notebook_math_macros reach KaTeX, MathJax and LaTeX alike, adding to the user's own."""

from __future__ import annotations

import json
import re

import pytest

from sphinx_notebook.math.macros import (
    append_to_preamble,
    katex_macros,
    latex_definitions,
    mathjax_macros,
    merge_mathjax_config,
)

MACROS = {"R": r"\mathbb{R}", "norm": [r"\lVert #1 \rVert", 1]}


def test_dialects():
    assert katex_macros(MACROS) == {"\\R": r"\mathbb{R}", "\\norm": r"\lVert #1 \rVert"}
    assert mathjax_macros(MACROS) == {"R": r"\mathbb{R}", "norm": [r"\lVert #1 \rVert", 1]}
    assert latex_definitions(MACROS).splitlines() == [
        r"\providecommand{\R}{}\renewcommand{\R}{\mathbb{R}}",
        r"\providecommand{\norm}{}\renewcommand{\norm}[1]{\lVert #1 \rVert}",
    ]


def test_mathjax_config_merge_keeps_user_values():
    user = {"tex": {"macros": {"R": r"\mathbf{R}"}, "tags": "ams"}, "loader": {"load": ["x"]}}
    merged = merge_mathjax_config(user, MACROS)
    assert merged["tex"]["macros"] == {"R": r"\mathbf{R}", "norm": [r"\lVert #1 \rVert", 1]}
    assert merged["tex"]["tags"] == "ams" and merged["loader"] == {"load": ["x"]}
    assert user["tex"]["macros"] == {"R": r"\mathbf{R}"}  # not mutated
    assert merge_mathjax_config(None, {}) is None
    assert merge_mathjax_config(None, MACROS) == {"tex": {"macros": mathjax_macros(MACROS)}}


def test_preamble_only_grows():
    elements = append_to_preamble({"preamble": "% mine", "papersize": "a4paper"}, "% ours")
    assert elements == {"preamble": "% mine\n% ours\n", "papersize": "a4paper"}
    assert append_to_preamble(elements, "% ours") == elements
    assert append_to_preamble({}, "% ours") == {"preamble": "% ours\n"}


@pytest.mark.sphinx("html", testroot="math")
def test_macros_in_katex_output(app):
    app.build()
    html = (app.outdir / "formulas.html").read_text(encoding="utf-8")
    assert '<mi mathvariant="double-struck">R</mi>' in html  # \R
    assert '<mo stretchy="false">∥</mo><mi>v</mi><mo stretchy="false">∥</mo>' in html  # \norm{v}


@pytest.mark.sphinx(
    "html",
    testroot="math",
    confoverrides={"notebook_math_renderer": "mathjax", "mathjax3_config": {"tex": {"tags": "ams"}}},
)
def test_macros_in_mathjax_config(app):
    app.build(force_all=True)
    html = (app.outdir / "formulas.html").read_text(encoding="utf-8")
    match = re.search(r"<script>window\.MathJax = (\{.*?\})</script>", html)
    assert match
    config = json.loads(match.group(1))
    assert config["tex"]["macros"] == {"R": r"\mathbb{R}", "norm": [r"\lVert #1 \rVert", 1]}
    assert config["tex"]["tags"] == "ams"


@pytest.mark.sphinx("latex", testroot="math", confoverrides={"latex_elements": {"preamble": "% my preamble"}})
def test_macros_in_latex_preamble(app):
    app.build()
    tex = (app.outdir / "mathtest.tex").read_text(encoding="utf-8")
    assert "% my preamble" in tex
    assert r"\renewcommand{\R}{\mathbb{R}}" in tex
    assert r"\renewcommand{\norm}[1]{\lVert #1 \rVert}" in tex
    assert tex.index("% my preamble") < tex.index(r"\renewcommand{\R}")
