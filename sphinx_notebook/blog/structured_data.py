"""schema.org JSON-LD for posts and the home page (pure: no Sphinx imports).

Search engines read a ``BlogPosting`` to show a post's headline, date, author
and picture in results, and a ``WebSite`` to name the site. The JSON goes in a
``<script type="application/ld+json">``, with ``<``, ``>`` and ``&`` escaped
so no title can close the script early.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx_notebook.blog.head_tags import PageFacts, iso

CONTEXT = "https://schema.org"


def _person(name: str, url: str) -> dict[str, str]:
    person = {"@type": "Person", "name": name}
    if url:
        person["url"] = url
    return person


def blog_posting(facts: PageFacts, fallback_author: str = "") -> dict[str, Any]:
    """A ``BlogPosting`` for a post page."""
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "BlogPosting", "headline": facts.title}
    if facts.description:
        data["description"] = facts.description
    if facts.published is not None:
        data["datePublished"] = iso(facts.published)
        data["dateModified"] = iso(facts.modified or facts.published)
    authors = [_person(name, url) for name, url in facts.authors]
    if not authors and fallback_author:
        authors = [_person(fallback_author, "")]
    if authors:
        data["author"] = authors if len(authors) > 1 else authors[0]
    if facts.image is not None:
        data["image"] = facts.image.url
    if facts.url:
        data["url"] = facts.url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": facts.url}
    if facts.tags:
        data["keywords"] = list(facts.tags)
    if facts.locale:
        data["inLanguage"] = facts.locale.replace("_", "-")
    data["isPartOf"] = {"@type": "Blog", "name": facts.site_name}
    return data


def website(facts: PageFacts) -> dict[str, Any]:
    """A ``WebSite`` for the home page."""
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "WebSite", "name": facts.site_name}
    if facts.url:
        data["url"] = facts.url
    if facts.description:
        data["description"] = facts.description
    if facts.locale:
        data["inLanguage"] = facts.locale.replace("_", "-")
    return data


def script_tag(data: dict[str, Any]) -> str:
    """``data`` as a JSON-LD script element, safe to place in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'
