"""Geometry of each block kind: cells, rows, frames, stacks, boxes and text.

Each builder draws its block around the origin and returns a :class:`BlockGeom`;
layout.py then moves it to its grid position. Sizes come from real text widths
(fontmetrics.py) with padding and minimums, and every cell in a block shares one
width so arrays and rows line up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sphinx_notebook.diagram.fontmetrics import line_height, text_width
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

CELL_H = 36.0
MIN_W = 38.0
PAD = 11.0
INSET = 2.5
HL_COLOURS = ("yellow", "blue", "green", "red")
BOLD_FACTOR = 1.06  # synthetic bold is a little wider than the regular advance


@dataclass
class Cell:
    """One cell or row after the shorthand forms are expanded."""

    text: str = ""
    id: str | None = None
    name: str | None = None
    ptr: str | None = None
    style: dict[str, Any] = field(default_factory=dict)
    null: bool = False
    hl: str | None = None
    faded: bool = False


@dataclass
class BlockGeom:
    """A placed block: outline, drawing, addressable slots and pointer sugar."""

    outer: Rect
    body: Rect
    fills: list[Shape] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    slots: dict[str, Slot] = field(default_factory=dict)
    sugar: list[tuple[Slot, str, dict[str, Any], str]] = field(default_factory=list)
    parts: list[tuple[str, Rect]] = field(default_factory=list)  # nodes and bars, for overlap checks

    def moved_to(self, x: float, y: float) -> BlockGeom:
        """The same block with its outer top-left corner at (x, y)."""
        dx, dy = x - self.outer.x, y - self.outer.y
        slots = {k: Slot(s.rect.moved(dx, dy), s.key, s.shape, s.is_cell) for k, s in self.slots.items()}
        moved = {id(s): slots[k] for k, s in self.slots.items()}
        return BlockGeom(
            outer=self.outer.moved(dx, dy),
            body=self.body.moved(dx, dy),
            fills=[_shift(s, dx, dy) for s in self.fills],
            shapes=[_shift(s, dx, dy) for s in self.shapes],
            labels=[Label(lb.x + dx, lb.y + dy, lb.text, lb.size, lb.anchor, lb.tone, lb.bold, lb.faded)
                    for lb in self.labels],
            slots=slots,
            sugar=[(moved.get(id(src), src), ref, style, key) for src, ref, style, key in self.sugar],
            parts=[(name, rect.moved(dx, dy)) for name, rect in self.parts],
        )


def _shift(shape: Shape, dx: float, dy: float) -> Shape:
    args = list(shape.args)
    if shape.kind in ("rect", "ellipse", "dot"):
        args[0] += dx
        args[1] += dy
    else:
        for i in range(0, len(args) - 1, 2):
            args[i] += dx
            args[i + 1] += dy
    return Shape(shape.kind, shape.key, tuple(args), shape.stroke, shape.fill,
                 shape.fill_style, shape.dashed, shape.faded, shape.width, shape.connector)


def fmt_value(value: Any) -> str:
    """Display text of a JSON scalar (4.0 shows as 4, like JavaScript would)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def hl_of(raw: Any) -> str | None:
    return raw if raw in HL_COLOURS else None


def to_cell(raw: Any) -> Cell:
    """Expand the shorthand cell forms; ``null`` alone means a null pointer."""
    if raw is None:
        return Cell(null=True)
    if not isinstance(raw, dict):
        return Cell(text=fmt_value(raw))
    style = raw.get("ptrStyle")
    return Cell(
        text=fmt_value(raw.get("value")),
        id=raw.get("id") if isinstance(raw.get("id"), str) else None,
        name=raw.get("name") if isinstance(raw.get("name"), str) else None,
        ptr=raw.get("ptr") if isinstance(raw.get("ptr"), str) and raw.get("ptr") else None,
        style=style if isinstance(style, dict) else {},
        null=raw.get("null") is True,
        hl=hl_of(raw.get("hl")),
        faded=raw.get("faded") is True,
    )


def ident_of(label: str) -> str | None:
    """The identifier a frame label can be addressed by: ``sum(xs)`` -> ``sum``."""
    match = re.match(r"[A-Za-z_][A-Za-z0-9_-]*", label.strip())
    return match.group(0) if match else None


