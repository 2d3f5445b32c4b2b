"""Share-ready pages: head tags, JSON-LD, sitemap and robots.txt, under any theme.

On ``html-page-context`` each page's facts (title, description, absolute URL,
post dates, tags, authors, preview picture) become tags appended to Sphinx's
``metatags`` context value, which every theme built on ``basic`` prints in
the head; the canonical link goes through Sphinx's own ``pageurl``. At the
end of the build ``sitemap.xml`` and ``robots.txt`` are written. When
sphinxext-opengraph or sphinx-sitemap is loaded, the matching part steps
aside and says so once.
"""

from __future__ import annotations

import html
import mimetypes
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_notebook.blog.ablog_adapter import Blog
from sphinx_notebook.blog.drafts import current_drafts
from sphinx_notebook.blog.feeds import (
    FEED_BUILDERS,
    FORMATS,
    UNSET_AUTHOR,
    feed_formats,
    format_path,
    join_url,
    localize,
)
from sphinx_notebook.blog.head_tags import (
    CARD_HEIGHT,
    CARD_WIDTH,
    Image,
    PageFacts,
    drop_viewport,
    head_markup,
)
from sphinx_notebook.blog.page_description import describe, shorten
from sphinx_notebook.blog.sitemap import SitemapEntry, robots_txt, sitemap_xml
from sphinx_notebook.blog.structured_data import blog_posting, script_tag, website
from sphinx_notebook.translations import N_, _
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx

logger = get_logger(__name__)

OPENGRAPH_EXTENSION = "sphinxext.opengraph"
SITEMAP_EXTENSION = "sphinx_sitemap"
# Front matter ``image:`` that is a picture, not ablog's count of excerpt images.
SOCIAL_IMAGE = "social_image"
CATALOGS = ("author", "location", "language", "category", "archive", "tags")
_TAG = re.compile(r"<[^>]+>")
_DESCRIPTION = re.compile(r'<meta content="([^"]*)" name="description"')


def site_base(app: Sphinx) -> str:
    """The site's absolute base URL (``blog_baseurl``, else ``html_baseurl``), or ""."""
    base = str(app.config.blog_baseurl or app.config.html_baseurl or "").strip()
    return base if not base or base.endswith("/") else base + "/"


def absolute_page_url(app: Sphinx, pagename: str) -> str:
    base = site_base(app)
    return join_url(base, app.builder.get_target_uri(pagename)) if base else ""


class SocialImageField(SphinxTransform):
    """Front matter ``image: picture.png`` names a preview picture: keep it from ablog.

    ablog reads ``image`` as the number of pictures to show in the excerpt and
    fails on anything else, so a value that is not a whole number is renamed
    ``social_image`` before the front matter is checked (priority 740).
    """

    default_priority = 735

    def apply(self, **kwargs: Any) -> None:
        for docinfo in self.document.findall(nodes.docinfo):
            for field in docinfo.findall(nodes.field):
                name = field[0]
                if name.astext().strip() == "image" and not field[1].astext().strip().isdigit():
                    name.clear()
                    name += nodes.Text(SOCIAL_IMAGE)


def steps_aside(app: Sphinx) -> None:
    """``builder-inited``: say once which parts another extension does instead."""
    if OPENGRAPH_EXTENSION in app.extensions:
        logger.info(
            "sphinx_notebook: sphinxext-opengraph is loaded, so it writes the OpenGraph tags and "
            "preview pictures; sphinx_notebook adds only the canonical link and JSON-LD"
        )
    if SITEMAP_EXTENSION in app.extensions:
        logger.info("sphinx_notebook: sphinx-sitemap is loaded, so it writes sitemap.xml (ours is off)")


def check_card_fonts(app: Sphinx) -> None:
    """``builder-inited``: say which ``notebook_social_card_fonts`` files are not there."""
    for name in app.config.notebook_social_card_fonts:
        if not Path(app.confdir, str(name)).is_file():
            warn(logger, WarningSubtype.config, "notebook_social_card_fonts: no font file %r; ignored", name)


def page_title(context: dict[str, Any]) -> str:
    return html.unescape(_TAG.sub("", str(context.get("title") or ""))).strip()


def own_image_source(app: Sphinx, pagename: str) -> str | Path | None:
    """Front matter ``image:`` of a page: a URL, an existing file, or None."""
    value = str(app.env.metadata.get(pagename, {}).get(SOCIAL_IMAGE, "")).strip()
    if not value:
        return None
    if re.match(r"^https?://", value):
        return value
    if value.startswith("/"):
        source = Path(app.srcdir, value.lstrip("/"))
    else:
        source = Path(app.env.doc2path(pagename)).parent / value
    return source if source.is_file() else None


