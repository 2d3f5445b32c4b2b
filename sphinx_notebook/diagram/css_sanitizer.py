"""Allow-list CSS cleaning for SVG embedded in a page (pure: tinycss2, no Sphinx).

CSS in an inline SVG is page CSS: a ``<style>`` rule applies to the whole
document and any ``url()`` is fetched. So the text is tokenized by tinycss2
(escapes such as ``@\\69mport`` or ``\\75rl(`` are decoded by the tokenizer,
before any check), and only what is on the lists below is written back, from
tokens, never from the input text:

- properties from ``PROPERTIES``, values made of plain tokens and the
  functions in ``FUNCTIONS``; ``url()`` only for a fragment of the same SVG;
- ``@font-face`` only with fonts embedded as ``data:`` URLs, under a family
  name scoped to the figure (so it cannot replace a face the page uses);
  ``@media`` with the same rules inside; every other at-rule is dropped;
- each selector prefixed with the figure's id (``#scope sel``, or
  ``svg#scope`` for the SVG itself); selectors naming ``html``, ``body``,
  ``:root`` and the like, or starting with a combinator, are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import tinycss2
from tinycss2 import ast
from tinycss2.serializer import serialize_string_value, serialize_url


def names(text: str) -> frozenset[str]:
    """The whitespace-separated names in ``text`` (lists below read as prose, one name per word)."""
    return frozenset(text.split())


PROPERTIES = names("""
fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-dasharray stroke-dashoffset
stroke-linecap stroke-linejoin stroke-miterlimit opacity color font font-family font-size
font-size-adjust font-style font-weight font-variant font-stretch font-kerning letter-spacing
word-spacing text-anchor text-decoration text-transform dominant-baseline alignment-baseline
baseline-shift white-space direction writing-mode unicode-bidi display visibility overflow clip-path
clip-rule mask marker marker-start marker-mid marker-end stop-color stop-opacity flood-color
flood-opacity lighting-color color-interpolation color-interpolation-filters shape-rendering
text-rendering image-rendering paint-order vector-effect mix-blend-mode isolation filter
background-color color-scheme pointer-events line-height
""")
"""Presentation properties of SVG 1.1/2 plus text properties: drawing, not page layout."""

FUNCTIONS = names("""
rgb rgba hsl hsla hwb lab lch oklab oklch light-dark calc min max clamp var
blur brightness contrast drop-shadow grayscale hue-rotate invert saturate sepia
""")
"""Functions that compute a colour, length or filter; none of them can fetch. ``var()`` reads only
the page's own custom properties (the drawing cannot declare any) and its fallback is checked too."""

URL_FUNCTIONS = frozenset({"url", "src"})
FAMILY_NAME = re.compile(r"\w[\w .-]*")
"""A font family name as editors write them ("Segoe UI Emoji", "tldraw_draw"), no quotes or markup."""
QUIET_PREFIXES = ("-inkscape-",)
"""Editor bookkeeping properties, dropped without a warning (Inkscape's font specification)."""
FONT_DESCRIPTORS = frozenset({"font-family", "src", "font-weight", "font-style", "font-display",
                              "font-stretch", "unicode-range"})
FONT_DATA_PREFIXES = ("data:font/", "data:application/font-", "data:application/x-font-",
                      "data:application/octet-stream", "data:application/vnd.ms-fontobject")
PAGE_NAMES = frozenset({"html", "body", "head", "root", "host", "scope", "slotted", "part"})
COMBINATORS = frozenset({">", "+", "~", "|"})


