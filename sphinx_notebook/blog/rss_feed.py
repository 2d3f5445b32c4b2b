"""Write an RSS 2.0 document from the same data as the Atom feed (pure: no Sphinx imports).

Some readers and podcatcher-style tools still only take RSS. The channel
carries an ``atom:link rel="self"`` (as the RSS Advisory Board recommends),
each item the full HTML in ``content:encoded`` and its summary (or, without
one, the same HTML) in ``description``, and an ``atom:updated`` when the post
was updated. Dates are RFC 822, from the posts;
the output depends only on the input.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import format_datetime

from sphinx_notebook.blog.atom import Feed, rfc3339

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MIME = "application/rss+xml"


def rfc822(moment: datetime) -> str:
    """An aware datetime as RSS wants it (``Wed, 10 Jan 2024 00:00:00 +0100``)."""
    if moment.tzinfo is None:
        raise ValueError("feed dates must carry a time zone")
    return format_datetime(moment)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def rss_xml(feed: Feed) -> bytes:
    """Serialise ``feed`` as a UTF-8 RSS 2.0 document."""
    ET.register_namespace("atom", ATOM_NS)
    ET.register_namespace("content", CONTENT_NS)
    ET.register_namespace("dc", DC_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", feed.title)
    _text(channel, "link", feed.page_url)
    _text(channel, "description", feed.subtitle or feed.title)
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": feed.self_url, "rel": "self", "type": MIME})
    if feed.language:
        _text(channel, "language", feed.language)
    _text(channel, "lastBuildDate", rfc822(feed.updated))
    name, version, _uri = feed.generator
    _text(channel, "generator", f"{name} {version}".strip())
    for entry in feed.entries:
        item = ET.SubElement(channel, "item")
        _text(item, "title", entry.title)
        _text(item, "link", entry.url)
        _text(item, "guid", entry.id, isPermaLink="true" if entry.id == entry.url else "false")
        _text(item, "pubDate", rfc822(entry.published))
        if entry.updated != entry.published:  # RSS has no element of its own for it
            _text(item, f"{{{ATOM_NS}}}updated", rfc3339(entry.updated))
        for author in entry.authors or (feed.author,):
            _text(item, f"{{{DC_NS}}}creator", author.name)
        for _term, label in entry.categories:
            _text(item, "category", label)
        if entry.summary or entry.content:
            _text(item, "description", entry.summary or entry.content)
        if entry.content:
            _text(item, f"{{{CONTENT_NS}}}encoded", entry.content)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
