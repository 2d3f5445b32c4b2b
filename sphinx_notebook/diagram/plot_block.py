"""Geometry of a ``plot`` block: a coordinate plane with vectors, points, polygons and functions.

One unit is the same length on both axes (unless ``height`` is given), so a
rotation looks like one. With a 2x2 ``transform`` the plane's grid is drawn
again as the matrix maps it, and every item marked ``transformed`` appears
twice: faint where it was, solid where the matrix sends it; the picture of "a
matrix is a function". Functions come from ``expression`` (never ``eval``),
sampled and cut where they leave the plane or are undefined.
"""

from __future__ import annotations

import math
from typing import Any

from sphinx_notebook.diagram.blocks import BlockGeom, fmt_value, hl_of
from sphinx_notebook.diagram.expression import ExpressionError, evaluate, parse
from sphinx_notebook.diagram.fontmetrics import line_height
from sphinx_notebook.diagram.graph_block import arrow_head
from sphinx_notebook.diagram.model import (
    FONT_SIZE,
    LABEL_SIZE,
    SMALL_SIZE,
    Label,
    Rect,
    Shape,
    Slot,
    bounding,
)
from sphinx_notebook.diagram.scales import linear_ticks, nice_step, short

REACH = 1e6
SAMPLES = 48
MAX_LINES = 120
Point = tuple[float, float]
Matrix = tuple[float, float, float, float]