@dataclass
class CssScope:
    """What one figure's CSS may see: its id, its embedded fonts, and the log of removals.

    ``fonts`` maps a lower-cased family declared by an embedded ``@font-face``
    to its scoped name; ``map_family`` lets the editor layer put the vendored
    hand font in front of families it knows (Virgil, Architects Daughter, ...);
    ``quiet_font`` says which dropped off-site fonts need no warning.
    """

    scope: str
    removed: list[str] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)
    map_family: Callable[[str], str | None] = lambda family: None
    quiet_font: Callable[[str], bool] = lambda text: False
    memo: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """Cleaned values by (property or "style", text): exports repeat the same styles thousands of times."""

    def remove(self, what: str) -> None:
        if what not in self.removed:
            self.removed.append(what)


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _fragment(url: str, scope: CssScope) -> str | None:
    """``#id`` rewritten to the figure's scoped id, or None for anything else."""
    url = url.strip()
    if url.startswith("#") and re.fullmatch(r"[\w.:-]+", url[1:]):
        return f"#{scope.scope}-{url[1:]}"
    return None


def _url_argument(token: Any) -> str | None:
    if isinstance(token, ast.URLToken):
        return str(token.value)
    if isinstance(token, ast.FunctionBlock) and token.lower_name in URL_FUNCTIONS:
        strings = [t for t in token.arguments if not isinstance(t, (ast.WhitespaceToken, ast.Comment))]
        if len(strings) == 1 and isinstance(strings[0], ast.StringToken):
            return str(strings[0].value)
        return ""  # url() with modifiers or junk: never a plain fragment
    return None


def clean_value(tokens: Iterable[Any], scope: CssScope, what: str) -> list[Any] | None:
    """The value's tokens with fragment URLs scoped, or None (recorded) when anything is not allowed."""
    out: list[Any] = []
    for token in tokens:
        url = _url_argument(token)
        if url is not None:
            local = _fragment(url, scope)
            if local is None:
                scope.remove(f"{what}: url({_short(url)})")
                return None
            written = f"url({serialize_url(local)})"
            out.append(ast.URLToken(token.source_line, token.source_column, local, written))
        elif isinstance(token, ast.FunctionBlock):
            if token.lower_name not in FUNCTIONS:
                scope.remove(f"{what}: {token.lower_name}()")
                return None
            inner = clean_value(token.arguments, scope, what)
            if inner is None:
                return None
            out.append(ast.FunctionBlock(token.source_line, token.source_column, token.name, inner))
        elif isinstance(token, (ast.WhitespaceToken, ast.IdentToken, ast.NumberToken, ast.PercentageToken,
                                ast.DimensionToken, ast.HashToken, ast.StringToken, ast.UnicodeRangeToken,
                                ast.Comment)):
            if not isinstance(token, ast.Comment):
                out.append(token)
        elif isinstance(token, ast.LiteralToken) and token.value in {",", "/", "%", "+", "-", "*"}:
            out.append(token)
        else:
            scope.remove(f"{what}: {_short(tinycss2.serialize([token]))}")
            return None
    return out


def _families(tokens: list[Any]) -> list[str]:
    """Font family names in a ``font-family`` value (strings, or runs of identifiers)."""
    names: list[str] = []
    current: list[str] = []
    for token in [*tokens, ast.LiteralToken(0, 0, ",")]:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            if current:
                names.append(" ".join(current))
            current = []
        elif isinstance(token, (ast.StringToken, ast.IdentToken)):
            current.append(str(token.value))
    return names


def _quote(name: str) -> str:
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    if name.lower() in generic:
        return name
    return f'"{serialize_string_value(name)}"'


def family_value(tokens: list[Any], scope: CssScope) -> str:
    """A ``font-family`` list with embedded fonts under their scoped names and known families mapped."""
    names: list[str] = []
    for name in _families(tokens):
        if not FAMILY_NAME.fullmatch(name):
            scope.remove(f"font family {_short(name)!r}")
            continue
        scoped = scope.fonts.get(name.lower())
        mapped = scope.map_family(name)
        if scoped:
            names.append(scoped)
        elif mapped and mapped not in names:
            names.append(mapped)
        if not scoped:
            names.append(name)
    return ", ".join(_quote(name) for name in dict.fromkeys(names))


