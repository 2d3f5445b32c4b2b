"""The ``<head>`` tags that make a page share well (pure: no Sphinx imports).

Search engines read ``description``, ``robots`` and the canonical link; chat
and social sites build their link previews from OpenGraph (``og:*``,
``article:*``) and Twitter card tags. ``PageFacts`` holds what is known about
one page; ``head_markup`` turns it into tags, leaving out what is unknown
(no base URL means no absolute ``og:url`` and no image).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape

CARD_WIDTH = 1200
CARD_HEIGHT = 630


@dataclass(frozen=True)
class Image:
    """A picture for link previews; size is 0 when unknown (the author's own picture)."""

    url: str
    alt: str
    width: int = 0
    height: int = 0
    mime: str = ""


@dataclass(frozen=True)
class PageFacts:
    """What a page's head says about it."""

    title: str
    site_name: str
    description: str = ""
    url: str = ""
    """Absolute URL of the page, empty when the site's base URL is unknown."""
    is_post: bool = False
    published: datetime | None = None
    modified: datetime | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[tuple[str, str], ...] = ()
    """(name, profile URL or "") of each author."""
    image: Image | None = None
    locale: str = ""
    noindex: bool = False
    feeds: tuple[tuple[str, str, str], ...] = field(default=())
    """(MIME type, title, href) of each feed to announce."""


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(value)}" />'


def iso(moment: datetime) -> str:
    """A timestamp as ISO 8601 with its offset (``2024-01-10T00:00:00+01:00``)."""
    return moment.isoformat(timespec="seconds")


def og_locale(language: str) -> str:
    """OpenGraph's ``language_TERRITORY`` form of a Sphinx language code (``pt_BR``, ``en``)."""
    return language.replace("-", "_") if language else ""


def search_tags(facts: PageFacts, description: bool = True) -> list[str]:
    """``description`` and, for drafts, ``robots: noindex``."""
    tags = []
    if description and facts.description:
        tags.append(_meta("name", "description", facts.description))
    if facts.noindex:
        tags.append(_meta("name", "robots", "noindex"))
    return tags


def opengraph_tags(facts: PageFacts) -> list[str]:
    """OpenGraph and Twitter card tags."""
    tags = [
        _meta("property", "og:title", facts.title),
        _meta("property", "og:type", "article" if facts.is_post else "website"),
        _meta("property", "og:site_name", facts.site_name),
    ]
    if facts.description:
        tags.append(_meta("property", "og:description", facts.description))
    if facts.url:
        tags.append(_meta("property", "og:url", facts.url))
    if facts.locale:
        tags.append(_meta("property", "og:locale", og_locale(facts.locale)))
    image = facts.image
    if image is not None:
        tags.append(_meta("property", "og:image", image.url))
        if image.mime:
            tags.append(_meta("property", "og:image:type", image.mime))
        if image.width and image.height:
            tags.append(_meta("property", "og:image:width", str(image.width)))
            tags.append(_meta("property", "og:image:height", str(image.height)))
        tags.append(_meta("property", "og:image:alt", image.alt))
    if facts.is_post:
        if facts.published is not None:
            tags.append(_meta("property", "article:published_time", iso(facts.published)))
        if facts.modified is not None:
            tags.append(_meta("property", "article:modified_time", iso(facts.modified)))
        for name, _url in facts.authors:
            tags.append(_meta("property", "article:author", name))
        for tag in facts.tags:
            tags.append(_meta("property", "article:tag", tag))
    tags.append(_meta("name", "twitter:card", "summary_large_image" if image else "summary"))
    if image is not None:
        tags.append(_meta("name", "twitter:image:alt", image.alt))
    return tags


def feed_links(facts: PageFacts) -> list[str]:
    """``<link rel="alternate">`` for each feed."""
    return [
        f'<link rel="alternate" type="{escape(mime)}" title="{escape(title)}" href="{escape(href)}" />'
        for mime, title, href in facts.feeds
    ]


def head_markup(facts: PageFacts, opengraph: bool = True, description: bool = True) -> str:
    """Every tag for ``facts`` as one string, one tag a line.

    ``opengraph=False`` and ``description=False`` leave those tags to another
    extension (sphinxext-opengraph writes both).
    """
    tags = search_tags(facts, description)
    if opengraph:
        tags += opengraph_tags(facts)
    tags += feed_links(facts)
    return "\n".join(tags)


def drop_viewport(metatags: str) -> str:
    """``metatags`` without docutils' viewport tag: Sphinx's layout already has one.

    docutils' HTML5 writer (0.18+) adds ``<meta name="viewport" ...>`` to the
    document's meta tags and Sphinx's ``basic/layout.html`` writes its own, so
    every page had two.
    """
    lines = []
    for piece in metatags.split("\n"):
        kept = _strip_viewport(piece)
        if kept.strip() or not piece.strip():
            lines.append(kept)
    return "\n".join(lines)


def _strip_viewport(text: str) -> str:
    start = text.find('<meta name="viewport"')
    while start != -1:
        end = text.find(">", start)
        if end == -1:
            break
        text = text[:start] + text[end + 1 :]
        start = text.find('<meta name="viewport"')
    return text
