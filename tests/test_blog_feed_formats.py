"""RSS 2.0 and JSON Feed 1.1 beside Atom: same entries, same content rules, stable bytes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from site_builds import copy_and_build

from sphinx_notebook.blog.atom import Entry, Feed, Person
from sphinx_notebook.blog.feedhtml import has_raw_tex
from sphinx_notebook.blog.json_feed import json_feed
from sphinx_notebook.blog.rss_feed import rss_xml

ROOTS = Path(__file__).parent / "roots"
BASE = "https://share.example.org/notes/"
UNICODE_TITLE = "数学ノート\uff1a行列の固有値 🧮"


def build(make_app, tmp_path: Path, name: str, **kwargs):
    return copy_and_build(make_app, tmp_path / name, ROOTS / "test-share", **kwargs)


@pytest.fixture
def site(share_site):
    """The shared build of tests/roots/test-share (read-only checks)."""
    return share_site


def sample_feed() -> Feed:
    zone = timezone(timedelta(hours=1))
    entry = Entry(
        id="https://x.org/a.html",
        title="A & B",
        url="https://x.org/a.html",
        published=datetime(2024, 1, 2, 3, 4, 5, tzinfo=zone),
        updated=datetime(2024, 1, 3, tzinfo=zone),
        categories=(("math", "math"),),
        content="<p>x &lt; y</p>",
    )
    return Feed(
        id="https://x.org/feed",
        title="T",
        self_url="https://x.org/rss.xml",
        page_url="https://x.org/",
        author=Person("Me"),
        updated=entry.updated,
        entries=(entry,),
        language="en",
    )


def test_rss_writer_gives_a_valid_rss_2_document():
    parsed = feedparser.parse(rss_xml(sample_feed()))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    (item,) = parsed.entries
    assert item.title == "A & B"
    assert item.published == "Tue, 02 Jan 2024 03:04:05 +0100"
    assert item.content[0].value == "<p>x &lt; y</p>"
    assert item.author == "Me"  # the feed's author when the post names none
    assert [tag.term for tag in item.tags] == ["math"]
    assert item.updated == "2024-01-03T00:00:00+01:00"


def test_json_feed_writer_has_the_required_fields():
    data = json_feed(sample_feed())
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "T"
    (item,) = data["items"]
    assert item["id"] == "https://x.org/a.html"
    assert item["content_html"] == "<p>x &lt; y</p>"
    assert item["date_published"] == "2024-01-02T03:04:05+01:00"
    assert item["tags"] == ["math"]


def test_every_feed_is_written_in_every_format(site):
    blog = site.outdir / "blog"
    for folder in (blog, blog / "tag" / "math", blog / "author" / "ada-lovelace"):
        assert (folder / "atom.xml").is_file(), folder
        assert (folder / "rss.xml").is_file(), folder
        assert (folder / "feed.json").is_file(), folder


def test_rss_has_the_same_entries_as_atom_with_full_content(site):
    atom = feedparser.parse((site.outdir / "blog" / "atom.xml").read_bytes())
    rss = feedparser.parse((site.outdir / "blog" / "rss.xml").read_bytes())
    assert not rss.bozo, rss.get("bozo_exception")
    assert rss.version == "rss20"
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
    titles = [e.title for e in rss.entries]
    assert titles == ["Sums of squares", "A post with its own picture", UNICODE_TITLE]
    self_links = [link.href for link in rss.feed.links if link.rel == "self"]
    assert self_links == [BASE + "blog/rss.xml"]
    sums = rss.entries[0]
    assert sums.guid == BASE + "posts/sums.html"
    assert sums.published == "Thu, 02 May 2024 00:00:00 +0200"
    content = sums.content[0].value
    assert "<math" in content and not has_raw_tex(content)  # MathML, no TeX left
    assert "Second paragraph." in content  # full text
    assert "Not ready" not in (site.outdir / "blog" / "rss.xml").read_text()


def test_json_feed_has_the_same_entries_and_absolute_links(site):
    data = json.loads((site.outdir / "blog" / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == BASE + "blog/feed.json"
    assert data["home_page_url"] == BASE + "blog.html"
    assert data["authors"] == [{"name": "Site Owner"}]
    assert [item["url"] for item in data["items"]] == [
        BASE + "posts/sums.html",
        BASE + "posts/cover.html",
        BASE + "posts/unicode.html",
    ]
    for item in data["items"]:
        assert {"id", "url", "title", "content_html", "date_published"} <= set(item)
        assert "src=\"../" not in item["content_html"] and "href=\"../" not in item["content_html"]
    assert data["items"][1]["date_modified"] == "2024-04-20T00:00:00+02:00"
    assert data["items"][0]["authors"] == [{"name": "Ada Lovelace", "url": "https://example.org/ada"}]
    tag = json.loads((site.outdir / "blog" / "tag" / "math" / "feed.json").read_text(encoding="utf-8"))
    assert tag["feed_url"] == BASE + "blog/tag/math/feed.json"
    assert [item["title"] for item in tag["items"]] == ["Sums of squares"]


def test_default_is_atom_only(make_app, tmp_path):
    app = build(make_app, tmp_path, "atom-only", confoverrides={"notebook_feed_formats": ["atom"]})
    blog = app.outdir / "blog"
    assert (blog / "atom.xml").is_file()
    assert not (blog / "rss.xml").exists() and not (blog / "feed.json").exists()
    html = (app.outdir / "about.html").read_text(encoding="utf-8")
    assert "nb-subscribe-menu" not in html and 'class="nb-subscribe" href="blog/atom.xml"' in html


def test_unknown_format_warns_and_falls_back(make_app, tmp_path):
    app = build(make_app, tmp_path, "badformat", confoverrides={"notebook_feed_formats": ["rss", "xml"]})
    assert "notebook_feed_formats: 'xml' is not a feed format" in app.warning.getvalue()
    assert (app.outdir / "blog" / "atom.xml").is_file()
    assert not (app.outdir / "blog" / "rss.xml").exists()


def test_feeds_are_byte_identical_across_builds(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    first = build(make_app, tmp_path, "one")
    second = build(make_app, tmp_path, "two")
    for path in ("blog/rss.xml", "blog/feed.json", "blog/tag/math/rss.xml", "sitemap.xml"):
        assert (first.outdir / path).read_bytes() == (second.outdir / path).read_bytes(), path
