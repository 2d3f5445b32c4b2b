"""Size limits for diagrams, checked before anything is drawn (pure: no Sphinx).

A diagram past these sizes is not a picture a reader can take in, and drawing
it would take the JS engine minutes or its memory; so the writer gets a
warning at the line saying which limit was passed, not an engine error.
"""

from __future__ import annotations

from typing import Any

MAX_JSON_BYTES = 512 * 1024
"""A diagram's JSON (body or file), in UTF-8 bytes."""
MAX_SVG_BYTES = 4 * 1024 * 1024
"""An embedded SVG export (editors inline fonts and images, so this is generous)."""
MAX_BLOCKS = 200
"""Top-level blocks of one diagram."""
MAX_CELLS = 4000
"""Cells, frames, nodes, rows and other items of all blocks together."""


def _size(count: int) -> str:
    return f"{count:,}"


def json_problem(text: str) -> str | None:
    """Why the JSON text is too big to draw, or None."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_JSON_BYTES:
        return (f"the diagram's JSON is {_size(size)} bytes, over the limit of {_size(MAX_JSON_BYTES)}: "
                "split it into several diagrams")
    return None


def svg_problem(data: bytes | str) -> str | None:
    """Why the SVG is too big to embed, or None."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_SVG_BYTES:
        return (f"the SVG is {_size(size)} bytes, over the limit of {_size(MAX_SVG_BYTES)}: export it "
                "without embedded images or fonts, or simplify the drawing")
    return None


def count_items(value: Any) -> int:
    """Every list item inside the blocks, at any depth: cells, frames and their cells, rows, nodes."""
    if isinstance(value, dict):
        return sum(count_items(item) for item in value.values())
    if isinstance(value, list):
        return len(value) + sum(count_items(item) for item in value)
    return 0


def spec_problem(spec: dict[str, Any]) -> str | None:
    """Why a parsed diagram has too many blocks or cells, or None."""
    blocks = spec.get("blocks")
    if not isinstance(blocks, list):
        return None
    if len(blocks) > MAX_BLOCKS:
        return (f"the diagram has {_size(len(blocks))} blocks, over the limit of {_size(MAX_BLOCKS)}: "
                "split it into several diagrams")
    cells = sum(count_items(block) for block in blocks)
    if cells > MAX_CELLS:
        return (f"the diagram has {_size(cells)} cells and other items, over the limit of "
                f"{_size(MAX_CELLS)}: show a part of the data, or split it into several diagrams")
    return None