def clean_declaration(name: str, value: list[Any], scope: CssScope) -> str | None:
    """``name: value`` when allowed (with fonts and fragments rewritten), else None (recorded)."""
    name = name.lower()
    if name not in PROPERTIES:
        if not name.startswith(QUIET_PREFIXES):
            scope.remove(f"CSS property {name}")
        return None
    if name == "font-family":
        return f"font-family: {family_value(value, scope)}"
    cleaned = clean_value(value, scope, f"CSS {name}")
    if cleaned is None:
        return None
    text = tinycss2.serialize(cleaned).strip()
    return f"{name}: {text}" if text else None


def _declarations(tokens: list[Any], scope: CssScope) -> list[str]:
    kept = []
    for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
        if isinstance(item, ast.Declaration):
            declaration = clean_declaration(item.lower_name, item.value, scope)
            if declaration:
                kept.append(declaration + (" !important" if item.important else ""))
        elif isinstance(item, (ast.QualifiedRule, ast.AtRule)):
            scope.remove("nested CSS rule")
        # ParseError: the browser would skip it too
    return kept


def clean_style_attribute(text: str, scope: CssScope) -> str:
    """A ``style="..."`` attribute cleaned declaration by declaration."""
    key = ("style", text)
    if key not in scope.memo:
        tokens = tinycss2.parse_component_value_list(text, skip_comments=True)
        scope.memo[key] = "; ".join(_declarations(tokens, scope))
    return scope.memo[key] or ""