def _fill(key: str, rect: Rect, colour: str, shape: str = "rect") -> Shape:
    inset = Rect(rect.x + INSET, rect.y + INSET, max(rect.w - 2 * INSET, 1), max(rect.h - 2 * INSET, 1))
    return Shape(shape, key, (inset.x, inset.y, inset.w, inset.h), stroke="none", fill=colour)


def _slash(key: str, rect: Rect) -> Shape:
    mx, my = min(9.0, rect.w / 4), min(8.0, rect.h / 4)
    return Shape("line", key, (rect.x + mx, rect.bottom - my, rect.right - mx, rect.y + my))


def _add_cell_content(geom: BlockGeom, cell: Cell, rect: Rect, key: str, align: str = "middle") -> None:
    if cell.hl:
        geom.fills.append(_fill(f"{key}:hl", rect, cell.hl))
    if cell.text:
        x = rect.x + PAD if align == "start" else rect.cx
        geom.labels.append(Label(x, rect.cy, cell.text, FONT_SIZE, align, faded=cell.faded))
    if cell.null:
        geom.shapes.append(Shape("line", f"{key}:null", _slash(key, rect).args, faded=cell.faded))


def _add_label(geom: BlockGeom, label: str, side: str, extra_left: float = 0.0) -> None:
    body = geom.body
    if side == "w":
        geom.labels.append(Label(body.x - 10 - extra_left, body.cy, label, LABEL_SIZE, "end", bold=True))
    else:
        top = min([body.y] + [lb.box().y for lb in geom.labels if lb.size == SMALL_SIZE])
        geom.labels.append(Label(body.cx, top - 6 - LABEL_SIZE * 0.6, label, LABEL_SIZE, bold=True))


def _finish(geom: BlockGeom) -> BlockGeom:
    geom.outer = bounding([geom.body] + [lb.box() for lb in geom.labels])
    return geom


def _label_text(block: dict[str, Any]) -> str:
    label = block.get("label")
    return label if isinstance(label, str) else ""


def build_array(block: dict[str, Any]) -> BlockGeom:
    """Cells in a row (or a column with ``dir: down``), optional indices and label."""
    bid = block.get("id", "")
    cells = [to_cell(c) for c in block.get("cells") or []]
    down = block.get("dir") == "down"
    width = block.get("cellWidth")
    if not isinstance(width, (int, float)) or isinstance(width, bool) or width <= 0:
        width = max([MIN_W] + [text_width(c.text, FONT_SIZE) + 2 * PAD for c in cells])
    count = max(len(cells), 1)
    body = Rect(0, 0, width, CELL_H * count) if down else Rect(0, 0, width * count, CELL_H)
    geom = BlockGeom(outer=body, body=body)
    geom.slots[""] = Slot(body, bid)
    # one outline plus dividers: half the strokes of a box per cell, and it is how
    # the sketches draw arrays
    geom.shapes.append(Shape("rect", f"{bid}:outer", (0, 0, body.w, body.h), dashed=not cells))
    index = block.get("index")
    first = index if isinstance(index, int) and not isinstance(index, bool) else 0
    show_index = index is not None and index is not False
    index_w = 0.0
    for i, cell in enumerate(cells):
        rect = Rect(0, i * CELL_H, width, CELL_H) if down else Rect(i * width, 0, width, CELL_H)
        key = f"{bid}[{i}]"
        if i:
            divider = (rect.x, 0, rect.x, CELL_H) if not down else (0, rect.y, width, rect.y)
            geom.shapes.append(Shape("line", f"{key}:edge", divider))
        _add_cell_content(geom, cell, rect, key)
        slot = Slot(rect, key, is_cell=True)
        geom.slots[f"[{i}]"] = slot
        for alias in (cell.id, cell.name):
            if alias:
                geom.slots.setdefault(alias, slot)
        if cell.ptr:
            geom.sugar.append((slot, cell.ptr, cell.style, key))
        if show_index:
            text = str(first + i)
            if down:
                geom.labels.append(Label(rect.x - 7, rect.cy, text, SMALL_SIZE, "end", tone="muted"))
                index_w = max(index_w, text_width(text, SMALL_SIZE) + 7)
            else:
                geom.labels.append(Label(rect.cx, rect.y - 4 - SMALL_SIZE * 0.55, text, SMALL_SIZE,
                                         tone="muted"))
    _block_hl(geom, block, bid)
    label = _label_text(block)
    if label:
        _add_label(geom, label, block.get("labelSide", "n"), index_w)
    return _finish(geom)


