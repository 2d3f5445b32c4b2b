"""What the schema cannot say: unique ids, references that resolve, a sound layout grid.

Runs on a document that already passed the structural checks in ``schema``, so
types can be trusted here. Pure Python, no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from difflib import get_close_matches
from typing import Any

from sphinx_notebook.diagram.jsonpos import Path

Report = Callable[[Path, str], None]


def _hint(word: str, choices: list[str]) -> str:
    close = get_close_matches(word, choices, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _known(choices: list[str]) -> str:
    if not choices:
        return ""
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f" (known: {shown})"


def _cell_keys(cells: list[Any]) -> list[str]:
    keys: list[str] = []
    for cell in cells:
        if isinstance(cell, dict):
            for key in ("id", "name"):
                if isinstance(cell.get(key), str) and cell[key] not in keys:
                    keys.append(cell[key])
    return keys


def _find_cell(cells: list[Any], step: str | int, owner: str) -> str | None:
    """None when ``step`` names exactly one cell of ``cells``, else what is wrong."""
    if isinstance(step, int):
        if step >= len(cells):
            return f"{owner} has {len(cells)} cell{'s' if len(cells) != 1 else ''} (indices 0 to " \
                   f"{len(cells) - 1}), so [{step}] is out of range" if cells else f"{owner} has no cells"
        return None
    by_id = [c for c in cells if isinstance(c, dict) and c.get("id") == step]
    if by_id:
        return None
    by_name = [c for c in cells if isinstance(c, dict) and c.get("name") == step]
    if len(by_name) == 1:
        return None
    if by_name:
        return f"{len(by_name)} cells of {owner} are named {step!r}; give the one you mean an 'id'"
    keys = _cell_keys(cells)
    return f"{owner} has no cell with id or name {step!r}{_hint(step, keys)}{_known(keys)}"


def resolve(ref: list[str | int], blocks: dict[str, dict[str, Any]]) -> str | None:
    """None when the parsed reference names a block, frame or cell; else a message saying why not."""
    head, *rest = ref
    assert isinstance(head, str)
    block = blocks.get(head)
    if block is None:
        names = list(blocks)
        return f"no block has the id {head!r}{_hint(head, names)}{_known(names)}"
    if not rest:
        return None
    kind = block.get("kind")
    if kind == "stack":
        frames: list[dict[str, Any]] = block.get("frames", [])
        step = rest[0]
        if isinstance(step, int):
            if step >= len(frames):
                return f"stack {head!r} has {len(frames)} frames, so [{step}] is out of range"
            frame = frames[step]
        else:
            matches = [f for f in frames if f.get("id") == step]
            if not matches:
                ids = [f["id"] for f in frames if "id" in f]
                return f"stack {head!r} has no frame with id {step!r}{_hint(step, ids)}{_known(ids)}"
            frame = matches[0]
        if len(rest) == 1:
            return None
        if len(rest) > 2:
            return "a reference goes at most three deep: 'stack.frame.cell'"
        return _find_cell(frame.get("cells", []), rest[1], f"frame {frame.get('id', rest[0])!r}")
    if kind in ("box", "text"):
        return f"{head!r} is a {kind!r} block and has no cells; point at the block itself: {head!r}"
    if kind in KIND_RESOLVERS:
        return KIND_RESOLVERS[kind](block, rest, head)
    if len(rest) > 1:
        return f"cells of {kind} {head!r} have no parts; stop the reference after the cell"
    return _find_cell(block.get("cells", []), rest[0], f"{kind} {head!r}")


def _range(index: int, count: int, what: str) -> str | None:
    if index < count:
        return None
    return f"{what} {index} is out of range (0 to {count - 1})" if count else f"there are no {what}s"


def _resolve_matrix(block: dict[str, Any], rest: list[str | int], head: str) -> str | None:
    """``A[i]`` (row i; entry i of a one-column matrix), ``A[i][j]``, ``A.row1``, ``A.col0``."""
    rows: list[list[Any]] = block.get("rows", [])
    width = len(rows[0]) if rows else 0
    first = rest[0]
    if isinstance(first, str):
        match = re.fullmatch(r"(row|col)([0-9]+)", first)
        if match is None or len(rest) > 1:
            return f"matrix {head!r} has parts [i], [i][j], rowN and colN, not {first!r}"
        count = len(rows) if match.group(1) == "row" else width
        return _range(int(match.group(2)), count, "row" if match.group(1) == "row" else "column")
    if len(rest) > 2 or (len(rest) == 2 and not isinstance(rest[1], int)):
        return f"write {head}[row][column] to name one entry of matrix {head!r}"
    return _range(first, len(rows), "row") or (_range(rest[1], width, "column")  # type: ignore[arg-type]
                                             if len(rest) == 2 else None)


def _resolve_nodes(block: dict[str, Any], rest: list[str | int], head: str) -> str | None:
    """``g.node``: a node of a graph or tree, by id."""
    ids = _node_ids(block)
    step = rest[0]
    if len(rest) > 1 or not isinstance(step, str):
        example = ids[0] if ids else "n"
        return f"name a node of {block.get('kind')} {head!r} by its id, like '{head}.{example}'"
    if step in ids:
        return None
    return f"{block.get('kind')} {head!r} has no node with id {step!r}{_hint(step, ids)}{_known(ids)}"


def _node_ids(block: dict[str, Any]) -> list[str]:
    if block.get("kind") == "graph":
        return [n["id"] for n in block.get("nodes", []) if isinstance(n, dict) and "id" in n]
    ids: list[str] = []
    stack = [block.get("root")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                ids.append(node["id"])
            stack.extend(reversed(node.get("children", [])))
    return ids


def _resolve_chart(block: dict[str, Any], rest: list[str | int], head: str) -> str | None:
    """``c[i]``: the bars of category i; ``c[i][j]``: series j's bar in it."""
    if not all(isinstance(step, int) for step in rest) or len(rest) > 2:
        return f"chart {head!r} has parts {head}[category] and {head}[category][series]"
    why = _range(rest[0], len(block.get("categories", [])), "category")  # type: ignore[arg-type]
    if why or len(rest) == 1:
        return why
    return _range(rest[1], len(block.get("series", [])), "series")  # type: ignore[arg-type]