def own_image(app: Sphinx, pagename: str, title: str) -> Image | None:
    """The post's own preview picture (front matter ``image:``), copied to ``_social/``."""
    source = own_image_source(app, pagename)
    if isinstance(source, str):
        return Image(source, title)
    base = site_base(app)
    if source is None:
        if base and app.env.metadata.get(pagename, {}).get(SOCIAL_IMAGE):
            value = app.env.metadata[pagename][SOCIAL_IMAGE]
            message = "front matter 'image': %s is not a file"
            warn(logger, WarningSubtype.blog, message, value, location=pagename)
        return None
    if not base:
        return None
    target = f"_social/{pagename}{source.suffix.lower()}"
    destination = Path(app.builder.outdir, target)
    destination.parent.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    if not destination.is_file() or destination.read_bytes() != data:
        destination.write_bytes(data)
    width, height = png_size(data)
    return Image(join_url(base, target), title, width, height, mimetypes.guess_type(source.name)[0] or "")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG from its header, (0, 0) for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 0, 0


def cards_on(app: Sphinx) -> bool:
    """Social cards are drawn: wanted, a base URL known, no other extension doing it."""
    return bool(
        app.config.notebook_social_cards
        and site_base(app)
        and app.builder.name in FEED_BUILDERS
        and OPENGRAPH_EXTENSION not in app.extensions
    )


def card_image(app: Sphinx, pagename: str, title: str) -> Image | None:
    """Where the post's social card will be (card_drawing draws it)."""
    if not cards_on(app):
        return None
    from sphinx_notebook.blog.social_cards import card_path

    url = join_url(site_base(app), card_path(pagename))
    return Image(url, title, CARD_WIDTH, CARD_HEIGHT, "image/png")


def site_card_image(app: Sphinx, site_name: str) -> Image | None:
    """Where the site's card will be: the preview of every page that is not a post."""
    if not cards_on(app):
        return None
    from sphinx_notebook.blog.social_cards import SITE_CARD

    return Image(join_url(site_base(app), SITE_CARD), site_name, CARD_WIDTH, CARD_HEIGHT, "image/png")


def collection_description(context: dict[str, Any]) -> str:
    """An archive page's description: the titles of the posts it lists."""
    collection = context.get("collection")
    titles = [str(post.title) for post in collection or []]
    return shorten("; ".join(titles)) if titles else ""


def fallback_description(app: Sphinx, title: str) -> str:
    """For a page with no prose (a home page of post cards): the feed subtitle, else title and site."""
    site_name = str(app.config.project or app.config.blog_title)
    subtitle = str(app.config.blog_feed_subtitle or "")
    if subtitle:
        return subtitle
    return site_name if title == site_name else f"{title} - {site_name}"


# (menu label, footer link, head title with the feed's name) per format, translated where shown.
FEED_WORDS = {
    "atom": (N_("Atom"), N_("Atom feed"), N_("%s (Atom feed)")),
    "rss": (N_("RSS"), N_("RSS feed"), N_("%s (RSS feed)")),
    "json": (N_("JSON Feed"), N_("JSON Feed"), N_("%s (JSON Feed)")),
}


