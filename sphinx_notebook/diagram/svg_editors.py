"""What editors' SVG exports need beyond sanitizing: fonts and dark mode (pure: no Sphinx).

Excalidraw, draw.io (sketch style), tldraw and Inkscape drawings set their text
in hand-written faces loaded from the editor's site or Google Fonts. Off-site
faces are dropped by the sanitizer; the families listed in ``HAND_FAMILIES``
then get the vendored hand font (``nb-hand``, declared by the diagram CSS) in
front, and the editors' other faces fall back quietly. Fonts embedded as
``data:`` URLs are kept, under a name scoped to the figure.

Dark mode: an Excalidraw dark export carries an ``invert`` filter on its root;
it is removed, so every drawing is stored in light colours and the theme
inverts it in dark mode (class ``nb-excalidraw``). A drawing whose colours
already adapt (draw.io's ``light-dark()``) is left to the page's
``color-scheme`` instead, and one drawn in dark colours (tldraw's dark
export) is shown as drawn in both modes.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from sphinx_notebook.diagram.css_sanitizer import CssScope
from sphinx_notebook.diagram.svg_sanitizer import SVG_NS, SvgError, clean_tree, parse_svg, serialize

CSS_CLASS = "nb-excalidraw"
HAND_FONT = "nb-hand"
HAND_FAMILIES = frozenset({
    "virgil", "excalifont", "xiaolai",              # Excalidraw
    "architects daughter",                          # draw.io "sketch" style (our vendored face)
    "tldraw_draw", "shantell sans",                 # tldraw's "draw" font
    "comic sans ms", "comic neue", "segoe print",   # hand-lettering picked in Inkscape
})
EDITOR_FAMILIES = frozenset({
    "cascadia", "assistant", "comic shanns", "liberation sans", "lilita one", "nunito",  # Excalidraw
    "helvetica", "verdana", "courier new", "garamond", "roboto",                        # draw.io
    "tldraw_sans", "tldraw_serif", "tldraw_mono", "ibm plex sans", "ibm plex serif",    # tldraw
    "ibm plex mono", "inter", "sans-serif", "serif", "monospace",
})
FONT_HOSTS = ("fonts.googleapis.com", "excalidraw.com", "unpkg.com/@tldraw", "cdn.tldraw.com")


class EmbedError(SvgError):
    """The SVG cannot be embedded (not SVG, not well-formed, a DTD with entities, too deep)."""


@dataclass
class Embedded:
    """Sanitized markup for one figure, what was removed, and whether it came as a dark export."""

    svg: str
    removed: list[str] = field(default_factory=list)
    dark_export: bool = False


def scope_id(*parts: str) -> str:
    """A stable, page-unique id for one figure from where it is and what it holds."""
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"nbs-{digest[:10]}"


def hand_font_for(family: str) -> str | None:
    """``nb-hand`` for a hand-written family an editor uses, else None."""
    return HAND_FONT if family.strip().lower() in HAND_FAMILIES else None


def quiet_font(text: str) -> bool:
    """An off-site face or font stylesheet of a known editor: replaced or falling back, no warning."""
    lowered = text.lower()
    if lowered in HAND_FAMILIES or lowered in EDITOR_FAMILIES:
        return True
    return any(host in lowered for host in FONT_HOSTS) and (
        "family=" in lowered or "/fonts" in lowered or ".woff" in lowered
    )


def _undo_dark_filter(root: ET.Element) -> bool:
    """Remove the invert filter of an Excalidraw dark export; True when there was one."""
    dark = "invert(" in root.get("filter", "")
    if dark:
        del root.attrib["filter"]
    style = root.get("style", "")
    if "invert(" in style:
        dark = True
        kept = [d for d in style.split(";") if not d.strip().lower().startswith("filter")]
        root.set("style", ";".join(kept).strip())
    return dark


def _drop_fixed_background(root: ET.Element) -> None:
    """A fixed background behind colours that adapt would hide them in dark mode: drop it."""
    kept = [d for d in root.get("style", "").split("; ")
            if d and not (d.startswith("background-color:") and "light-dark(" not in d)]
    if kept:
        root.set("style", "; ".join(kept))
    else:
        root.attrib.pop("style", None)


def embed(data: bytes | str, *, scope: str, alt: str | None = None) -> Embedded:
    """Sanitize an exported SVG for inline use as figure ``scope`` (raises ``EmbedError``)."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    try:
        root = parse_svg(text.lstrip("\ufeff"))
    except SvgError as error:
        raise EmbedError(str(error)) from None
    dark = _undo_dark_filter(root)
    # tldraw's dark export is drawn in dark colours, with no filter to undo: left as drawn.
    drawn_dark = root.get("data-color-mode") == "dark"
    css = CssScope(scope, map_family=hand_font_for, quiet_font=quiet_font)
    try:
        clean_tree(root, css)
        adaptive = "light-dark(" in serialize(root)
    except RecursionError:
        raise EmbedError("the SVG is nested too deeply to embed") from None
    if adaptive:
        _drop_fixed_background(root)
    classes = root.get("class", "").split()
    if not adaptive and not drawn_dark and CSS_CLASS not in classes:
        classes.append(CSS_CLASS)
    if classes:
        root.set("class", " ".join(classes))
    if alt:
        # A drawing with links cannot be one image (links would be nested in it): a named group.
        linked = any(a.get("href") for a in root.iter(f"{{{SVG_NS}}}a"))
        root.set("role", "group" if linked else "img")
        if linked:
            root.set("aria-label", alt)
        for old in root.findall(f"{{{SVG_NS}}}title"):
            root.remove(old)
        title = ET.Element(f"{{{SVG_NS}}}title")
        title.text = alt
        root.insert(0, title)
    return Embedded(serialize(root), css.removed, dark)
