"""Theorem-style blocks: numbering per kind and document, references, every output format."""

from __future__ import annotations

import re

import pytest


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.sphinx("html", testroot="math")
def test_theorem_blocks_html(app):
    app.build()
    html = (app.outdir / "theorems.html").read_text(encoding="utf-8")
    assert (
        '<div class="nb-theorem nb-theorem-definition" id="def-gd"><p class="nb-theorem-title">'
        '<span class="nb-theorem-kind">Definition 1</span> '
        '<span class="nb-theorem-name">(Gradient descent)</span>'
    ) in html
    assert (
        '<div class="nb-theorem nb-theorem-theorem" id="thm-first"><p class="nb-theorem-title">'
        '<span class="nb-theorem-kind">Theorem 1</span>' in html
    )
    assert (
        '<span class="nb-theorem-kind">Lemma 1</span> <span class="nb-theorem-name">(Helper)</span>' in html
    )
    # each kind counts on its own; :class: is kept
    assert '<div class="nb-theorem nb-theorem-theorem important" id="thm-conv">' in html
    assert (
        '<span class="nb-theorem-kind">Theorem 2</span> <span class="nb-theorem-name">(Convergence)</span>'
        in html
    )
    assert '<span class="nb-theorem-kind">Lemma 2</span>' in html
    # nested content: display math, a list and code inside the theorem
    body = html[html.index('id="thm-conv"') : html.index('class="nb-proof"')]
    assert (
        'class="katex-display"' in body
        and "<li><p>a list item</p></li>" in body
        and "highlight-python" in body
    )
    # proof: no number, tombstone at the end of its last paragraph
    assert (
        "<p>Telescoping the descent lemma."
        '<span class="nb-qed" role="img" aria-label="End of proof">∎</span></p>'
    ) in html


@pytest.mark.sphinx("html", testroot="math")
def test_ref_and_numref_texts(app):
    app.build()
    html = (app.outdir / "theorems.html").read_text(encoding="utf-8")
    refs = _text(re.search(r"<p>References: .*?</p>", html).group(0))
    assert refs == ("References: Definition 1 (Gradient descent), Theorem 1, Theorem 2, Lemma 2, Lemma 2.")
    assert (
        '<a class="reference internal" href="#thm-conv"><span class="std std-numref">Theorem 2</span></a>'
        in html
    )
    # numbering restarts in each document, also in a post outside the toctree
    post = (app.outdir / "posts" / "first.html").read_text(encoding="utf-8")
    assert (
        '<span class="nb-theorem-kind">Theorem 1</span> <span class="nb-theorem-name">(Basel)</span>' in post
    )
    assert '<span class="std std-numref">Theorem 1</span>' in post


@pytest.mark.sphinx("html", testroot="math-rst")
def test_restructuredtext(app, warning):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert (
        '<span class="nb-theorem-kind">Definition 1</span> '
        '<span class="nb-theorem-name">(Gradient descent)</span>' in html
    )
    assert (
        '<span class="nb-theorem-kind">Theorem 2</span> <span class="nb-theorem-name">(Second)</span>' in html
    )
    assert (
        _text(re.search(r"<p>See .*?</p>", html).group(0))
        == "See Definition 1 (Gradient descent), Theorem 2 and (1)."
    )
    # a proof ending in a list gets its tombstone on a line of its own
    assert '<p class="nb-qed-line"><span class="nb-qed"' in html
    assert "WARNING" not in warning.getvalue()


@pytest.mark.sphinx("latex", testroot="math")
def test_latex_uses_amsthm(app):
    app.build()
    tex = (app.outdir / "mathtest.tex").read_text(encoding="utf-8")
    assert r"\usepackage{amsthm}" in tex
    assert r"\ifdefined\theorem\else\newtheorem{theorem}{Theorem}\fi" in tex
    assert r"\ifdefined\definition\else\newtheorem{definition}{Definition}\fi" in tex
    assert "\\begin{definition}[{Gradient descent}]\\label{\\detokenize{theorems:def-gd}}" in tex
    assert (
        "\\setcounter{theorem}{1}\\def\\theHtheorem{theorems.theorem.2}%\n\\begin{theorem}[{Convergence}]"
        in tex
    )
    assert "\\end{theorem}" in tex
    assert "\\begin{proof}" in tex and "\\end{proof}" in tex
    assert "∎" not in tex  # amsthm draws the tombstone
    assert r"Theorem \ref{\detokenize{theorems:thm-conv}}" in tex  # {numref}
    # environments balance
    for env in ("theorem", "lemma", "definition", "proof"):
        assert tex.count(f"\\begin{{{env}}}") == tex.count(f"\\end{{{env}}}")


@pytest.mark.sphinx("text", testroot="math")
def test_text_output_is_readable(app):
    app.build()
    text = (app.outdir / "theorems.txt").read_text(encoding="utf-8")
    assert "Definition 1 (Gradient descent).\n\nStep against the gradient:" in text
    assert "Theorem 2 (Convergence).\n\nIf f is convex" in text
    assert "Proof.\n\nTelescoping the descent lemma. ∎" in text
    assert "Theorem 2,\nLemma 2, Lemma 2." in text or "Theorem 2, Lemma 2, Lemma 2." in text
    assert "%s" not in text


@pytest.mark.sphinx("man", testroot="math")
def test_man_output(app):
    app.build()
    page = next(app.outdir.glob("*.1")).read_text(encoding="utf-8")
    assert "\\fBTheorem 2 (Convergence).\\fP" in page
    assert "\\fBProof.\\fP" in page


@pytest.mark.sphinx("texinfo", testroot="math")
def test_texinfo_output(app):
    app.build()
    page = next(app.outdir.glob("*.texi")).read_text(encoding="utf-8")
    assert "@strong{Theorem 2 (Convergence).}" in page
    assert "@strong{Definition 1 (Gradient descent).}" in page


@pytest.mark.sphinx("html", testroot="math-labels", freshenv=True)
def test_duplicate_and_unknown_labels_get_sphinx_warnings(app, warning):
    app.build()
    text = warning.getvalue()
    assert re.search(r'index\.md:9: WARNING: Duplicate explicit target name: "thm-same"', text)
    assert re.search(r"index\.md:\d+: WARNING: undefined label: 'thm-missing'", text)


@pytest.mark.sphinx("html", testroot="math", freshenv=True)
def test_numbers_survive_an_incremental_build(app):
    app.build()
    (app.srcdir / "theorems.md").write_text(
        (app.srcdir / "theorems.md").read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8"
    )
    app.build()
    html = (app.outdir / "theorems.html").read_text(encoding="utf-8")
    assert "One more line." in html
    assert '<span class="std std-numref">Theorem 2</span>' in html
    post = (app.outdir / "posts" / "first.html").read_text(encoding="utf-8")
    assert '<span class="std std-numref">Theorem 1</span>' in post


@pytest.mark.sphinx("html", testroot="math", confoverrides={"numfig": False}, freshenv=True)
def test_ref_still_works_without_numfig(app):
    app.build()
    html = (app.outdir / "theorems.html").read_text(encoding="utf-8")
    assert '<span class="std std-ref">Definition 1 (Gradient descent)</span>' in html
    assert '<span class="nb-theorem-kind">Theorem 2</span>' in html
