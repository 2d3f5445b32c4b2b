"""A page's description for search results and link previews (pure: no Sphinx imports).

Search engines and chat apps show about 160 characters under a link. The
author's own ``description`` wins; otherwise the first real paragraph of the
page, as plain text (formulas as their TeX, which reads better than nothing),
cut at a word so a preview never ends mid-word. Formulas keep their TeX, with
Greek letters and common symbols turned into characters (``\\eta`` reads η).
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


# Lowercase Greek in Unicode order (U+03B1 on), final sigma included.
GREEK = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
    "mu", "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi",
    "psi", "omega",
)
# TeX a preview can show as one character; anything else stays as written.
TEX_SYMBOLS = {
    **{name: chr(0x3B1 + i) for i, name in enumerate(GREEK)},
    "Gamma": "\u0393", "Delta": "\u0394", "Theta": "\u0398", "Lambda": "\u039b", "Pi": "\u03a0",
    "Sigma": "\u03a3", "Phi": "\u03a6", "Psi": "\u03a8", "Omega": "\u03a9", "varepsilon": "\u03b5",
    "cdot": "\u00b7", "times": "\u00d7", "le": "\u2264", "leq": "\u2264", "ge": "\u2265",
    "geq": "\u2265", "neq": "\u2260", "ne": "\u2260", "approx": "\u2248", "equiv": "\u2261",
    "infty": "\u221e", "to": "\u2192", "rightarrow": "\u2192", "in": "\u2208", "sum": "\u2211",
    "prod": "\u220f", "int": "\u222b", "partial": "\u2202", "nabla": "\u2207", "pm": "\u00b1",
    "sqrt": "\u221a", "lVert": "\u2016", "rVert": "\u2016", "Vert": "\u2016", "ldots": "\u2026",
    "dots": "\u2026", "cdots": "\u22ef", "mid": "|", "pmod": "mod", "bmod": "mod",
}
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)")
_TEX_SPACING = re.compile(
    r"\\[,;:! ]|\\(?:left|right|big|Big|bigg|Bigg)\b|\\(?:mathrm|mathbf|mathit|text|operatorname)"
)


def tex_to_text(tex: str) -> str:
    """A formula as a preview shows it: Greek letters and common symbols as characters."""
    tex = _TEX_SPACING.sub("", tex)
    text = _TEX_COMMAND.sub(lambda match: TEX_SYMBOLS.get(match.group(1), match.group(0)), tex)
    return squash(text)


def plain_text(node: nodes.Node) -> str:
    """What a reader sees of ``node`` as text: formulas simplified, raw HTML and comments left out."""
    parts: list[str] = []
    for child in node.findall(include_self=True, descend=True):
        if isinstance(child, nodes.Text) and not any(
            isinstance(ancestor, (nodes.raw, nodes.comment, nodes.substitution_definition))
            for ancestor in _ancestors(child)
        ):
            in_math = isinstance(child.parent, nodes.math)
            parts.append(tex_to_text(str(child)) if in_math else str(child))
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
