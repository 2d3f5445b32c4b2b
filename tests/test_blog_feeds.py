"""The Atom feeds: valid, absolute, MathML only, drafts out, reproducible."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from sphinx_notebook.blog.feedhtml import absolutize, clean_entry_html, has_raw_tex

BASE = "https://notebook.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
ROOTS = Path(__file__).parent / "roots"


class _URLs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "poster") and value is not None:
                self.urls.append(value)


def urls_in(markup: str) -> list[str]:
    parser = _URLs()
    parser.feed(markup)
    return parser.urls


def build(make_app, tmp_path: Path, name: str, root: str = "test-blog", **kwargs):
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / root, srcdir)
    app = make_app(kwargs.pop("buildername", "html"), srcdir=srcdir, freshenv=True, **kwargs)
    app.build()
    return app


def feeds_of(outdir: Path) -> dict[str, bytes]:
    paths = sorted(path for path in outdir.rglob("*.xml") if path.name != "sitemap.xml")
    return {str(path.relative_to(outdir)): path.read_bytes() for path in paths}


@pytest.fixture(scope="module")
def site(blog_site):
    """The shared build of the blog root (read-only checks)."""
    return blog_site


def test_main_feed_parses_cleanly_with_only_published_posts(site):
    data = (site.outdir / "blog" / "atom.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Notes on norms", "Drawing pictures", "Gradient descent"]
    for draft in ("Someday maybe", "Far future matrices", "Just a page in posts"):
        assert draft not in data.decode()
    assert parsed.feed.author == "Test Author"
    assert parsed.feed.id == BASE + "blog/atom.xml"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": BASE + "blog/atom.xml",
        "alternate": BASE + "blog.html",
    }


def test_entry_dates_come_from_posts_in_the_configured_zone(site):
    root = ET.fromstring((site.outdir / "blog" / "atom.xml").read_bytes())
    assert root.findtext(f"{ATOM}updated") == "2024-03-05T09:30:00+01:00"  # the newest entry
    dates = {
        entry.findtext(f"{ATOM}title"): (entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated"))
        for entry in root.iter(f"{ATOM}entry")
    }
    assert dates == {
        "Notes on norms": ("2024-03-05T09:30:00+01:00", "2024-03-05T09:30:00+01:00"),
        "Drawing pictures": ("2024-02-20T00:00:00+01:00", "2024-03-01T00:00:00+01:00"),  # its update
        "Gradient descent": ("2024-01-10T00:00:00+01:00", "2024-01-10T00:00:00+01:00"),
    }


def test_entry_content_is_full_absolute_and_mathml_only(site):
    # The raw content, not feedparser's sanitised copy: what a reader receives.
    root = ET.fromstring((site.outdir / "blog" / "atom.xml").read_bytes())
    entries = root.iter(f"{ATOM}entry")
    contents = {entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}content") for entry in entries}
    for title, html in contents.items():
        for url in urls_in(html):
            assert url.startswith(BASE), (title, url)
        assert not has_raw_tex(html), title
        outside_math = re.sub(r"<math\b.*?</math>", "", html, flags=re.DOTALL)
        assert "$" not in outside_math and "\\frac" not in outside_math, title
        assert "katex-html" not in html
    first = contents["Gradient descent"]
    assert "A section" in first  # full content, not the excerpt
    assert "<math" in first and 'display="block"' in first
    assert BASE + "_images/dot.svg" in first
    assert BASE + "posts/first.html#a-section" in first
    second = contents["Drawing pictures"]
    assert re.search(r"<pre>.*graph LR.*A\[read\] --&gt; B\[write\]", second, re.DOTALL)
    assert f'href="{BASE}posts/second.html"' in second  # the link to see the diagram drawn
    assert 'class="nb-test-svg"' in second and f'href="{BASE}about.html"' in second
    assert "<svg" in second.split('class="nb-test-svg"', 1)[1]  # the diagram directive's inline SVG
    assert "<script" not in "".join(contents.values())


def test_every_feed_has_its_own_id_and_an_author(site):
    feeds = feeds_of(site.outdir)
    assert {"blog/atom.xml", "blog/tag/python/atom.xml", "blog/category/notes/atom.xml"} <= set(feeds)
    ids = []
    for path, data in feeds.items():
        parsed = feedparser.parse(data)
        assert not parsed.bozo, path
        assert parsed.feed.author == "Test Author", path
        ids.append(parsed.feed.id)
        assert parsed.feed.id == BASE + path
    assert len(ids) == len(set(ids))
    tagged = feedparser.parse(feeds["blog/tag/python/atom.xml"])
    assert [entry.title for entry in tagged.entries] == ["Drawing pictures", "Gradient descent"]


def test_pages_link_the_feed(site):
    for page in ("index.html", "about.html", "posts/first.html", "blog/tag/python.html"):
        html = (site.outdir / page).read_text(encoding="utf-8")
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
        assert urljoin(BASE + page, links[0]) == BASE + "blog/atom.xml", page
        assert re.search(r'<a class="nb-subscribe" href="[^"]*atom.xml">Subscribe</a>', html), page
    tag_page = (site.outdir / "blog" / "tag" / "python.html").read_text(encoding="utf-8")
    assert 'href="python/atom.xml"' in tag_page  # the per-tag feed


def test_two_builds_give_the_same_bytes(make_app, tmp_path, site):
    again = build(make_app, tmp_path, "again")
    assert feeds_of(again.outdir) == feeds_of(site.outdir)


def test_dirhtml_feed_links_end_in_a_slash(make_app, tmp_path):
    app = build(make_app, tmp_path, "dirhtml", buildername="dirhtml")
    parsed = feedparser.parse((app.outdir / "blog" / "atom.xml").read_bytes())
    assert [entry.link for entry in parsed.entries] == [
        BASE + "posts/third/", BASE + "posts/second/", BASE + "posts/first/",
    ]
    assert BASE + "posts/first/#a-section" in parsed.entries[2].content[0].value


def test_readthedocs_canonical_url_is_the_default_base(make_app, tmp_path, monkeypatch):
    url = "https://demo.readthedocs.io/en/latest/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", url)
    app = build(make_app, tmp_path, "rtd", root="test-blog-rtd")
    assert app.config.blog_baseurl == url and app.config.html_baseurl == url
    parsed = feedparser.parse((app.outdir / "blog" / "atom.xml").read_bytes())
    assert parsed.entries[0].link == url + "posts/hello.html"
    assert parsed.entries[0].content[0].value.count(url + "posts/hello.html#hello") == 1
    # A value set in conf.py wins.
    user = build(make_app, tmp_path, "rtd-user")
    assert user.config.blog_baseurl == BASE and user.config.html_baseurl == url


def test_source_date_epoch_defines_now(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706745600")  # 2024-02-01 00:00 UTC
    app = build(make_app, tmp_path, "epoch")
    parsed = feedparser.parse((app.outdir / "blog" / "atom.xml").read_bytes())
    assert [entry.title for entry in parsed.entries] == ["Gradient descent"]
    assert parsed.feed.updated == "2024-01-10T00:00:00+01:00"


def test_cleaning_is_pure_and_leaves_absolute_urls():
    base = "https://x.org/posts/a.html"
    markup = (
        '<a href="b.html#c">b</a><a href="#top">t</a><a href="mailto:m@x.org">m</a>'
        '<img src="../_images/i.png" srcset="../i.png 1x, //cdn.x/i.png 2x">'
        '<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span>'
        '<span class="katex-html" aria-hidden="true"><span>x</span></span></span>'
        "<script>alert(1)</script>"
    )
    cleaned = clean_entry_html(markup, base)
    assert 'href="https://x.org/posts/b.html#c"' in cleaned
    assert 'href="https://x.org/posts/a.html#top"' in cleaned
    assert 'href="mailto:m@x.org"' in cleaned
    assert 'src="https://x.org/_images/i.png"' in cleaned
    assert 'srcset="https://x.org/i.png 1x, //cdn.x/i.png 2x"' in cleaned
    assert "katex-html" not in cleaned and "<math><mi>x</mi></math>" in cleaned
    assert "script" not in cleaned
    assert absolutize('<p>href="x"</p>', base) == '<p>href="x"</p>'  # text is not a tag
