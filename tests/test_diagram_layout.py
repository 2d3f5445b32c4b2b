"""Layout of the diagram DSL: placement, spans, flow, references, pointer ends."""

from __future__ import annotations

import json
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from sphinx_notebook.diagram.blocks import CELL_H
from sphinx_notebook.diagram.connectors import pointer
from sphinx_notebook.diagram.layout import layout, place_blocks, resolve

EXAMPLES = Path(__file__).parent / "diagram_examples"
NAMES = ["callstack", "hashtable", "linkedlist", "arrayindex", "learningloop"]


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_examples_have_no_overlapping_boxes(name: str) -> None:
    scene = layout(example(name))
    assert len(scene.boxes) >= 2
    clashes = [(a, b) for (a, ra), (b, rb) in combinations(scene.boxes, 2) if ra.overlaps(rb)]
    assert clashes == []


@pytest.mark.parametrize("name", NAMES)
def test_bounds_hold_every_label_and_box(name: str) -> None:
    scene = layout(example(name))
    bounds = scene.bounds
    for rect in [r for _, r in scene.boxes] + [label.box() for label in scene.labels]:
        assert bounds.x <= rect.x and rect.right <= bounds.right
        assert bounds.y <= rect.y and rect.bottom <= bounds.bottom


def test_an_id_repeated_in_a_row_spans_the_columns() -> None:
    spec = {
        "blocks": [
            {"id": "wide", "kind": "box", "text": "w"},
            {"id": "a", "kind": "box", "text": "a long text here"},
            {"id": "b", "kind": "box", "text": "another long one"},
        ],
        "layout": [["wide", "wide"], ["a", "b"]],
    }
    placed = place_blocks(spec)
    wide, a, b = placed["wide"].outer, placed["a"].outer, placed["b"].outer
    assert wide.cx == pytest.approx((a.x + b.right) / 2, abs=0.01)
    assert wide.bottom < a.y and a.right < b.x


def test_a_block_spanning_rows_keeps_other_rows_apart() -> None:
    placed = place_blocks(example("hashtable"))
    buckets, e1, e3 = placed["buckets"].outer, placed["e1"].outer, placed["e3"].outer
    assert buckets.right < e1.x and e1.bottom < e3.y
    assert e1.x == pytest.approx(e3.x, abs=0.01) or abs(e1.cx - e3.cx) < 0.01


@pytest.mark.parametrize("direction", ["right", "down"])
def test_blocks_flow_in_direction_without_layout(direction: str) -> None:
    spec = {"direction": direction, "blocks": [
        {"id": f"b{i}", "kind": "array", "cells": [i, i + 1]} for i in range(3)
    ]}
    rects = [g.outer for g in place_blocks(spec).values()]
    for first, second in pairwise(rects):
        if direction == "right":
            assert second.x > first.right and second.y == first.y
        else:
            assert second.y > first.bottom and second.cx == pytest.approx(first.cx)


def test_cells_in_a_block_share_one_width() -> None:
    placed = place_blocks({"blocks": [{"id": "a", "kind": "array", "cells": [1, "a longer value", None]}]})
    widths = {round(placed["a"].slots[f"[{i}]"].rect.w, 3) for i in range(3)}
    assert len(widths) == 1


def test_references_resolve_to_the_right_slots() -> None:
    placed = place_blocks(example("callstack"))
    stack = placed["stack"]
    xs = resolve("stack.sum.xs", placed)
    assert xs is not None and xs.is_cell
    assert xs.rect == stack.slots["sum.xs"].rect
    assert resolve("stack.sum[0]", placed).rect == xs.rect
    frame = resolve("stack.sum", placed)
    assert not frame.is_cell and frame.rect.y < xs.rect.y < frame.rect.bottom
    assert resolve("stack.main.nums", placed).rect.bottom <= frame.rect.y
    heap = placed["list"]
    third = resolve("list[2]", placed)
    assert third.rect.x == pytest.approx(heap.body.x + 2 * third.rect.w)
    assert resolve("list", placed).rect == heap.body
    # an unknown cell falls back to the enclosing block rather than failing
    assert resolve("list.nothing", placed).rect == heap.body
    assert resolve("nowhere", placed) is None


def test_struct_rows_resolve_by_name_and_cell_id() -> None:
    placed = place_blocks(example("hashtable"))
    nxt = resolve("e1.next", placed)
    assert nxt is not None and nxt.rect == resolve("e1[2]", placed).rect
    b1 = resolve("buckets.b1", placed)
    assert b1.rect == resolve("buckets[1]", placed).rect
    assert b1.rect.h == CELL_H


