"""KaTeX at build time: what a reader gets on the page, in epub and in warnings."""

from __future__ import annotations

import re

import pytest

from sphinx_notebook.math.katex import (
    MATHML,
    katex_to_mathml,
    prepare_environment,
    render,
    render_mathml,
    wrap_display,
)


def _page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="math")
def test_math_renders_to_katex_html_and_mathml_without_script(app, warning):
    app.build()
    html = _page(app, "formulas.html")
    # inline: KaTeX HTML and MathML, the TeX kept as annotation
    assert '<span class="math nb-math"><span class="katex"><span class="katex-mathml"><math' in html
    assert '<annotation encoding="application/x-tex">x^2 + y^2 = r^2</annotation>' in html
    assert 'class="katex-html"' in html
    # display math
    assert '<span class="katex-display">' in html
    # no script for math on the page, only KaTeX's stylesheet
    assert "katex.min.js" not in html
    assert not re.search(r"<script[^>]*mathjax", html.lower())
    assert re.search(r'<link rel="stylesheet"[^>]*href="_static/vendor/katex/katex.min.css', html)
    assert (app.outdir / "_static" / "vendor" / "katex" / "katex.min.css").is_file()
    # a page without math gets no KaTeX stylesheet
    assert "katex.min.css" not in _page(app, "plain.html")


@pytest.mark.sphinx("html", testroot="math")
def test_equation_numbers_anchors_and_eq_references(app):
    app.build()
    html = _page(app, "formulas.html")
    assert (
        '<div class="math nb-math" id="equation-euler">\n<span class="eqno">(1)<a class="headerlink" ' in html
    )
    assert 'href="#equation-euler" title="Link to this equation"' in html
    assert '<div class="math nb-math" id="equation-pythagoras">\n<span class="eqno">(2)' in html
    assert '<a class="reference internal" href="#equation-euler">(1)</a>' in html
    assert '<a class="reference internal" href="#equation-pythagoras">(2)</a>' in html


@pytest.mark.sphinx("html", testroot="math")
def test_amsmath_environment_and_multi_equation_blocks(app):
    app.build()
    html = _page(app, "formulas.html")
    block = re.search(
        # the row's \label{eq:inner} names the block too: an extra anchor before the number
        r'<div class="amsmath math nb-math" id="equation-[^"]+">\n'
        r'<span id="equation-eq-inner"></span><span class="eqno">\(3\)(.*?)</div>',
        html,
        re.S,
    )
    assert block, "the align block is rendered with Sphinx's number"
    assert "<mtable" in block.group(1)  # rows aligned by KaTeX
    assert "nb-math-error" not in block.group(1)  # \label was dropped, not an error
    assert '<annotation encoding="application/x-tex">\\begin{aligned}u = v \\\\ w = z\\end{aligned}' in html


@pytest.mark.sphinx("html", testroot="math", freshenv=True)
def test_bad_formula_warns_with_file_and_line_and_shows_tex(app, warning):
    app.build()
    text = warning.getvalue()
    assert re.search(
        r"formulas\.md:38: WARNING: Neither KaTeX nor MathJax can render '\\\\frac\{1\}\{': "
        r"Unexpected end of input.*\[notebook\.math\]",
        text,
    )
    assert re.search(
        r"formulas\.md:42: WARNING: Neither KaTeX nor MathJax can render '\\\\undefinedmacro\{x\}'", text
    )
    html = _page(app, "formulas.html")
    assert '<div class="nb-math-error" title="Unexpected end of input' in html
    assert "<code>\\frac{1}{</code>" in html
    assert (
        '<span class="nb-math-error" title="Undefined control sequence: \\undefinedmacro '
        '(MathJax: Undefined control sequence \\undefinedmacro)">'
    ) in html
    # the rest of the page still rendered
    assert 'See <a class="reference internal"' in html


@pytest.mark.sphinx("epub", testroot="math")
def test_epub_gets_mathml_only(app):
    app.build()
    xhtml = (app.outdir / "formulas.xhtml").read_text(encoding="utf-8")
    assert xhtml.count("<math ") >= 6
    assert "katex-html" not in xhtml
    assert "katex.min.css" not in xhtml