def feed_announcements(app: Sphinx, context: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(MIME type, title, href) of the main feeds and this archive page's own ones."""
    if app.builder.name not in FEED_BUILDERS or not app.config.blog_baseurl:
        return []
    blog = context.get("ablog")
    if blog is None:
        return []
    pathto = context["pathto"]
    atom_paths = [(f"{app.config.blog_path.strip('/')}/atom.xml", str(app.config.blog_title))]
    collection: Any = context.get("collection")
    own_page = collection is None or collection is blog.posts or collection is blog.drafts
    if not own_page and app.config.blog_feed_archives and len(collection) and collection.path:
        atom_paths.append((f"{collection.path}/atom.xml", page_title(context)))
    found = []
    for atom_path, feed_title in atom_paths:
        for name in feed_formats(app):
            mime = FORMATS[name][0]
            found.append((mime, _(FEED_WORDS[name][2]) % feed_title, pathto(format_path(atom_path, name), 1)))
    return found


def feed_links(app: Sphinx, facts: PageFacts) -> list[dict[str, str]]:
    """The main feed in each format, for the theme's Subscribe menu and footer."""
    names = feed_formats(app)
    links = []
    for name, (mime, title, href) in zip(names, facts.feeds[: len(names)], strict=True):
        label, footer_name, _title = FEED_WORDS[name]
        links.append({"type": mime, "title": title, "href": href, "label": _(label), "name": _(footer_name)})
    return links


def page_facts(app: Sphinx, pagename: str, context: dict[str, Any], doctree: Any) -> tuple[PageFacts, Any]:
    """What the head says about ``pagename``, and its ablog post (or None)."""
    blog = context.get("ablog")
    post: Any = blog[pagename] if blog is not None and pagename in blog else None
    is_post = bool(post is not None and post.published and post.date)
    title = page_title(context)
    metadata = app.env.metadata.get(pagename, {})
    site_name = str(app.config.project or app.config.blog_title)
    if doctree is not None:
        given = str(metadata.get("description", ""))
        description = describe(doctree, given, fallback_description(app, title))
    else:
        description = collection_description(context) or fallback_description(app, title)
    published = modified = None
    if is_post:
        published = localize(app, post.date)
        modified = localize(app, post.update) if post.update and post.update != post.date else None
    image = None
    if post is not None and OPENGRAPH_EXTENSION not in app.extensions:
        image = own_image(app, pagename, title)
        if image is None and is_post:
            image = card_image(app, pagename, title)
    elif post is None and pagename not in current_drafts(app):
        image = site_card_image(app, site_name)  # any other page previews as the site
    facts = PageFacts(
        title=title,
        site_name=site_name,
        description=description,
        url=absolute_page_url(app, pagename),
        is_post=is_post,
        published=published,
        modified=modified,
        tags=tuple(str(tag) for tag in (post.tags or [])) if is_post else (),
        authors=tuple((str(a), str(a.href or "")) for a in (post.author or [])) if is_post else (),
        image=image,
        locale=str(app.config.language or ""),
        noindex=pagename in current_drafts(app),
        feeds=tuple(feed_announcements(app, context)),
    )
    return facts, post


def site_author(app: Sphinx) -> str:
    """``author`` from conf.py, unless it is Sphinx's placeholder; else the project."""
    author = str(app.config.author or "")
    return author if author and author != UNSET_AUTHOR else str(app.config.project)


def add_head_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: description, OpenGraph, JSON-LD, feeds and canonical link."""
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return  # an e-book is not shared by URL
    facts, _post = page_facts(app, pagename, context, doctree)
    metatags = drop_viewport(str(context.get("metatags") or ""))
    opengraph = OPENGRAPH_EXTENSION not in app.extensions
    authors_description = _DESCRIPTION.search(metatags)  # from MyST's html_meta or reST's meta
    if authors_description:
        facts = replace(facts, description=html.unescape(authors_description.group(1)))
    own_description = not authors_description and (
        opengraph or not getattr(app.config, "ogp_enable_meta_description", True)
    )
    parts = [metatags.rstrip(), head_markup(facts, opengraph=opengraph, description=own_description)]
    if facts.is_post:
        parts.append(script_tag(blog_posting(facts, site_author(app))))
    elif pagename == app.config.root_doc:
        parts.append(script_tag(website(facts)))
    context["metatags"] = "\n".join(part for part in parts if part) + "\n"
    if facts.url and not context.get("pageurl"):
        context["pageurl"] = facts.url  # basic/layout.html turns it into <link rel="canonical">
    if facts.feeds:
        context["nb_feed_links"] = feed_links(app, facts)
        context["nb_feed_url"] = facts.feeds[0][2]


def newest(posts: Any, app: Sphinx) -> datetime | None:
    moments = [localize(app, post.update or post.date) for post in posts or [] if post.date]
    return max(moments, default=None)


def sitemap_entries(app: Sphinx) -> list[SitemapEntry]:
    """Every published page: documents (no drafts, no orphans) and ablog's archive pages."""
    blog = Blog(app)
    drafts = current_drafts(app)
    outdir = Path(app.builder.outdir)
    entries = []

    def add(pagename: str, lastmod: datetime | None) -> None:
        uri = app.builder.get_target_uri(pagename)
        written = outdir / (uri + "index.html" if uri.endswith("/") or not uri else uri)
        if written.is_file():
            entries.append(SitemapEntry(absolute_page_url(app, pagename), lastmod))

    for docname in sorted(app.env.found_docs):
        post = blog[docname] if docname in blog else None  # noqa: SIM401 (ablog.Blog has no .get)
        is_post = post is not None and post.published and post.date
        # ablog marks every post orphan (post_auto_orphan): posts are reached through the listings.
        if docname in drafts or ("orphan" in app.env.metadata.get(docname, {}) and not is_post):
            continue
        lastmod = None
        if is_post:
            lastmod = newest([post], app)
        elif docname == app.config.root_doc:
            lastmod = newest(blog.posts, app)
        add(docname, lastmod)
    if len(blog.posts):
        add(blog.posts.docname, newest(blog.posts, app))
    for name in CATALOGS:
        catalog = getattr(blog, name)
        if any(len(collection) for collection in catalog):
            add(catalog.docname, None)
        for collection in catalog:
            if len(collection):
                add(collection.docname, newest(list(collection), app))
    return entries


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: sitemap.xml and robots.txt at the site root."""
    if exception is not None or app.builder.name not in FEED_BUILDERS:
        return
    base = site_base(app)
    if not base or not app.config.notebook_sitemap or SITEMAP_EXTENSION in app.extensions:
        return
    outdir = Path(app.builder.outdir)
    _write(outdir / "sitemap.xml", sitemap_xml(sitemap_entries(app)))
    own_robots = any(Path(app.confdir, extra, "robots.txt").is_file() for extra in app.config.html_extra_path)
    if not own_robots:
        _write(outdir / "robots.txt", robots_txt(join_url(base, "sitemap.xml")).encode())


def _write(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def setup_sharing(app: Sphinx) -> None:
    """Register the head tags, the front matter picture and the sitemap."""
    app.add_transform(SocialImageField)
    app.connect("builder-inited", steps_aside)
    app.connect("builder-inited", check_card_fonts)
    # After ablog (500) and the listings (600), which put the blog and feed links in the context.
    app.connect("html-page-context", add_head_tags, priority=700)
    app.connect("build-finished", write_sitemap)
