"""Compiled templates are kept beside the doctrees: a second build compiles none, pages unchanged.

Counts Jinja's compilations of template files (``Environment.compile`` with a
template name; templates made from strings are not cached) in each build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

ROOTS = Path(__file__).parent / "roots"
PAGES = ("index.html", "posts/alpha.html", "blog/tag/math.html", "genindex.html", "search.html")


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the template files Jinja compiles, in order."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        if name is not None:
            names.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def build(make_app, srcdir: Path, **kwargs) -> Path:
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    assert not app.warning.getvalue(), app.warning.getvalue()
    app.cleanup()
    return Path(app.outdir)


def pages(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in PAGES}


def test_a_second_build_compiles_no_template_and_writes_the_same_pages(make_app, tmp_path, compiled):
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-noop", srcdir)
    outdir = build(make_app, srcdir, freshenv=True)
    assert "page.html" in compiled and "layout.html" in compiled
    first = pages(outdir)
    compiled.clear()
    shutil.rmtree(outdir)  # every page written again, from the cached templates
    outdir = build(make_app, srcdir)
    assert compiled == []
    assert pages(outdir) == first


def test_an_edited_template_is_compiled_again(make_app, tmp_path, compiled):
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-noop", srcdir)
    (srcdir / "_templates").mkdir()
    layout = srcdir / "_templates" / "layout.html"
    template = '{%- extends "!layout.html" %}{% block footer %}{{ super() }}<p>MARK</p>{% endblock %}'
    layout.write_text(template.replace("MARK", "first words"), encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'templates_path = ["_templates"]\n', encoding="utf-8")
    outdir = build(make_app, srcdir, freshenv=True)
    assert "<p>first words</p>" in (outdir / "posts/alpha.html").read_text(encoding="utf-8")
    compiled.clear()
    layout.write_text(template.replace("MARK", "second words"), encoding="utf-8")
    outdir = build(make_app, srcdir)
    assert compiled == ["layout.html"]  # the user's layout only; the theme's came from the cache
    text = (outdir / "posts/alpha.html").read_text(encoding="utf-8")
    assert "<p>second words</p>" in text and "first words" not in text