@pytest.mark.sphinx("html", testroot="math", parallel=2, freshenv=True)
def test_parallel_build(app, warning):
    app.build()
    html = _page(app, "formulas.html")
    assert 'id="equation-euler"' in html
    assert "Neither KaTeX nor MathJax can render" in warning.getvalue()
    theorems = _page(app, "theorems.html")
    assert "Definition 1 (Gradient descent)" in theorems


def test_render_is_cached_and_reports_errors():
    first = render(r"\alpha + 1", display=False)
    assert first.ok and "<math" in first.html
    assert render(r"\alpha + 1", display=False) is first
    bad = render(r"\frac{1}{", display=True)
    assert not bad.ok and bad.html is None and "Unexpected end of input" in bad.error


def test_macros_reach_katex():
    rendered = render(
        r"\norm{v} \in \R", display=False, macros={"\\R": r"\mathbb{R}", "\\norm": r"\lVert #1 \rVert"}
    )
    assert rendered.ok
    assert '<mi mathvariant="double-struck">R</mi>' in rendered.html


def test_mathml_only_helpers():
    mathml = render_mathml(r"a^2", display=True)
    assert mathml.startswith('<span class="katex"><math') and "katex-html" not in mathml
    assert render(r"a^2", display=True, output=MATHML).html == mathml
    full = render(r"a^2", display=True).html
    inline = render("b", display=False).html
    page = f'<p>before</p><div class="math">{full}</div><p>x <span class="math">{inline}</span></p>'
    stripped = katex_to_mathml(page)
    assert "katex-html" not in stripped and "katex-display" not in stripped
    assert stripped.count("<math ") == 2
    assert stripped.startswith('<p>before</p><div class="math"><math ')
    assert stripped.endswith("</math></span></p>")
    assert render_mathml(r"\frac{", display=False) == '<code class="nb-math-error">\\frac{</code>'


def test_prepare_environment_and_wrap_display():
    prepared = prepare_environment("\\begin{align}\n a &= b \\label{x} \\nonumber\\\\ c &= d\n\\end{align}")
    assert prepared == "\\begin{align*}\n a &= b  \\\\ c &= d\n\\end{align*}"
    assert (
        prepare_environment("\\begin{multline}a\\\\b\\end{multline}")
        == "\\begin{gather*}a\\\\b\\end{gather*}"
    )
    assert prepare_environment("\\begin{align*}a\\end{align*}") == "\\begin{align*}a\\end{align*}"
    assert wrap_display("a = b") == "a = b"
    assert wrap_display("a\n\nb") == "\\begin{aligned}a \\\\ b\\end{aligned}"
    assert wrap_display("a &= b \\\\ c &= d") == "\\begin{aligned}a &= b \\\\ c &= d\\end{aligned}"


def test_prefetcher_gives_the_same_markup_as_rendering_in_place():
    """The helper runs whatever threads the process has, and agrees with rendering in place."""
    import threading

    from sphinx_notebook.math.katex import cache_key, render_many
    from sphinx_notebook.math.prefetch import Prefetcher

    # Another live thread (as a browser test's server would be) must not change anything.
    stop = threading.Event()
    bystander = threading.Thread(target=stop.wait, daemon=True)
    bystander.start()
    prefetcher = Prefetcher()
    # Keys no other test renders, so none comes from this process's cache.
    keys = [cache_key(rf"\beta_{{{i}}} + \text{{prefetch}}", i % 2 == 0) for i in range(5)]
    keys.append(cache_key(r"\frac{", False))
    keys.append(cache_key(r"\mathbb{R}^{n \times d}", True, {"\\W": "W"}))
    try:
        prefetcher.submit(keys)
        fetched = [prefetcher.take(key) for key in keys]
        assert all(item is not None for item in fetched), "the helper rendered every formula"
        in_place = render_many(keys)
        assert [(item.html, item.error) for item in fetched] == in_place
        assert fetched[-2].error and "Unexpected end of input" in fetched[-2].error
        assert prefetcher.take(keys[0]) is None  # handed out once, then it is in the cache
        prefetcher.submit(keys[:1])
        assert prefetcher.take(keys[0]) is None  # already rendered: nothing is sent again
    finally:
        prefetcher.close()
        stop.set()
