"""Each part is an extension of its own and works alone under Sphinx's default theme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "roots" / "test-part-alone"


@pytest.fixture
def build_part(tmp_path):
    """Build the root with only the given extensions, -W, in a fresh copy."""
    apps = []

    def build(*extensions: str, drop: tuple[str, ...] = ()):
        from sphinx.testing.util import SphinxTestApp

        srcdir = tmp_path / "site"
        shutil.copytree(ROOT, srcdir)
        for name in drop:  # pages written for another part
            (srcdir / name).unlink()
        conf = srcdir / "conf.py"
        text = conf.read_text(encoding="utf-8")
        conf.write_text(
            text.replace('extensions = ["sphinx_notebook.diagram"]', f"extensions = {list(extensions)!r}"),
            encoding="utf-8",
        )
        app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, warningiserror=True)
        apps.append(app)
        app.build()
        return app

    yield build
    for app in apps:
        app.cleanup()


def page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def test_diagram_part_alone(build_part):
    app = build_part("sphinx_notebook.diagram", drop=("math.rst", "posts/first.rst"))
    assert app.warning.getvalue() == ""
    assert set(app.extensions) & {"ablog", "myst_parser", "sphinx_notebook.math"} == set()
    html = page(app, "diagram.html")
    assert '<figure class="diagram' in html and "<svg" in html
    assert 'href="_static/css/nb-diagram.css' in html
    static = app.outdir / "_static"
    assert (static / "css" / "nb-diagram.css").is_file()
    assert (static / "vendor" / "fonts" / "architects-daughter" / "LICENSE").is_file()
    assert not (static / "vendor" / "roughjs").exists()  # build-time only


def test_math_part_alone(build_part):
    app = build_part("sphinx_notebook.math", drop=("diagram.rst", "posts/first.rst"))
    assert app.warning.getvalue() == ""
    html = page(app, "math.html")
    assert 'class="katex"' in html
    assert "nb-theorem-theorem" in html
    assert '<span class="nb-theorem-kind">Theorem 1</span> <span class="nb-theorem-name">(Pythagoras)' in html
    assert '<span class="nb-theorem-kind">Theorem 2</span> <span class="nb-theorem-name">(Short name)' in html
    assert "Theorem 1" in html.split("See ", 1)[1]
    assert 'href="_static/css/nb-math.css' in html
    assert (app.outdir / "_static" / "vendor" / "katex" / "katex.min.css").is_file()
    assert not (app.outdir / "_static" / "vendor" / "katex" / "katex.min.js").exists()
    assert not (app.outdir / "_static" / "vendor" / "mathjax").exists()


def test_blog_part_alone(build_part):
    app = build_part("sphinx_notebook.blog", drop=("diagram.rst", "math.rst"))
    assert app.warning.getvalue() == ""
    assert "ablog" in app.extensions
    assert "myst_parser" not in app.extensions
    assert 'href="_static/css/nb-blog.css' in page(app, "index.html")
    post = page(app, "posts/first.html")
    assert "nb-post-meta" in post  # the post meta, under alabaster
    archive = page(app, "blog/tag/one.html")
    assert "First post" in archive
    assert "nb-collection" in archive
    assert "01 May 2024" in archive
