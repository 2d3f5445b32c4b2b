"""A fixture of math and ML blog posts written the MathJax way renders cleanly (issue 12)."""

from __future__ import annotations

import html as html_lib
import re

import pytest


def content_warnings(text: str) -> list[str]:
    """Warnings about the site, without the notices an earlier Sphinx app in this
    process can leave (docutils keeps node classes registered process-wide)."""
    return [line for line in text.splitlines() if "WARNING" in line and "[app.add_node]" not in line]


MATH_ELEMENT = re.compile(r'<(?:span|div) class="(?:amsmath )?math nb-math')


@pytest.mark.sphinx("html", testroot="math-blogstyle", freshenv=True)
def test_three_hundred_blog_formulas_render_with_no_error_box_and_no_warning(app, warning):
    app.build()
    pages = sorted((app.outdir / "posts").glob("*.html"))
    assert len(pages) == 7
    formulas = boxes = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        formulas += len(MATH_ELEMENT.findall(text))
        boxes += text.count("nb-math-error")
    assert formulas >= 300
    assert boxes == 0
    assert content_warnings(warning.getvalue()) == []
    # the feed carries every post's math as MathML, never TeX
    atom = html_lib.unescape((app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8"))
    assert atom.count("<math") >= 300
    assert "nb-math-error" not in atom
    assert "\\DeclareMathOperator" not in re.sub(r"<annotation.*?</annotation>", "", atom, flags=re.S)