def _resolve_plot(block: dict[str, Any], rest: list[str | int], head: str) -> str | None:
    """``p.id``: a vector, point or polygon of a plot given an ``id``."""
    ids = [item["id"] for group in ("vectors", "points", "polygons") for item in block.get(group, [])
           if isinstance(item, dict) and "id" in item]
    step = rest[0]
    if len(rest) == 1 and isinstance(step, str) and step in ids:
        return None
    shown = step if isinstance(step, str) else f"[{step}]"
    return f"plot {head!r} has no vector, point or polygon with id {shown!r}{_hint(shown, ids)}{_known(ids)}"


KIND_RESOLVERS: dict[str, Callable[[dict[str, Any], list[str | int], str], str | None]] = {
    "matrix": _resolve_matrix, "graph": _resolve_nodes, "tree": _resolve_nodes, "chart": _resolve_chart,
    "plot": _resolve_plot,
}


def _cells_with_paths(block: dict[str, Any], path: Path) -> Iterator[tuple[list[Any], Path]]:
    if isinstance(block.get("cells"), list):
        yield block["cells"], (*path, "cells")
    for f_index, frame in enumerate(block.get("frames", []) or []):
        yield frame.get("cells", []), (*path, "frames", f_index, "cells")


def _unique(items: list[tuple[str, Path]], what: str, report: Report) -> None:
    seen: dict[str, Path] = {}
    for ident, path in items:
        if ident in seen:
            report(path, f"duplicate {what} id {ident!r}: each id must be unique (rename this one)")
        else:
            seen[ident] = path


def check_ids(spec: dict[str, Any], report: Report) -> dict[str, dict[str, Any]]:
    """Report duplicate ids; return the blocks by id (first one wins)."""
    blocks: dict[str, dict[str, Any]] = {}
    block_ids: list[tuple[str, Path]] = []
    for index, block in enumerate(spec["blocks"]):
        block_ids.append((block["id"], ("blocks", index, "id")))
        blocks.setdefault(block["id"], block)
        frames = block.get("frames", []) or []
        _unique(
            [(f["id"], ("blocks", index, "frames", i, "id")) for i, f in enumerate(frames) if "id" in f],
            "frame",
            report,
        )
        for cells, cells_path in _cells_with_paths(block, ("blocks", index)):
            _unique(
                [
                    (c["id"], (*cells_path, i, "id"))
                    for i, c in enumerate(cells)
                    if isinstance(c, dict) and "id" in c
                ],
                "cell",
                report,
            )
    _unique(block_ids, "block", report)
    return blocks


def references(spec: dict[str, Any]) -> Iterator[tuple[str, Path, str]]:
    """Every reference in the document: (ref, JSON path, what it is for)."""
    for index, block in enumerate(spec["blocks"]):
        for cells, cells_path in _cells_with_paths(block, ("blocks", index)):
            for c_index, cell in enumerate(cells):
                if isinstance(cell, dict) and "ptr" in cell:
                    yield cell["ptr"], (*cells_path, c_index, "ptr"), "pointer target"
    for index, pointer in enumerate(spec.get("pointers", [])):
        yield pointer["from"], ("pointers", index, "from"), "pointer start"
        yield pointer["to"], ("pointers", index, "to"), "pointer target"
    for index, note in enumerate(spec.get("notes", [])):
        yield note["at"], ("notes", index, "at"), "note anchor"


def check_layout(spec: dict[str, Any], blocks: dict[str, dict[str, Any]], report: Report) -> None:
    """Rows of equal length, known ids, every block placed, each block's cells a rectangle."""
    layout: list[list[str | None]] = spec["layout"]
    width = len(layout[0])
    for r, row in enumerate(layout):
        if len(row) != width:
            report(("layout", r), f"row {r} has {len(row)} cells but row 0 has {width}; every row needs "
                                  "the same number of cells (use null for an empty one)")
            return
    if width == 0:
        report(("layout", 0), "layout rows are empty; list block ids, e.g. [[\"a\", \"b\"]]")
        return
    places: dict[str, list[tuple[int, int]]] = {}
    for r, row in enumerate(layout):
        for c, ident in enumerate(row):
            if ident is None:
                continue
            if ident not in blocks:
                names = list(blocks)
                report(("layout", r, c), f"no block has the id {ident!r}{_hint(ident, names)}{_known(names)}")
                continue
            places.setdefault(ident, []).append((r, c))
    for ident, cells in places.items():
        rows = [r for r, _ in cells]
        cols = [c for _, c in cells]
        area = (max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1)
        if area != len(cells):
            r, c = cells[-1]
            report(("layout", r, c), f"block {ident!r} must fill a rectangle of adjacent grid cells "
                                     "(like CSS grid-template-areas); its cells here form another shape")
    for index, block in enumerate(spec["blocks"]):
        if block["id"] not in places and block["id"] in blocks and blocks[block["id"]] is block:
            report(("blocks", index, "id"), f"block {block['id']!r} is not placed in 'layout'; add it to a "
                                            "row, or drop 'layout' to let the blocks flow")
