"""Atom feeds that validate and read well: this replaces ablog's feed writer.

ablog's feeds used the build clock for ``updated``, one ``<id>`` for every
feed, relative links in entries, TeX or KaTeX's visual HTML for math and
mermaid blocks a reader cannot draw. Here each entry is rendered from the
post's doctree with mermaid diagrams turned into their source plus a link to
the post and formulas into MathML, then cleaned (feedhtml) and written by
atom.py: dates from the posts in ``notebook_timezone``, one id per feed (its
own URL), a feed-level author, links absolute against ``blog_baseurl``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import jinja2
from docutils import nodes

from sphinx_notebook.blog.ablog_adapter import Blog
from sphinx_notebook.blog.archivetitles import collection_title
from sphinx_notebook.blog.atom import Entry, Feed, Person, feed_xml, newest
from sphinx_notebook.blog.feedhtml import clean_entry_html
from sphinx_notebook.blog.json_feed import json_feed_bytes
from sphinx_notebook.blog.render import excerpt_tree, fulltext_tree, resolve, to_html
from sphinx_notebook.blog.rss_feed import rss_xml
from sphinx_notebook.translations import _

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from sphinx_notebook.blog.ablog_adapter import Post
    from sphinx_notebook.blog.site_memo import SiteMemoKeeper

FEED_BUILDERS = ("html", "dirhtml")
# name in notebook_feed_formats: (MIME type, label, writer)
FORMATS: dict[str, tuple[str, str, Callable[[Feed], bytes]]] = {
    "atom": ("application/atom+xml", "Atom", feed_xml),
    "rss": ("application/rss+xml", "RSS", rss_xml),
    "json": ("application/feed+json", "JSON Feed", json_feed_bytes),
}
EPOCH = datetime(1970, 1, 1)
UNSET_AUTHOR = "Author name not set"


def format_path(atom_path: str, name: str) -> str:
    """Where the ``name`` twin of the Atom feed at ``atom_path`` goes (``blog/rss.xml``)."""
    if name == "atom":
        return atom_path
    folder, _, file = atom_path.rpartition("/")
    root = file.removesuffix(".xml")
    if root == "atom":
        file = "rss.xml" if name == "rss" else "feed.json"
    else:  # a feed template of the user's own (blog_feed_templates)
        file = f"{root}-rss.xml" if name == "rss" else f"{root}.json"
    return f"{folder}/{file}" if folder else file


def feed_formats(app: Sphinx) -> list[str]:
    """``notebook_feed_formats`` in a fixed order (atom, rss, json)."""
    wanted = set(app.config.notebook_feed_formats or ())
    return [name for name in FORMATS if name in wanted]


def package_version() -> str:
    from sphinx_notebook import __version__  # the package imports this module while loading

    return __version__


def join_url(base: str, path: str) -> str:
    """``path`` (a target URI, kept as is: dirhtml's end in ``/``) under ``base``."""
    return base.rstrip("/") + "/" + path.lstrip("/")


def page_url(app: Sphinx, docname: str) -> str:
    """Absolute URL of a page (``.../post.html`` or ``.../post/`` with dirhtml)."""
    return join_url(app.config.blog_baseurl, app.builder.get_target_uri(docname))


def localize(app: Sphinx, moment: datetime) -> datetime:
    """ablog's naive wall-clock dates, read in ``notebook_timezone``."""
    zone = ZoneInfo(app.config.notebook_timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _mathml(app: Sphinx, node: nodes.Element, display: bool) -> str | None:
    try:
        from sphinx_notebook.math.html import node_mathml
    except ImportError:  # the math part is not there: leave Sphinx's own rendering
        return None
    return node_mathml(app.config, node)


def feed_friendly(app: Sphinx, doctree: nodes.Element, post_url: str) -> None:
    """Turn what a feed reader cannot show into what it can, in place."""
    for node in list(doctree.findall(lambda n: type(n).__name__ == "mermaid")):
        code = str(node.get("code", ""))
        block = nodes.literal_block(code, code, language="text", classes=["nb-mermaid-source"])
        note = nodes.paragraph("", _("Diagram (mermaid source): "))
        note += nodes.reference("", _("see it drawn in the post"), refuri=post_url)
        node.replace_self([note, block])
    for node in list(doctree.findall(nodes.math_block)):
        mathml = _mathml(app, node, display=True)
        if mathml is None:
            continue
        number = f'<span class="eqno">({node["number"]})</span>' if node.get("number") else ""
        node.replace_self(nodes.raw("", f'<div class="math">{mathml}{number}</div>', format="html"))
    for node in list(doctree.findall(nodes.math)):
        mathml = _mathml(app, node, display=False)
        if mathml is not None:
            node.replace_self(nodes.raw("", mathml, format="html"))


def render_html(app: Sphinx, post: Post, fulltext: bool) -> str:
    """The post (or its excerpt) as feed HTML, resolved as if on the post's own page."""
    docname = post.docname
    post_url = page_url(app, docname) + (f"#{post.section}" if post.section else "")
    doctree = fulltext_tree(app, post) if fulltext else excerpt_tree(app, post, docname)
    resolve(app, doctree, docname)
    feed_friendly(app, doctree, post_url)
    return clean_entry_html(to_html(app, doctree, docname), post_url)


def feed_author(app: Sphinx, blog: Blog) -> Person:
    """Who writes the blog: the default ablog author, else ``author``, else the blog title."""
    default = blog.blog_default_author
    if default:
        label = default[0] if isinstance(default, list) else default
        name, link = app.config.blog_authors.get(label, (label, None))
        return Person(str(name), link or "")
    if app.config.author and app.config.author != UNSET_AUTHOR:
        return Person(str(app.config.author))
    return Person(str(app.config.blog_title or app.config.project))


class FeedWriter:
    """Builds every feed of one build, rendering each post's HTML once (or taking it from ``memo``)."""

    def __init__(self, app: Sphinx, memo: SiteMemoKeeper | None = None) -> None:
        self.app = app
        self.memo = memo
        self.blog = Blog(app)
        self.author = feed_author(app, self.blog)
        self._html: dict[tuple[str, bool], str] = {}
        all_updates = [localize(app, post.update or post.date) for post in self.blog.posts]
        self.fallback = max(all_updates, default=localize(app, EPOCH))

    def content(self, post: Post) -> tuple[str, str]:
        """(summary text, content HTML) for ``post``, following ablog's feed settings."""
        config = self.app.config
        # No plain-text summary: it would show formulas as TeX; the content
        # (full text or the excerpt) is what readers display.
        summary = ""
        if config.blog_feed_titles:
            return "", ""
        fulltext = bool(config.blog_feed_fulltext)
        key = (post.docname + "#" + post.section, fulltext)
        if key not in self._html:
            if self.memo is None:
                self._html[key] = render_html(self.app, post, fulltext)
            else:
                draw = partial(render_html, self.app, post, fulltext)
                section = post.section or ""
                self._html[key] = self.memo.feed_entry(self.app, post.docname, section, fulltext, draw)
        return summary, self._html[key]

    def entry(self, post: Post, templates: dict[str, str]) -> Entry:
        app = self.app
        url = page_url(app, post.docname) + (f"#{post.section}" if post.section else "")
        summary, content = self.content(post)
        title = post.title
        values = {"post": post, "title": title, "summary": summary, "content": content, "url": url}
        rendered = {
            name: jinja2.Template(templates[name]).render(**values)
            for name in ("title", "summary", "content")
            if name in templates
        }
        published = localize(app, post.date)
        return Entry(
            id=url,
            title=rendered.get("title", title),
            url=url,
            published=published,
            updated=max(published, localize(app, post.update or post.date)),
            authors=tuple(Person(str(author), author.href or "") for author in post.author or []),
            categories=tuple((str(tag.label), str(tag)) for tag in sorted(post.tags or [])),
            summary=rendered.get("summary", summary),
            content=rendered.get("content", content),
        )

    def feed(self, posts: list[Post], page: str, path: str, title: str, templates: dict[str, str]) -> Feed:
        app = self.app
        chosen = sorted(posts, key=lambda post: (post.date, post.title), reverse=True)
        if app.config.blog_feed_length:
            chosen = chosen[: app.config.blog_feed_length]
        entries = tuple(self.entry(post, templates) for post in chosen)
        self_url = join_url(app.config.blog_baseurl, path)
        return Feed(
            id=self_url,
            title=title,
            self_url=self_url,
            page_url=page_url(app, page),
            author=self.author,
            updated=newest(entries, self.fallback),
            entries=entries,
            subtitle=app.config.blog_feed_subtitle or "",
            language=(app.config.language or "en").replace("_", "-"),
            generator=("sphinx_notebook", package_version(), ""),
        )

    def all_feeds(self) -> list[tuple[str, Feed]]:
        """(output path, feed) for the main feed and, with ``blog_feed_archives``, each archive."""
        app, blog = self.app, self.blog
        templates: dict[str, dict[str, str]] = app.config.blog_feed_templates or {"atom": {}}
        sources = [(list(blog.posts), blog.blog_path, blog.blog_path, blog.blog_title)]
        if app.config.blog_feed_archives:
            catalogs = (blog.author, blog.location, blog.language, blog.category, blog.archive, blog.tags)
            for catalog in catalogs:
                for collection in catalog:
                    if len(collection):
                        title = f"{blog.blog_title} - {collection_title(collection, app.config.language)}"
                        sources.append((list(collection), collection.docname, collection.path, title))
        found = []
        for posts, page, folder, title in sources:
            for root, root_templates in sorted(templates.items()):
                path = f"{folder.strip('/')}/{root}.xml"
                found.append((path, self.feed(posts, page, path, title, root_templates or {})))
        return found


def silence_ablog_feeds(app: Sphinx) -> list[Any]:
    """``html-collect-pages`` (before ablog's generator runs): ablog writes no feed of its own."""
    Blog(app).config["blog_feed_templates"] = {}
    return []


def write_feeds(app: Sphinx, memo: SiteMemoKeeper | None = None) -> list[Any]:
    """``html-collect-pages``: write every feed into the output folder (an unchanged file is left alone)."""
    if app.builder.name not in FEED_BUILDERS or not app.config.blog_baseurl:
        return []
    outdir = Path(app.builder.outdir)
    formats = feed_formats(app)
    for atom_path, feed in FeedWriter(app, memo).all_feeds():
        for name in formats:
            path = format_path(atom_path, name)
            self_url = join_url(app.config.blog_baseurl, path)
            data = FORMATS[name][2](replace(feed, id=self_url, self_url=self_url))
            target = outdir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)
    return []


def setup_feeds(app: Sphinx, memo: SiteMemoKeeper | None = None) -> None:
    """Replace ablog's feed writer with ours (entries kept in ``memo`` between builds)."""
    app.connect("html-collect-pages", silence_ablog_feeds, priority=450)
    app.connect("html-collect-pages", partial(write_feeds, memo=memo), priority=600)