def _block_hl(geom: BlockGeom, block: dict[str, Any], bid: str, shape: str = "rect") -> None:
    colour = hl_of(block.get("hl"))
    if colour:
        geom.fills.insert(0, _fill(f"{bid}:hl", geom.body, colour, shape))


def _columns(rows: list[Cell], header: str = "") -> tuple[float, float]:
    names = [text_width(c.name, FONT_SIZE) + 2 * PAD for c in rows if c.name]
    name_w = max([MIN_W, *names]) if names else 0.0
    value_w = max([MIN_W] + [text_width(c.text, FONT_SIZE) + 2 * PAD for c in rows])
    header_w = text_width(header, LABEL_SIZE) * BOLD_FACTOR + 2 * PAD if header else 0.0
    if header_w > name_w + value_w:
        value_w = header_w - name_w
    return name_w, value_w


def _rows(geom: BlockGeom, key: str, header: str, rows: list[Cell], x: float, y: float,
          name_w: float, value_w: float, header_hl: str | None, prefix: str = "") -> Rect:
    """Draw a frame (header row + name|value rows) or, without header, a struct."""
    width = name_w + value_w
    height = CELL_H * (len(rows) + (1 if header else 0))
    outer = Rect(x, y, width, max(height, CELL_H))
    top = y
    if header:
        head = Rect(x, y, width, CELL_H)
        if header_hl:
            geom.fills.append(_fill(f"{key}:hl", head, header_hl))
        geom.labels.append(Label(x + PAD, head.cy, header, LABEL_SIZE, "start", bold=True))
        top += CELL_H
    geom.shapes.append(Shape("rect", f"{key}:outer", (outer.x, outer.y, outer.w, outer.h)))
    for i, cell in enumerate(rows):
        row_y = top + i * CELL_H
        row_key = f"{key}.{i}"
        if row_y > y:
            geom.shapes.append(Shape("line", f"{row_key}:h", (x, row_y, x + width, row_y)))
        if name_w:
            geom.shapes.append(Shape("line", f"{row_key}:v", (x + name_w, row_y, x + name_w, row_y + CELL_H)))
            if cell.name:
                geom.labels.append(Label(x + PAD, row_y + CELL_H / 2, cell.name, FONT_SIZE, "start",
                                         faded=cell.faded))
        rect = Rect(x + name_w, row_y, value_w, CELL_H)
        _add_cell_content(geom, cell, rect, row_key)
        slot = Slot(rect, row_key, is_cell=True)
        geom.slots.setdefault(f"{prefix}[{i}]", slot)
        for alias in (cell.id, cell.name):
            if alias:
                geom.slots.setdefault(prefix + alias, slot)
        if cell.ptr:
            geom.sugar.append((slot, cell.ptr, cell.style, row_key))
    return outer


def build_struct(block: dict[str, Any]) -> BlockGeom:
    """Rows of name | value; kind ``frame`` adds the label as a header row."""
    bid = block.get("id", "")
    rows = [to_cell(c) for c in block.get("cells") or []]
    is_frame = block.get("kind") == "frame"
    header = _label_text(block) if is_frame else ""
    name_w, value_w = _columns(rows, header)
    geom = BlockGeom(outer=Rect(0, 0, 1, 1), body=Rect(0, 0, 1, 1))
    header_hl = hl_of(block.get("hl")) if is_frame else None
    geom.body = _rows(geom, bid, header, rows, 0, 0, name_w, value_w, header_hl)
    geom.slots[""] = Slot(geom.body, bid)
    if not is_frame:
        _block_hl(geom, block, bid)
        label = _label_text(block)
        if label:
            _add_label(geom, label, block.get("labelSide", "n"))
    return _finish(geom)


