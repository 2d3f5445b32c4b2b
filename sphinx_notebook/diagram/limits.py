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
MAX_GRAPH_NODES = 200
MAX_GRAPH_EDGES = 400
"""One ``graph`` block: its layered layout grows faster than the number of nodes (200 nodes and
400 edges draw in about a second, 600 and 1,200 in forty)."""


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
    for block in blocks:
        if isinstance(block, dict) and block.get("kind") == "graph":
            for key, most in (("nodes", MAX_GRAPH_NODES), ("edges", MAX_GRAPH_EDGES)):
                items = block.get(key)
                if isinstance(items, list) and len(items) > most:
                    return (f"graph {block.get('id')!r} has {_size(len(items))} {key}, over the limit of "
                            f"{_size(most)}: draw a part of it, or split it into several graphs")
    cells = sum(count_items(block) for block in blocks)
    if cells > MAX_CELLS:
        return (f"the diagram has {_size(cells)} cells and other items, over the limit of "
                f"{_size(MAX_CELLS)}: show a part of the data, or split it into several diagrams")
    return None
