"""A rebuild with nothing changed draws no listing page and no feed entry again, and stays right.

ablog's listing pages and the feeds are drawn from every post; the blog part
keeps their bodies from the last build while nothing they depend on changed
(``sphinx_notebook.blog.site_memo``). These tests count how many listing
bodies and feed entries each build draws, and check that what a reader sees
follows every kind of change: an edited, added or removed post, a setting
that makes Sphinx read nothing again, passing time, a deleted output file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sphinx_notebook.blog import feeds
from sphinx_notebook.blog.blog_templates import LISTING_FRAGMENTS

ROOTS = Path(__file__).parent / "roots"
LISTINGS = ["blog.html", "blog/archive.html", "blog/tag.html", "blog/tag/math.html", "blog/2024.html"]
FEEDS = ["blog/atom.xml", "blog/tag/math/atom.xml", "blog/2024/atom.xml"]


class Site:
    """One source folder built again and again, counting what each build draws."""

    def __init__(self, make_app, srcdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.make_app = make_app
        self.srcdir = srcdir
        self.entries = 0
        self.listings = 0
        self.outdir: Path | None = None
        self.first_listings = 0
        draw_entry = feeds.render_html

        def counted_entry(*args, **kwargs):
            self.entries += 1
            return draw_entry(*args, **kwargs)

        monkeypatch.setattr(feeds, "render_html", counted_entry)

    def build(self, **kwargs) -> tuple[int, int]:
        """Build once; (listing bodies, feed entries) it drew."""
        app = self.make_app("html", srcdir=self.srcdir, **kwargs)
        templates = app.builder.templates
        render = templates.render

        def counted_render(name, context):
            if name in LISTING_FRAGMENTS.values():
                self.listings += 1
            return render(name, context)

        templates.render = counted_render
        before = (self.listings, self.entries)
        app.build()
        assert not app.warning.getvalue(), app.warning.getvalue()
        self.outdir = Path(app.outdir)
        app.cleanup()
        return self.listings - before[0], self.entries - before[1]

    def read(self, name: str) -> str:
        assert self.outdir is not None
        return (self.outdir / name).read_text(encoding="utf-8")

    def outputs(self) -> dict[str, bytes]:
        assert self.outdir is not None
        return {name: (self.outdir / name).read_bytes() for name in LISTINGS + FEEDS}

    def write(self, name: str, text: str) -> None:
        (self.srcdir / name).write_text(text, encoding="utf-8")


@pytest.fixture
def site(make_app, tmp_path, monkeypatch) -> Site:
    srcdir = tmp_path / "noop"
    shutil.copytree(ROOTS / "test-noop", srcdir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    built = Site(make_app, srcdir, monkeypatch)
    listings, entries = built.build(freshenv=True)
    assert listings >= len(LISTINGS) and entries == 3
    built.first_listings = listings
    return built


def test_noop_rebuild_draws_nothing_and_writes_the_same_bytes(site):
    first = site.outputs()
    assert site.build() == (0, 0)
    assert site.outputs() == first
    assert site.build() == (0, 0)  # and again: the memo was not dropped by the no-op


def test_an_edited_post_is_drawn_again_with_the_listings_that_show_it(site):
    showing = [name for name in LISTINGS + FEEDS if "about flows" in site.read(name)]
    assert "blog.html" in showing and "blog/tag/math.html" in showing and "blog/atom.xml" in showing
    gamma = site.srcdir / "posts" / "gamma.md"
    gamma.write_text(
        gamma.read_text(encoding="utf-8").replace("about flows", "about waves"), encoding="utf-8"
    )
    listings, entries = site.build()
    assert entries == 1  # gamma's own entry, shared by every feed that lists it
    assert 0 < listings < site.first_listings  # not tag/python nor 2024, which do not list it
    for name in showing:
        text = site.read(name)
        assert "about waves" in text and "about flows" not in text, name
    assert site.build() == (0, 0)


def test_a_title_shown_in_another_post_is_drawn_again(site):
    beta = site.srcdir / "posts" / "beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("Beta norms", "Beta lengths"), encoding="utf-8")
    site.build()
    feed = site.read("blog/atom.xml")
    assert "Beta norms" not in feed
    assert feed.count("Beta lengths") >= 2  # beta's own title, and alpha's link to beta


def test_new_and_removed_posts_come_and_go(site):
    site.write(
        "posts/delta.md", "---\nblogpost: true\ndate: 2024-03-01\ntags: [math]\n---\n# Delta rules\n\nNew.\n"
    )
    site.build()
    for name in ("blog.html", "blog/tag/math.html", "blog/2024.html", "blog/atom.xml", "blog/2024/atom.xml"):
        assert "Delta rules" in site.read(name), name
    (site.srcdir / "posts" / "delta.md").unlink()
    (site.srcdir / "posts" / "alpha.md").unlink()
    site.build()
    for name in ("blog.html", "blog/archive.html", "blog/tag/python.html", "blog/2024.html", "blog/atom.xml"):
        text = site.read(name)
        assert "Delta rules" not in text and "Alpha steps" not in text, name
    assert "Beta norms" in site.read("blog/atom.xml")


def test_deleted_outputs_come_back_unchanged(site):
    first = site.outputs()
    for name in ("blog/archive.html", "blog/tag/math.html", "blog/atom.xml", "blog/2024/atom.xml"):
        (site.outdir / name).unlink()
    assert site.build() == (0, 0)
    assert site.outputs() == first


def test_a_setting_sphinx_does_not_watch_still_changes_the_feeds(site):
    # blog_feed_length is registered without a rebuild kind: Sphinx reads and writes nothing again.
    conf = site.srcdir / "conf.py"
    conf.write_text(conf.read_text() + "blog_feed_length = 1\n", encoding="utf-8")
    listings, entries = site.build()
    assert listings and entries
    feed = site.read("blog/atom.xml")
    assert feed.count("<entry>") == 1 and "Gamma flows" in feed


def test_passing_time_publishes_a_draft_without_an_edit(site, monkeypatch):
    site.write(
        "posts/later.md", "---\nblogpost: true\ndate: 2026-07-01\ntags: [math]\n---\n# Later ideas\n\nSoon.\n"
    )
    site.build()
    assert "Later ideas" not in site.read("blog/atom.xml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09: the post's day has come
    listings, entries = site.build()
    assert listings and entries
    assert "Later ideas" in site.read("blog/atom.xml") and "Later ideas" in site.read("blog/tag/math.html")


def test_a_changed_memo_file_is_not_trusted(site):
    memo = next(site.srcdir.glob("_build/**/notebook-site-memo-html.json"))
    memo.write_text("{not json", encoding="utf-8")
    first = site.outputs()
    listings, entries = site.build()
    assert listings and entries
    assert site.outputs() == first
