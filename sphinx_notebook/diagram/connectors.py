"""Pointers (dot, line or curve, arrowhead, label) and notes (text with a curved arrow).

A pointer leaves from a dot in the centre of a cell, or from the edge of a block,
and ends on the side of its target that faces it (the ray towards the target's
centre) unless ``toSide``/``fromSide`` say otherwise. ``bend`` turns the line into
a quadratic curve whose control point sits ``bend`` times the chord length off
the middle; its sign picks the side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sphinx_notebook.diagram.model import FONT_SIZE, Label, Rect, Shape, Slot, bounding

Point = tuple[float, float]
SIDES = ("n", "e", "s", "w")
SMALL_LABEL = 13.0
HEAD_LEN = 11.0
HEAD_ANGLE = math.radians(27)
DOT = 8.0


@dataclass
class Drawn:
    """What one pointer or note adds to the scene, and the area it covers."""

    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    extents: list[Rect] = field(default_factory=list)


def _num(value: Any, default: float, low: float = -math.inf, high: float = math.inf) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return min(max(float(value), low), high)
    return default


def boundary(slot: Slot, toward: Point) -> Point:
    """Where the ray from the slot's centre towards ``toward`` leaves the slot."""
    rect = slot.rect
    cx, cy = rect.cx, rect.cy
    dx, dy = toward[0] - cx, toward[1] - cy
    hw, hh = max(rect.w / 2, 0.5), max(rect.h / 2, 0.5)
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return cx, cy
    if slot.shape == "ellipse":
        t = 1 / math.sqrt((dx / hw) ** 2 + (dy / hh) ** 2)
    else:
        t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def _control(p0: Point, p1: Point, bend: float) -> Point:
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2
    return mx - bend * (p1[1] - p0[1]), my + bend * (p1[0] - p0[0])


def _toward(point: Point, target: Point, distance: float) -> Point:
    dx, dy = target[0] - point[0], target[1] - point[1]
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return point
    return point[0] + dx / length * distance, point[1] + dy / length * distance


def _head(tip: Point, before: Point, key: str, colour: str, size: float = HEAD_LEN) -> Shape:
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0]) + math.pi
    wings = [(tip[0] + size * math.cos(angle + s), tip[1] + size * math.sin(angle + s))
             for s in (HEAD_ANGLE, -HEAD_ANGLE)]
    return Shape("poly", key, (*wings[0], *tip, *wings[1]), stroke=colour, connector=True)


def _quad_points(p0: Point, c: Point, p1: Point, steps: int = 12) -> list[Point]:
    out = []
    for i in range(steps + 1):
        t = i / steps
        a, b, d = (1 - t) ** 2, 2 * (1 - t) * t, t * t
        out.append((a * p0[0] + b * c[0] + d * p1[0], a * p0[1] + b * c[1] + d * p1[1]))
    return out


def _extent(points: list[Point], pad: float = 4.0) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Rect(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)


def _cubic_points(p0: Point, c1: Point, c2: Point, p1: Point, steps: int) -> list[Point]:
    out = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
        out.append((a * p0[0] + b * c1[0] + c * c2[0] + d * p1[0],
                    a * p0[1] + b * c1[1] + c * c2[1] + d * p1[1]))
    return out


def _flat(points: list[Point]) -> tuple[float, ...]:
    return tuple(v for point in points for v in point)


def _side_gap(point: Point, side: str, gap: float) -> Point:
    dx, dy = {"n": (0, -1), "s": (0, 1), "e": (1, 0), "w": (-1, 0)}[side]
    return point[0] + dx * gap, point[1] + dy * gap


def _label_at(point: Point, normal: Point, text: str) -> Label:
    """A label beside ``point`` on the ``normal`` side, anchored so it grows away."""
    nx, ny = normal
    if nx > 0.35:
        return Label(point[0] + nx * 7, point[1] + ny * 7, text, SMALL_LABEL, "start")
    if nx < -0.35:
        return Label(point[0] + nx * 7, point[1] + ny * 7, text, SMALL_LABEL, "end")
    return Label(point[0], point[1] + (1 if ny >= 0 else -1) * (SMALL_LABEL * 0.6 + 5), text, SMALL_LABEL)


