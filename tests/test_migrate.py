"""Moving an ablog + alabaster site over keeps every post, tag, archive and feed entry.

tests/roots/test-migrate is shaped like a real ablog site (reST ``post``
directives and MyST front matter side by side, ablog sidebars, alabaster
options, per-tag feeds). It is built twice: as it is, and with only
``extensions`` gaining ``sphinx_notebook`` and ``html_theme`` switched, the
two-line change the "Moving from ablog" guide asks for.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ATOM = "{http://www.w3.org/2005/Atom}"
MIGRATED = {
    "extensions": ["ablog", "myst_parser", "sphinx_notebook"],
    "html_theme": "sphinx_notebook",
}
POST_HREF = re.compile(r'href="([^"#]*posts/\d{4}/[\w-]+\.html)')


@dataclass
class Build:
    outdir: Path
    status: str
    warnings: str


def _build(src: Path, name: str, overrides: dict[str, object]) -> Build:
    status, warning = StringIO(), StringIO()
    app = SphinxTestApp(
        "html",
        srcdir=src,
        builddir=src / f"_build_{name}",
        confoverrides=overrides,
        status=status,
        warning=warning,
        freshenv=True,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(Path(app.outdir), status.getvalue(), warning.getvalue())


@pytest.fixture(scope="module")
def builds(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    src = tmp_path_factory.mktemp("migrate") / "site"
    shutil.copytree(rootdir / "test-migrate", src)
    # Named explicitly: sphinx.testing swaps alabaster for basic unless overridden.
    return _build(src, "old", {"html_theme": "alabaster"}), _build(src, "new", MIGRATED)


def _pages(outdir: Path, folder: str) -> set[str]:
    return {p.relative_to(outdir).as_posix() for p in (outdir / folder).rglob("*.html")}


def _main_part(html: str) -> str:
    """The page body without sidebars, so only the listing's own links count."""
    start = html.find('role="main"')
    body = html[start:] if start >= 0 else html
    ends = [i for i in (body.find("</main>"), body.find('class="sphinxsidebar"')) if i >= 0]
    return body[: min(ends)] if ends else body


def _listed_posts(outdir: Path, page: str) -> set[str]:
    html = (outdir / page).read_text(encoding="utf-8")
    here = posixpath.dirname(page)
    return {posixpath.normpath(posixpath.join(here, href)) for href in POST_HREF.findall(_main_part(html))}


def _feeds(outdir: Path) -> dict[str, set[tuple[str, str]]]:
    """Every Atom feed under the output, as its set of (title, link) entries."""
    feeds = {}
    for path in sorted(outdir.rglob("*.xml")):
        root = ET.parse(path).getroot()
        if root.tag != f"{ATOM}feed":
            continue
        entries = set()
        for entry in root.iter(f"{ATOM}entry"):
            title = "".join(entry.find(f"{ATOM}title").itertext()).strip()
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            if link is None:
                link = entry.find(f"{ATOM}link")
            entries.add((title, link.get("href")))
        feeds[path.relative_to(outdir).as_posix()] = entries
    return feeds


def test_old_site_builds_as_it_always_did(builds: tuple[Build, Build]) -> None:
    old, _ = builds
    assert old.warnings == ""
    assert len(_pages(old.outdir, "posts")) == 5


def test_every_post_tag_and_archive_page_is_kept(builds: tuple[Build, Build]) -> None:
    old, new = builds
    assert _pages(new.outdir, "posts") == _pages(old.outdir, "posts")
    collections = _pages(old.outdir, "blog")
    assert {"blog/tag/engines.html", "blog/2023.html", "blog/category/math.html"} <= collections
    assert _pages(new.outdir, "blog") >= collections


@pytest.mark.parametrize(
    "page",
    [
        "blog/tag/engines.html",
        "blog/tag/history.html",
        "blog/tag/math.html",
        "blog/category/notes.html",
        "blog/2023.html",
        "blog/2024.html",
        "blog/author/charles-babbage.html",
    ],
)
def test_listings_name_the_same_posts(builds: tuple[Build, Build], page: str) -> None:
    old, new = builds
    listed = _listed_posts(old.outdir, page)
    assert listed, f"the old {page} lists no posts: the test root is broken"
    assert _listed_posts(new.outdir, page) == listed


def test_every_feed_and_feed_entry_is_kept(builds: tuple[Build, Build]) -> None:
    old, new = builds
    old_feeds, new_feeds = _feeds(old.outdir), _feeds(new.outdir)
    # The main feed plus one per tag, category, author and year (blog_feed_archives).
    assert "blog/atom.xml" in old_feeds and "blog/tag/engines/atom.xml" in old_feeds
    assert len(old_feeds["blog/atom.xml"]) == 5
    missing = {name: entries - new_feeds.get(name, set()) for name, entries in old_feeds.items()}
    assert {name: lost for name, lost in missing.items() if lost} == {}


def test_migrated_build_is_warning_free(builds: tuple[Build, Build]) -> None:
    _, new = builds
    assert new.warnings == ""


def test_old_theme_settings_are_named_once(builds: tuple[Build, Build]) -> None:
    _, new = builds
    lines = [line for line in new.status.splitlines() if "written for another theme" in line]
    assert len(lines) == 1
    assert "html_sidebars" in lines[0]
    assert "'github_user'" in lines[0] and "'fixed_sidebar'" in lines[0]
