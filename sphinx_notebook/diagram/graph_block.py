"""Geometry of ``graph`` and ``tree`` blocks: sized nodes, laid out, joined by rough curves.

Node sizes come from their text; ``graph_layout`` and ``tree_layout`` place
them (in abstract across/along coordinates, mapped here to x/y for ``down`` or
``right``); edges leave and enter on the node outlines. Every node is a slot
(``g.node``) for pointers and notes, and a part for the overlap checks.
"""

from __future__ import annotations

import math
from itertools import pairwise
from typing import Any

from sphinx_notebook.diagram.blocks import BlockGeom, fmt_value, hl_of
from sphinx_notebook.diagram.connectors import boundary
from sphinx_notebook.diagram.fontmetrics import line_height, text_width
from sphinx_notebook.diagram.graph_layout import NODE_GAP, GraphEdge
from sphinx_notebook.diagram.graph_layout import layout as layered
from sphinx_notebook.diagram.model import FONT_SIZE, LABEL_SIZE, Label, Rect, Shape, Slot, bounding
from sphinx_notebook.diagram.tree_layout import TreeNode, tidy

EDGE_LABEL = 13.0
TWIN_GAP = 22.0
HEAD = 10.0
MAX_DEPTH = 40
Point = tuple[float, float]


def node_text(node: Any) -> str:
    raw = node.get("text", node.get("id", "")) if isinstance(node, dict) else node
    return raw if isinstance(raw, str) else fmt_value(raw)


def node_size(text: str, shape: str) -> tuple[float, float]:
    """(width, height) of a node that fits its text with room around it."""
    lines = text.split("\n") or [""]
    width = max(text_width(line, FONT_SIZE) for line in lines)
    height = line_height(FONT_SIZE) * len(lines)
    if shape == "circle":
        side = max(40.0, math.hypot(width, height) + 12)
        return side, side
    if shape == "ellipse":
        return max(64.0, width * 1.3 + 30), max(40.0, height * 1.5 + 14)
    return max(44.0, width + 26), max(36.0, height + 18)


def arrow_head(tip: Point, before: Point, key: str, colour: str) -> Shape:
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0]) + math.pi
    spread = math.radians(27)
    wings = [(tip[0] + HEAD * math.cos(angle + s), tip[1] + HEAD * math.sin(angle + s))
             for s in (spread, -spread)]
    return Shape("poly", key, (*wings[0], *tip, *wings[1]), stroke=colour, connector=True)


def _draw_node(geom: BlockGeom, bid: str, nid: str, node: dict[str, Any], text: str, shape: str,
               rect: Rect) -> None:
    drawn = "rect" if shape == "box" else "ellipse"
    key = f"{bid}.{nid}"
    colour = hl_of(node.get("hl"))
    faded = node.get("faded") is True
    if colour:
        inset = 3.0
        geom.fills.append(Shape(drawn, f"{key}:hl", (rect.x + inset, rect.y + inset, rect.w - 2 * inset,
                                                       rect.h - 2 * inset), stroke="none", fill=colour))
    geom.shapes.append(Shape(drawn, f"{key}:outline", (rect.x, rect.y, rect.w, rect.h), faded=faded))
    if text:
        geom.labels.append(Label(rect.cx, rect.cy, text, FONT_SIZE, faded=faded))
    slot = Slot(rect, key, "ellipse" if drawn == "ellipse" else "rect")
    geom.slots.setdefault(nid, slot)
    geom.parts.append((f"node:{key}", rect))


def _ends(points: list[Point], first: Slot, last: Slot) -> list[Point]:
    """The route with its ends moved from the node centres onto the outlines, with a small gap."""
    if len(points) < 2:
        return points
    start = boundary(first, points[1])
    end = boundary(last, points[-2])
    out = [start, *points[1:-1], end]
    for index, toward in ((0, out[1]), (len(out) - 1, out[-2])):
        x, y = out[index]
        dx, dy = toward[0] - x, toward[1] - y
        length = math.hypot(dx, dy) or 1.0
        out[index] = (x + dx / length * 3, y + dy / length * 3)
    return out