def _num(value: Any, default: float) -> float:
    """A finite number within the reach the schema allows (a plot never sees more)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return min(max(float(value), -REACH), REACH)
    return default


def _pair(value: Any, default: Point) -> Point:
    if isinstance(value, list) and len(value) == 2:
        return _num(value[0], default[0]), _num(value[1], default[1])
    return default


def _range(value: Any, default: Point) -> Point:
    low, high = _pair(value, default)
    return (low, high) if high > low else default


def _matrix(value: Any) -> Matrix | None:
    rows_ok = isinstance(value, list) and len(value) == 2
    if rows_ok and all(isinstance(r, list) and len(r) == 2 for r in value):
        return (_num(value[0][0], 1), _num(value[0][1], 0), _num(value[1][0], 0), _num(value[1][1], 1))
    return None


def _apply(m: Matrix | None, p: Point) -> Point:
    return p if m is None else (m[0] * p[0] + m[1] * p[1], m[2] * p[0] + m[3] * p[1])


def _text(value: Any) -> str:
    return value if isinstance(value, str) else fmt_value(value) if isinstance(value, (int, float)) else ""


class Plane:
    """Data to pixel mapping of one plot (y up in data, down in pixels)."""

    def __init__(self, xr: Point, yr: Point, width: float, height: float) -> None:
        self.xr, self.yr, self.width, self.height = xr, yr, width, height

    def __call__(self, p: Point) -> Point:
        x = (p[0] - self.xr[0]) / (self.xr[1] - self.xr[0]) * self.width
        y = (self.yr[1] - p[1]) / (self.yr[1] - self.yr[0]) * self.height
        return x, y

    def inside(self, p: Point) -> bool:
        return self.xr[0] <= p[0] <= self.xr[1] and self.yr[0] <= p[1] <= self.yr[1]

    def clip_polygon(self, points: list[Point]) -> list[Point]:
        """The part of a polygon inside the plane (Sutherland-Hodgman, one edge of the plane at a time)."""
        edges = ((0, self.xr[0], 1), (0, self.xr[1], -1), (1, self.yr[0], 1), (1, self.yr[1], -1))
        out = points
        for axis, limit, keep in edges:
            if not out:
                break
            current, out = out, []
            for k, p in enumerate(current):
                q = current[k - 1]
                p_in, q_in = (p[axis] - limit) * keep >= 0, (q[axis] - limit) * keep >= 0
                if p_in != q_in:
                    t = (limit - q[axis]) / (p[axis] - q[axis])
                    out.append((q[0] + t * (p[0] - q[0]), q[1] + t * (p[1] - q[1])))
                if p_in:
                    out.append(p)
        return out

    def clip(self, a: Point, b: Point) -> tuple[Point, Point] | None:
        """The part of segment a-b inside the plane (Liang-Barsky), in data units."""
        t0, t1 = 0.0, 1.0
        dx, dy = b[0] - a[0], b[1] - a[1]
        for p, q in ((-dx, a[0] - self.xr[0]), (dx, self.xr[1] - a[0]), (-dy, a[1] - self.yr[0]),
                     (dy, self.yr[1] - a[1])):
            if abs(p) < 1e-12:
                if q < 0:
                    return None
                continue
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
        if t0 > t1:
            return None
        return (a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy)


def build_plot(block: dict[str, Any]) -> BlockGeom:
    """Grid, axes, then polygons, functions, vectors and points on top."""
    bid = block.get("id", "")
    xr, yr = _range(block.get("x"), (-1.0, 1.0)), _range(block.get("y"), (-1.0, 1.0))
    width = min(max(_num(block.get("width"), 320.0), 40.0), 2000.0)
    natural = width * (yr[1] - yr[0]) / (xr[1] - xr[0])
    height = min(max(_num(block.get("height"), natural), 40.0), 2000.0)
    plane = Plane(xr, yr, width, height)
    geom = BlockGeom(outer=Rect(0, 0, width, height), body=Rect(0, 0, width, height))
    # one step for both axes keeps the grid square; the shorter axis still gets a few ticks
    step = _num(block.get("ticks"), 0.0) or nice_step(min(xr[1] - xr[0], yr[1] - yr[0]), 4)
    m = _matrix(block.get("transform"))
    if block.get("grid") is True:
        _grid(geom, f"{bid}:grid", plane, step, None, "muted")
    if m is not None:
        _grid(geom, f"{bid}:tgrid", plane, step, m, "blue")
    _axes(geom, bid, plane, step, block)
    for k, poly in enumerate(p for p in block.get("polygons") or [] if isinstance(p, dict)):
        _polygon(geom, f"{bid}:poly{k}", plane, poly, m)
    for k, fn in enumerate(f for f in block.get("functions") or [] if isinstance(f, dict)):
        _function(geom, f"{bid}:fn{k}", plane, fn)
    for k, vec in enumerate(v for v in block.get("vectors") or [] if isinstance(v, dict)):
        _vector(geom, f"{bid}:vec{k}", plane, vec, m)
    for k, point in enumerate(p for p in block.get("points") or [] if isinstance(p, dict)):
        _point(geom, f"{bid}:pt{k}", plane, point, m)
    geom.slots[""] = Slot(geom.body, bid)
    geom.parts.append((f"plot:{bid}", geom.body))
    label = block.get("label")
    if isinstance(label, str) and label:
        top = min([0.0] + [lb.box().y for lb in geom.labels])
        geom.labels.append(Label(width / 2, top - 8 - LABEL_SIZE * 0.6, label, LABEL_SIZE, bold=True))
    geom.outer = bounding([geom.body] + [lb.box() for lb in geom.labels])
    return geom


def _grid(geom: BlockGeom, key: str, plane: Plane, step: float, m: Matrix | None, colour: str) -> None:
    """Lines x = k and y = k (mapped by ``m`` when given), clipped to the plane."""
    xr, yr = plane.xr, plane.yr
    reach = max(abs(v) for v in (*xr, *yr))
    if m is not None:  # the image of a wide enough patch of grid covers the plane
        scale = min(max(abs(m[0]) + abs(m[1]), abs(m[2]) + abs(m[3]), 1e-6), 1e6)
        reach = reach / max(min(scale, 1.0), 1e-3) + reach
    if 2 * reach / step > MAX_LINES:  # a tiny step over a wide plane: thin the lines out
        step = nice_step(2 * reach, MAX_LINES // 2)
    ticks = linear_ticks(-reach, reach, step=step)
    for k, value in enumerate(ticks):
        for axis, (a, b) in enumerate((((value, -reach), (value, reach)), ((-reach, value), (reach, value)))):
            seg = plane.clip(_apply(m, a), _apply(m, b))
            if seg is None:
                continue
            (x1, y1), (x2, y2) = plane(seg[0]), plane(seg[1])
            if math.hypot(x2 - x1, y2 - y1) < 2:
                continue
            geom.shapes.append(Shape("line", f"{key}{axis}:{k}", (x1, y1, x2, y2), stroke=colour, faded=True,
                                     width=0.8))


def _axes(geom: BlockGeom, bid: str, plane: Plane, step: float, block: dict[str, Any]) -> None:
    origin = plane((min(max(0.0, plane.xr[0]), plane.xr[1]), min(max(0.0, plane.yr[0]), plane.yr[1])))
    ox, oy = origin
    geom.shapes.append(Shape("line", f"{bid}:xaxis", (0, oy, plane.width, oy)))
    geom.shapes.append(arrow_head((plane.width + 2, oy), (0, oy), f"{bid}:xaxis:head", "ink"))
    geom.shapes.append(Shape("line", f"{bid}:yaxis", (ox, plane.height, ox, 0)))
    geom.shapes.append(arrow_head((ox, -2), (ox, plane.height), f"{bid}:yaxis:head", "ink"))
    for value in linear_ticks(plane.xr[0], plane.xr[1], step=step):
        x, _ = plane((value, 0))
        if abs(value) > 1e-12 and 4 < x < plane.width - 4:
            geom.shapes.append(Shape("line", f"{bid}:xt{short(value)}", (x, oy - 3, x, oy + 3)))
            geom.labels.append(Label(x, oy + 5 + SMALL_SIZE * 0.6, short(value), SMALL_SIZE, tone="muted"))
    for value in linear_ticks(plane.yr[0], plane.yr[1], step=step):
        _, y = plane((0, value))
        if abs(value) > 1e-12 and 4 < y < plane.height - 4:
            geom.shapes.append(Shape("line", f"{bid}:yt{short(value)}", (ox - 3, y, ox + 3, y)))
            geom.labels.append(Label(ox - 6, y, short(value), SMALL_SIZE, "end", tone="muted"))
    for key, at, anchor in (("xLabel", (plane.width + 4, oy - 12), "end"), ("yLabel", (ox + 8, 6), "start")):
        text = block.get(key)
        if isinstance(text, str) and text:
            geom.labels.append(Label(at[0], at[1], text, SMALL_SIZE + 1, anchor))


def _place_label(geom: BlockGeom, text: str, at: Point, direction: Point, tone: str) -> Rect:
    """A label just beyond ``at`` in ``direction`` (pixels), anchored so it grows away from it."""
    length = math.hypot(*direction) or 1.0
    ux, uy = direction[0] / length, direction[1] / length
    x, y = at[0] + ux * 10, at[1] + uy * 10
    anchor = "start" if ux > 0.3 else "end" if ux < -0.3 else "middle"
    if anchor == "middle":
        y += uy * line_height(FONT_SIZE) / 2
    elif abs(uy) < 0.5:  # along a near-level line: sit above it, never on it
        y -= line_height(FONT_SIZE) / 2 + 2
    label = Label(x, y, text, FONT_SIZE, anchor, tone=tone)
    geom.labels.append(label)
    return label.box()


def _polygon(geom: BlockGeom, key: str, plane: Plane, poly: dict[str, Any], m: Matrix | None) -> None:
    points = [_pair(p, (0.0, 0.0)) for p in poly.get("points") or []]
    if len(points) < 3:
        return
    colour = hl_of(poly.get("hl")) or hl_of(poly.get("color"))
    moved = poly.get("transformed") is True and m is not None
    if moved:
        before = plane.clip_polygon(points)
        if len(before) >= 3:
            flat = tuple(v for p in before + before[:1] for v in plane(p))
            geom.shapes.append(Shape("poly", f"{key}:before", flat, stroke="muted", dashed=True, faded=True))
        points = [_apply(m, p) for p in points]
    points = plane.clip_polygon(points)  # what lies outside the plane is not drawn over its neighbours
    if len(points) < 3:
        return
    flat = tuple(v for p in points + points[:1] for v in plane(p))
    if colour:
        geom.fills.append(Shape("poly", f"{key}:fill", flat[:-2], stroke="none", fill=colour))
    geom.shapes.append(Shape("poly", key, flat, stroke=hl_of(poly.get("color")) or "ink"))
    text = _text(poly.get("label"))
    pixels = [plane(p) for p in points]
    box = bounding([Rect(x, y, 0.1, 0.1) for x, y in pixels])
    if text:
        # beside the right side of the shape, halfway up: inside a small shape text would cover the lines
        _place_label(geom, text, (box.right, box.cy), (1.0, 0.0), hl_of(poly.get("color")) or "ink")
    if isinstance(poly.get("id"), str):
        geom.slots[poly["id"]] = Slot(box, key)


def _function(geom: BlockGeom, key: str, plane: Plane, fn: dict[str, Any]) -> None:
    try:
        tree = parse(fn.get("expr", "")) if isinstance(fn.get("expr"), str) else None
    except ExpressionError:
        tree = None
    if tree is None:
        return
    low, high = _range(fn.get("domain"), plane.xr)
    low, high = max(low, plane.xr[0]), min(high, plane.xr[1])
    runs: list[list[Point]] = [[]]
    for i in range(SAMPLES + 1):
        x = low + (high - low) * i / SAMPLES
        y = evaluate(tree, x)
        if math.isfinite(y) and plane.yr[0] <= y <= plane.yr[1]:
            runs[-1].append(plane((x, y)))
        elif runs[-1]:
            runs.append([])
    colour = hl_of(fn.get("color")) or "green"
    drawn = [run for run in runs if len(run) >= 2]
    for k, run in enumerate(drawn):
        geom.shapes.append(Shape("curve", f"{key}:{k}", tuple(v for p in run for v in p), stroke=colour,
                                 dashed=fn.get("dashed") is True, width=1.4, connector=True))
    text = _text(fn.get("label"))
    if text and drawn:
        end, before = drawn[-1][-1], drawn[-1][-2]
        _place_label(geom, text, end, (end[0] - before[0], end[1] - before[1]), colour)


def _vector(geom: BlockGeom, key: str, plane: Plane, vec: dict[str, Any], m: Matrix | None) -> None:
    start, end = _pair(vec.get("from"), (0.0, 0.0)), _pair(vec.get("to"), (1.0, 0.0))
    colour = hl_of(vec.get("color")) or "ink"
    if vec.get("transformed") is True and m is not None:
        seen = plane.clip(start, end)
        if seen is not None:
            _arrow(geom, f"{key}:before", plane(seen[0]), plane(seen[1]), "muted", True, faded=True,
                   head=seen[1] == end)
        start, end = _apply(m, start), _apply(m, end)
    seen = plane.clip(start, end)
    if seen is None:
        return
    a, b = plane(seen[0]), plane(seen[1])
    _arrow(geom, key, a, b, colour, vec.get("dashed") is True, head=seen[1] == end)
    text = _text(vec.get("label"))
    if text and plane.inside(end):
        _place_label(geom, text, b, (b[0] - a[0], b[1] - a[1]) if (a != b) else (1.0, -1.0), colour)
    if isinstance(vec.get("id"), str):
        geom.slots[vec["id"]] = Slot(Rect(b[0] - 5, b[1] - 5, 10, 10), key)


def _arrow(geom: BlockGeom, key: str, a: Point, b: Point, colour: str, dashed: bool,
           faded: bool = False, head: bool = True) -> None:
    if math.hypot(b[0] - a[0], b[1] - a[1]) < 3:
        return
    geom.shapes.append(Shape("line", key, (*a, *b), stroke=colour, dashed=dashed, faded=faded, width=1.5,
                             connector=True))
    if head:  # a vector cut off at the edge of the plane has no tip to show
        tip = arrow_head(b, a, f"{key}:head", colour)
        tip.faded = faded
        geom.shapes.append(tip)


def _point(geom: BlockGeom, key: str, plane: Plane, point: dict[str, Any], m: Matrix | None) -> None:
    at = _pair(point.get("at"), (0.0, 0.0))
    colour = hl_of(point.get("color")) or "ink"
    if point.get("transformed") is True and m is not None:
        if plane.inside(at):
            x, y = plane(at)
            geom.shapes.append(Shape("dot", f"{key}:before", (x, y, 7.0), stroke="muted", faded=True))
        at = _apply(m, at)
    if not plane.inside(at):
        return
    x, y = plane(at)
    geom.shapes.append(Shape("dot", key, (x, y, 8.0), stroke=colour))
    text = _text(point.get("label"))
    if text:
        geom.labels.append(Label(x + 7, y - 4 - line_height(FONT_SIZE) / 2, text, FONT_SIZE, "start",
                                 tone=colour))
    if isinstance(point.get("id"), str):
        geom.slots[point["id"]] = Slot(Rect(x - 5, y - 5, 10, 10), key)

