"""TeX written for MathJax: page definitions, links, and what warns (issue 12)."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from sphinx_notebook.math.link_policy import refusal
from sphinx_notebook.math.tex_definitions import cut_definitions, scan_page, with_arity

ROOT = "math-mathjax-era"


def _page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def _warnings(warning) -> list[str]:
    return [line for line in warning.getvalue().splitlines() if "WARNING" in line]


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_definitions_hold_for_the_rest_of_the_page_and_nowhere_else(app, warning):
    app.build()
    page = _page(app, "definitions.html")
    assert "nb-math-error" not in page
    # the definitions-only block shows nothing: the paragraph after the intro is the first math
    intro = page.index("in a block that shows nothing:</p>")
    assert (
        page[intro:].split("</p>", 1)[1].lstrip().startswith('<p>The minimiser <span class="math nb-math">')
    )
    assert re.search('<mi mathvariant="normal">arg.min</mi>', page)
    assert '<mi mathvariant="normal">Tr</mi>' in page
    assert "D<" in page and "KL" in page  # \KL from a {math} block, reused inline later
    assert page.count('<mi mathvariant="bold-italic">x</mi>') >= 1  # \renewcommand{\vec}
    assert "<mi>ϵ</mi>" in page and "<mi>ε</mi>" in page  # \let, then \renewcommand
    assert not [line for line in _warnings(warning) if "definitions.md" in line]
    # another page does not see them, and says so at its line
    assert re.search(
        r"elsewhere\.md:3: WARNING: Neither KaTeX nor MathJax can render '\\\\Tr\(A\)'", warning.getvalue()
    )
    assert 'class="nb-math-error"' in _page(app, "elsewhere.html")
    # a definition KaTeX cannot carry: MathJax renders the formula; if that fails too,
    # one warning names the definition and the error
    elsewhere = [line for line in _warnings(warning) if "elsewhere.md" in line]
    assert len(elsewhere) == 2
    assert "elsewhere.md:7: WARNING: Neither KaTeX nor MathJax can render" in elsewhere[1]
    assert "\\opts has an optional argument, which KaTeX cannot take" in elsewhere[1]
    assert "Undefined control sequence" in elsewhere[1]
    assert _page(app, "elsewhere.html").count('class="nb-mathjax"') == 1  # line 5


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_feed_entries_carry_mathml_rendered_with_the_posts_definitions(app, warning):
    app.build()
    atom = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    content = html_lib.unescape(re.search(r'<content type="html">(.*?)</content>', atom, re.S).group(1))
    assert content.count("<math") == 3  # two from KaTeX, one from MathJax
    assert re.search('<mi mathvariant="normal">arg.max</mi>', content)
    assert "DeclareMathOperator" not in content and "nb-math-error" not in content
    assert "posts/defined.md" not in warning.getvalue()


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_links_follow_the_policy_and_refusals_warn_at_their_line(app, warning):
    app.build()
    page = _page(app, "links.html")
    for url in ("https://example.org/paper", "mailto:me@example.org", "#eq-top", "https://example.org/u"):
        assert f'<a href="{url}"' in page
    assert not re.search(r'href="javascript:', page)
    assert 'class="enclosing nb-highlight"' in page and 'data-step="1"' in page
    assert "example.org/i.png" not in re.sub(r"<annotation.*?</annotation>", "", page)
    text = warning.getvalue()
    assert re.search(
        r"links\.md:9: WARNING: In '\\\\href\{javascript:alert\(1\)\}\{\\\\text\{click\}\}': "
        r"refused \\href to 'javascript:alert\(1\)'.*\[notebook\.math\]",
        text,
    )
    assert re.search(r"links\.md:11: WARNING: .*refused \\includegraphics", text)
    assert len([line for line in _warnings(warning) if "links.md" in line]) == 2


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_unclosed_display_math_warns_once_and_escaped_dollars_do_not(app, warning):
    app.build()
    lines = [line for line in _warnings(warning) if "unclosed.md" in line]
    assert len(lines) == 1
    assert "unclosed.md:5: WARNING: display math opened with $$ is never closed" in lines[0]
    assert "[notebook.math]" in lines[0]


def test_every_definition_form_is_read():
    rest, defined, problems = cut_definitions(
        r"\DeclareMathOperator*{\argmax}{arg\,max}\DeclareMathOperator\sgn{sgn}"
        r"\newcommand*{\a}{A}\renewcommand\b[2]{#2#1}\providecommand{\c}{C}"
        r"\def\d#1{[#1]}\gdef\e{E}\let\f=\alpha\let\g\beta\require{cancel} x",
        {"\\c": "old"},
    )
    assert rest.strip() == "x" and problems == []
    assert defined == {
        "\\argmax": "\\operatorname*{arg\\,max}",
        "\\sgn": "\\operatorname{sgn}",
        "\\a": "A",
        "\\b": "#2#1",
        "\\d": "[#1]",
        "\\e": "E",
        "\\f": "\\alpha",
        "\\g": "\\beta",
    }


def test_definitions_that_cannot_be_carried_stay_and_say_why():
    rest, defined, problems = cut_definitions(r"\newcommand{\o}[1][x]{#1} \def\p#1.{#1} \newcommand{\q}", {})
    assert defined == {}
    assert rest == r"\newcommand{\o}[1][x]{#1} \def\p#1.{#1} \newcommand{\q}"
    assert [problem.split(":")[0] for problem in problems] == [
        "cannot read \\newcommand",
        "cannot read \\def",
        "cannot read \\newcommand",
    ]
    assert "optional argument" in problems[0]


def test_scan_page_shares_tables_and_escaped_backslashes_are_not_definitions():
    scanned = scan_page([r"a", r"\def\x{1}", r"\x + 1", r"\\def b", r"\newcommand{\y}{2}\y"])
    assert [item.macros for item in scanned[:2]] == [{}, {"\\x": "1"}]
    assert scanned[1].definitions_only and not scanned[2].definitions_only
    assert scanned[2].macros is scanned[1].macros is scanned[3].macros
    assert scanned[3].tex == r"\\def b" and not scanned[3].defines
    assert scanned[4].macros == {"\\x": "1", "\\y": "2"} and scanned[4].tex == r"\y"


def test_unused_parameters_are_still_consumed():
    assert with_arity("#2", 2) == "#2\\@secondoftwo{#1}{}"
    assert with_arity("#1#2", 2) == "#1#2"


def test_link_policy():
    assert refusal("\\href", "https", "https://a.org") is None
    assert refusal("\\url", "_relative", "../x.html") is None
    assert refusal("\\href", "mailto", "mailto:a@b.org") is None
    assert "javascript:alert(1)" in (refusal("\\href", "javascript", "javascript:alert(1)") or "")
    assert refusal("\\includegraphics", None, None)
    assert refusal("\\htmlClass", None, None) is None


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_what_katex_cannot_render_mathjax_renders_at_build_time(app, warning):
    app.build()
    page = _page(app, "fallback.html")
    assert page.count('<span class="nb-mathjax"><math xmlns="http://www.w3.org/1998/Math/MathML"') == 7
    # \enclose and the page's own \circled; menclose is drawn by our CSS (MathML Core lacks it)
    assert page.count('<mrow class="nb-menclose" data-notation="circle">') == 2
    assert "<menclose" not in page
    # the TeX stays in the MathML, as in KaTeX's output
    assert '<annotation encoding="application/x-tex">\\enclose{circle}{x}</annotation>' in page
    assert 'mathbackground="yellow"' in page  # \bbox
    assert "&#x263A;" in page  # \unicode
    assert "<script" not in page.split("<body", 1)[1].split("</article>", 1)[0]
    # neither can: one error box, one warning naming both reasons
    assert page.count('class="nb-math-error"') == 1
    lines = [line for line in _warnings(warning) if "fallback.md" in line]
    assert len(lines) == 2
    assert "fallback.md:8: WARNING: Neither KaTeX nor MathJax can render '\\\\enclose{circle}{x'" in lines[0]
    assert "(MathJax: Missing close brace)" in lines[0]
    # MathJax's links follow the same policy
    assert (
        "fallback.md:10: WARNING: In " in lines[1] and "refused \\href to 'javascript:alert(1)'" in lines[1]
    )
    assert "javascript:" not in re.sub(r"<annotation.*?</annotation>", "", page.split("<body", 1)[1])


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_feeds_carry_the_fallback_as_mathml(app):
    app.build()
    atom = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    content = html_lib.unescape(re.search(r'<content type="html">(.*?)</content>', atom, re.S).group(1))
    # \bbox[5px]{z}, drawn by MathJax at build time, in the entry as MathML
    mathjax = (
        '<span class="nb-mathjax"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mpadded'
    )
    assert content.count(mathjax) == 1
    assert content.count("<math") == 3
    assert "\\bbox" not in re.sub(r"<annotation.*?</annotation>", "", content)


@pytest.mark.sphinx("epub", testroot=ROOT, freshenv=True)
def test_epub_carries_the_fallback_as_mathml(app):
    app.build()
    xhtml = (app.outdir / "fallback.xhtml").read_text(encoding="utf-8")
    assert xhtml.count("<math") == 7  # all from MathJax; the eighth formula is the error box
    assert '<menclose notation="circle">' in xhtml  # readers draw menclose themselves
    assert "nb-math-error" in xhtml and xhtml.count("nb-math-error") == 1


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True)
def test_labels_and_references_inside_tex_resolve_on_and_across_pages(app, warning):
    app.build()
    page = _page(app, "labels.html")
    # \label numbers the block like :label: does (the align block keeps its own number)
    assert '<div class="math nb-math" id="equation-eq-loss">\n<span class="eqno">(1)' in page
    assert 'id="equation-eq-step"' in page and 'id="equation-eq-rate"' in page
    assert '<div class="math nb-math" id="equation-eq-stationary">\n<span class="eqno">(3)' in page
    links = re.findall(r'<mtext href="([^"]*)">([^<]*)</mtext>', page)
    assert links == [
        ("#equation-eq-loss", "(1)"),
        ("#equation-eq-step", "(2)"),
        ("#equation-eq-rate", "2"),  # \ref: the number alone; a row label names its block
        ("#equation-eq-stationary", "(3)"),
    ]
    assert '<a class="reference internal" href="#equation-eq-loss">(1)</a>' in page  # {eq} agrees
    assert "\\label" not in re.sub(r"<annotation.*?</annotation>", "", page)
    # across pages
    other = _page(app, "labels-elsewhere.html")
    assert re.findall(r'<mtext href="([^"]*)">([^<]*)</mtext>', other) == [
        ("labels.html#equation-eq-loss", "(1)"),
        ("labels.html#equation-eq-rate", "(2)"),
    ]
    # an unknown label: one warning at its line, "(??)" on the page
    lines = [line for line in _warnings(warning) if "labels.md" in line]
    assert len(lines) == 1
    assert (
        "labels.md:16: WARNING: \\eqref{eq:nowhere}: no equation has this label [notebook.math]" in lines[0]
    )
    assert "<mtext>(??)</mtext>" in page


@pytest.mark.sphinx("html", testroot=ROOT, freshenv=True, parallel=2)
def test_labels_resolve_in_parallel_builds(app, warning):
    app.build()
    other = _page(app, "labels-elsewhere.html")
    assert '<mtext href="labels.html#equation-eq-rate">(2)</mtext>' in other
    assert len([line for line in _warnings(warning) if "labels" in line]) == 1
