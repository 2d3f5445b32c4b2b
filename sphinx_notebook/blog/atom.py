"""Write an RFC 4287 Atom document from plain data (pure: no Sphinx imports).

The output depends only on its input: elements in a fixed order, dates as
given, no build clock. Two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Person:
    name: str
    uri: str = ""


@dataclass(frozen=True)
class Entry:
    """One post as a feed entry; ``content`` and ``summary`` are HTML / text."""

    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    authors: tuple[Person, ...] = ()
    categories: tuple[tuple[str, str], ...] = ()
    summary: str = ""
    content: str = ""


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    self_url: str
    page_url: str
    author: Person
    updated: datetime
    entries: tuple[Entry, ...] = field(default=())
    subtitle: str = ""
    language: str = ""
    generator: tuple[str, str, str] = ("sphinx_notebook", "", "")


def rfc3339(moment: datetime) -> str:
    """An aware datetime as RFC 3339 (``2024-01-05T09:30:00+01:00``)."""
    if moment.tzinfo is None:
        raise ValueError("feed dates must carry a time zone")
    return moment.isoformat(timespec="seconds")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _person(parent: ET.Element, tag: str, person: Person) -> None:
    element = ET.SubElement(parent, tag)
    _text(element, "name", person.name)
    if person.uri:
        _text(element, "uri", person.uri)


def newest(entries: tuple[Entry, ...] | list[Entry], fallback: datetime) -> datetime:
    """The feed's ``updated``: its newest entry, else ``fallback``."""
    return max((entry.updated for entry in entries), default=fallback)


def feed_xml(feed: Feed) -> bytes:
    """Serialise ``feed`` as a UTF-8 Atom document."""
    root = ET.Element("feed", {"xmlns": ATOM_NS})
    if feed.language:
        root.set("xml:lang", feed.language)
    _text(root, "id", feed.id)
    _text(root, "title", feed.title)
    if feed.subtitle:
        _text(root, "subtitle", feed.subtitle)
    _text(root, "updated", rfc3339(feed.updated))
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": feed.self_url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": feed.page_url})
    _person(root, "author", feed.author)
    name, version, uri = feed.generator
    generator = _text(root, "generator", name)
    if version:
        generator.set("version", version)
    if uri:
        generator.set("uri", uri)
    for entry in feed.entries:
        node = ET.SubElement(root, "entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title)
        _text(node, "published", rfc3339(entry.published))
        _text(node, "updated", rfc3339(entry.updated))
        ET.SubElement(node, "link", {"rel": "alternate", "type": "text/html", "href": entry.url})
        for author in entry.authors:
            _person(node, "author", author)
        for term, label in entry.categories:
            ET.SubElement(node, "category", {"term": term, "label": label})
        if entry.summary:
            _text(node, "summary", entry.summary)
        if entry.content:
            _text(node, "content", entry.content, type="html")
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
