"""Blogs that keep their own theme (furo, pydata-sphinx-theme, sphinx-book-theme,
alabaster) and a notebook blog with popular extensions under our theme.

Each root under tests/roots/test-compat-* is built once (module-scoped) with
warnings as errors. The pages must be that theme's own pages (furo shows an
error page when a template inherits from the wrong layout), every part's
stylesheet must be linked and shipped, and the blog's meta, tags and
previous/next links must be on the post.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from sphinx_notebook.theme.extension_styles import EXTENSIONS_CSS, add_extension_styles

pytest.importorskip("furo")
pytest.importorskip("pydata_sphinx_theme")
pytest.importorskip("sphinx_book_theme")

ROOTS = Path(__file__).parent / "roots"
PART_CSS = ("css/nb-diagram.css", "css/nb-math.css", "css/nb-blog.css")
HAND_FONT = "vendor/fonts/architects-daughter/architects-daughter-latin-400-normal.woff2"

# root -> (a post, a marker only that theme's page layout has)
THEMES = {
    "furo": ("posts/step-size", 'class="sidebar-drawer"'),
    "pydata": ("posts/btree-fanout", 'class="bd-main"'),
    "book": ("posts/eigenvalues", "sphinx-book-theme.css"),
    "alabaster": ("posts/infinitely-many-primes", 'class="sphinxsidebar"'),
}


@dataclass(frozen=True)
class Built:
    """A root built by ``sphinx-build -W`` in its own process."""

    outdir: Path
    warnings: str


def _build(tmp_path_factory: pytest.TempPathFactory, name: str) -> Built:
    # A process of its own: myst-nb and myst-parser change Sphinx's shared
    # defaults (source_suffix) when set up in-process, which would make other
    # tests in this worker depend on the order they run in.
    srcdir = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    outdir = srcdir.parent / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"building test-{name} with -W failed:\n{result.stderr}")
    return Built(outdir, result.stderr)


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Built]:
    """(theme root name, its build), one build per theme for this module."""
    return request.param, _build(tmp_path_factory, f"compat-theme-{request.param}")


@pytest.fixture(scope="module")
def extensions_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build(tmp_path_factory, "compat-extension-styles")


@pytest.fixture(scope="module")
def nbsphinx_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    pytest.importorskip("nbsphinx")
    return _build(tmp_path_factory, "compat-nbsphinx")


def _html(app: Built, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")


def _stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet"[^>]*href="([^"?]+)', html)


def test_posts_are_the_themes_own_pages(themed: tuple[str, Built]) -> None:
    name, app = themed
    post, marker = THEMES[name]
    html = _html(app, post)
    assert "inheriting from" not in html  # furo's error page for a wrong layout
    assert marker in html
    assert app.warnings == ""


def test_part_stylesheets_are_linked_and_shipped(themed: tuple[str, Built]) -> None:
    name, app = themed
    html = _html(app, THEMES[name][0])
    linked = _stylesheets(html)
    for css in PART_CSS:
        assert f"../_static/{css}" in linked, css
        assert (Path(app.outdir) / "_static" / css).is_file()
    # The diagram part ships the hand-written font its stylesheet points at.
    assert (Path(app.outdir) / "_static" / HAND_FONT).is_file()
    # Our theme's own stylesheets stay out of another theme's pages.
    assert not any(href.endswith(("notebook.css", "nb-extensions.css")) for href in linked)


def test_post_has_meta_tags_diagram_theorem_and_links(themed: tuple[str, Built]) -> None:
    name, app = themed
    html = _html(app, THEMES[name][0])
    header = html.index('<header class="nb-post-header">')
    assert html.index("</h1>") < header  # right under the title
    assert 'class="nb-post-meta"' in html
    assert re.search(r'<a class="nb-tag" href="[^"]+">', html)
    assert '<figure class="diagram' in html and "<svg" in html
    assert re.search(r'class="nb-theorem nb-theorem-(theorem|proposition)', html)
    assert 'class="katex"' in html
    assert '<nav class="nb-post-nav"' in html


def test_listing_pages_are_drawn_by_the_theme(themed: tuple[str, Built]) -> None:
    name, app = themed
    marker = THEMES[name][1]
    tag_pages = sorted((Path(app.outdir) / "blog" / "tag").glob("*.html"))
    assert tag_pages
    for page in [*tag_pages[:1], Path(app.outdir) / "blog" / "archive.html"]:
        html = page.read_text(encoding="utf-8")
        assert marker in html, page.name
        assert 'class="nb-post-list"' in html or 'class="nb-catalog"' in html


def test_extension_styles_come_after_the_extensions_and_only_beside_them(extensions_site: Built) -> None:
    html = _html(extensions_site, "posts/toolkit")
    linked = [href.rsplit("/", 1)[-1] for href in _stylesheets(html)]
    ours = linked.index("nb-extensions.css")
    for theirs in ("sphinx-design.min.css", "proof.css", "togglebutton.css", "tabs.css"):
        assert linked.index(theirs) < ours, theirs
    assert (Path(extensions_site.outdir) / "_static" / "css" / "nb-extensions.css").is_file()
    assert extensions_site.warnings == ""


def test_extension_page_uses_every_extension(extensions_site: Built) -> None:
    toolkit = _html(extensions_site, "posts/toolkit")
    for marker in ("sd-card ", "sd-tab-set", "sd-badge", "sd-dropdown",
                   'class="proof theorem admonition"', 'class="nb-theorem nb-theorem-theorem"',
                   'class="toggle docutils container"',
                   'class="sphinx-tabs docutils container"', '<figure class="diagram'):
        assert marker in toolkit, marker
    notebook = _html(extensions_site, "posts/fitting")
    for marker in ('class="output stream', 'class="output stderr', 'class="output text_html"',
                   'class="output traceback', 'src="../_images/', "widget-view+json"):
        assert marker in notebook, marker
    # The notebook is a post like any other: meta line and tags under its title.
    assert 'class="nb-post-meta"' in notebook and ">statistics</a>" in notebook


def test_nbsphinx_notebook_under_our_theme(nbsphinx_site: Built) -> None:
    html = _html(nbsphinx_site, "histogram")
    linked = [href.rsplit("/", 1)[-1] for href in _stylesheets(html)]
    assert linked.index("nbsphinx-code-cells.css") < linked.index("nb-extensions.css")
    for marker in ('class="nbinput docutils container', 'class="output_area stderr',
                   'class="output_area rendered_html', 'class="nb-header"'):
        assert marker in html, marker
    assert nbsphinx_site.warnings == ""


def _fake_app(theme: str, extensions: set[str], fmt: str = "html") -> SimpleNamespace:
    linked: list[tuple[str, int]] = []
    return SimpleNamespace(
        extensions=dict.fromkeys(extensions),
        builder=SimpleNamespace(format=fmt, theme=SimpleNamespace(name=theme)),
        add_css_file=lambda name, priority: linked.append((name, priority)),
        linked=linked,
    )


@pytest.mark.parametrize(
    ("theme", "extensions", "fmt", "expected"),
    [
        ("sphinx_notebook", {"sphinx_design"}, "html", [(EXTENSIONS_CSS, 700)]),
        ("sphinx_notebook", {"nbsphinx", "myst_nb"}, "html", [(EXTENSIONS_CSS, 700)]),
        ("sphinx_notebook", {"sphinx_copybutton", "ablog"}, "html", []),
        ("furo", {"sphinx_design"}, "html", []),
        ("sphinx_notebook", {"sphinx_design"}, "latex", []),
    ],
)
def test_extension_styles_only_for_our_theme_beside_those_extensions(
    theme: str, extensions: set[str], fmt: str, expected: list[tuple[str, int]]
) -> None:
    app = _fake_app(theme, extensions, fmt)
    add_extension_styles(app, "sphinx_notebook")  # type: ignore[arg-type]
    assert app.linked == expected


PART_CSS_FILES = sorted(Path(__file__).parent.parent.glob("sphinx_notebook/*/static/css/nb-*.css"))


@pytest.mark.parametrize("path", PART_CSS_FILES, ids=lambda p: p.name)
def test_part_css_goes_dark_only_on_a_themes_own_switch(path: Path) -> None:
    """A system dark setting alone must not darken a light-only theme (alabaster).

    Inside ``prefers-color-scheme: dark`` a part stylesheet may only select a
    theme that follows the system on purpose: furo's ``data-theme="auto"``.
    """
    css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    assert len(PART_CSS_FILES) >= 3
    for match in re.finditer(r"@media[^{]*prefers-color-scheme:\s*dark[^{]*\{", css):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        selectors = re.findall(r"([^{};]+)\{", css[match.end() : end])
        assert selectors, path.name
        for selector in selectors:
            assert 'data-theme="auto"' in selector, f"{path.name}: {selector.strip()}"
