"""A page's description for search results and link previews (pure: no Sphinx imports).

Search engines and chat apps show about 160 characters under a link. The
author's own ``description`` wins; otherwise the first real paragraph of the
page, as plain text (formulas as their TeX, which reads better than nothing),
cut at a word so a preview never ends mid-word.
"""

from __future__ import annotations

import re

from docutils import nodes

LIMIT = 160
ELLIPSIS = "\u2026"
# Paragraphs in these say something about the page, not what it is about.
SKIPPED_PARENTS: tuple[type[nodes.Element], ...] = (
    nodes.docinfo,
    nodes.field_list,
    nodes.Admonition,
    nodes.topic,
    nodes.sidebar,
    nodes.caption,
    nodes.legend,
    nodes.footnote,
    nodes.citation,
    nodes.table,
    nodes.system_message,
    nodes.line_block,
)
# Containers of generated lists (post cards, drafts, tables of contents), by class.
SKIPPED_CLASSES = frozenset({"nb-post-list", "postlist", "upcoming", "nb-excerpt", "toctree-wrapper"})
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """One line of text: runs of whitespace become one space."""
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` in at most ``limit`` characters, cut at a word with an ellipsis."""
    text = squash(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a very long word: cut inside it rather than lose half
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIPPED_PARENTS) or SKIPPED_CLASSES.intersection(parent.get("classes", ())):
            return True
        parent = parent.parent
    return False


def plain_text(node: nodes.Node) -> str:
    """What a reader sees of ``node`` as text: raw HTML and comments left out."""
    parts: list[str] = []
    for child in node.findall(include_self=True, descend=True):
        if isinstance(child, nodes.Text) and not any(
            isinstance(ancestor, (nodes.raw, nodes.comment, nodes.substitution_definition))
            for ancestor in _ancestors(child)
        ):
            parts.append(str(child))
    return squash("".join(parts))


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def first_paragraph(doctree: nodes.Node) -> str:
    """Text of the first paragraph that is page content (not front matter or a box)."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _skipped(paragraph):
            continue
        text = plain_text(paragraph)
        if text:
            return text
    return ""


def describe(doctree: nodes.Node | None, given: str = "", fallback: str = "", limit: int = LIMIT) -> str:
    """The page's description: the author's ``given`` one, else its first paragraph, else ``fallback``."""
    if given.strip():
        return shorten(given, limit)
    text = first_paragraph(doctree) if doctree is not None else ""
    return shorten(text or fallback, limit)
