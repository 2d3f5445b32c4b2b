"""Clean a post's HTML for a feed entry (pure: no Sphinx imports).

Feed readers show an entry away from the site: no stylesheet, no script and
no base URL. So every relative ``href``/``src`` becomes absolute against the
post's own URL, scripts and permalink anchors go, and KaTeX's HTML rendering
goes while its MathML stays.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

# A start tag, with quoted attribute values that may hold ">".
_TAG = re.compile(r"<[a-zA-Z][^<>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^<>\"']*)*/?>")
_URL_ATTR = re.compile(
    r"""(?P<lead>\s(?:href|src|xlink:href|poster|data|action|cite|background)\s*=\s*)"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""",
    re.IGNORECASE,
)
_SRCSET = re.compile(r"""(?P<lead>\ssrcset\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", re.IGNORECASE)
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TEX_LEFTOVER = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")


def absolute_url(url: str, base: str) -> str:
    """``url`` made absolute against ``base``; absolute URLs and ``mailto:`` are kept."""
    url = url.strip()
    if _ABSOLUTE.match(url):
        return url
    return urljoin(base, url)


def absolutize(markup: str, base: str) -> str:
    """Rewrite every relative URL attribute in the start tags of ``markup``."""

    def fix_attribute(match: re.Match[str]) -> str:
        value = match.group("dq") if match.group("dq") is not None else match.group("sq")
        return f'{match.group("lead")}"{absolute_url(value, base)}"'

    def fix_srcset(match: re.Match[str]) -> str:
        value = match.group("dq") if match.group("dq") is not None else match.group("sq")
        parts = []
        for candidate in value.split(","):
            pieces = candidate.strip().split(None, 1)
            if pieces:
                pieces[0] = absolute_url(pieces[0], base)
                parts.append(" ".join(pieces))
        return f'{match.group("lead")}"{", ".join(parts)}"'

    def fix_tag(match: re.Match[str]) -> str:
        tag = _URL_ATTR.sub(fix_attribute, match.group())
        return _SRCSET.sub(fix_srcset, tag)

    return _TAG.sub(fix_tag, markup)


def _matching_end(markup: str, start: int, name: str) -> int | None:
    """Index just past the end tag closing the ``<name`` element opened at ``start``."""
    pattern = re.compile(rf"<{name}\b|</{name}\s*>", re.IGNORECASE)
    depth = 0
    for tag in pattern.finditer(markup, start):
        depth += -1 if tag.group().startswith("</") else 1
        if depth == 0:
            return tag.end()
    return None


def drop_katex_html(markup: str) -> str:
    """Remove KaTeX's visual rendering (``span.katex-html``), keeping its MathML twin."""
    pieces = []
    position = 0
    for match in re.finditer(r'<span class="katex-html"[^>]*>', markup):
        if match.start() < position:
            continue
        end = _matching_end(markup, match.start(), "span")
        if end is None:
            break
        pieces.append(markup[position : match.start()])
        position = end
    pieces.append(markup[position:])
    return "".join(pieces)


def clean_entry_html(markup: str, base: str) -> str:
    """Feed-ready HTML: absolute links, no scripts or permalinks, MathML-only math."""
    markup = _SCRIPT.sub("", markup)
    markup = _HEADERLINK.sub("", markup)
    markup = drop_katex_html(markup)
    markup = _CONTROL.sub("", markup)
    return absolutize(markup, base).strip()


def has_raw_tex(markup: str) -> bool:
    """True when TeX delimiters survived outside MathML (used by tests and checks)."""
    outside = re.sub(r"<math\b.*?</math>", "", markup, flags=re.DOTALL)
    outside = re.sub(r"<annotation\b.*?</annotation>", "", outside, flags=re.DOTALL)
    return bool(_TEX_LEFTOVER.search(outside))
