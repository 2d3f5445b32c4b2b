"""The drawn-from-data diagram kinds: graph, tree, matrix, plot and chart.

Pure layout on known graphs and trees, the safe expression parser, scales,
addressing, and the five worked examples of the contract (no overlaps,
byte-identical output, accessible SVG, TikZ).
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from sphinx_notebook.diagram.expression import ExpressionError, evaluate, parse
from sphinx_notebook.diagram.graph_layout import GraphEdge, _crossings
from sphinx_notebook.diagram.graph_layout import layout as layered
from sphinx_notebook.diagram.layout import layout, place_blocks, resolve
from sphinx_notebook.diagram.model import Rect
from sphinx_notebook.diagram.render import render_svg, render_tikz
from sphinx_notebook.diagram.scales import linear_ticks, log_ticks, short, value_range
from sphinx_notebook.diagram.schema import check, check_text
from sphinx_notebook.diagram.tree_layout import TreeNode, tidy

NEXT = Path(__file__).parent / "diagram_examples" / "next"
NAMES = ["autograd", "ast", "matrix", "plane", "budget"]
SVG = "{http://www.w3.org/2000/svg}"


def example(name: str) -> dict:
    return json.loads((NEXT / f"{name}.json").read_text(encoding="utf-8"))


# ---- graph layout --------------------------------------------------------

def _layers_of(count: int, edges: list[tuple[int, int]], **kw: bool) -> list[int]:
    return layered([(40.0, 30.0)] * count, [GraphEdge(a, b, **kw) for a, b in edges]).layers


def test_a_chain_takes_one_layer_per_node() -> None:
    assert _layers_of(3, [(0, 1), (1, 2)]) == [0, 1, 2]


def test_a_diamond_puts_both_middle_nodes_in_one_layer() -> None:
    assert _layers_of(4, [(0, 1), (0, 2), (1, 3), (2, 3)]) == [0, 1, 1, 2]


def test_a_source_sits_next_to_the_node_it_feeds() -> None:
    # 3 feeds only node 2 (layer 2): it goes to layer 1, not 0
    assert _layers_of(4, [(0, 1), (1, 2), (3, 2)]) == [0, 1, 2, 1]


def test_a_cycle_is_laid_out_with_one_edge_turned_round() -> None:
    placed = layered([(40.0, 30.0)] * 3, [GraphEdge(0, 1), GraphEdge(1, 2), GraphEdge(2, 0)])
    assert sorted(placed.layers) == [0, 1, 2]
    # the closing edge still starts at its own source and ends at its own target
    assert placed.routes[2][0] == placed.centres[2] and placed.routes[2][-1] == placed.centres[0]


def test_a_back_edge_runs_against_the_flow_from_its_source() -> None:
    placed = layered([(40.0, 30.0)] * 2, [GraphEdge(1, 0, back=True)])
    assert placed.layers == [0, 1]
    assert placed.routes[0][0] == placed.centres[1]


def test_edges_both_ways_between_two_nodes_are_drawn_apart() -> None:
    spec = {"blocks": [{"id": "g", "kind": "graph", "nodes": [{"id": "a"}, {"id": "b"}],
                        "edges": [{"from": "a", "to": "b", "label": "go"},
                                  {"from": "b", "to": "a", "label": "back"}]}]}
    scene = layout(spec)
    lines = [s for s in scene.shapes if s.key in ("g:a>b", "g:b>a")]
    assert [s.kind for s in lines] == ["curve", "curve"]
    assert lines[0].args[2:4] != lines[1].args[2:4]  # their middles are apart
    go, back = (lb.box() for lb in scene.labels if lb.text in ("go", "back"))
    assert not go.overlaps(back)


def test_crossing_reduction_untangles_a_crossed_pair() -> None:
    # input order a, b over c, d with a->d and b->c crosses once; the layout must not
    edges = [GraphEdge(0, 3), GraphEdge(1, 2)]
    placed = layered([(40.0, 30.0)] * 4, edges)
    top = sorted([0, 1], key=lambda n: placed.centres[n][0])
    bottom = sorted([2, 3], key=lambda n: placed.centres[n][0])
    assert _crossings(top, bottom, [(0, 3), (1, 2)]) == 0


def test_nodes_of_a_layer_never_overlap_and_long_edges_keep_out_of_nodes() -> None:
    sizes = [(60.0, 30.0)] * 6
    edges = [GraphEdge(a, b) for a, b in ((0, 5), (0, 1), (1, 2), (2, 3), (3, 5), (4, 5))]
    placed = layered(sizes, edges)
    rects = [Rect(x - 30, y - 15, 60, 30) for x, y in placed.centres]
    assert not any(a.overlaps(b) for a, b in combinations(rects, 2))
    for x, y in placed.routes[0][1:-1]:  # the dummy points of the long edge 0 -> 5
        assert not any(r.x - 1 < x < r.right + 1 and r.y - 1 < y < r.bottom + 1 for r in rects)


# ---- tree layout ---------------------------------------------------------

def test_tidy_centres_parents_and_aligns_depths() -> None:
    leaf = lambda: TreeNode(40, 40)  # noqa: E731
    root = TreeNode(40, 40, [TreeNode(40, 40, [leaf(), leaf(), leaf()]), leaf(), TreeNode(40, 40, [leaf()])])
    centres = tidy(root)
    # preorder: root, a, a1, a2, a3, b, c, c1
    assert centres[0][0] == pytest.approx((centres[1][0] + centres[6][0]) / 2)
    assert centres[1][0] == pytest.approx(centres[3][0])
    assert {c[1] for c in (centres[1], centres[5], centres[6])} == {centres[1][1]}
    assert {c[1] for c in (centres[2], centres[3], centres[4], centres[7])} == {centres[2][1]}


def test_tidy_subtrees_never_overlap() -> None:
    def wide() -> TreeNode:
        return TreeNode(40, 40, [TreeNode(120, 40) for _ in range(4)])

    root = TreeNode(40, 40, [wide(), TreeNode(40, 40, [TreeNode(40, 40, [TreeNode(200, 40)])]), wide()])
    centres = tidy(root)
    stack = [root]
    order = []
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(node.children))
    sizes = [n.across for n in order]
    rects = [Rect(x - w / 2, y - 20, w, 40) for (x, y), w in zip(centres, sizes, strict=True)]
    assert not any(a.overlaps(b) for a, b in combinations(rects, 2))


def test_a_tree_grows_right_with_depths_in_columns() -> None:
    spec = {"blocks": [{"id": "t", "kind": "tree", "direction": "right", "root": {
        "id": "r", "text": "Expr", "children": [{"id": "a", "text": "Binary", "children": ["left", "right"]},
                                                {"id": "b", "text": "Literal"}]}}]}
    placed = place_blocks(spec)
    r, a, b = (resolve(f"t.{k}", placed).rect for k in "rab")  # type: ignore[union-attr]
    assert r.right < a.x and a.cx == pytest.approx(b.cx)
    assert r.cy == pytest.approx((a.cy + b.cy) / 2)


# ---- expressions and scales ---------------------------------------------

@pytest.mark.parametrize(("text", "x", "value"), [
    ("0.5*x^2 - 1", 2.0, 1.0), ("-x^2", 3.0, -9.0), ("2^3^2", 0.0, 512.0), ("sin(pi/2) + e", 0, 1 + math.e),
    ("sqrt(abs(x))", -4.0, 2.0), ("(x+1)/(x-1)", 3.0, 2.0), ("exp(log(x))", 5.0, 5.0),
])
def test_expressions_evaluate_like_the_maths(text: str, x: float, value: float) -> None:
    assert evaluate(parse(text), x) == pytest.approx(value)


def test_undefined_points_are_nan_not_errors() -> None:
    assert math.isnan(evaluate(parse("1/x"), 0.0))
    assert math.isnan(evaluate(parse("sqrt(x)"), -1.0))
    assert math.isnan(evaluate(parse("x^0.5"), -1.0))


@pytest.mark.parametrize(("text", "hint"), [
    ("__import__('os')", "not allowed"), ("x.real", "not allowed"), ("2x", "2*x"), ("y + 1", "unknown name"),
    ("sin x", "parentheses"), ("(x", "')' is missing"), ("", "empty"), ("x +", "ends too early"),
    ("(" * 60 + "x" + ")" * 60, "nested"),
])
def test_unsafe_or_invalid_expressions_are_refused_with_a_hint(text: str, hint: str) -> None:
    with pytest.raises(ExpressionError, match=hint.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


def test_scales_pick_readable_ticks() -> None:
    assert linear_ticks(-1, 3) == [-1.0, 0.0, 1.0, 2.0, 3.0]
    assert linear_ticks(0, 30) == [0.0, 10.0, 20.0, 30.0]
    assert log_ticks(1e6, 1e9) == [1e6, 1e7, 1e8, 1e9]
    assert value_range([3.35e6, 9.9e8], log=True) == (1e6, 1e9)
    shown = [short(v) for v in (990000000.0, 3350000.0, 0.5, 3.0, 12000.0)]
    assert shown == ["990M", "3.35M", "0.5", "3", "12k"]


# ---- addressing ----------------------------------------------------------

def test_matrix_rows_columns_and_entries_are_slots() -> None:
    spec = {"blocks": [{"id": "A", "kind": "matrix", "rows": [[2, 1], [0, 1]]},
                       {"id": "v", "kind": "matrix", "rows": [[1], [0]]}]}
    placed = place_blocks(spec)
    a10, row1, col0 = resolve("A[1][0]", placed), resolve("A.row1", placed), resolve("A.col0", placed)
    assert a10 and row1 and col0
    assert row1.rect.y == pytest.approx(a10.rect.y) and col0.rect.x == pytest.approx(a10.rect.x)
    assert col0.rect.h > a10.rect.h and row1.rect.w > a10.rect.w
    v1 = resolve("v[1]", placed)
    assert v1 is not None and v1.is_cell and v1.rect == resolve("v[1][0]", placed).rect  # type: ignore[union-attr]


def test_graph_tree_and_chart_parts_are_slots() -> None:
    for name, ref in (("autograd", "g.L"), ("ast", "t.times"), ("budget", "c[1]")):
        placed = place_blocks(example(name))
        slot = resolve(ref, placed)
        assert slot is not None and slot.rect != placed[ref[0]].body, ref


# ---- the five worked examples -------------------------------------------

def _inside(a: Rect, b: Rect) -> bool:
    return a.x >= b.x - 0.5 and a.y >= b.y - 0.5 and a.right <= b.right + 0.5 and a.bottom <= b.bottom + 0.5


@pytest.mark.parametrize("name", NAMES)
def test_examples_are_valid(name: str) -> None:
    checked = check_text((NEXT / f"{name}.json").read_text(encoding="utf-8"))
    assert checked.ok, checked.problems


GALLERY = Path(__file__).parent.parent / "docs" / "diagrams" / "gallery"


@pytest.mark.parametrize("name", [*NAMES, "states"])
def test_no_two_nodes_labels_or_notes_overlap(name: str) -> None:
    path = GALLERY / f"{name}.json" if name == "states" else NEXT / f"{name}.json"
    scene = layout(json.loads(path.read_text(encoding="utf-8")))
    texts = [(f"text:{lb.text}", lb.box()) for lb in scene.labels]
    boxes = {r for _, r in texts}
    extra = [(n, r) for n, r in scene.boxes if not n.startswith("block:") and r not in boxes]
    # nodes and bars must not touch each other; text must not touch other text or another node
    parts = scene.parts
    assert parts
    clashes = [(a, b) for (a, ra), (b, rb) in combinations(parts, 2) if ra.overlaps(rb)
               and not (a.startswith("bars:") or b.startswith("bars:"))]
    clashes += [(a, b) for (a, ra), (b, rb) in combinations(texts + extra, 2) if ra.overlaps(rb)]
    solid = [(n, r) for n, r in parts if not n.startswith("plot:")]  # a plot's labels sit on its plane
    for name_t, rt in texts:
        homes = [n for n, r in solid if _inside(rt, r)]
        clashes += [(name_t, n) for n, r in solid if r.overlaps(rt) and not homes]
    assert clashes == []


@pytest.mark.parametrize("name", NAMES)
def test_bounds_hold_everything(name: str) -> None:
    scene = layout(example(name))
    for rect in [r for _, r in scene.boxes + scene.parts] + [lb.box() for lb in scene.labels]:
        assert _inside(rect, scene.bounds)


@pytest.mark.parametrize("name", NAMES)
def test_examples_draw_accessible_byte_identical_svg_and_tikz(name: str) -> None:
    spec = example(name)
    first = render_svg(spec, seed=spec.get("seed", 1), roughness=1.0)
    assert first == render_svg(json.loads(json.dumps(spec)), seed=spec.get("seed", 1), roughness=1.0)
    root = ET.fromstring(first)
    assert root.find(f"{SVG}title").text == spec["title"]
    assert root.find(f"{SVG}desc").text == spec["alt"]
    assert "<script" not in first and "href" not in first
    tikz = render_tikz(spec, seed=1, roughness=1.0)
    assert tikz.startswith("\\begin{tikzpicture}") and "\\draw" in tikz


def test_the_tree_is_tidy_and_the_graph_flows_right() -> None:
    placed = place_blocks(example("ast"))
    node = {key: resolve(f"t.{key}", placed).rect for key in ("plus", "one", "times", "two", "three")}  # type: ignore[union-attr]
    assert node["plus"].cx == pytest.approx((node["one"].cx + node["times"].cx) / 2)
    assert node["times"].cx == pytest.approx((node["two"].cx + node["three"].cx) / 2)
    assert node["one"].cy == node["times"].cy and node["two"].cy == node["three"].cy > node["times"].cy
    graph = place_blocks(example("autograd"))
    xs = {key: resolve(f"g.{key}", graph).rect.cx for key in ("w", "mul", "add", "sub", "sq", "L")}  # type: ignore[union-attr]
    assert xs["w"] < xs["mul"] < xs["add"] < xs["sub"] < xs["sq"] < xs["L"]


def test_plot_transform_draws_items_twice_and_chart_log_scale_orders_bars() -> None:
    svg = render_svg(example("plane"), seed=1, roughness=1.0)
    assert svg.count('opacity="0.4"') > 2  # faint originals and grid
    for text in ("Ae₁", "Ae₂", "unit square", "f(x)"):
        assert f">{text}<" in svg
    placed = place_blocks(example("budget"))
    heights = [resolve(f"c[{i}][0]", placed).rect.h for i in range(3)]  # type: ignore[union-attr]
    assert heights[0] > heights[2] > heights[1]


def test_the_json_schema_in_the_docs_lists_every_kind_and_key_the_checker_accepts() -> None:
    from sphinx_notebook.diagram import schema, schema_kinds

    docs = Path(__file__).parent.parent / "docs" / "reference" / "diagram.schema.json"
    spec = json.loads(docs.read_text(encoding="utf-8"))
    defs = spec["$defs"]
    assert defs["v1Block"]["properties"]["kind"]["enum"] == list(schema.V1_KINDS)
    assert set(spec["properties"]) == set(schema.TOP_FIELDS)
    for kind in schema_kinds.NEW_KINDS:
        assert defs[kind]["properties"]["kind"] == {"const": kind}
        assert set(defs[kind]["properties"]) == set(schema_kinds.KEYS[kind]), kind
    kinds = {ref["$ref"].rsplit("/", 1)[1] for ref in defs["block"]["oneOf"]}
    assert kinds == {"v1Block", *schema_kinds.NEW_KINDS}


def test_tikz_writes_the_symbols_of_the_new_examples_as_math() -> None:
    from sphinx_notebook.diagram.tikz import latex_escape

    assert latex_escape("∂L/∂w, e₁, ( )², µs") == (
        "\\ensuremath{\\partial}L/\\ensuremath{\\partial}w, e\\ensuremath{_{1}}, ( )\\ensuremath{^{2}}, "
        "\\ensuremath{\\mu}s"
    )


DOC_DIAGRAMS = Path(__file__).parent.parent / "docs" / "diagrams"


@pytest.mark.parametrize("path", sorted(DOC_DIAGRAMS.rglob("*.json")), ids=lambda p: p.stem)
def test_every_diagram_in_the_docs_is_valid_and_its_text_never_overlaps(path: Path) -> None:
    checked = check_text(path.read_text(encoding="utf-8"))
    assert checked.spec is not None, checked.problems
    scene = layout(checked.spec)
    texts = [lb.box() for lb in scene.labels]
    assert [(a, b) for a, b in combinations(texts, 2) if a.overlaps(b)] == []
    ET.fromstring(render_svg(checked.spec, seed=1, roughness=1.0))


def test_pointers_from_cells_reach_graph_nodes_and_matrix_entries() -> None:
    cells = [{"name": "loss", "ptr": "g.L"}, {"name": "x", "ptr": "A[1][0]"}]
    spec = {"blocks": [
        {"id": "vars", "kind": "struct", "cells": cells},
        {"id": "g", "kind": "graph", "nodes": [{"id": "w"}, {"id": "L"}],
         "edges": [{"from": "w", "to": "L"}]},
        {"id": "A", "kind": "matrix", "rows": [[1, 2], [3, 4]]},
    ]}
    assert check(spec) == []
    placed = place_blocks(spec)
    scene = layout(spec)
    heads = {s.key: s.args for s in scene.shapes if s.key.startswith("ptr:") and s.key.endswith(":head")}
    tip_l = heads["ptr:vars.0:head"][2:4]
    tip_a = heads["ptr:vars.1:head"][2:4]
    node, entry = resolve("g.L", placed).rect, resolve("A[1][0]", placed).rect  # type: ignore[union-attr]
    assert node.x - 6 <= tip_l[0] <= node.right + 6 and node.y - 6 <= tip_l[1] <= node.bottom + 6
    assert entry.x - 6 <= tip_a[0] <= entry.right + 6 and entry.y - 6 <= tip_a[1] <= entry.bottom + 6


def test_a_fresh_process_with_another_hash_seed_draws_the_same_bytes() -> None:
    import os
    import subprocess
    import sys

    code = (
        "import json, sys, pathlib; from sphinx_notebook.diagram.render import render_svg; "
        f"root = pathlib.Path({str(NEXT)!r}); "
        "specs = [json.loads((root / f'{n}.json').read_text()) for n in " + repr(NAMES) + "]; "
        "sys.stdout.write(''.join(render_svg(s, seed=3, roughness=1.0) for s in specs))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout == "".join(render_svg(example(n), seed=3, roughness=1.0) for n in NAMES)


def test_what_lies_outside_a_plot_is_cut_at_its_edge() -> None:
    spec = {"blocks": [{"id": "p", "kind": "plot", "x": [0, 2], "y": [0, 2], "transform": [[3, 0], [0, 3]],
                        "polygons": [{"points": [[1, 1], [5, 1], [5, 5], [1, 5]], "hl": "blue",
                                      "transformed": True}],
                        "vectors": [{"to": [9, 1], "label": "far"}],
                        "points": [{"at": [-4, 1], "label": "gone"}]}]}
    assert check(spec) == []
    scene = layout(spec)
    body = place_blocks(spec)["p"].body
    drawn = [s for s in scene.shapes if s.key.startswith(("p:poly", "p:vec", "p:pt"))]
    assert drawn and not any(s.key.startswith("p:pt") for s in drawn)
    for shape in drawn:
        xs, ys = shape.args[0::2], shape.args[1::2]
        assert all(body.x - 0.01 <= x <= body.right + 0.01 for x in xs), shape.key
        assert all(body.y - 0.01 <= y <= body.bottom + 0.01 for y in ys), shape.key
    assert "far" not in [lb.text for lb in scene.labels]  # its tip is off the plane


def test_numbers_too_large_to_draw_are_refused() -> None:
    spec = {"blocks": [{"id": "p", "kind": "plot", "x": [0, 1e308], "y": [0, 1]},
                       {"id": "c", "kind": "chart", "categories": ["a"], "series": [{"values": [1e300]}]}]}
    problems = [str(p) for p in check(spec)]
    assert problems == ["blocks[0].x[1]: must be at most 1000000.0, got 1e+308",
                        "blocks[1].series[0].values[0]: must be at most 1000000000000000.0, got 1e+300"]
