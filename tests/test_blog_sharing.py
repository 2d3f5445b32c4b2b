"""Share-ready pages: head tags, JSON-LD, canonical links, sitemap, robots.txt, stepping aside."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_builds import copy_and_build

from sphinx_notebook.blog.head_tags import PageFacts, drop_viewport, head_markup
from sphinx_notebook.blog.page_description import describe, shorten
from sphinx_notebook.blog.structured_data import script_tag

ROOTS = Path(__file__).parent / "roots"
BASE = "https://share.example.org/notes/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Head(HTMLParser):
    """The tags of a page's <head>: metas, links and JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.metas: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.jsonld: list[dict] = []
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif not self._in_head:
            return
        if tag == "meta":
            self.metas.append(values)
        elif tag == "link":
            self.links.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append(json.loads("".join(self._script)))
            self._script = None
        elif tag == "head":
            self._in_head = False

    def meta(self, key: str) -> list[str]:
        return [m["content"] for m in self.metas if m.get("property") == key or m.get("name") == key]

    def one(self, key: str) -> str:
        found = self.meta(key)
        assert len(found) == 1, (key, found)
        return found[0]

    def link(self, rel: str) -> list[dict[str, str]]:
        return [link for link in self.links if link.get("rel") == rel]


def head_of(path: Path) -> Head:
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def build(make_app, tmp_path: Path, name: str, root: str = "test-share", **kwargs):
    return copy_and_build(make_app, tmp_path / name, ROOTS / root, **kwargs)


@pytest.fixture
def site(share_site):
    """The shared build of tests/roots/test-share (read-only checks)."""
    return share_site


# --- pure parts -------------------------------------------------------------------


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    text = "word " * 60
    short = shorten(text)
    assert len(short) <= 160
    assert short.endswith("word\u2026")
    assert shorten("  A short   one. ") == "A short one."


def test_describe_prefers_the_given_text_then_the_first_paragraph():
    from docutils import nodes

    doc = nodes.document(None, None)  # type: ignore[arg-type]
    doc += nodes.note("", nodes.paragraph("", "In a box."))
    raw = nodes.raw("", "<b>raw</b>", format="html")
    doc += nodes.paragraph("", "", nodes.Text("Body "), raw, nodes.Text("text"))
    assert describe(doc) == "Body text"
    assert describe(doc, given="Mine") == "Mine"
    assert describe(None, fallback="Site") == "Site"


def test_formulas_read_as_text_in_descriptions():
    from docutils import nodes

    doc = nodes.document(None, None)  # type: ignore[arg-type]
    formula = nodes.math("", r"\eta \le \frac{1}{L}")
    doc += nodes.paragraph("", "", nodes.Text("Step "), formula, nodes.Text("."))
    assert describe(doc) == "Step \u03b7 \u2264 \\frac{1}{L}."


def test_head_markup_escapes_and_leaves_out_unknown_parts():
    facts = PageFacts(title='A "quoted" <title>', site_name="S & Co", description="d")
    markup = head_markup(facts)
    assert '&quot;quoted&quot; &lt;title&gt;' in markup
    assert "og:url" not in markup and "og:image" not in markup  # no base URL, no picture
    assert 'name="twitter:card" content="summary"' in markup
    assert "og:" not in head_markup(facts, opengraph=False)


def test_json_ld_cannot_close_its_script():
    tag = script_tag({"headline": "</script><script>alert(1)</script>"})
    assert "</script>" not in tag[: -len("</script>")]
    assert json.loads(tag.split(">", 1)[1].rsplit("<", 1)[0])["headline"].startswith("</script>")


def test_drop_viewport_keeps_other_tags():
    tags = '<meta name="viewport" content="width=device-width" />\n<meta name="x" content="y" />'
    assert drop_viewport(tags) == '<meta name="x" content="y" />'


# --- a built site -----------------------------------------------------------------


def test_post_head_has_description_opengraph_twitter_and_canonical(site):
    head = head_of(site.outdir / "posts" / "sums.html")
    description = head.one("description")
    assert description.startswith("Every prime p \u2261 1 mod 4 is a sum of two squares")
    assert len(description) <= 160 and description.endswith("\u2026")
    assert "not the description" not in description  # the note box is skipped
    url = BASE + "posts/sums.html"
    assert head.one("og:title") == "Sums of squares"
    assert head.one("og:description") == description
    assert head.one("og:type") == "article"
    assert head.one("og:url") == url
    assert head.one("og:site_name") == "Share test"
    assert head.one("og:image") == BASE + "_social/posts/sums.png"
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
    assert head.one("og:image:alt") == "Sums of squares"
    assert head.one("article:published_time") == "2024-05-02T00:00:00+02:00"
    assert head.meta("article:tag") == ["math", "number theory"]
    assert head.meta("article:author") == ["Ada Lovelace"]
    assert head.one("twitter:card") == "summary_large_image"
    assert [link["href"] for link in head.link("canonical")] == [url]
    assert len(head.meta("viewport")) == 1


