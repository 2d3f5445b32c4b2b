"""Post lists and post meta: the home listing, post pages and ablog's archive pages.

``{postlist}`` (ablog's directive) renders here as cards: title, a meta line
(date, reading time, tags as links) and, with ``:excerpts:``, the excerpt;
only a custom ``:format:`` is left to ablog. For the theme's templates,
``html-page-context`` provides ``nb_post`` (meta of the post being shown),
``nb_post_meta(post)`` (the same for any post, links relative to the page),
``nb_post_excerpt(post)`` (its excerpt as HTML for this page)
and ``nb_feed_url``/``nb_feed_title`` (the main Atom feed).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_notebook.blog.ablog_adapter import Blog, PostList
from sphinx_notebook.blog.localdates import local_date
from sphinx_notebook.blog.render import excerpt_html, excerpt_tree, resolve
from sphinx_notebook.translations import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from sphinx_notebook.blog.ablog_adapter import Collection, Post

ABLOG_DEFAULT_FORMAT = "{date} - {title}"
LABEL_CATALOGS = ("tags", "author", "category", "location", "language")


def reading_minutes(words: int, per_minute: int) -> int:
    """Whole minutes to read ``words``, at least one."""
    return max(1, math.ceil(words / max(per_minute, 1)))


def post_words(post: Post) -> int:
    return int(post.options.get("nb_words") or 0)


def feed_file(app: Sphinx) -> str | None:
    """Path (relative to the output folder) of the main Atom feed, when one is written."""
    if not app.config.blog_baseurl or app.builder.name not in ("html", "dirhtml"):
        return None
    return f"{app.config.blog_path.strip('/')}/atom.xml"


def select_posts(blog: Blog, node: PostList, docname: str) -> list[Post]:
    """The posts a ``postlist`` asks for, as ablog chooses them."""
    wanted = [
        blog.catalogs[name].collections[label]
        for name in LABEL_CATALOGS
        for label in node[name]
        if label in blog.catalogs[name].collections
    ]
    if wanted:
        chosen = set(blog.posts)
        for collection in wanted:
            chosen &= set(collection)
        posts = sorted(chosen, reverse=True)[: node["length"]]
    else:
        posts = list(blog.recent(node["length"], docname))
    if node["sort"]:
        posts.sort()
    return posts


def _link(app: Sphinx, docname: str, target: str, text: str, classes: list[str]) -> nodes.Node:
    if app.builder.format != "html":
        return nodes.inline("", text, classes=classes)
    uri = app.builder.get_relative_uri(docname, target)
    return nodes.reference("", text, internal=True, refuri=uri, classes=classes)


def post_card(app: Sphinx, post: Post, docname: str, date_format: str, excerpts: bool) -> nodes.Element:
    """One post in a list: title, meta line, optional excerpt."""
    card = nodes.container(classes=["nb-post-card"])
    title = nodes.paragraph(classes=["nb-post-card__title"])
    if post.external_link:
        title += nodes.reference("", post.title, refuri=post.external_link)
    else:
        title += _link(app, docname, post.docname, post.title, [])
    card += title
    minutes = reading_minutes(post_words(post), app.config.notebook_words_per_minute)
    parts: list[nodes.Node] = [
        nodes.inline("", local_date(post.date, date_format, app.config.language), classes=["nb-post-date"]),
        nodes.inline("", ngettext("%d min read", "%d min read", minutes) % minutes,
                     classes=["nb-reading-time"]),
    ]
    if post.tags:
        tags = nodes.inline(classes=["nb-tags"])
        for tag in post.tags:
            if len(tags) and app.builder.format != "html":
                tags += nodes.Text(", ")
            tags += _link(app, docname, tag.docname, str(tag), ["nb-tag"])
        parts.append(tags)
    meta = nodes.paragraph(classes=["nb-post-meta"])
    for index, part in enumerate(parts):
        if index and app.builder.format != "html":
            meta += nodes.Text(" · ")  # HTML draws the separators in CSS
        meta += part
    card += meta
    if excerpts and post.excerpt:
        excerpt = excerpt_tree(app, post, docname)
        resolve(app, excerpt, docname)
        for box in excerpt.children:
            box["classes"] = ["nb-post-card__excerpt"]
            card += box.deepcopy()
    return card


def render_postlists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (before ablog): postlists with the default format become cards."""
    blog = Blog(app)
    for node in list(doctree.findall(PostList)):
        if node["format"] != ABLOG_DEFAULT_FORMAT:
            continue  # the user asked for ablog's own line format
        date_format = node["date"] or app.config.post_date_format
        box = nodes.container(classes=["nb-post-list", "postlist"])
        for post in select_posts(blog, node, docname):
            box += post_card(app, post, docname, date_format, node["excerpts"])
        if not len(box):
            box += nodes.paragraph("", _("No posts yet."), classes=["nb-post-list__empty"])
        node.replace_self(box)


