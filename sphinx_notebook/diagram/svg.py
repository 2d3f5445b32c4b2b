"""Serialise a drawn scene as one self-contained, accessible SVG element.

Colours are CSS custom properties (with plain fallbacks as presentation
attributes, for feed readers that drop ``style``) so the page's light and dark
themes restyle the diagram; text stays real ``<text>`` in the hand-written font.
No scripts, no external references, and the same input gives the same bytes.
"""

from __future__ import annotations

import re

from sphinx_notebook.diagram.fontmetrics import baseline_offset, line_height
from sphinx_notebook.diagram.model import Label, Scene
from sphinx_notebook.diagram.strokes import Stroke

SVG_NS = "http://www.w3.org/2000/svg"
PALETTE: dict[str, tuple[str, str]] = {
    "ink": ("--nb-diagram-ink", "#1e1e1e"),
    "muted": ("--nb-diagram-muted", "#868e96"),
    "paper": ("--nb-diagram-paper", "transparent"),
    "yellow": ("--nb-hl-yellow", "#f0b429"),
    "blue": ("--nb-hl-blue", "#4dabf7"),
    "green": ("--nb-hl-green", "#40c057"),
    "red": ("--nb-hl-red", "#e03131"),
}
FONT_FALLBACK = "Architects Daughter, Comic Sans MS, cursive"
FONT_CSS = "var(--nb-diagram-font, 'Architects Daughter', 'Comic Sans MS', cursive)"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe inside XML content and double- or single-quoted attributes."""
    text = _NOT_XML.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def num(value: float) -> str:
    """A coordinate with at most 2 decimals and no negative zero."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _paint(prop: str, token: str) -> tuple[str, str]:
    """(presentation attribute, style declaration) for ``stroke`` or ``fill``."""
    if token not in PALETTE:
        return f'{prop}="none"', ""
    var, fallback = PALETTE[token]
    return f'{prop}="{fallback}"', f"{prop}:var({var}, {fallback})"


def _group_open(stroke: Stroke) -> str:
    attrs, styles = [], []
    for prop, token in (("stroke", stroke.stroke), ("fill", stroke.fill)):
        attr, style = _paint(prop, token)
        attrs.append(attr)
        if style:
            styles.append(style)
    if stroke.stroke in PALETTE:
        attrs.append(f'stroke-width="{num(stroke.width)}"')
    if stroke.dashed:
        attrs.append('stroke-dasharray="7 6"')
    if stroke.faded:
        attrs.append('opacity="0.4"')
    style = f' style="{";".join(styles)}"' if styles else ""
    return f"<g {' '.join(attrs)}{style}>"


def _paths(strokes: list[list[Stroke]]) -> list[str]:
    """Paths grouped in runs of the same paint, keeping the drawing order."""
    out: list[str] = []
    current = ""
    for shape_paths in strokes:
        for stroke in shape_paths:
            head = _group_open(stroke)
            if head != current:
                if current:
                    out.append("</g>")
                out.append(head)
                current = head
            out.append(f'<path d="{escape(stroke.d)}"/>')
    if current:
        out.append("</g>")
    return out


def _dy(index: int, step: float) -> str:
    return f' dy="{num(step)}"' if index else ""


def _text(label: Label) -> str:
    lines = label.lines
    step = line_height(label.size)
    first = label.y - step * (len(lines) - 1) / 2 + baseline_offset(label.size)
    attrs = [f'x="{num(label.x)}"', f'y="{num(first)}"', f'font-size="{num(label.size)}"']
    if label.anchor != "start":
        attrs.append(f'text-anchor="{"end" if label.anchor == "end" else "middle"}"')
    if label.bold:
        attrs.append('font-weight="bold"')
    if label.tone != "ink" and label.tone in PALETTE:
        attr, style = _paint("fill", label.tone)
        attrs.append(f'{attr} style="{style}"')
    if label.faded:
        attrs.append('opacity="0.4"')
    if len(lines) == 1:
        return f"<text {' '.join(attrs)}>{escape(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{num(label.x)}"{_dy(i, step)}>{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f"<text {' '.join(attrs)}>{spans}</text>"


def assemble(scene: Scene, strokes: list[list[Stroke]], *, title: str, desc: str, id_prefix: str) -> str:
    """The complete ``<svg>`` element for a scene and its rough strokes."""
    box = scene.bounds
    view = f"{num(box.x)} {num(box.y)} {num(box.w)} {num(box.h)}"
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    ink_attr, ink_style = _paint("fill", "ink")
    _, paper_style = _paint("fill", "paper")
    paper_attr = 'fill="none"'  # "transparent" is not an SVG 1.1 paint; older renderers reject it
    parts = [
        f'<svg xmlns="{SVG_NS}" viewBox="{view}" width="{num(box.w)}" height="{num(box.h)}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="nb-diagram-svg">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<rect x="{num(box.x)}" y="{num(box.y)}" width="{num(box.w)}" height="{num(box.h)}" '
        f'{paper_attr} style="{paper_style}"/>',
        '<g stroke-linecap="round" stroke-linejoin="round">',
        *_paths(strokes),
        "</g>",
        f'<g font-family="{FONT_FALLBACK}" {ink_attr} style="font-family:{FONT_CSS};{ink_style}">',
        *(_text(label) for label in scene.labels),
        "</g>",
        "</svg>",
    ]
    return "".join(parts)
