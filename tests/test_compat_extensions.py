"""sphinx_notebook beside the extensions real blogs combine with ablog, in either order, with -W."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent / "roots" / "test-compat-extensions"
NEIGHBOURS = (
    "sphinx_design",
    "sphinx_proof",
    "sphinx_examples",
    "sphinx_togglebutton",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "sphinxext.rediraffe",
)
ORDERS = {
    "ours first": ["sphinx_notebook", *NEIGHBOURS],
    "ours last": [*NEIGHBOURS, "sphinx_notebook"],
}

for module in ("sphinx_design", "sphinx_proof", "sphinx_examples", "sphinxext.rediraffe", "sphinx_sitemap"):
    pytest.importorskip(module)


def build(tmp_path_factory, builder: str, extensions: list[str]):
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("compat") / "site"
    shutil.copytree(ROOT, srcdir)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8")
    start, end = text.index("extensions = ["), text.index("]\n", text.index("extensions = [")) + 2
    conf.write_text(text[:start] + f"extensions = {extensions!r}\n" + text[end:], encoding="utf-8")
    app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True, warningiserror=True)
    app.build()
    return app


BUILDS = [("ours first", "html"), ("ours last", "html"), ("ours first", "dirhtml")]


@pytest.fixture(scope="module", params=BUILDS, ids=[f"{order}-{builder}" for order, builder in BUILDS])
def site(request, tmp_path_factory):
    order, builder = request.param
    app = build(tmp_path_factory, builder, ORDERS[order])
    yield app
    app.cleanup()


def read(app, name: str) -> str:
    """A page by its html name, wherever this builder puts it."""
    if app.builder.name == "dirhtml" and name.endswith(".html") and not name.endswith("index.html"):
        name = name.removesuffix(".html") + "/index.html"
    return (app.outdir / name).read_text(encoding="utf-8")


def test_builds_warning_free_with_sphinx_own_builder(site):
    from sphinx.builders.dirhtml import DirectoryHTMLBuilder
    from sphinx.builders.html import StandaloneHTMLBuilder

    assert site.statuscode == 0
    assert site.warning.getvalue() == ""
    expected = DirectoryHTMLBuilder if site.builder.name == "dirhtml" else StandaloneHTMLBuilder
    assert type(site.builder) is expected


def test_rediraffe_writes_its_redirects(site):
    """rediraffe checks type(app.builder): with a replaced builder it wrote nothing."""
    assert "url=" in read(site, "old-about.html")
    assert "about" in read(site, "old-about.html")
    assert "proofs" in read(site, "posts/old-name.html")


def test_generic_directive_names_go_to_whoever_else_has_them(site):
    page = read(site, "posts/proofs.html")
    # sphinx_examples owns `example`; ours is nb:example.
    assert "sd-example-source" in page
    assert page.count("nb-theorem-example") == 1
    # `theorem` was free, so it is ours; prf:theorem is sphinx-proof's.
    assert "nb-theorem-theorem" in page
    assert "nb-theorem-lemma" in page
    assert 'class="proof theorem admonition"' in page


def test_each_numbering_keeps_to_itself(site):
    page = read(site, "posts/proofs.html")
    see = page[page.index("See ") :]
    text = " ".join(see.split("<")[i].split(">")[-1] for i in range(len(see.split("<"))))
    for label in ("Theorem 1", "Lemma 1", "Example 1"):
        assert label in text
    assert "theorem 1" not in text  # sphinx-proof's lower-case format is not ours


def test_neighbours_output_is_there(site):
    page = read(site, "posts/proofs.html")
    assert "sd-dropdown" in page or "dropdown" in page  # sphinx-design
    assert "toggle" in page  # sphinx-togglebutton
    assert page.count('property="og:title"') == 1  # sphinxext-opengraph, once
    assert "https://notes.example.org/posts/proofs" in read(site, "sitemap.xml")


def test_the_blog_still_lists_and_feeds_the_post(site):
    assert 'href="posts/proofs' in read(site, "index.html")
    feed = read(site, "blog/atom.xml")
    assert "<title>Two kinds of theorem blocks</title>" in feed