def _links(pathto: Callable[..., str], collections: list[Collection]) -> list[dict[str, str]]:
    found = []
    for collection in collections or []:
        href = pathto(collection.docname) if len(collection) else (collection.href or "")
        found.append({"name": str(collection), "href": href})
    return found


def post_meta(app: Sphinx, pathto: Callable[..., str], post: Post) -> dict[str, Any]:
    """What the templates show about ``post``, with links relative to the page being written."""
    language, date_format = app.config.language, app.config.post_date_format
    original = post.options.get("nb_date")
    planned = local_date(original, date_format, language) if original else ""
    meta: dict[str, Any] = {
        "title": post.title,
        "href": post.external_link or pathto(post.docname),
        "published": bool(post.published),
        "date_iso": post.date.date().isoformat() if post.date else "",
        "date": local_date(post.date, date_format, language) if post.date else "",
        "planned": planned,
        "updated": (
            local_date(post.update, date_format, language)
            if post.published and post.update and post.update != post.date
            else ""
        ),
        "minutes": reading_minutes(post_words(post), app.config.notebook_words_per_minute),
        "authors": _links(pathto, post.author),
        "tags": _links(pathto, post.tags),
        "categories": _links(pathto, post.category),
        "prev": None,
        "next": None,
    }
    if post.published and app.config.post_show_prev_next:
        for key in ("prev", "next"):
            other = getattr(post, key)
            if other:
                meta[key] = {"title": other.title, "href": pathto(other.docname)}
    return meta


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: post meta and the feed link for the theme's templates."""
    blog = context.get("ablog")
    if blog is None:
        return
    pathto = context["pathto"]
    context["nb_post_meta"] = lambda post: post_meta(app, pathto, post)
    context["nb_post_excerpt"] = lambda post: excerpt_html(app, post, pagename)
    if pagename in blog:
        context["nb_post"] = post_meta(app, pathto, blog[pagename])
    feed = feed_file(app)
    if feed:
        context["nb_feed_url"] = pathto(feed, 1)
        context["nb_feed_title"] = _("%s (Atom feed)") % app.config.blog_title
        collection: Any = context.get("collection")
        # Identity, not ==: ablog compares collections by name.
        own_page = collection is None or collection is blog.posts or collection is blog.drafts
        if own_page or not app.config.blog_feed_archives:
            return
        if len(collection) and getattr(collection, "path", None):
            context["nb_collection_feed_url"] = pathto(f"{collection.path}/atom.xml", 1)


def note_excerpt_math(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (before the math part): archive pages whose excerpts hold math need its CSS."""
    posts = context.get("collection") or []
    if not templatename.startswith("ablog/") or context.get("has_maths_elements"):
        return
    for post in posts:
        if any(True for part in post.excerpt for _node in part.findall(nodes.math)):
            context["has_maths_elements"] = True
            return


def setup_listings(app: Sphinx) -> None:
    """Register the listing rendering and the template context."""
    app.connect("doctree-resolved", render_postlists, priority=400)
    app.connect("html-page-context", note_excerpt_math, priority=450)
    app.connect("html-page-context", add_page_context, priority=600)
