"""Geometry of a ``matrix`` block: entries in aligned columns between hand-drawn brackets.

Columns are as wide as their widest entry; ``colLabels`` sit above the columns,
``rowLabels`` left of the rows, and the block's ``label`` sits above (or reads
"A =" on the left with ``labelSide: w``; above, it never meets an arrow coming
in from the side). Rows, columns and entries are slots:
``A[i]``, ``A[i][j]``, ``A.row1``, ``A.col0``; a one-column matrix is a vector,
so ``v[i]`` is its entry i.
"""

from __future__ import annotations

from typing import Any

from sphinx_notebook.diagram.blocks import BlockGeom, fmt_value, hl_of
from sphinx_notebook.diagram.fontmetrics import text_width
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

ROW_H = 32.0
MIN_COL = 30.0
PAD = 9.0
ARM = 8.0  # how far a square bracket's top and bottom reach in
GAP = 7.0  # between the brackets and the entries


def _rows(block: dict[str, Any]) -> list[list[str]]:
    raw = [r for r in block.get("rows") or [] if isinstance(r, list)]
    width = max((len(r) for r in raw), default=0)
    rows = [[fmt_value(v) if not isinstance(v, (list, dict)) else "?" for v in r] + [""] * (width - len(r))
            for r in raw]
    return rows if width else [[""]]


def _texts(values: Any, count: int) -> list[str]:
    items = values if isinstance(values, list) else []
    return [fmt_value(items[i]) if i < len(items) and not isinstance(items[i], (list, dict)) else ""
            for i in range(count)]


def _bracket(geom: BlockGeom, key: str, x: float, top: float, bottom: float, side: int, round_: bool) -> None:
    """One bracket at ``x``; ``side`` is +1 for the left one (arms point right), -1 for the right one."""
    if round_:
        mid = (top + bottom) / 2
        bulge = min(10.0, (bottom - top) / 5)
        points = (x + side * bulge, top, x + side * 1.5, top + (mid - top) * 0.45, x, mid,
                  x + side * 1.5, bottom - (bottom - mid) * 0.45, x + side * bulge, bottom)
        geom.shapes.append(Shape("curve", key, points, width=1.2))
    else:
        arm = x + side * ARM
        geom.shapes.append(Shape("poly", key, (arm, top, x, top, x, bottom, arm, bottom), width=1.2))


def build_matrix(block: dict[str, Any]) -> BlockGeom:
    """Entries, brackets, labels, highlights and the row/column/entry slots of a matrix."""
    bid = block.get("id", "")
    rows = _rows(block)
    n_rows, n_cols = len(rows), len(rows[0])
    widths = [max([MIN_COL] + [text_width(r[j], FONT_SIZE) + 2 * PAD for r in rows]) for j in range(n_cols)]
    col_labels = _texts(block.get("colLabels"), n_cols) if "colLabels" in block else []
    for j, text in enumerate(col_labels):
        widths[j] = max(widths[j], text_width(text, SMALL_SIZE) + 6)
    row_labels = _texts(block.get("rowLabels"), n_rows) if "rowLabels" in block else []
    row_w = max([text_width(t, SMALL_SIZE) for t in row_labels] + [0.0])
    left = (row_w + 10) if row_labels else 0.0
    inner_x = left + GAP + 2
    xs = [inner_x]
    for w in widths:
        xs.append(xs[-1] + w)
    top = 0.0
    bottom = ROW_H * n_rows
    body = Rect(left, top - 4, xs[-1] + GAP + 2 - left, bottom - top + 8)
    geom = BlockGeom(outer=body, body=body)
    round_ = block.get("brackets") == "round"
    _bracket(geom, f"{bid}:left", left, body.y, body.bottom, 1, round_)
    _bracket(geom, f"{bid}:right", body.right, body.y, body.bottom, -1, round_)
    cells: dict[tuple[int, int], Rect] = {}
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            rect = Rect(xs[j], top + i * ROW_H, widths[j], ROW_H)
            cells[(i, j)] = rect
            if text:
                geom.labels.append(Label(rect.cx, rect.cy, text, FONT_SIZE))
    row_rects = [bounding([cells[(i, j)] for j in range(n_cols)]) for i in range(n_rows)]
    col_rects = [bounding([cells[(i, j)] for i in range(n_rows)]) for j in range(n_cols)]
    _highlights(geom, block, bid, cells, row_rects, col_rects, body)
    for i, text in enumerate(row_labels):
        if text:
            geom.labels.append(Label(left - 10, row_rects[i].cy, text, SMALL_SIZE, "end", tone="muted"))
    for j, text in enumerate(col_labels):
        if text:
            above = body.y - 4 - SMALL_SIZE * 0.6
            geom.labels.append(Label(col_rects[j].cx, above, text, SMALL_SIZE, tone="muted"))
    geom.slots[""] = Slot(body, bid)
    for i, rect in enumerate(row_rects):
        slot = Slot(rect, f"{bid}.row{i}")
        geom.slots[f"row{i}"] = slot
        geom.slots[f"[{i}]"] = Slot(cells[(i, 0)], f"{bid}[{i}]", is_cell=True) if n_cols == 1 else slot
    for j, rect in enumerate(col_rects):
        geom.slots[f"col{j}"] = Slot(rect, f"{bid}.col{j}")
    for (i, j), rect in cells.items():
        geom.slots[f"[{i}].[{j}]"] = Slot(rect, f"{bid}[{i}][{j}]", is_cell=True)
    geom.parts.append((f"matrix:{bid}", body))
    label = block.get("label")
    if isinstance(label, str) and label:
        if block.get("labelSide") != "w":
            above = min([body.y] + [lb.box().y for lb in geom.labels])
            geom.labels.append(Label(body.cx, above - 6 - LABEL_SIZE * 0.6, label, LABEL_SIZE, bold=True))
        else:
            x = min(body.x, left - row_w - 10) - 8
            geom.labels.append(Label(x, body.cy, f"{label} =", LABEL_SIZE, "end", bold=True))
    geom.outer = bounding([body] + [lb.box() for lb in geom.labels])
    return geom


def _highlights(geom: BlockGeom, block: dict[str, Any], bid: str, cells: dict[tuple[int, int], Rect],
                row_rects: list[Rect], col_rects: list[Rect], body: Rect) -> None:
    raw = block.get("hl")
    items = [{"all": True, "color": raw}] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    for k, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        colour = hl_of(item.get("color")) or "yellow"
        rect: Rect | None = None
        if item.get("all"):
            rect = Rect(body.x + 4, body.y + 4, body.w - 8, body.h - 8)
        elif _index(item.get("row"), len(row_rects)) is not None:
            rect = row_rects[_index(item.get("row"), len(row_rects)) or 0]
        elif _index(item.get("col"), len(col_rects)) is not None:
            rect = col_rects[_index(item.get("col"), len(col_rects)) or 0]
        elif isinstance(item.get("cell"), list) and len(item["cell"]) == 2:
            rect = cells.get((item["cell"][0], item["cell"][1])) if all(
                isinstance(v, int) and not isinstance(v, bool) for v in item["cell"]) else None
        if rect is not None:
            inset = Rect(rect.x + 2, rect.y + 2, max(rect.w - 4, 1), max(rect.h - 4, 1))
            geom.fills.append(Shape("rect", f"{bid}:hl{k}", (inset.x, inset.y, inset.w, inset.h),
                                    stroke="none", fill=colour))


def _index(value: Any, count: int) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count:
        return value
    return None
