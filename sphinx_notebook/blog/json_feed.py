"""Write a JSON Feed 1.1 document from the same data as the Atom feed (pure: no Sphinx imports).

JSON Feed (https://www.jsonfeed.org/version/1.1/) is what some readers and
scripts prefer to parse. Keys come in a fixed order and dates from the posts,
so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx_notebook.blog.atom import Feed, Person, rfc3339

VERSION = "https://jsonfeed.org/version/1.1"
MIME = "application/feed+json"


def _author(person: Person) -> dict[str, str]:
    author = {"name": person.name}
    if person.uri:
        author["url"] = person.uri
    return author


def json_feed(feed: Feed) -> dict[str, Any]:
    """``feed`` as a JSON Feed 1.1 object."""
    data: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.self_url,
    }
    if feed.subtitle:
        data["description"] = feed.subtitle
    if feed.language:
        data["language"] = feed.language
    data["authors"] = [_author(feed.author)]
    items = []
    for entry in feed.entries:
        item: dict[str, Any] = {"id": entry.id, "url": entry.url, "title": entry.title}
        # A JSON Feed item needs content_html or content_text; titles-only feeds give the title.
        item["content_html"] = entry.content or entry.summary or entry.title
        if entry.summary:
            item["summary"] = entry.summary
        item["date_published"] = rfc3339(entry.published)
        item["date_modified"] = rfc3339(entry.updated)
        if entry.authors:
            item["authors"] = [_author(author) for author in entry.authors]
        if entry.categories:
            item["tags"] = [label for _term, label in entry.categories]
        items.append(item)
    data["items"] = items
    return data


def json_feed_bytes(feed: Feed) -> bytes:
    """Serialise ``feed`` as UTF-8 JSON Feed text."""
    return (json.dumps(json_feed(feed), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
