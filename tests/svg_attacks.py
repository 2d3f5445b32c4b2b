"""The SVG attack corpus (tests/data/svg-attacks.txt) and the checks every sanitized output must pass."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from sphinx_notebook.diagram.svg_editors import EmbedError, embed
from sphinx_notebook.diagram.svg_sanitizer import ELEMENTS, SVG_NS, local_name

CORPUS = Path(__file__).parent / "data" / "svg-attacks.txt"
SOURCES = {"dompurify", "owasp-xss", "portswigger", "css-exfil", "issue-13", "own"}
WRAP = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="200" height="80">{body}<rect width="20" height="20" fill="#3a7"/></svg>')
SCOPE = "nbs-corpus"


@dataclass(frozen=True)
class Vector:
    name: str
    source: str
    markup: str


def load_vectors() -> list[Vector]:
    vectors = []
    for block in CORPUS.read_text(encoding="utf-8").split("\n## ")[1:]:
        header, _, body = block.partition("\n")
        name, _, source = header.partition("|")
        body = body.strip()
        if not body.startswith(("<svg", "<!DOCTYPE")):
            body = WRAP.format(body=body)
        vectors.append(Vector(name.strip(), source.strip(), body))
    return vectors


def sanitized(markup: str, scope: str = SCOPE) -> str | None:
    """The embeddable markup, or None when the sanitizer refuses the file."""
    try:
        return embed(markup, scope=scope).svg
    except EmbedError:
        return None


def _selectors_scoped(css: str, scope: str) -> list[str]:
    """Selectors in a cleaned stylesheet that are not inside the figure (should be none)."""
    bad = []
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    while rules:
        rule = rules.pop()
        if isinstance(rule, tinycss2.ast.AtRule):
            if rule.lower_at_keyword == "media" and rule.content:
                rules.extend(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
            elif rule.lower_at_keyword != "font-face":
                bad.append(f"@{rule.lower_at_keyword}")
            continue
        if isinstance(rule, tinycss2.ast.QualifiedRule):
            selectors: list[list[object]] = [[]]
            for token in rule.prelude:
                if isinstance(token, tinycss2.ast.LiteralToken) and token.value == ",":
                    selectors.append([])
                else:
                    selectors[-1].append(token)
            for selector in map(tinycss2.serialize, selectors):
                if not re.match(rf"\s*(svg)?#{scope}(\s|$|[.#:\[>+~])", selector):
                    bad.append(selector)
        else:
            bad.append(repr(rule))
    return bad


def problems(svg: str, scope: str = SCOPE) -> list[str]:
    """What is wrong with sanitized markup: nothing, for a correct sanitizer."""
    found = []
    root = ET.fromstring(svg)
    # Text is escaped and shown as text; attributes and style sheets are where markup acts.
    # Followed links and images drawn as images (no scripts, no fetches) are checked in the browser.
    def checked(element: ET.Element, key: str, value: str) -> bool:
        return not (key == "href" and (local_name(element.tag)[1] == "a" or value.startswith("data:image/")))

    active = " ".join([*(v for e in root.iter() for k, v in e.attrib.items() if checked(e, k, v)),
                       *(e.text or "" for e in root.iter(f"{{{SVG_NS}}}style"))]).lower()
    for needle in ("evil.example", "javascript:", "vbscript:", "alert(", "@import", "expression(",
                   "image-set(", "data:text"):
        if needle in active:
            found.append(f"contains {needle}")
    for element in root.iter():
        namespace, name = local_name(element.tag)
        if namespace != SVG_NS or name not in ELEMENTS:
            found.append(f"element {name}")
        for key, value in element.attrib.items():
            attribute = local_name(key)[1]
            if attribute.lower().startswith("on"):
                found.append(f"attribute {attribute}")
            if attribute == "id" and not value.startswith(scope):
                found.append(f"unscoped id {value}")
            text_like = attribute in {"class", "aria-label", "lang"} or (attribute == "href" and name == "a")
            for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", value, flags=re.IGNORECASE):
                if not text_like and not url.startswith(f"#{scope}-"):
                    found.append(f"url({url}) in {attribute}")
            if attribute == "href" and name == "a" and re.match(r"\s*[a-z]+:", value, flags=re.IGNORECASE) \
                    and not re.match(r"\s*(https?|mailto):", value, flags=re.IGNORECASE):
                found.append(f"link {value[:30]}")
            if attribute == "href" and name != "a" and not (
                value.startswith(f"#{scope}-") or re.match(r"data:image/", value)
            ):
                found.append(f"{name} href {value[:30]}")
        if name == "style":
            found.extend(f"unscoped CSS {s}" for s in _selectors_scoped(element.text or "", scope))
            for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", element.text or "", flags=re.IGNORECASE):
                if not url.startswith((f"#{scope}-", "data:font/", "data:application/")):
                    found.append(f"url({url[:30]}) in <style>")
    return found
