"""Place blocks on the grid (or in a flow), resolve references, collect the scene.

``layout`` works like CSS grid-template-areas: each row lists block ids, ``null``
leaves a cell empty and an id repeated in adjacent cells spans them. Without
``layout`` the blocks flow in ``direction``. Column widths and row heights grow to
fit the blocks in them; blocks are centred horizontally in their area and aligned
vertically by ``valign``; ``nudge`` moves a block afterwards.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx_notebook.diagram import connectors
from sphinx_notebook.diagram.blocks import BlockGeom, build_block
from sphinx_notebook.diagram.fontmetrics import text_width
from sphinx_notebook.diagram.model import Rect, Scene, Slot, bounding

DEFAULT_GAP = (48.0, 36.0)
MARGIN = 12.0
_SEGMENT = re.compile(r"\[(\d+)\]|\.?([A-Za-z_][A-Za-z0-9_-]*)")


def _number(value: Any, default: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
        return float(value)
    return default


def _areas(spec: dict[str, Any], ids: list[str]) -> dict[str, tuple[int, int, int, int]]:
    """Grid area (row0, col0, row1, col1), inclusive, of every block."""
    layout = spec.get("layout")
    grid: list[list[Any]] = []
    if isinstance(layout, list) and layout:
        grid = [row if isinstance(row, list) else [] for row in layout]
    elif spec.get("direction") == "down":
        grid = [[bid] for bid in ids]
    else:
        grid = [list(ids)]
    areas: dict[str, tuple[int, int, int, int]] = {}
    for r, row in enumerate(grid):
        for c, name in enumerate(row):
            if name not in ids:
                continue
            r0, c0, r1, c1 = areas.get(name, (r, c, r, c))
            areas[name] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
    missing = [bid for bid in ids if bid not in areas]
    for c, bid in enumerate(missing):  # blocks left out of the layout go in a row below
        areas[bid] = (len(grid), c, len(grid), c)
    return areas


def _tracks(count: int, spans: list[tuple[int, int, float]], gap: float) -> list[float]:
    """Sizes of ``count`` tracks so each (first, last, size) span fits."""
    sizes = [0.0] * count
    for first, last, size in sorted(spans, key=lambda s: s[1] - s[0]):
        have = sum(sizes[first : last + 1]) + gap * (last - first)
        if size > have:
            extra = (size - have) / (last - first + 1)
            for i in range(first, last + 1):
                sizes[i] += extra
    return sizes


def _starts(sizes: list[float], gap: float, wider: dict[int, float] | None = None) -> list[float]:
    out, pos = [], 0.0
    for index, size in enumerate(sizes):
        out.append(pos)
        pos += size + max(gap, (wider or {}).get(index, 0.0))
    return out


def _label_gaps(spec: dict[str, Any], areas: dict[str, tuple[int, int, int, int]]) -> dict[int, float]:
    """Column gaps a labelled pointer between side-by-side blocks needs, so its label fits between them."""
    wider: dict[int, float] = {}
    for pointer in spec.get("pointers") or []:
        if not isinstance(pointer, dict) or not isinstance(pointer.get("label"), str):
            continue
        ends = [areas.get(_SEGMENT.match(str(pointer.get(k, ""))).group(2) or "")  # type: ignore[union-attr]
                if _SEGMENT.match(str(pointer.get(k, ""))) else None for k in ("from", "to")]
        if ends[0] is None or ends[1] is None or ends[0][0] != ends[1][0]:
            continue
        left = min(ends[0][3], ends[1][3])
        if abs(ends[0][1] - ends[1][1]) == 1:
            need = text_width(pointer["label"], 13.0) + 30
            wider[left] = max(wider.get(left, 0.0), need)
    return wider


def place_blocks(spec: dict[str, Any]) -> dict[str, BlockGeom]:
    """Build every block and move it to its place on the grid."""
    blocks = [b for b in spec.get("blocks") or [] if isinstance(b, dict)]
    built: dict[str, BlockGeom] = {}
    order: list[str] = []
    for i, block in enumerate(blocks):
        bid = block["id"] if isinstance(block.get("id"), str) else f"_{i}"
        if bid in built:
            continue
        built[bid] = build_block(block if block.get("id") == bid else {**block, "id": bid})
        order.append(bid)
    gap = spec.get("gap")
    gap_x = _number(gap[0], DEFAULT_GAP[0]) if isinstance(gap, list) and len(gap) == 2 else DEFAULT_GAP[0]
    gap_y = _number(gap[1], DEFAULT_GAP[1]) if isinstance(gap, list) and len(gap) == 2 else DEFAULT_GAP[1]
    areas = _areas(spec, order)
    rows = max((a[2] for a in areas.values()), default=0) + 1
    cols = max((a[3] for a in areas.values()), default=0) + 1
    widths = _tracks(cols, [(a[1], a[3], built[b].outer.w) for b, a in areas.items()], gap_x)
    heights = _tracks(rows, [(a[0], a[2], built[b].outer.h) for b, a in areas.items()], gap_y)
    xs, ys = _starts(widths, gap_x, _label_gaps(spec, areas)), _starts(heights, gap_y)
    centre = spec.get("valign") == "center"
    placed: dict[str, BlockGeom] = {}
    nudges = {b.get("id"): b.get("nudge") for b in blocks}
    for bid in order:
        r0, c0, r1, c1 = areas[bid]
        geom = built[bid]
        area_w = xs[c1] + widths[c1] - xs[c0]
        area_h = ys[r1] + heights[r1] - ys[r0]
        x = xs[c0] + (area_w - geom.outer.w) / 2
        y = ys[r0] + ((area_h - geom.outer.h) / 2 if centre else 0.0)
        nudge = nudges.get(bid)
        if isinstance(nudge, list) and len(nudge) == 2:
            x += _number(nudge[0], 0.0)
            y += _number(nudge[1], 0.0)
        placed[bid] = geom.moved_to(x, y)
    return placed


def resolve(ref: Any, placed: dict[str, BlockGeom]) -> Slot | None:
    """The slot a reference names, falling back to the nearest enclosing slot.

    ``block``, ``block.cell`` (cell id or row name), ``block[i]`` and
    ``stack.frame.cell`` (frame id or label) are understood; a first segment that
    is not a block id is looked up as a cell id in every block.
    """
    if not isinstance(ref, str):
        return None
    parts = [f"[{m.group(1)}]" if m.group(1) is not None else m.group(2) for m in _SEGMENT.finditer(ref)]
    if not parts:
        return None
    geom = placed.get(parts[0])
    rest = parts[1:]
    if geom is None:
        for candidate in placed.values():
            if ".".join(parts) in candidate.slots:
                return candidate.slots[".".join(parts)]
        return None
    while rest:
        slot = geom.slots.get(".".join(rest))
        if slot is not None:
            return slot
        rest = rest[:-1]
    return geom.slots.get("") or Slot(geom.body, parts[0])


def layout(spec: dict[str, Any]) -> Scene:
    """The whole diagram as a scene: blocks, then pointers and notes on top."""
    placed = place_blocks(spec)
    scene = Scene()
    for geom in placed.values():
        scene.shapes.extend(geom.fills)
    for bid, geom in placed.items():
        scene.shapes.extend(geom.shapes)
        scene.labels.extend(geom.labels)
        scene.boxes.append((f"block:{bid}", geom.outer))
        scene.parts.extend(geom.parts)
    extents: list[Rect] = [g.outer for g in placed.values()]
    requests: list[tuple[Slot, Slot, dict[str, Any], str]] = []
    for geom in placed.values():
        for source, target_ref, style, key in geom.sugar:
            target = resolve(target_ref, placed)
            if target is not None:
                requests.append((source, target, style, f"ptr:{key}"))
    seen: dict[str, int] = {}
    for pointer in spec.get("pointers") or []:
        if not isinstance(pointer, dict):
            continue
        origin, end = resolve(pointer.get("from"), placed), resolve(pointer.get("to"), placed)
        if origin is None or end is None:
            continue
        key = f"ptr:{pointer.get('from')}>{pointer.get('to')}"
        seen[key] = seen.get(key, 0) + 1
        requests.append((origin, end, pointer, key if seen[key] == 1 else f"{key}#{seen[key]}"))
    for source, target, style, key in requests:
        drawn = connectors.pointer(source, target, style, key)
        scene.shapes.extend(drawn.shapes)
        scene.labels.extend(drawn.labels)
        scene.boxes.extend((f"{key}:label", lb.box()) for lb in drawn.labels)
        extents.extend(drawn.extents)
    for i, note in enumerate(spec.get("notes") or []):
        if not isinstance(note, dict):
            continue
        target = resolve(note.get("at"), placed)
        if target is None:
            continue
        drawn = connectors.note(target, note, f"note:{note.get('at')}:{i}")
        scene.shapes.extend(drawn.shapes)
        scene.labels.extend(drawn.labels)
        scene.boxes.extend((f"note:{i}", lb.box()) for lb in drawn.labels)
        extents.extend(drawn.extents)
    extents.extend(lb.box() for lb in scene.labels)
    whole = bounding(extents)
    scene.bounds = Rect(whole.x - MARGIN, whole.y - MARGIN, whole.w + 2 * MARGIN, whole.h + 2 * MARGIN)
    return scene