def build_stack(block: dict[str, Any]) -> BlockGeom:
    """Frames stacked vertically; ``grows: up`` puts the newest (last) frame on top."""
    bid = block.get("id", "")
    frames = [f for f in block.get("frames") or [] if isinstance(f, dict)]
    gap = block.get("gap")
    gap = float(gap) if isinstance(gap, (int, float)) and not isinstance(gap, bool) and gap >= 0 else 8.0
    parsed = [(f, [to_cell(c) for c in f.get("cells") or []]) for f in frames]
    name_w, value_w = 0.0, MIN_W
    for frame, rows in parsed:
        n, v = _columns(rows, str(frame.get("label", "")))
        name_w, value_w = max(name_w, n), max(value_w, v)
    for frame, rows in parsed:  # a header wider than the columns widens the value column
        n, v = _columns(rows, str(frame.get("label", "")))
        value_w = max(value_w, n + v - name_w)
    order = list(enumerate(parsed))
    if block.get("grows") == "up":
        order.reverse()
    geom = BlockGeom(outer=Rect(0, 0, 1, 1), body=Rect(0, 0, 1, 1))
    y = 0.0
    rects: list[Rect] = []
    for index, (frame, rows) in order:
        fid = frame.get("id") if isinstance(frame.get("id"), str) else None
        label = str(frame.get("label", ""))
        key = f"{bid}.{fid or index}"
        aliases = [a for a in (fid, label, ident_of(label)) if a]
        prefix = f"{aliases[0]}." if aliases else f"[{index}]."
        rect = _rows(geom, key, label, rows, 0, y, name_w, value_w, hl_of(frame.get("hl")), prefix)
        slot = Slot(rect, key)
        geom.slots.setdefault(f"[{index}]", slot)
        for alias in aliases:
            geom.slots.setdefault(alias, slot)
            for i, cell in enumerate(rows):
                target = geom.slots.get(f"{prefix}[{i}]")
                if target is not None:
                    geom.slots.setdefault(f"{alias}.[{i}]", target)
                    for cell_alias in (cell.id, cell.name):
                        if cell_alias:
                            geom.slots.setdefault(f"{alias}.{cell_alias}", target)
                            geom.slots.setdefault(cell_alias, target)
        rects.append(rect)
        y = rect.bottom + gap
    if not rects:
        rects.append(Rect(0, 0, MIN_W * 2, CELL_H))
        geom.shapes.append(Shape("rect", f"{bid}:empty", (0, 0, MIN_W * 2, CELL_H), dashed=True))
    geom.body = bounding(rects)
    geom.slots[""] = Slot(geom.body, bid)
    _block_hl(geom, block, bid)
    label = _label_text(block)
    if label:
        _add_label(geom, label, block.get("labelSide", "n"))
    return _finish(geom)


def build_box(block: dict[str, Any]) -> BlockGeom:
    """Text in a rectangle or an ellipse (kind box), or on its own (kind text)."""
    bid = block.get("id", "")
    text = block.get("text")
    label = _label_text(block)
    if not isinstance(text, str):
        text, label = label, ""
    lines = text.split("\n")
    text_w = max(text_width(line, FONT_SIZE) for line in lines)
    text_h = line_height(FONT_SIZE) * len(lines)
    kind = block.get("kind")
    ellipse = kind == "box" and block.get("shape") == "ellipse"
    if kind == "text":
        body = Rect(0, 0, max(text_w, 4.0), max(text_h, 4.0))
    elif ellipse:
        body = Rect(0, 0, max(76.0, text_w * 1.3 + 34), max(46.0, text_h * 1.5 + 16))
    else:
        body = Rect(0, 0, max(60.0, text_w + 2 * 16), max(40.0, text_h + 20))
    geom = BlockGeom(outer=body, body=body)
    shape = "ellipse" if ellipse else "rect"
    _block_hl(geom, block, bid, shape)
    if kind != "text":
        geom.shapes.append(Shape(shape, f"{bid}:outline", (0, 0, body.w, body.h)))
    if text:
        geom.labels.append(Label(body.cx, body.cy, text, FONT_SIZE, faded=block.get("faded") is True))
    geom.slots[""] = Slot(body, bid, shape)
    if label:
        _add_label(geom, label, block.get("labelSide", "n"))
    return _finish(geom)


def build_block(block: dict[str, Any]) -> BlockGeom:
    """Dispatch on ``kind``; an unknown kind draws as a box so nothing is lost."""
    kind = block.get("kind")
    if kind in ("graph", "tree", "matrix", "plot", "chart"):
        from sphinx_notebook.diagram.kinds import build_kind  # the kinds import this module

        return build_kind(block)
    if kind == "array":
        return build_array(block)
    if kind in ("struct", "frame"):
        return build_struct(block)
    if kind == "stack":
        return build_stack(block)
    return build_box(block)
