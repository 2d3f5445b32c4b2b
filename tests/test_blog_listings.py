"""What a reader sees of the blog: home listing, post pages, archives, drafts, upcoming."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sphinx_notebook.blog.drafts import build_now, is_draft, upcoming_posts
from sphinx_notebook.blog.listings import reading_minutes

ROOTS = Path(__file__).parent / "roots"
DRAFTS = ("Someday maybe", "Far future matrices")


@pytest.fixture(scope="module")
def site(blog_site):
    """The shared build of the blog root (read-only checks)."""
    return blog_site


def page(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


def test_home_lists_recent_posts_with_meta_and_excerpt(site):
    html = page(site, "index.html")
    listing = section(html, 'class="nb-post-list', 'id="what-s-next"')
    titles = re.findall(r'class="nb-post-card__title"><a[^>]*href="([^"]+)">([^<]+)</a>', listing)
    assert titles == [
        ("posts/third.html", "Notes on norms"),
        ("posts/second.html", "Drawing pictures"),
        ("posts/first.html", "Gradient descent"),
    ]
    assert listing.count('class="nb-post-date"') == 3
    assert listing.count("min read") == 3
    assert 'class="nb-tag reference internal" href="blog/tag/numerical-methods.html"' in listing
    assert "nb-post-card__excerpt" in listing and "We minimise" in listing
    assert 'href="posts/third.html#more"' in listing  # an in-post anchor still points at the post
    for draft in DRAFTS:
        assert draft not in listing


def test_post_page_meta_and_neighbours(site):
    html = page(site, "posts/second.html")
    header = section(html, 'class="nb-post-header"', "</header>")
    assert '<time class="nb-post-date" datetime="2024-02-20">20 February 2024</time>' in header
    assert "1 min read" in header
    assert '<a href="../blog/author/ada-lovelace.html">Ada Lovelace</a>' in header
    assert '<a class="nb-tag" href="../blog/tag/diagrams.html">diagrams</a>' in header
    assert "updated 01 March 2024" in header
    assert html.index("</h1>") < html.index('class="nb-post-header"'), "the meta line follows the title"
    nav = section(html, 'class="nb-post-nav"', "</nav>")
    assert 'rel="prev" href="first.html"' in nav and "Gradient descent" in nav
    assert 'rel="next" href="third.html"' in nav and "Notes on norms" in nav
    newest = section(page(site, "posts/third.html"), 'class="nb-post-nav"', "</nav>")
    assert 'rel="prev"' in newest and 'rel="next"' not in newest


def test_drafts_stay_out_of_listings_archives_and_navigation(site):
    pages = ["blog.html", "blog/archive.html", "blog/tag/python.html", "blog/tag/math.html",
             "blog/2024.html", "posts/first.html", "posts/second.html", "posts/third.html"]
    for name in pages:
        html = page(site, name)
        for draft in DRAFTS:
            assert draft not in html, (name, draft)
    draft = page(site, "posts/future.html")
    assert "Draft, planned for 01 January 2999" in draft
    assert "nb-post-nav" not in draft
    assert "nb-post-nav" not in page(site, "posts/undated.html")


def test_tag_and_archive_pages_use_the_theme_list(site):
    tag = page(site, "blog/tag/python.html")
    assert "<h1>Posts tagged python</h1>" in tag
    assert re.findall(r'nb-post-card__title"><a href="([^"]+)"', tag) == [
        "../../posts/second.html", "../../posts/first.html",
    ]
    assert '<div class="nb-post-card__excerpt">' in tag and "<p><p" not in tag
    archive = page(site, "blog/archive.html")
    assert re.search(r'<h2><a href="2024.html">2024</a> <span class="nb-count">3</span></h2>', archive)
    assert 'class="nb-main"' in archive  # drawn inside the theme's layout
    tags = page(site, "blog/tag.html")
    assert 'id="tag-numerical-methods"' in tags


def test_upcoming_lists_drafts_with_an_optional_tag_filter(site):
    home = page(site, "index.html")
    boxes = re.findall(r'<div class="upcoming docutils container">(.*?)</div>', home, re.S)
    assert len(boxes) == 2
    everything, maths = boxes
    assert re.findall(r'nb-upcoming-title">([^<]+)<', everything) == ["Far future matrices", "Someday maybe"]
    assert "(planned for 01 January 2999)" in everything
    assert re.findall(r'nb-upcoming-title">([^<]+)<', maths) == ["Far future matrices"]
    assert "<a " not in everything  # titles only: drafts are not linked


@pytest.mark.sphinx("dirhtml", testroot="blog", freshenv=True)
def test_dirhtml_links_end_in_a_slash(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    listing = section(html, 'class="nb-post-list', 'id="what-s-next"')
    hrefs = re.findall(r'href="([^"#]+)"', listing)
    assert hrefs and all(href.endswith("/") for href in hrefs), hrefs
    post = (app.outdir / "posts" / "second" / "index.html").read_text(encoding="utf-8")
    assert 'rel="prev" href="../first/"' in post
    assert '<a class="nb-tag" href="../../blog/tag/diagrams/">' in post


def test_pure_helpers():
    assert reading_minutes(0, 220) == 1
    assert reading_minutes(441, 220) == 3
    now = build_now("UTC", {"SOURCE_DATE_EPOCH": "1704067200"})
    assert now.isoformat() == "2024-01-01T00:00:00"
    assert build_now("Europe/Paris", {"SOURCE_DATE_EPOCH": "1704067200"}).hour == 1
    assert is_draft(None, now) and is_draft(now.replace(year=2025), now) and not is_draft(now, now)
    registry = {
        "a": [{"date": None, "title": "B", "tags": ["x"]}],
        "b": [{"date": now.replace(month=3), "title": "A", "tags": []}],
        "c": [{"date": now.replace(month=2), "title": "C", "tags": ["x"]}],
        "d": [{"date": now.replace(year=2020), "title": "Old", "tags": ["x"]}],
    }
    assert [p["title"] for p in upcoming_posts(registry, now)] == ["C", "A", "B"]
    assert [p["title"] for p in upcoming_posts(registry, now, ["x"])] == ["C", "B"]


def test_equations_in_posts_outside_any_toctree_are_numbered(site):
    html = page(site, "posts/first.html")
    assert '<span class="eqno">(1)' in html
    assert '<a class="reference internal" href="#equation-eq-grad">(1)</a>' in html


def test_drafts_page_links_no_feed(site):
    assert "atom.xml\">Subscribe to" not in page(site, "blog/drafts.html")
    assert not (site.outdir / "blog" / "drafts" / "atom.xml").exists()


def test_incremental_builds_follow_new_posts_and_passing_time(make_app, tmp_path, monkeypatch):
    srcdir = tmp_path / "blog"
    shutil.copytree(ROOTS / "test-blog", srcdir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706745600")  # 2024-02-01: only "Gradient descent" is out
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    listing = section(page(first, "index.html"), 'class="nb-post-list', 'id="what-s-next"')
    assert "Notes on norms" not in listing and "Gradient descent" in listing
    first.cleanup()

    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # time passes: two drafts come of age
    (srcdir / "posts" / "fourth.md").write_text(
        "---\ndate: 2024-04-01\ntags: [math]\n---\n# A fourth post\n\nNew.\n", encoding="utf-8"
    )
    second = make_app("html", srcdir=srcdir)
    second.build()
    home = section(page(second, "index.html"), 'class="nb-post-list', 'id="what-s-next"')
    assert home.index("A fourth post") < home.index("Notes on norms") < home.index("Gradient descent")
    third = page(second, "posts/third.html")
    assert 'rel="next" href="fourth.html"' in third  # rewritten although its source did not change
    assert "Draft" not in section(third, 'class="nb-post-header"', "</header>")


def test_drafts_leave_toctrees_and_page_neighbours(make_app, tmp_path):
    srcdir = tmp_path / "toc"
    shutil.copytree(ROOTS / "test-blog-rtd", srcdir)  # a visible posts/* toctree with a draft in it
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    home = page(app, "index.html")
    assert 'href="posts/hello.html"' in home
    assert "aaa-draft" not in home and "Not ready" not in home
    assert (app.outdir / "posts" / "aaa-draft.html").is_file()  # still built, just not linked


def test_long_collections_are_a_compact_index(make_app, tmp_path):
    srcdir = tmp_path / "long"
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'project = "Long"\nextensions = ["sphinx_notebook"]\nhtml_theme = "sphinx_notebook"\n'
        'blog_baseurl = "https://long.example/"\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# Long\n\n```{toctree}\n:glob:\n\nposts/*\n```\n", encoding="utf-8")
    for day in range(1, 23):
        tag = "few" if day <= 3 else "many"
        (srcdir / "posts" / f"p{day:02d}.md").write_text(
            f"---\nblogpost: true\ndate: 2024-01-{day:02d}\ntags: [{tag}, all]\n---\n"
            f"# Post {day}\n\nExcerpt text number {day}.\n",
            encoding="utf-8",
        )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    all_tagged = (app.outdir / "blog" / "tag" / "all.html").read_text(encoding="utf-8")
    assert all_tagged.count('class="nb-post-card__title"') == 22
    assert "nb-post-card__excerpt" not in all_tagged
    few = (app.outdir / "blog" / "tag" / "few.html").read_text(encoding="utf-8")
    assert few.count('class="nb-post-card__excerpt"') == 3
