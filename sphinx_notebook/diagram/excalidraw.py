"""Make an exported Excalidraw SVG safe and self-contained for inline embedding.

Inline SVG shares the page's document, so anything active in it would run on
the page: scripts, ``on*`` handlers, ``foreignObject`` HTML, links and images
from other sites, CSS that fetches URLs. ``sanitize`` keeps the drawing and
drops the rest; off-site ``@font-face`` rules for Excalidraw's hand-written
fonts are pointed at the vendored font instead (``FONT_TOKEN`` stands for its
URL, which depends on the page and is filled in when the page is written).
A dark-mode export carries an ``invert`` filter; it is removed so the drawing
is stored in its light colours and the theme CSS applies the filter in dark
mode only (class ``nb-excalidraw``). Pure Python, no Sphinx.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FONT_TOKEN = "nb-vendored-hand-font"
CSS_CLASS = "nb-excalidraw"
HAND_FAMILIES = ("virgil", "excalifont", "xiaolai", "architects daughter")
DROPPED_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "handler", "listener",
                "set", "animate", "animateMotion", "animateTransform", "metadata"}
UNSAFE_TAGS = DROPPED_TAGS - {"metadata"}
LINK_ATTRIBUTES = ("href", f"{{{XLINK_NS}}}href")

_FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}", re.IGNORECASE)
_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)
_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
_ACTIVE_CSS = re.compile(r"expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.IGNORECASE)
_DTD = re.compile(r"<!DOCTYPE[^>\[]*>", re.IGNORECASE)


class ExcalidrawError(ValueError):
    """The file is not an SVG we can embed (the message says why)."""


@dataclass
class Sanitized:
    """The cleaned SVG markup and what unsafe content was taken out."""

    svg: str
    removed: list[str] = field(default_factory=list)
    dark_export: bool = False


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _safe_url(url: str) -> bool:
    url = url.strip()
    return url.startswith("#") or url.lower().startswith("data:image/") or url == FONT_TOKEN


def _clean_font_face(rule: str, removed: list[str]) -> str:
    urls = [match.group(2) for match in _URL.finditer(rule)]
    if all(url.lower().startswith("data:font/") or url.lower().startswith("data:application/")
           for url in urls):
        return rule  # an embedded font is self-contained
    family = _FAMILY.search(rule)
    name = family.group(1).strip().strip("'\"") if family else ""
    if name.lower() in HAND_FAMILIES:
        return f'@font-face {{ font-family: "{name}"; src: url("{FONT_TOKEN}") format("woff2"); ' \
               "font-display: swap; }"
    # Another off-site font (a code or sans face): drop it, the family falls back.
    return ""


def clean_css(css: str, removed: list[str]) -> str:
    """Remove fetching and active CSS, redirecting Excalidraw's hand fonts to the vendored one."""
    css = _FONT_FACE.sub(lambda match: _clean_font_face(match.group(0), removed), css)
    if _IMPORT.search(css):
        removed.append("CSS @import")
        css = _IMPORT.sub("", css)

    def url(match: re.Match[str]) -> str:
        if _safe_url(match.group(2)) or match.group(2).lower().startswith("data:font/"):
            return match.group(0)
        removed.append(f"CSS url({match.group(2)[:40]})")
        return "none"

    css = _URL.sub(url, css)
    if _ACTIVE_CSS.search(css):
        removed.append("active CSS")
        css = _ACTIVE_CSS.sub("", css)
    return css


def _clean_attributes(element: ET.Element, removed: list[str]) -> None:
    for name in list(element.attrib):
        namespace, local = _local(name)
        value = element.attrib[name]
        if local.lower().startswith("on"):
            removed.append(f"{local} attribute")
            del element.attrib[name]
        elif name in LINK_ATTRIBUTES:
            del element.attrib[name]
            if _safe_url(value):
                element.set("href", value)  # SVG 2 spelling; no xlink prefix needed
            else:
                removed.append(f"link to {value[:40]}")
        elif namespace and namespace != XML_NS:
            del element.attrib[name]
        elif local == "style" or "url(" in value.lower():
            element.set(name, clean_css(value, removed))


def _clean_tree(element: ET.Element, removed: list[str]) -> None:
    for child in list(element):
        namespace, local = _local(child.tag) if isinstance(child.tag, str) else ("", "")
        if namespace != SVG_NS or local in DROPPED_TAGS:
            if local in UNSAFE_TAGS or namespace != SVG_NS:
                removed.append(f"<{local or 'comment'}>")
            element.remove(child)
            continue
        _clean_attributes(child, removed)
        if local == "style":
            # Excalidraw writes <style class="style-fonts">; HTML allows no
            # class on <style>, and nothing selects it.
            child.attrib.pop("class", None)
            if child.text:
                child.text = clean_css(child.text, removed)
        if local == "a":
            child.attrib.pop("target", None)
        _clean_tree(child, removed)


def _undo_dark_filter(root: ET.Element) -> bool:
    """Remove the invert filter of a dark-mode export; True when there was one."""
    dark = "invert(" in root.get("filter", "")
    if dark:
        del root.attrib["filter"]
    style = root.get("style", "")
    if "invert(" in style:
        dark = True
        kept = [d for d in style.split(";") if not d.strip().lower().startswith("filter")]
        root.set("style", ";".join(kept).strip())
    return dark


def sanitize(data: bytes | str, *, alt: str | None = None) -> Sanitized:
    """Parse an exported SVG and return safe inline markup (raises ExcalidrawError)."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    if "<!ENTITY" in text or re.search(r"<!DOCTYPE[^>]*\[", text, re.IGNORECASE):
        raise ExcalidrawError("the SVG declares a DTD with entities; export it again without one")
    text = _DTD.sub("", text)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise ExcalidrawError(f"not well-formed XML ({error})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ExcalidrawError(f"the root element is <{_local(root.tag)[1]}>, not an SVG <svg>")
    removed: list[str] = []
    _clean_attributes(root, removed)
    _clean_tree(root, removed)
    dark = _undo_dark_filter(root)
    classes = root.get("class", "").split()
    root.set("class", " ".join([*classes, CSS_CLASS]) if CSS_CLASS not in classes else " ".join(classes))
    if alt:
        root.set("role", "img")
        title = ET.Element(f"{{{SVG_NS}}}title")
        title.text = alt
        root.insert(0, title)
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element.tag)[1] == "text":
            _point_family_at_hand_font(element)
    return Sanitized(serialize(root), removed, dark)


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def serialize(element: ET.Element, top: bool = True) -> str:
    """SVG markup without namespace prefixes (every element here is in the SVG namespace)."""
    name = _local(element.tag)[1]
    attributes = ' xmlns="http://www.w3.org/2000/svg"' if top else ""
    for key, value in element.attrib.items():
        namespace, local = _local(key)
        attributes += f' {"xml:" if namespace == XML_NS else ""}{local}="{_escape(value, quote=True)}"'
    inner = _escape(element.text or "") + "".join(
        serialize(child, top=False) + _escape(child.tail or "") for child in element
    )
    return f"<{name}{attributes}>{inner}</{name}>"


def _point_family_at_hand_font(element: ET.Element) -> None:
    """Put the vendored family first where a hand family is named, for text set in it."""
    family = element.get("font-family")
    if family and any(hand in family.lower() for hand in HAND_FAMILIES) and "nb-hand" not in family:
        element.set("font-family", f"{family}, nb-hand, cursive")


def with_font_url(svg: str, url: str) -> str:
    """Fill the page-relative URL of the vendored font into sanitized markup."""
    return svg.replace(FONT_TOKEN, url)
