"""Allow-list sanitizing of SVG markup for inline embedding (pure: no Sphinx).

Inline SVG shares the page's document: a script in it runs, a link or image in
it is fetched, its ``id`` attributes and ``<style>`` rules meet the page's. So
only the elements and attributes listed here survive, drawing-only and chosen
from what Excalidraw, draw.io, tldraw and Inkscape write; every id is prefixed
with the figure's own id (references follow), CSS goes through
``css_sanitizer``; everything else is dropped and named in ``scope.removed``,
except editor bookkeeping (Inkscape's namespaces, draw.io's ``content``,
``<metadata>``) which carries no drawing and is dropped quietly.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import tinycss2

from sphinx_notebook.diagram.css_sanitizer import (
    PROPERTIES,
    CssScope,
    clean_declaration,
    clean_style_attribute,
    clean_stylesheet,
    names,
)

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = names("""
svg g defs title desc symbol use switch a path rect circle ellipse line polyline polygon text tspan
textPath image style linearGradient radialGradient stop pattern clipPath mask marker filter
feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
feTurbulence
""")
"""Drawing elements only: no script, foreignObject, animation, feImage, view or cursor."""

ATTRIBUTES = names("""
id class style x y x1 y1 x2 y2 cx cy r rx ry width height d points viewBox preserveAspectRatio
transform pathLength dx dy rotate textLength lengthAdjust startOffset method spacing side
gradientUnits gradientTransform spreadMethod fx fy fr offset patternUnits patternContentUnits
patternTransform clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX
refY orient filterUnits primitiveUnits in in2 result mode type values tableValues slope intercept
amplitude exponent operator k1 k2 k3 k4 order kernelMatrix divisor bias targetX targetY edgeMode
kernelUnitLength preserveAlpha surfaceScale diffuseConstant specularConstant specularExponent
scale xChannelSelector yChannelSelector stdDeviation radius azimuth elevation z pointsAtX pointsAtY
pointsAtZ limitingConeAngle baseFrequency numOctaves seed stitchTiles href role aria-label
aria-hidden aria-labelledby aria-describedby lang version baseProfile systemLanguage
font-family
""") | PROPERTIES
"""Geometry, paint-server, filter-primitive and accessibility attributes, plus presentation ones."""

QUIET_ATTRIBUTES = frozenset({"content", "target", "requiredFeatures", "requiredExtensions", "data-name",
                              "enable-background", "xmlns", "overflow-x", "overflow-y"})
"""Editor bookkeeping dropped without a warning (draw.io's ``content`` holds its own XML)."""
QUIET_ELEMENTS = frozenset({"metadata"})
QUIET_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
})
IMAGE_DATA = re.compile(r"data:image/(png|jpeg|jpg|gif|webp|avif|svg\+xml)[;,]", re.IGNORECASE)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ID_LISTS = frozenset({"aria-labelledby", "aria-describedby"})
TEXT_ONLY = frozenset({"title", "desc", "style"})
NAME = re.compile(r"[\w.:-]+")
"""What ids and class names may hold: editors' ids (``id-3``, ``mxCell_7``), never URLs or markup."""
PLAIN = re.compile(r"[\w\s.,%+\-]*")
"""What geometry and other verbatim values may hold: numbers, words, lists; no URL, no function."""
TRANSFORM = re.compile(r"(\s*(matrix|translate|scale|rotate|skewX|skewY)\s*\([\d\s.,eE+\-]*\)\s*,?)*\s*")
TRANSFORMS = frozenset({"transform", "gradientTransform", "patternTransform"})
FREE_TEXT = frozenset({"aria-label", "role", "lang"})


class SvgError(ValueError):
    """The markup is not an SVG we can embed (the message says why)."""


