"""Public rendering interface of the diagram DSL (pure: no Sphinx imports).

``render_svg`` and ``render_tikz`` take an already validated v1 diagram dict and
return the finished SVG element or TikZ picture. Bump ``RENDERER_VERSION``
whenever the output for the same input changes, so cached renderings expire.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sphinx_notebook.diagram import strokes, svg, tikz
from sphinx_notebook.diagram.layout import layout

RENDERER_VERSION = "7"


def _seed(spec: dict[str, Any], seed: Any) -> int:
    for candidate in (seed, spec.get("seed"), 1):
        if isinstance(candidate, int) and not isinstance(candidate, bool):
            return candidate
    return 1


def _describe(spec: dict[str, Any]) -> str:
    """A plain description when the writer gave no alt text."""
    names = []
    for block in spec.get("blocks") or []:
        if isinstance(block, dict):
            name = block.get("label") or block.get("text") or block.get("id")
            if isinstance(name, str) and name:
                names.append(name)
    return "Diagram of " + ", ".join(names) + "." if names else "Diagram."


def _pick(value: str | None, spec: dict[str, Any], key: str, default: str) -> str:
    for candidate in (value, spec.get(key)):
        if isinstance(candidate, str) and candidate.strip():
            return candidate
    return default


def render_svg(spec: dict[str, Any], *, seed: int, roughness: float, title: str | None = None,
               alt: str | None = None) -> str:
    """The diagram as one ``<svg role="img">`` with ``<title>`` and ``<desc>``.

    ``roughness`` is the base rough.js roughness; ``spec["rough"]`` overrides it.
    Element ids get a prefix hashed from the input, so two different diagrams on
    a page never clash.
    """
    seed = _seed(spec, seed)
    scene = layout(spec)
    drawn = strokes.draw(scene.shapes, seed, strokes.rough_options(spec, roughness))
    title_text = _pick(title, spec, "title", "Diagram")
    desc_text = _pick(alt, spec, "alt", _describe(spec))
    digest = hashlib.sha1(
        json.dumps([spec, seed, roughness, title_text, desc_text], sort_keys=True, default=str).encode()
    ).hexdigest()[:10]
    return svg.assemble(scene, drawn, title=title_text, desc=desc_text, id_prefix=f"nbd-{digest}")


def render_tikz(spec: dict[str, Any], *, seed: int, roughness: float) -> str:
    """The diagram as a ``tikzpicture`` (needs only the tikz package)."""
    seed = _seed(spec, seed)
    scene = layout(spec)
    drawn = strokes.draw(scene.shapes, seed, strokes.rough_options(spec, roughness))
    return tikz.picture(scene, drawn)
