"""Theme options: parsing and validation, free of Sphinx imports.

``html_theme_options`` values come from conf.py (any Python value) or from
``-D`` on the command line (always strings), so each parser accepts both a
list and a compact ``"Label=target, Label=target"`` string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# A CSS colour we can safely put in a <style> block: hex, a colour function
# without anything that could close the rule, or a keyword.
_COLOR_RE = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch)\([-+.,%/\sa-z0-9]*\)|[a-zA-Z]{3,30})$"
)
_EXTERNAL_PREFIXES = ("http://", "https://", "//", "/", "#", "mailto:", "?")


@dataclass(frozen=True)
class Link:
    """A navigation or social link: ``target`` is a docname unless ``external``."""

    label: str
    target: str

    @property
    def external(self) -> bool:
        """True for URLs and anchors, which are used as written."""
        return self.target.startswith(_EXTERNAL_PREFIXES) or ":" in self.target.split("/")[0]


class OptionError(ValueError):
    """A theme option value we cannot use; the message says what to write instead."""


def check_color(value: Any) -> str:
    """Return the colour, or "" for unset; raise OptionError for anything unsafe."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or not _COLOR_RE.match(value.strip()):
        raise OptionError(f"{value!r} is not a CSS colour (write e.g. '#a3342b' or 'oklch(50% 0.15 30)')")
    return value.strip()


def _pairs_from_string(value: str) -> list[tuple[str, str]]:
    pairs = []
    for chunk in value.split(","):
        if not chunk.strip():
            continue
        label, sep, target = chunk.partition("=")
        if not sep or not label.strip() or not target.strip():
            raise OptionError(f"{chunk.strip()!r} should be written 'Label=target'")
        pairs.append((label.strip(), target.strip()))
    return pairs


def _pair_from_item(item: Any) -> tuple[str, str]:
    if isinstance(item, Mapping):
        label = item.get("label", item.get("title"))
        target = item.get("url", item.get("href", item.get("doc")))
    elif isinstance(item, (list, tuple)) and len(item) == 2:
        label, target = item
    else:
        label = target = None
    if not isinstance(label, str) or not isinstance(target, str) or not label or not target:
        raise OptionError(f"{item!r} should be a (label, target) pair or {{'label': ..., 'url': ...}}")
    return label, target


def parse_links(value: Any) -> list[Link] | None:
    """Parse a links option; None means "not set" (use the defaults)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        pairs = _pairs_from_string(value)
    elif isinstance(value, Iterable) and not isinstance(value, Mapping):
        pairs = [_pair_from_item(item) for item in value]
    else:
        raise OptionError(f"{value!r} should be a list of (label, target) pairs")
    return [Link(label, target) for label, target in pairs]


def default_nav(
    *,
    blog_path: str | None,
    has_tags: bool,
    has_archive: bool,
    docnames: Iterable[str],
) -> list[Link]:
    """Posts, tags, archive (ablog's pages, when ablog is on) and an about page if there is one."""
    links = []
    if blog_path:
        links.append(Link("Posts", blog_path))
        if has_tags:
            links.append(Link("Tags", f"{blog_path}/tag"))
        if has_archive:
            links.append(Link("Archive", f"{blog_path}/archive"))
    for candidate in ("about", "about/index"):
        if candidate in docnames:
            links.append(Link("About", candidate))
            break
    return links