def _label_box(text: str, at: Point, normal: Point) -> Label:
    """A label beside the line at ``at``, on the side ``normal`` points to, anchored to grow away from it."""
    nx, ny = normal
    height = line_height(EDGE_LABEL)
    if nx > 0.5:
        return Label(at[0] + 6, at[1], text, EDGE_LABEL, "start")
    if nx < -0.5:
        return Label(at[0] - 6, at[1], text, EDGE_LABEL, "end")
    return Label(at[0], at[1] + (1 if ny > 0 else -1) * (6 + height / 2), text, EDGE_LABEL)


def _along(points: list[Point], t: float) -> Point:
    """The point a fraction ``t`` of the way along a polyline."""
    lengths = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(points)]
    goal = sum(lengths) * t
    for (a, b), length in zip(pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            f = goal / length
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f
        goal -= length
    return points[-1]


def _samples(points: list[Point], step: float = 8.0) -> list[Rect]:
    """Small boxes along a polyline, so labels can keep off other edges."""
    out = []
    for a, b in pairwise(points):
        count = max(int(math.hypot(b[0] - a[0], b[1] - a[1]) // step), 1)
        for k in range(count + 1):
            x, y = a[0] + (b[0] - a[0]) * k / count, a[1] + (b[1] - a[1]) * k / count
            out.append(Rect(x - 1.5, y - 1.5, 3, 3))
    return out


def _edge_label(geom: BlockGeom, text: str, points: list[Point], normal: Point, key: str, tone: str,
                taken: list[Rect], lines: list[Rect]) -> None:
    """Place the label beside its edge where it covers no node and no other label.

    Tries the middle first, then further along either way and on the other side;
    keeps the middle when nothing is free (the overlap tests would then say so).
    """
    other = (-normal[0], -normal[1])
    candidates = [_label_box(text, _along(points, t), side)
                  for t in (0.5, 0.38, 0.62, 0.28, 0.72) for side in (normal, other)]
    boxes = [c.box() for c in candidates]
    reach = bounding(boxes)
    near = [rect for rect in lines if rect.overlaps(reach, 0.0)]
    clear = [(c, box) for c, box in zip(candidates, boxes, strict=True)
             if not any(box.overlaps(rect, 1.0) for rect in taken)]
    off_lines = [c for c, box in clear if not any(box.overlaps(rect, 0.0) for rect in near)]
    label = (off_lines or [c for c, _ in clear] or candidates)[0]
    label.tone = tone
    geom.labels.append(label)
    geom.parts.append((f"label:{key}", label.box()))
    taken.append(label.box())


def _twins(specs: list[dict[str, Any]], routes: list[list[Point]]) -> list[float]:
    """Sideways offset of each edge: edges sharing both ends (either way round) spread apart."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (spec, route) in enumerate(zip(specs, routes, strict=True)):
        if len(route) == 2 and spec["from"] != spec["to"]:
            groups.setdefault(tuple(sorted((spec["from"], spec["to"]))), []).append(index)  # type: ignore[arg-type]
    offsets = [0.0] * len(specs)
    for members in groups.values():
        for k, index in enumerate(members):
            offsets[index] = (k - (len(members) - 1) / 2) * TWIN_GAP
    return offsets


def build_graph(block: dict[str, Any]) -> BlockGeom:
    """Nodes in layers along ``direction``, edges as curves that go round the nodes."""
    bid = block.get("id", "")
    right = block.get("direction") == "right"
    nodes: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for n in block.get("nodes") or []:
        if isinstance(n, dict) and isinstance(n.get("id"), str) and n["id"] and n["id"] not in index:
            index[n["id"]] = len(nodes)
            nodes.append(n)
    shapes = [str(n["shape"]) if n.get("shape") in ("box", "circle", "ellipse") else "box" for n in nodes]
    texts = [node_text(n) for n in nodes]
    sizes = [node_size(t, s) for t, s in zip(texts, shapes, strict=True)]
    edges: list[GraphEdge] = []
    specs: list[dict[str, Any]] = []
    for edge in block.get("edges") or []:
        if isinstance(edge, dict) and edge.get("from") in index and edge.get("to") in index:
            label = node_text({"text": edge.get("label", "")})
            lw, lh = (text_width(label, EDGE_LABEL), line_height(EDGE_LABEL)) if label else (0.0, 0.0)
            edges.append(GraphEdge(index[edge["from"]], index[edge["to"]], edge.get("route") == "back",
                                   label_across=lh if right else lw, label_along=lw if right else lh))
            specs.append({**edge, "label": label})
    across_along = [(h, w) if right else (w, h) for w, h in sizes]
    # labels between the layers need room across the flow too, not only along it
    roomy = any(e.label_across for e in edges)
    placed = layered(across_along, edges, node_gap=NODE_GAP + (14.0 if roomy else 0.0))

    def xy(point: Point) -> Point:
        return (point[1], point[0]) if right else point

    geom = BlockGeom(outer=Rect(0, 0, 1, 1), body=Rect(0, 0, 1, 1))
    rects: list[Rect] = []
    for i, node in enumerate(nodes):
        cx, cy = xy(placed.centres[i])
        w, h = sizes[i]
        rect = Rect(cx - w / 2, cy - h / 2, w, h)
        rects.append(rect)
        _draw_node(geom, bid, node["id"], node, texts[i], shapes[i], rect)
    seen: dict[str, int] = {}
    labels: list[tuple[str, list[Point], Point, str, str, tuple[float, float] | None]] = []
    offsets = _twins(specs, placed.routes)
    for edge, spec, route, label_at, offset in zip(edges, specs, placed.routes, placed.label_at, offsets,
                                                   strict=True):
        key = f"{bid}:{spec['from']}>{spec['to']}"
        seen[key] = seen.get(key, 0) + 1
        key += f"#{seen[key]}" if seen[key] > 1 else ""
        if edge.source == edge.target:
            continue  # refused by the schema: a layered layout has no place for a self-loop
        first, last = geom.slots[spec["from"]], geom.slots[spec["to"]]
        centres = [xy(p) for p in route]
        # the side "up" (flow right) or "right" (flow down) of the line, the same for both directions
        a, b = sorted((centres[0], centres[-1]))
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        normal = ((b[1] - a[1]) / length, (a[0] - b[0]) / length)
        if (right and normal[1] > 0) or (not right and normal[0] < 0):
            normal = (-normal[0], -normal[1])
        if offset:
            mid = ((a[0] + b[0]) / 2 + normal[0] * offset, (a[1] + b[1]) / 2 + normal[1] * offset)
            centres = [centres[0], mid, centres[-1]]
        points = _ends(centres, first, last)
        colour = hl_of(spec.get("color")) or "ink"
        dashed = spec.get("style") == "dashed"
        kind = "curve" if len(points) > 2 else "line"
        flat = tuple(v for p in points for v in p)
        geom.shapes.append(Shape(kind, key, flat, stroke=colour, dashed=dashed, connector=True))
        geom.shapes.append(arrow_head(points[-1], points[-2], f"{key}:head", colour))
        if spec["label"]:
            labels.append((spec["label"], points, normal if offset >= 0 else (-normal[0], -normal[1]), key,
                           "muted" if colour == "ink" else colour, label_at))
    taken = list(rects)
    strokes = {key: _samples(points) for _, points, _, key, _, _ in labels}
    for text, points, side, key, tone, label_at in sorted(labels, key=lambda item: item[5] is None):
        if label_at is not None:  # the layout kept a slot free for it beside a long edge
            beside = _label_box(text, xy(label_at), (0.0, -1.0) if right else (1.0, 0.0))
            beside.tone = tone
            geom.labels.append(beside)
            geom.parts.append((f"label:{key}", beside.box()))
            taken.append(beside.box())
        else:
            others = [box for other, boxes in strokes.items() if other != key for box in boxes]
            _edge_label(geom, text, points, side, key, tone, taken, others)
    return _finish(geom, block, rects)


def _finish(geom: BlockGeom, block: dict[str, Any], rects: list[Rect]) -> BlockGeom:
    geom.body = bounding(rects + [box for _, box in geom.parts])
    geom.slots[""] = Slot(geom.body, block.get("id", ""))
    label = block.get("label")
    if isinstance(label, str) and label:
        if block.get("labelSide") == "w":
            geom.labels.append(Label(geom.body.x - 10, geom.body.cy, label, LABEL_SIZE, "end", bold=True))
        else:
            geom.labels.append(Label(geom.body.cx, geom.body.y - 6 - LABEL_SIZE * 0.6, label, LABEL_SIZE,
                                     bold=True))
    geom.outer = bounding([geom.body] + [lb.box() for lb in geom.labels])
    return geom


def _tree_nodes(root: Any) -> tuple[list[tuple[dict[str, Any], int | None]], TreeNode, list[str]]:
    """Preorder (node, parent index) list, the size tree, and each node's shape."""
    order: list[tuple[dict[str, Any], int | None]] = []
    shapes: list[str] = []

    def visit(raw: Any, parent: int | None, depth: int) -> TreeNode:
        node: dict[str, Any] = raw if isinstance(raw, dict) else {"text": raw}
        text = node_text(node)
        shape = str(node["shape"]) if node.get("shape") in ("box", "circle", "ellipse") else (
            "circle" if len(text) <= 3 and "\n" not in text else "box")
        order.append((node, parent))
        shapes.append(shape)
        me = len(order) - 1
        w, h = node_size(text, shape)
        kids = node.get("children") if depth < MAX_DEPTH else None
        children = [visit(c, me, depth + 1) for c in kids or [] if isinstance(c, (dict, str, int, float))]
        return TreeNode(w, h, children)

    size_tree = visit(root, None, 0)
    return order, size_tree, shapes


def build_tree(block: dict[str, Any]) -> BlockGeom:
    """A tidy tree from nested ``children``: parents centred over children, levels aligned."""
    bid = block.get("id", "")
    right = block.get("direction") == "right"
    order, sizes, shapes = _tree_nodes(block.get("root") or {"text": ""})
    if right:
        flip = [sizes]
        while flip:  # across is the height, along the width, when the tree grows right
            size_node = flip.pop()
            size_node.across, size_node.along = size_node.along, size_node.across
            flip.extend(size_node.children)
    centres = tidy(sizes)
    geom = BlockGeom(outer=Rect(0, 0, 1, 1), body=Rect(0, 0, 1, 1))
    rects: list[Rect] = []
    keys: list[str] = []
    for i, ((node, _parent), (across, along)) in enumerate(zip(order, centres, strict=True)):
        text = node_text(node)
        w, h = node_size(text, shapes[i])
        cx, cy = (along, across) if right else (across, along)
        rect = Rect(cx - w / 2, cy - h / 2, w, h)
        rects.append(rect)
        ident = node.get("id")
        nid = ident if isinstance(ident, str) and ident and ident not in geom.slots else f"[{i}]"
        keys.append(nid)
        _draw_node(geom, bid, nid, node, text, shapes[i], rect)
    for i, (_node, parent) in enumerate(order):
        if parent is None:
            continue
        a, b = geom.slots[keys[parent]], geom.slots[keys[i]]
        start = boundary(a, (b.rect.cx, b.rect.cy))
        end = boundary(b, (a.rect.cx, a.rect.cy))
        geom.shapes.append(Shape("line", f"{bid}:{keys[parent]}>{keys[i]}", (*start, *end), connector=True))
    return _finish(geom, block, rects)
