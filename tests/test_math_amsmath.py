"""Numbered amsmath environments get anchors that stay the same from build to build."""

from __future__ import annotations

import re

import pytest

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="math-amsmath", freshenv=True)
def test_numbered_amsmath_anchors_come_from_document_and_position(app, warning):
    app.build()
    assert warning.getvalue() == ""
    first, second = _page(app, "notes/first.html"), _page(app, "notes/second.html")
    # myst-parser alone gives each a fresh uuid4 label on every build
    assert not UUID.search(first) and not UUID.search(second)
    assert first.count('id="equation-notes-first-amsmath-1"') == 1
    assert first.count('id="equation-notes-first-amsmath-2"') == 1
    assert 'href="#equation-notes-first-amsmath-2"' in first
    assert 'id="equation-notes-second-amsmath-1"' in second
    # numbering is untouched: with numfig, equations count on across the site
    assert re.search(r'class="eqno">\(1\)', first) and re.search(r'class="eqno">\(2\)', first)
    assert re.search(r'class="eqno">\(3\)', second)
    # the starred environment stays unnumbered and unlabelled
    assert "amsmath-3" not in first


@pytest.mark.sphinx("html", testroot="math-amsmath", freshenv=True)
def test_stable_labels_are_known_to_the_math_domain(app):
    app.build()
    equations = app.env.get_domain("math").data["objects"]
    ours = sorted(label for label in equations if "amsmath" in label)
    assert ours == ["notes/first-amsmath-1", "notes/first-amsmath-2", "notes/second-amsmath-1"]
    assert equations["notes/first-amsmath-2"] == ("notes/first", 2)