def test_pointer_ends_on_the_side_facing_the_source() -> None:
    placed = place_blocks(example("linkedlist"))
    source, target = resolve("n1.next", placed), resolve("n2", placed)
    drawn = pointer(source, target, {}, "k")
    shaft = next(s for s in drawn.shapes if s.key == "k")
    x0, y0, x1, y1 = shaft.args
    assert (x0, y0) == pytest.approx((source.rect.cx, source.rect.cy))
    assert x1 == pytest.approx(target.rect.x - 3, abs=0.5)
    assert target.rect.y <= y1 <= target.rect.bottom
    assert any(s.key == "k:dot" for s in drawn.shapes)
    assert any(s.key == "k:head" for s in drawn.shapes)


def test_to_side_and_bend_are_honoured() -> None:
    placed = place_blocks(example("arrayindex"))
    target = resolve("a[2]", placed)
    drawn = pointer(resolve("i.i", placed), target, {"toSide": "s", "bend": 0.3, "label": "x"}, "k")
    curve = next(s for s in drawn.shapes if s.key == "k")
    assert curve.kind == "curve"
    assert curve.args[-2:] == pytest.approx((target.rect.cx, target.rect.bottom + 3))
    straight = pointer(resolve("i.i", placed), target, {"toSide": "s"}, "k")
    assert next(s for s in straight.shapes if s.key == "k").kind == "line"
    assert drawn.labels and drawn.labels[0].text == "x"


def test_pointer_from_a_block_starts_on_its_edge_without_dot() -> None:
    placed = place_blocks(example("learningloop"))
    data, model = resolve("data", placed), resolve("model", placed)
    drawn = pointer(data, model, {}, "k")
    assert not any(s.key == "k:dot" for s in drawn.shapes)
    _, y0, _, y1 = next(s for s in drawn.shapes if s.key == "k").args
    assert y0 == pytest.approx(data.rect.bottom + 3, abs=0.5)
    assert y1 == pytest.approx(model.rect.y - 3, abs=0.5)


@pytest.mark.parametrize("side", ["n", "e", "s", "w"])
def test_notes_sit_on_their_side_of_the_target(side: str) -> None:
    spec = example("linkedlist")
    spec["notes"] = [{"text": "look here", "at": "n2", "side": side, "dist": 30}]
    scene = layout(spec)
    note = next(r for name, r in scene.boxes if name.startswith("note"))
    target = place_blocks(spec)["n2"].body
    checks = {"n": note.bottom <= target.y - 29, "s": note.y >= target.bottom + 29,
              "e": note.x >= target.right + 29, "w": note.right <= target.x - 29}
    assert checks[side]


@pytest.mark.parametrize("spec", [
    {"blocks": [{"id": "a", "kind": "array", "cells": []}]},
    {"blocks": [{"id": "s", "kind": "stack", "frames": []}]},
    {"blocks": [{"id": "s", "kind": "struct", "cells": [None, "", {"name": ""}]}]},
    {"blocks": [{"id": "t", "kind": "text", "text": ""}]},
    {"blocks": [{"id": "t", "kind": "box", "label": "x" * 300, "shape": "ellipse"}]},
    {"blocks": [{"id": "a", "kind": "array", "cells": [1], "cellWidth": 0}], "gap": [0, 0]},
    {"blocks": [{"id": "a", "kind": "array", "cells": [1]}], "layout": [[None], ["a", "a"]],
     "pointers": [{"from": "a", "to": "a"}, {"from": "a[0]", "to": "a[0]", "bend": 1}],
     "notes": [{"text": "", "at": "a", "dist": 0}]},
])
def test_odd_but_valid_input_lays_out(spec: dict) -> None:
    scene = layout(spec)
    assert scene.bounds.w > 0 and scene.bounds.h > 0


def test_stack_grows_up_puts_the_newest_frame_on_top() -> None:
    spec = example("callstack")
    spec["blocks"][0]["grows"] = "up"
    placed = place_blocks(spec)
    assert resolve("stack.sum", placed).rect.bottom < resolve("stack.main", placed).rect.y


def test_column_arrays_put_indices_and_west_labels_on_the_left() -> None:
    spec = {"blocks": [{"id": "a", "kind": "array", "dir": "down", "index": 3, "label": "heap",
                        "labelSide": "w", "cells": [1, 2]}]}
    scene = layout(spec)
    body = place_blocks(spec)["a"].body
    index = next(lb for lb in scene.labels if lb.text == "3")
    label = next(lb for lb in scene.labels if lb.text == "heap")
    assert body.h == 2 * CELL_H and index.box().right <= body.x
    assert label.box().right < index.box().x and label.y == pytest.approx(body.cy)


def test_nudge_moves_a_block_after_placement() -> None:
    spec = example("linkedlist")
    before = place_blocks(spec)["n2"].outer
    spec["blocks"][2]["nudge"] = [5, -7]
    after = place_blocks(spec)["n2"].outer
    assert (after.x - before.x, after.y - before.y) == pytest.approx((5, -7))