def _split_selectors(prelude: list[Any]) -> list[list[Any]]:
    groups: list[list[Any]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            groups.append([])
        elif not isinstance(token, ast.Comment):
            groups[-1].append(token)
    return groups


def _names_the_page(tokens: Iterable[Any]) -> bool:
    for token in tokens:
        if isinstance(token, ast.IdentToken) and token.lower_value in PAGE_NAMES:
            return True
        if isinstance(token, ast.FunctionBlock) and (
                token.lower_name in PAGE_NAMES or _names_the_page(token.arguments)):
            return True
        blocks = (ast.SquareBracketsBlock, ast.ParenthesesBlock)
        if isinstance(token, blocks) and _names_the_page(token.content):
            return True
        if isinstance(token, (ast.URLToken, ast.CurlyBracketsBlock, ast.AtKeywordToken)):
            return True
        if isinstance(token, ast.LiteralToken) and token.value == "&":
            return True
    return False


def scope_selector(tokens: list[Any], scope: CssScope) -> str | None:
    """One selector prefixed with the figure id, ids scoped; None when it could reach outside."""
    while tokens and isinstance(tokens[0], ast.WhitespaceToken):
        tokens = tokens[1:]
    while tokens and isinstance(tokens[-1], ast.WhitespaceToken):
        tokens = tokens[:-1]
    if not tokens or _names_the_page(tokens):
        return None
    first = tokens[0]
    if isinstance(first, ast.LiteralToken) and first.value in COMBINATORS:
        return None
    rewritten = [
        ast.HashToken(t.source_line, t.source_column, f"{scope.scope}-{t.value}", True)
        if isinstance(t, ast.HashToken) else t
        for t in tokens
    ]
    body = tinycss2.serialize(rewritten)
    if isinstance(first, ast.IdentToken) and first.lower_value == "svg":
        return f"svg#{scope.scope}{body[3:]}"
    return f"#{scope.scope} {body}"


def _plain(tokens: Iterable[Any]) -> bool:
    """Only identifiers, numbers, punctuation and brackets: a media query, nothing that fetches."""
    for token in tokens:
        if isinstance(token, ast.ParenthesesBlock):
            if not _plain(token.content):
                return False
        elif not isinstance(token, (ast.WhitespaceToken, ast.IdentToken, ast.NumberToken, ast.DimensionToken,
                                    ast.PercentageToken, ast.LiteralToken)):
            return False
    return True


def _plain_sources(tokens: Iterable[Any]) -> bool:
    """A ``src`` descriptor of ``url()`` items with ``format()``/``tech()`` hints and nothing else."""
    for token in tokens:
        if _url_argument(token) is not None or isinstance(token, (ast.WhitespaceToken, ast.Comment)):
            continue
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            continue
        plain = (ast.StringToken, ast.IdentToken, ast.WhitespaceToken, ast.LiteralToken)
        if isinstance(token, ast.FunctionBlock) and token.lower_name in {"format", "tech", "local"} and all(
                isinstance(t, plain) for t in token.arguments):
            continue
        return False
    return True


def _font_face(rule: ast.AtRule, scope: CssScope) -> str | None:
    descriptors = {}
    for item in tinycss2.parse_blocks_contents(rule.content or [], skip_comments=True, skip_whitespace=True):
        if isinstance(item, ast.Declaration) and item.lower_name in FONT_DESCRIPTORS:
            descriptors[item.lower_name] = item.value
    families = _families(descriptors.get("font-family", []))
    family = families[0] if families else ""
    sources = descriptors.get("src", [])
    urls = [url for url in map(_url_argument, sources) if url is not None]
    if not family or not urls or not _plain_sources(sources):
        scope.remove("@font-face without a family or source")
        return None
    if not all(url.strip().lower().startswith(FONT_DATA_PREFIXES) for url in urls):
        if not scope.quiet_font(family):
            scope.remove(f"off-site font {family!r}")
        return None
    scoped = scope.fonts.setdefault(family.lower(), f"{scope.scope}-font-{len(scope.fonts) + 1}")
    parts = [f"font-family: {_quote(scoped)}"]
    for name, value in descriptors.items():
        if name == "src":
            src = [t for t in value if not (isinstance(t, ast.FunctionBlock) and t.lower_name == "local")]
            parts.append(f"src: {tinycss2.serialize(src).strip().strip(',')}")
        elif name != "font-family":
            cleaned = clean_value(value, scope, f"@font-face {name}")
            if cleaned is not None:
                parts.append(f"{name}: {tinycss2.serialize(cleaned).strip()}")
    return "@font-face { " + "; ".join(parts) + " }"


def _rules(rules: Iterable[Any], scope: CssScope) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [scope_selector(group, scope) for group in _split_selectors(rule.prelude)]
            if any(selector is None for selector in selectors):
                scope.remove(f"CSS rule for {_short(tinycss2.serialize(rule.prelude).strip())}")
            kept = [selector for selector in selectors if selector]
            declarations = _declarations(rule.content, scope)
            if kept and declarations:
                out.append(f"{', '.join(kept)} {{ {'; '.join(declarations)} }}")
        elif isinstance(rule, ast.AtRule):
            out.extend(_at_rule(rule, scope))
    return out


def _at_rule(rule: ast.AtRule, scope: CssScope) -> list[str]:
    keyword = rule.lower_at_keyword
    if keyword == "font-face":
        face = _font_face(rule, scope)
        return [face] if face else []
    if keyword == "media" and rule.content is not None:
        query = [t for t in rule.prelude if not isinstance(t, ast.Comment)]
        if not _plain(query):
            scope.remove(f"CSS @media {_short(tinycss2.serialize(query))}")
            return []
        inner = _rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                       scope)
        return [f"@media {tinycss2.serialize(query).strip()} {{ {' '.join(inner)} }}"] if inner else []
    if keyword == "import":
        text = tinycss2.serialize(rule.prelude).strip()
        if not scope.quiet_font(text):
            scope.remove(f"CSS @import {_short(text)}")
        return []
    scope.remove(f"CSS @{keyword}")
    return []


def clean_stylesheet(text: str, scope: CssScope) -> str:
    """A ``<style>`` element's text as scoped, allow-listed rules (one per line)."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    return "\n".join(_rules(rules, scope))
