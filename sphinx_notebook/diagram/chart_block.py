"""Geometry of a ``chart`` block: grouped or stacked bars, or lines, over categories.

A y axis with nice ticks (linear, or powers of ten with ``log``), category
names under the x axis, bars outlined in ink and hatched in the series colour,
value labels over the bars, a legend when there is more than one series.
``c[i]`` addresses the bars of category i (with their value labels), and
``c[i][j]`` series j's bar in it.
"""

from __future__ import annotations

import math
from typing import Any

from sphinx_notebook.diagram.blocks import BlockGeom, fmt_value, hl_of
from sphinx_notebook.diagram.fontmetrics import line_height, text_width
from sphinx_notebook.diagram.model import LABEL_SIZE, SMALL_SIZE, Label, Rect, Shape, Slot, bounding
from sphinx_notebook.diagram.scales import Scale, short, value_range

PALETTE = ("blue", "yellow", "green", "red")
TICK = 5.0
VALUE_SIZE = 13.0


REACH = 1e15  # as far as the schema lets a value go; sums of such values stay finite


def _number(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return min(max(float(value), -REACH), REACH)
    return math.nan


def _series(block: dict[str, Any], count: int) -> list[tuple[str, str, list[float]]]:
    out = []
    for j, raw in enumerate(s for s in block.get("series") or [] if isinstance(s, dict)):
        values: list[Any] = raw["values"] if isinstance(raw.get("values"), list) else []
        numbers = [_number(values[i]) if i < len(values) else math.nan for i in range(count)]
        name = raw["name"] if isinstance(raw.get("name"), str) else ""
        out.append((name, hl_of(raw.get("color")) or PALETTE[j % len(PALETTE)], numbers))
    return out


def build_chart(block: dict[str, Any]) -> BlockGeom:
    """Axes, bars or lines, labels, legend and the ``c[i]`` slots of a chart."""
    bid = block.get("id", "")
    categories = [c if isinstance(c, str) else fmt_value(c) for c in block.get("categories") or []] or [""]
    count = len(categories)
    series = _series(block, count) or [("", PALETTE[0], [math.nan] * count)]
    log = block.get("log") is True
    line = block.get("type") == "line"
    stacked = block.get("stacked") is True and not line
    totals = [sum(v for _, _, vals in series if math.isfinite(v := vals[i]) and v > 0) for i in range(count)]
    values = [v for _, _, vals in series for v in vals] + (totals if stacked else [])
    low, high = value_range(values, log)
    per_group = 1 if stacked or line else len(series)
    name_w = max(text_width(c, SMALL_SIZE + 1) for c in categories) + 16
    slot_w = max(name_w, per_group * 26.0 + 24)
    width = _size(block.get("width"), max(240.0, slot_w * count))
    height = _size(block.get("height"), 200.0)
    slot_w = width / count
    y = Scale(low, high, height, 0.0, log)
    geom = BlockGeom(outer=Rect(0, 0, width, height), body=Rect(0, 0, width, height))
    _axes(geom, bid, y, width, height, block)
    show_values = block.get("values") is not False
    groups: list[list[Rect]] = [[] for _ in range(count)]
    tops: list[list[Rect]] = [[] for _ in range(count)]
    for i, name in enumerate(categories):
        left = i * slot_w
        geom.labels.append(Label(left + slot_w / 2, height + 8 + SMALL_SIZE * 0.7, name, SMALL_SIZE + 1))
        bar_w = min(46.0, (slot_w - 20) / per_group)
        start = left + (slot_w - bar_w * per_group) / 2
        base = y(low)
        for j, (_, colour, vals) in enumerate(series):
            value = vals[i]
            if not math.isfinite(value) or (log and value <= 0):
                continue
            if line:
                continue
            x0 = start + (0 if stacked else j * bar_w)
            y0 = base
            if stacked:
                below = sum(v for v in (s[2][i] for s in series[:j]) if math.isfinite(v) and v > 0)
                y0 = y(below) if below > 0 or not log else base
                y1 = y(below + value) if value > 0 else y0
            else:
                y1 = y(value)
            rect = Rect(x0 + 3, min(y0, y1), bar_w - 6, max(abs(y1 - y0), 1.0))
            geom.fills.append(Shape("rect", f"{bid}[{i}][{j}]:fill", (rect.x + 2, rect.y + 2, rect.w - 4,
                                                                      max(rect.h - 4, 1.0)),
                                    stroke="none", fill=colour))
            geom.shapes.append(Shape("rect", f"{bid}[{i}][{j}]", (rect.x, rect.y, rect.w, rect.h)))
            groups[i].append(rect)
            geom.slots[f"[{i}].[{j}]"] = Slot(rect, f"{bid}[{i}][{j}]")
            if show_values and not stacked:
                tops[i].append(_value_label(geom, rect.cx, rect.y, value))
        if stacked and show_values and groups[i]:
            tops[i].append(_value_label(geom, groups[i][-1].cx, min(r.y for r in groups[i]), totals[i]))
    if line:
        _lines(geom, bid, series, y, slot_w, show_values, groups, tops)
    _unit(geom, block, log)
    ceiling = min([0.0] + [lb.box().y for lb in geom.labels])
    for i in range(count):
        rects = groups[i] + tops[i]
        area = bounding(rects) if rects else Rect(i * slot_w + slot_w / 2 - 10, height - 20, 20, 20)
        geom.parts.append((f"bars:{bid}[{i}]", area))
        # the slot runs up to the top of the chart, so a note above it clears every taller bar
        geom.slots[f"[{i}]"] = Slot(Rect(area.x, ceiling, area.w, area.bottom - ceiling), f"{bid}[{i}]")
    if len(series) > 1:
        _legend(geom, bid, series, width, height + 44)
    geom.body = Rect(0, 0, width, height)
    geom.slots[""] = Slot(geom.body, bid)
    label = block.get("label")
    top = min([0.0] + [lb.box().y for lb in geom.labels])
    if isinstance(label, str) and label:
        geom.labels.append(Label(width / 2, top - 8 - LABEL_SIZE * 0.6, label, LABEL_SIZE, bold=True))
    geom.outer = bounding([geom.body] + [lb.box() for lb in geom.labels])
    return geom


def _size(value: Any, default: float) -> float:
    number = _number(value)
    return min(max(number, 40.0), 2000.0) if math.isfinite(number) else default


def _value_label(geom: BlockGeom, x: float, top: float, value: float) -> Rect:
    label = Label(x, top - 4 - line_height(VALUE_SIZE) / 2, short(value), VALUE_SIZE)
    geom.labels.append(label)
    return label.box()


def _axes(geom: BlockGeom, bid: str, y: Scale, width: float, height: float, block: dict[str, Any]) -> None:
    geom.shapes.append(Shape("line", f"{bid}:xaxis", (0, height, width, height)))
    geom.shapes.append(Shape("line", f"{bid}:yaxis", (0, height, 0, 0)))
    for k, tick in enumerate(y.ticks(5)):
        at = y(tick)
        geom.shapes.append(Shape("line", f"{bid}:tick{k}", (-TICK, at, 0, at)))
        if abs(at - height) > 1:
            geom.shapes.append(Shape("line", f"{bid}:grid{k}", (0, at, width, at), stroke="muted", faded=True,
                                     dashed=True))
        geom.labels.append(Label(-TICK - 4, at, short(tick), SMALL_SIZE, "end", tone="muted"))


def _unit(geom: BlockGeom, block: dict[str, Any], log: bool) -> None:
    """The unit (and "log") above the y axis, clear of the tallest value label."""
    unit = block.get("unit")
    text = (unit if isinstance(unit, str) else "") + (" (log scale)" if log else "")
    if text.strip():
        top = min([0.0] + [lb.box().y for lb in geom.labels])
        geom.labels.append(Label(-TICK - 4, top - 6 - SMALL_SIZE * 0.6, text.strip(), SMALL_SIZE, "start",
                                 tone="muted"))


def _lines(geom: BlockGeom, bid: str, series: list[tuple[str, str, list[float]]], y: Scale, slot_w: float,
           show_values: bool, groups: list[list[Rect]], tops: list[list[Rect]]) -> None:
    for j, (_, colour, vals) in enumerate(series):
        points = [(i * slot_w + slot_w / 2, y(v)) for i, v in enumerate(vals)
                  if math.isfinite(v) and (not y.log or v > 0)]
        if len(points) > 1:
            flat = tuple(c for p in points for c in p)
            geom.shapes.append(Shape("poly", f"{bid}:line{j}", flat, stroke=colour, width=1.6))
        for i, v in enumerate(vals):
            if not math.isfinite(v) or (y.log and v <= 0):
                continue
            cx, cy = i * slot_w + slot_w / 2, y(v)
            geom.shapes.append(Shape("dot", f"{bid}[{i}][{j}]", (cx, cy, 9.0), stroke=colour))
            dot = Rect(cx - 5, cy - 5, 10, 10)
            groups[i].append(dot)
            geom.slots[f"[{i}].[{j}]"] = Slot(dot, f"{bid}[{i}][{j}]", "ellipse")
            if show_values and len(series) == 1:
                tops[i].append(_value_label(geom, cx, cy - 6, v))


def _legend(geom: BlockGeom, bid: str, series: list[tuple[str, str, list[float]]], width: float,
            row_y: float) -> None:
    x = 0.0
    for j, (name, colour, _) in enumerate(series):
        text = name or f"series {j + 1}"
        geom.fills.append(Shape("rect", f"{bid}:key{j}:fill", (x + 1, row_y - 6, 12, 12), stroke="none",
                                fill=colour))
        geom.shapes.append(Shape("rect", f"{bid}:key{j}", (x, row_y - 7, 14, 14)))
        geom.labels.append(Label(x + 20, row_y, text, SMALL_SIZE + 1, "start"))
        x += 20 + text_width(text, SMALL_SIZE + 1) + 18
    if x > width:  # a long legend widens the block rather than running over its neighbours
        geom.parts.append((f"legend:{bid}", Rect(0, row_y - 8, x, 16)))
