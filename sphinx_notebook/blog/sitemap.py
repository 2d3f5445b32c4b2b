"""sitemap.xml and robots.txt (pure: no Sphinx imports).

A sitemap tells search engines every page worth indexing and when it last
changed; robots.txt tells them where the sitemap is. URLs are sorted and
dates come from the posts, so the bytes are stable from build to build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    """One page: its absolute URL and, when known, when it last changed."""

    url: str
    lastmod: datetime | None = None


def sitemap_xml(entries: list[SitemapEntry]) -> bytes:
    """A sitemap protocol 0.9 document, URLs in order, each at most once."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    seen: set[str] = set()
    for entry in sorted(entries, key=lambda item: item.url):
        if entry.url in seen:
            continue
        seen.add(entry.url)
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = entry.url
        if entry.lastmod is not None:
            ET.SubElement(node, "lastmod").text = entry.lastmod.isoformat(timespec="seconds")
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(sitemap_url: str) -> str:
    """Allow every crawler and point them at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