def local_name(tag: str) -> tuple[str, str]:
    """``(namespace, local name)`` of an ElementTree tag or attribute name."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def parse_svg(text: str) -> ET.Element:
    """The ``<svg>`` root of the markup; DTDs with entities and other roots are refused."""
    if "<!ENTITY" in text or re.search(r"<!DOCTYPE[^>]*\[", text, re.IGNORECASE):
        raise SvgError("the SVG declares a DTD with entities; export it again without one")
    text = re.sub(r"<!DOCTYPE[^>\[]*>", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise SvgError(f"not well-formed XML ({error})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgError(f"the root element is <{local_name(root.tag)[1]}>, not an SVG <svg>")
    return root


def link_allowed(url: str) -> bool:
    """A link a reader may follow: http(s), mailto, or relative; never ``javascript:`` in disguise."""
    # The URL parser drops tabs and newlines anywhere and controls/spaces at the ends.
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c"
                                                  "\x1d\x1e\x1f\x20")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    if match:
        return match.group(1).lower() in LINK_SCHEMES
    return not re.match(r"[^/?#]*:", cleaned) and not any(ord(ch) < 32 for ch in cleaned)


def _reference(value: str, scope: CssScope) -> str | None:
    value = value.strip()
    if NAME.fullmatch(value[1:]) and value.startswith("#"):
        return f"#{scope.scope}-{value[1:]}"
    return None


def _href(element: str, value: str, scope: CssScope) -> str | None:
    if element == "a":
        return value if link_allowed(value) else None
    if element == "image" and IMAGE_DATA.match(value.strip()):
        return value.strip()
    return _reference(value, scope)


def _presentation(name: str, value: str, scope: CssScope) -> str | None:
    key = (name, value)
    if key not in scope.memo:
        tokens = tinycss2.parse_component_value_list(value, skip_comments=True)
        declaration = clean_declaration(name, tokens, scope)
        scope.memo[key] = declaration.split(": ", 1)[1] if declaration else None
    return scope.memo[key]


def _clean_attributes(element: ET.Element, name: str, scope: CssScope, root: bool) -> None:
    for key in list(element.attrib):
        namespace, attribute = local_name(key)
        value = element.attrib.pop(key)
        if namespace == XML_NS and attribute in {"space", "lang"}:
            element.set(key, value)
            continue
        if namespace == XLINK_NS and attribute == "href":
            attribute, namespace = "href", ""
            if "href" in element.attrib:
                continue  # SVG 2's plain href wins over xlink:href, as in browsers
        if namespace:
            if namespace not in QUIET_NAMESPACES:
                scope.remove(f"attribute {attribute}")
            continue
        new: str | None
        if attribute.lower().startswith("on"):
            scope.remove(f"{attribute} attribute")
            continue
        if attribute not in ATTRIBUTES or (root and attribute in {"transform", "x", "y"}):
            if attribute not in QUIET_ATTRIBUTES and not attribute.startswith("data-"):
                scope.remove(f"attribute {attribute}")
            continue
        if attribute in {"id", "class"} and not all(NAME.fullmatch(part) for part in value.split()):
            scope.remove(f"attribute {attribute}={value.strip()[:30]!r}")
            continue
        if attribute == "id":
            new = f"{scope.scope}-{value.strip()}" if value.strip() else None
        elif attribute == "href":
            new = _href(name, value, scope)
            if new is None:
                scope.remove(f"link to {value.strip()[:40]}" if name == "a" else
                             f"<{name}> reference to {value.strip()[:40]}")
        elif attribute == "style":
            new = clean_style_attribute(value, scope) or None
        elif attribute in ID_LISTS:
            new = " ".join(f"{scope.scope}-{part}" for part in value.split() if NAME.fullmatch(part)) or None
        elif attribute in PROPERTIES:
            new = _presentation(attribute, value, scope)
        elif attribute in FREE_TEXT or PLAIN.fullmatch(value) or (
                attribute in TRANSFORMS and TRANSFORM.fullmatch(value)):
            new = value
        else:
            scope.remove(f"attribute {attribute}={value.strip()[:30]!r}")
            new = None
        if new is not None:
            element.set(attribute, new)


def _flatten(element: ET.Element) -> None:
    """Only text in ``title``, ``desc`` and ``style`` (HTML parses their markup differently)."""
    element.text = "".join(element.itertext())
    for child in list(element):
        element.remove(child)


def _remove_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    """Drop ``child`` but keep the text that followed it (``<text>a<bad/>b</text>`` keeps "ab")."""
    if child.tail:
        index = list(parent).index(child)
        if index == 0:
            parent.text = (parent.text or "") + child.tail
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
    parent.remove(child)


def _clean_children(element: ET.Element, scope: CssScope) -> None:
    name = local_name(element.tag)[1]
    siblings = [local_name(child.tag) for child in element if isinstance(child.tag, str)]
    for child in list(element):
        if not isinstance(child.tag, str):
            _remove_keeping_tail(element, child)  # a comment or processing instruction
            continue
        namespace, local = local_name(child.tag)
        if namespace != SVG_NS or local not in ELEMENTS:
            quiet = (namespace in QUIET_NAMESPACES or local in QUIET_ELEMENTS
                     # draw.io: HTML labels in a <switch> whose <text> fallback then shows
                     or (name == "switch" and local == "foreignObject" and len(siblings) > 1))
            if not quiet:
                scope.remove(f"<{local}>")
            _remove_keeping_tail(element, child)
            continue
        clean_element(child, scope)


def clean_element(element: ET.Element, scope: CssScope, root: bool = False) -> None:
    """Sanitize ``element`` and its subtree in place."""
    name = local_name(element.tag)[1]
    if name in TEXT_ONLY:
        _flatten(element)
    if name == "style":
        element.attrib.clear()
        return
    _clean_attributes(element, name, scope, root)
    _clean_children(element, scope)


def clean_tree(root: ET.Element, scope: CssScope) -> None:
    """Sanitize a parsed ``<svg>``; its styles first, so embedded fonts are known to the text."""
    for style in root.iter(f"{{{SVG_NS}}}style"):
        _flatten(style)
        style.text = clean_stylesheet(style.text or "", scope)
    clean_element(root, scope, root=True)
    for parent in root.iter():
        for style in parent.findall(f"{{{SVG_NS}}}style"):
            if not (style.text or "").strip():
                _remove_keeping_tail(parent, style)
    root.set("id", scope.scope)


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def serialize(element: ET.Element, top: bool = True) -> str:
    """SVG markup without namespace prefixes (every element left is in the SVG namespace)."""
    name = local_name(element.tag)[1]
    attributes = f' xmlns="{SVG_NS}"' if top else ""
    for key, value in element.attrib.items():
        namespace, attribute = local_name(key)
        attributes += f' {"xml:" if namespace == XML_NS else ""}{attribute}="{_escape(value, quote=True)}"'
    inner = _escape(element.text or "") + "".join(
        serialize(child, top=False) + _escape(child.tail or "") for child in element
    )
    return f"<{name}{attributes}>{inner}</{name}>"