def test_updated_post_has_modified_time_and_its_own_picture(site):
    head = head_of(site.outdir / "posts" / "cover.html")
    assert head.one("article:modified_time") == "2024-04-20T00:00:00+02:00"
    assert head.one("og:image") == BASE + "_social/posts/cover.png"
    assert head.one("og:image:width") == "1"  # read from the PNG the author gave
    assert (site.outdir / "_social" / "posts" / "cover.png").read_bytes() == (
        site.srcdir / "posts" / "cover.png"
    ).read_bytes()


def test_post_json_ld_is_a_blog_posting(site):
    head = head_of(site.outdir / "posts" / "sums.html")
    (data,) = head.jsonld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Sums of squares"
    assert data["description"] == head.one("description")
    assert data["datePublished"] == "2024-05-02T00:00:00+02:00"
    assert data["dateModified"] == "2024-05-02T00:00:00+02:00"
    assert data["author"] == {"@type": "Person", "name": "Ada Lovelace", "url": "https://example.org/ada"}
    assert data["image"] == BASE + "_social/posts/sums.png"
    assert data["url"] == BASE + "posts/sums.html"
    assert data["keywords"] == ["math", "number theory"]


def test_post_without_author_names_the_site_author(site):
    (data,) = head_of(site.outdir / "posts" / "cover.html").jsonld
    assert data["author"] == {"@type": "Person", "name": "Site Owner"}


def test_home_page_is_a_website_and_other_pages_are_not_articles(site):
    home = head_of(site.outdir / "index.html")
    assert [data["@type"] for data in home.jsonld] == ["WebSite"]
    assert home.jsonld[0]["url"] == BASE + "index.html"
    assert home.jsonld[0]["name"] == "Share test"
    assert home.one("og:type") == "website"
    assert home.one("description")  # no prose: a fallback, never empty
    assert home.one("og:image") == BASE + "_social/_site.png"  # the site's card
    assert home.one("og:image:alt") == "Share test"
    about = head_of(site.outdir / "about.html")
    assert about.one("description") == "About this notebook: who writes it & why."
    assert about.one("og:type") == "website"
    assert about.jsonld == []
    assert about.meta("og:image") == [BASE + "_social/_site.png"]


def test_tag_page_describes_its_posts_and_announces_its_feeds(site):
    head = head_of(site.outdir / "blog" / "tag" / "math.html")
    assert head.one("description") == "Sums of squares"
    assert head.one("og:url") == BASE + "blog/tag/math.html"
    feeds = {(link["type"], link["href"]) for link in head.link("alternate")}
    assert feeds == {
        ("application/atom+xml", "../atom.xml"),
        ("application/rss+xml", "../rss.xml"),
        ("application/feed+json", "../feed.json"),
        ("application/atom+xml", "math/atom.xml"),
        ("application/rss+xml", "math/rss.xml"),
        ("application/feed+json", "math/feed.json"),
    }


def test_subscribe_menu_lists_every_format(site):
    html = (site.outdir / "about.html").read_text(encoding="utf-8")
    menu = html.split('<details class="nb-subscribe-menu">', 1)[1].split("</details>", 1)[0]
    for href in ("blog/atom.xml", "blog/rss.xml", "blog/feed.json"):
        assert f'href="{href}"' in menu


def test_drafts_say_noindex_and_published_pages_do_not(site):
    assert head_of(site.outdir / "posts" / "draft.html").meta("robots") == ["noindex"]
    assert head_of(site.outdir / "posts" / "sums.html").meta("robots") == []
    assert head_of(site.outdir / "posts" / "draft.html").meta("og:image") == []


def test_sitemap_lists_published_pages_with_dates(site):
    root = ET.fromstring((site.outdir / "sitemap.xml").read_bytes())
    entries = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}
    assert entries[BASE + "posts/sums.html"] == "2024-05-02T00:00:00+02:00"
    assert entries[BASE + "posts/cover.html"] == "2024-04-20T00:00:00+02:00"
    assert entries[BASE + "index.html"] == "2024-05-02T00:00:00+02:00"
    assert entries[BASE + "about.html"] is None
    assert entries[BASE + "blog/tag/math.html"] == "2024-05-02T00:00:00+02:00"
    assert BASE + "posts/draft.html" not in entries
    assert BASE + "posts/orphan.html" not in entries
    assert BASE + "blog/drafts.html" not in entries
    assert all(url.startswith(BASE) for url in entries)


def test_robots_txt_points_at_the_sitemap(site):
    assert (site.outdir / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"
    )


def test_own_robots_txt_wins_and_sitemap_can_be_turned_off(make_app, tmp_path):
    app = build(make_app, tmp_path, "own", confoverrides={"html_extra_path": ["extra"]})
    assert "Disallow: /private/" in (app.outdir / "robots.txt").read_text()
    assert (app.outdir / "sitemap.xml").is_file()
    off = build(make_app, tmp_path, "off", confoverrides={"notebook_sitemap": False})
    assert not (off.outdir / "sitemap.xml").exists()
    assert not (off.outdir / "robots.txt").exists()