def pointer(source: Slot, target: Slot, style: dict[str, Any], key: str) -> Drawn:
    """Dot, shaft, arrowhead and optional label of one pointer."""
    drawn = Drawn()
    bend = _num(style.get("bend"), 0.0, -1.0, 1.0)
    from_side = style.get("fromSide") if style.get("fromSide") in SIDES else None
    to_side = style.get("toSide") if style.get("toSide") in SIDES else None
    colour = str(style["hl"]) if style.get("hl") in ("yellow", "blue", "green", "red") else "ink"
    dashed = style.get("dashed") is True
    dot = source.is_cell and from_side is None
    p0 = source.rect.side_point(from_side) if from_side else (source.rect.cx, source.rect.cy)
    p1 = target.rect.side_point(to_side) if to_side else (target.rect.cx, target.rect.cy)
    start, end = p0, p1
    for _ in range(2):
        ctrl = _control(p0, p1, bend)
        if not from_side and not dot:
            p0 = boundary(source, ctrl if bend else p1)
        if not to_side:
            p1 = boundary(target, ctrl if bend else p0)
    start, end = p0, p1
    if from_side:
        start = _side_gap(start, from_side, 2)
    elif not dot:
        start = _toward(start, ctrl if bend else end, 3)
    if to_side:
        end = _side_gap(end, to_side, 3)
    else:
        end = _toward(end, _control(start, end, bend) if bend else start, 3)
    if dot:
        drawn.shapes.append(Shape("dot", f"{key}:dot", (start[0], start[1], DOT)))
        drawn.extents.append(Rect(start[0] - DOT, start[1] - DOT, 2 * DOT, 2 * DOT))
    if math.hypot(end[0] - start[0], end[1] - start[1]) < DOT:
        return drawn
    ctrl = _control(start, end, bend)
    if bend:
        points = _quad_points(start, ctrl, end)
        drawn.shapes.append(Shape("curve", key, _flat(_quad_points(start, ctrl, end, 6)), stroke=colour,
                                  dashed=dashed, connector=True))
    else:
        drawn.shapes.append(Shape("line", key, (*start, *end), stroke=colour, dashed=dashed, connector=True))
        points = [start, end]
    if style.get("head") is not False:
        head = _head(end, ctrl if bend else start, f"{key}:head", colour)
        drawn.shapes.append(head)
        points.extend(zip(head.args[0::2], head.args[1::2], strict=False))
    drawn.extents.append(_extent(points))
    label = style.get("label")
    if isinstance(label, str) and label:
        mid = _quad_points(start, ctrl, end, 2)[1]
        if bend:
            mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
            nx, ny = ctrl[0] - mx, ctrl[1] - my
        else:
            nx, ny = end[1] - start[1], start[0] - end[0]
            if ny > 0 or (abs(ny) < 1e-9 and nx > 0):
                nx, ny = -nx, -ny
        length = math.hypot(nx, ny) or 1.0
        drawn.labels.append(_label_at(mid, (nx / length, ny / length), label))
    return drawn


def note(target: Slot, spec: dict[str, Any], key: str) -> Drawn:
    """Text on one side of the target with a small wavy arrow pointing at it."""
    drawn = Drawn()
    side = spec.get("side") if spec.get("side") in SIDES else "e"
    dist = _num(spec.get("dist"), 30.0, 0.0, 2000.0)
    bend = _num(spec.get("bend"), 0.3, -1.0, 1.0)
    text = spec["text"] if isinstance(spec.get("text"), str) else ""
    rect = target.rect
    if side == "w":
        label = Label(rect.x - dist, rect.cy, text, FONT_SIZE, "end", tone="red")
    elif side == "e":
        label = Label(rect.right + dist, rect.cy, text, FONT_SIZE, "start", tone="red")
    else:
        probe = Label(0, 0, text, FONT_SIZE).box()
        offset = dist + probe.h / 2
        label = Label(rect.cx, rect.y - offset if side == "n" else rect.bottom + offset, text, FONT_SIZE,
                      tone="red")
    box = label.box()
    drawn.labels.append(label)
    if side == "w":
        start, end = (box.right + 5, box.cy + 2), (rect.x - 5, rect.cy)
    elif side == "e":
        start, end = (box.x - 5, box.cy + 2), (rect.right + 5, rect.cy)
    elif side == "n":
        start, end = (rect.cx + 6, box.bottom + 3), (rect.cx, rect.y - 5)
    else:
        start, end = (rect.cx + 6, box.y - 3), (rect.cx, rect.bottom + 5)
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    if length >= 10 and text:
        dx, dy = end[0] - start[0], end[1] - start[1]
        c1 = (start[0] + dx / 3 - bend * dy * 0.6, start[1] + dy / 3 + bend * dx * 0.6)
        c2 = (start[0] + 2 * dx / 3 + bend * dy * 0.3, start[1] + 2 * dy / 3 - bend * dx * 0.3)
        drawn.shapes.append(Shape("curve", key, _flat(_cubic_points(start, c1, c2, end, 6)), stroke="red",
                                  connector=True))
        head = _head(end, c2, f"{key}:head", "red", 8.0)
        drawn.shapes.append(head)
        drawn.extents.append(bounding([_extent([start, c1, c2, end], 2), _extent(list(zip(
            head.args[0::2], head.args[1::2], strict=False)), 2)]))
    return drawn