def test_dirhtml_urls_end_in_a_slash(make_app, tmp_path):
    app = build(make_app, tmp_path, "dirhtml", buildername="dirhtml")
    head = head_of(app.outdir / "posts" / "sums" / "index.html")
    assert head.one("og:url") == BASE + "posts/sums/"
    assert [link["href"] for link in head.link("canonical")] == [BASE + "posts/sums/"]
    assert head_of(app.outdir / "index.html").jsonld[0]["url"] == BASE
    root = ET.fromstring((app.outdir / "sitemap.xml").read_bytes())
    locs = {url.findtext(f"{SITEMAP}loc") for url in root}
    assert {BASE, BASE + "about/", BASE + "posts/sums/", BASE + "blog/tag/math/"} <= locs
    assert not any(loc.endswith(".html") for loc in locs)


def test_read_the_docs_url_is_the_base(make_app, tmp_path, monkeypatch):
    url = "https://notebook.readthedocs.io/en/latest/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", url)
    app = build(make_app, tmp_path, "rtd", root="test-blog-rtd")
    head = head_of(app.outdir / "posts" / "hello.html")
    assert head.one("og:url") == url + "posts/hello.html"
    assert [link["href"] for link in head.link("canonical")] == [url + "posts/hello.html"]
    assert head.one("og:image") == url + "_social/posts/hello.png"
    root = ET.fromstring((app.outdir / "sitemap.xml").read_bytes())
    assert url + "posts/hello.html" in {u.findtext(f"{SITEMAP}loc") for u in root}
    assert f"Sitemap: {url}sitemap.xml" in (app.outdir / "robots.txt").read_text()


def test_without_a_base_url_no_absolute_urls_are_made_up(make_app, tmp_path):
    app = build(make_app, tmp_path, "nobase", confoverrides={"blog_baseurl": ""})
    head = head_of(app.outdir / "posts" / "sums.html")
    assert head.one("description")
    assert head.meta("og:url") == [] and head.meta("og:image") == [] and head.link("canonical") == []
    assert not (app.outdir / "sitemap.xml").exists()
    assert not (app.outdir / "_social").exists()


def test_head_tags_work_under_another_theme(make_app, tmp_path):
    app = build(make_app, tmp_path, "alabaster", confoverrides={"html_theme": "alabaster"})
    head = head_of(app.outdir / "posts" / "sums.html")
    assert head.one("og:title") == "Sums of squares"
    assert head.one("description")
    assert [data["@type"] for data in head.jsonld] == ["BlogPosting"]
    assert len(head.link("canonical")) == 1
    assert len(head.meta("viewport")) == 1
    assert {link["type"] for link in head.link("alternate")} >= {"application/rss+xml"}


def test_opengraph_and_sitemap_extensions_take_over(make_app, tmp_path):
    extensions = ["sphinx_notebook", "sphinxext.opengraph", "sphinx_sitemap"]
    overrides = {"extensions": extensions, "ogp_site_url": BASE, "html_baseurl": BASE}
    app = build(make_app, tmp_path, "neighbours", confoverrides=overrides)
    head = head_of(app.outdir / "posts" / "sums.html")
    assert len(head.meta("og:title")) == 1  # theirs only
    assert len(head.meta("og:type")) == 1
    assert len(head.meta("description")) <= 1
    assert head.meta("article:tag") == []  # ours are off
    assert [data["@type"] for data in head.jsonld] == ["BlogPosting"]  # they write no JSON-LD
    assert not (app.outdir / "_social").exists()
    sitemap = (app.outdir / "sitemap.xml").read_text()
    assert re.search(re.escape(BASE) + r"en/(\S+/)?posts/sums\.html", sitemap)  # sphinx-sitemap's URL scheme
    assert "<lastmod>" not in sitemap
    assert not (app.outdir / "robots.txt").exists()
    status = app.status.getvalue()
    assert status.count("sphinxext-opengraph is loaded") == 1
    assert status.count("sphinx-sitemap is loaded") == 1


def test_missing_front_matter_picture_warns_with_location(make_app, tmp_path):
    srcdir = tmp_path / "badimage"
    shutil.copytree(ROOTS / "test-share", srcdir)
    post = srcdir / "posts" / "cover.md"
    post.write_text(post.read_text().replace("image: cover.png", "image: missing.png"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "cover" in warnings and "missing.png is not a file" in warnings
    assert "[notebook.blog]" in warnings
    head = head_of(app.outdir / "posts" / "cover.html")
    assert head.one("og:image") == BASE + "_social/posts/cover.png"  # the drawn card instead


def test_a_description_set_with_html_meta_is_kept_alone(site):
    head = head_of(site.outdir / "meta.html")
    assert head.meta("description") == ["Set with html_meta."]
    assert head.one("og:description") == "Set with html_meta."


def test_epub_pages_carry_no_sharing_tags(make_app, tmp_path):
    app = build(make_app, tmp_path, "epub", buildername="epub")
    page = (app.outdir / "posts" / "sums.xhtml").read_text(encoding="utf-8")
    assert "og:title" not in page and "application/ld+json" not in page
    assert not (app.outdir / "sitemap.xml").exists()
