"""Property tests: generated graphs, trees, matrices, plots and charts never crash the renderer.

Valid documents also keep their promises: nodes of a graph or tree never
overlap, and what the schema accepts draws as well-formed SVG and TikZ.
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_notebook.diagram.expression import ExpressionError, evaluate, parse
from sphinx_notebook.diagram.layout import layout
from sphinx_notebook.diagram.render import render_svg, render_tikz
from sphinx_notebook.diagram.schema import check, check_text

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HL = st.sampled_from(["yellow", "blue", "green", "red"])
TEXT = st.one_of(st.text(max_size=8), st.integers(-1000, 1000))
NUM = st.floats(-50, 50, allow_nan=False)
NODE_IDS = [f"n{i}" for i in range(7)]


@st.composite
def graphs(draw: st.DrawFn) -> dict:
    ids = draw(st.lists(st.sampled_from(NODE_IDS), min_size=1, max_size=7, unique=True))
    nodes = [draw(st.fixed_dictionaries({"id": st.just(i)}, optional={
        "text": TEXT, "shape": st.sampled_from(["box", "circle", "ellipse"]), "hl": HL})) for i in ids]
    edges = draw(st.lists(st.fixed_dictionaries(
        {"from": st.sampled_from(ids), "to": st.sampled_from(ids)},
        optional={"label": TEXT, "color": HL, "style": st.sampled_from(["solid", "dashed"]),
                  "route": st.sampled_from(["auto", "back"])}), max_size=12))
    return {"id": "g", "kind": "graph", "nodes": nodes, "edges": edges,
            "direction": draw(st.sampled_from(["down", "right"]))}


def _tree_node(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.text(min_size=1, max_size=5),
        st.fixed_dictionaries({"text": TEXT}, optional={
            "children": st.lists(children, max_size=4), "hl": HL,
            "shape": st.sampled_from(["box", "circle", "ellipse"])}),
    )


TREE_NODES = st.recursive(st.fixed_dictionaries({"text": TEXT}), _tree_node, max_leaves=20)


@st.composite
def trees(draw: st.DrawFn) -> dict:
    root = draw(TREE_NODES)
    return {"id": "t", "kind": "tree", "root": root if isinstance(root, dict) else {"text": root},
            "direction": draw(st.sampled_from(["down", "right"]))}


@st.composite
def matrices(draw: st.DrawFn) -> dict:
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    entry = st.one_of(st.integers(-999, 999), st.text(max_size=4), NUM)
    block = {"id": "m", "kind": "matrix", "rows": [[draw(entry) for _ in range(cols)] for _ in range(rows)],
             "brackets": draw(st.sampled_from(["square", "round"]))}
    if draw(st.booleans()):
        block["rowLabels"] = [draw(TEXT) for _ in range(rows)]
    if draw(st.booleans()):
        block["colLabels"] = [draw(TEXT) for _ in range(cols)]
    block["hl"] = draw(st.lists(st.one_of(
        st.fixed_dictionaries({"row": st.integers(0, rows - 1)}, optional={"color": HL}),
        st.fixed_dictionaries({"col": st.integers(0, cols - 1)}, optional={"color": HL}),
        st.fixed_dictionaries({"cell": st.tuples(st.integers(0, rows - 1),
                                                 st.integers(0, cols - 1)).map(list)}),
    ),
        max_size=3))
    return block


EXPRESSIONS = st.sampled_from(["x", "x^2", "1/x", "sqrt(x)", "log(x)", "tan(x)", "exp(x)", "sin(3*x)/x",
                               "2^x^2", "-abs(x) + pi", "x^-1"])
POINT = st.tuples(NUM, NUM).map(list)


@st.composite
def plots(draw: st.DrawFn) -> dict:
    x0, y0 = draw(NUM), draw(NUM)
    block = {"id": "p", "kind": "plot", "x": [x0, x0 + draw(st.floats(0.5, 40))],
             "y": [y0, y0 + draw(st.floats(0.5, 40))], "grid": draw(st.booleans())}
    item = {"label": TEXT, "color": HL, "transformed": st.booleans()}
    block.update(draw(st.fixed_dictionaries({}, optional={
        "width": st.floats(40, 600), "ticks": st.floats(0.1, 10),
        "transform": st.lists(st.lists(NUM, min_size=2, max_size=2), min_size=2, max_size=2),
        "vectors": st.lists(st.fixed_dictionaries({"to": POINT}, optional={"from": POINT, **item}),
                            max_size=3),
        "points": st.lists(st.fixed_dictionaries({"at": POINT}, optional=item), max_size=3),
        "polygons": st.lists(st.fixed_dictionaries({"points": st.lists(POINT, min_size=3, max_size=6)},
                                                   optional={**item, "hl": HL}), max_size=2),
        "functions": st.lists(st.fixed_dictionaries({"expr": EXPRESSIONS}, optional={
            "label": TEXT, "domain": st.tuples(NUM, st.floats(0.1, 20)).map(lambda d: [d[0], d[0] + d[1]])}),
            max_size=2),
    })))
    return block


@st.composite
def charts(draw: st.DrawFn) -> dict:
    count = draw(st.integers(1, 5))
    log = draw(st.booleans())
    value = st.floats(0.001, 1e12) if log else st.floats(-1e6, 1e6, allow_nan=False)
    series = draw(st.lists(st.fixed_dictionaries({"values": st.lists(value, min_size=count, max_size=count)},
                                                 optional={"name": st.text(max_size=6), "color": HL}),
                           min_size=1, max_size=3))
    kind = draw(st.sampled_from(["bar", "line"]))
    stacked = kind == "bar" and draw(st.booleans())
    return {"id": "c", "kind": "chart", "type": kind, "log": log, "stacked": stacked,
            "categories": [draw(TEXT) for _ in range(count)], "series": series}


def _draws(block: dict) -> None:
    spec = {"title": "t", "alt": "a", "blocks": [block]}
    svg = render_svg(spec, seed=1, roughness=1.0)
    ET.fromstring(svg)
    assert render_tikz(spec, seed=1, roughness=1.0).endswith("\\end{tikzpicture}")


@SETTINGS
@given(graphs())
def test_graphs_draw_and_their_nodes_never_overlap(block: dict) -> None:
    _draws(block)
    nodes = [r for name, r in layout({"blocks": [block]}).parts if name.startswith("node:")]
    assert not any(a.overlaps(b) for a, b in combinations(nodes, 2))


@SETTINGS
@given(trees())
def test_trees_draw_and_their_nodes_never_overlap(block: dict) -> None:
    _draws(block)
    nodes = [r for name, r in layout({"blocks": [block]}).parts if name.startswith("node:")]
    assert not any(a.overlaps(b) for a, b in combinations(nodes, 2))


@SETTINGS
@given(matrices())
def test_matrices_draw(block: dict) -> None:
    assert check({"blocks": [block]}) == []
    _draws(block)


@SETTINGS
@given(plots())
def test_plots_draw(block: dict) -> None:
    _draws(block)


@SETTINGS
@given(charts())
def test_charts_draw(block: dict) -> None:
    _draws(block)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="x0123456789.+-*/^() sincotaexplgqrbpi_", max_size=30), st.floats(-100, 100))
def test_the_expression_parser_never_fails_except_with_its_own_error(text: str, x: float) -> None:
    try:
        tree = parse(text)
    except ExpressionError:
        return
    value = evaluate(tree, x)
    assert isinstance(value, float)


NEXT = Path(__file__).parent / "diagram_examples" / "next"
EXAMPLES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(NEXT.glob("*.json"))]
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6,
)


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_paths(item, (*path, index)))
    return out


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(range(len(EXAMPLES))), st.data())
def test_a_mutated_example_gives_problems_with_lines_or_draws(which: int, data: st.DataObject) -> None:
    spec = copy.deepcopy(EXAMPLES[which])
    paths = [p for p in _paths(spec) if p]
    path = data.draw(st.sampled_from(paths))
    target = spec
    for step in path[:-1]:
        target = target[step]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(JSON_VALUES)
    checked = check_text(json.dumps(spec, indent=2))
    if checked.spec is None:
        assert checked.problems and all(p.line for p in checked.problems)
    else:
        ET.fromstring(render_svg(checked.spec, seed=1, roughness=1.0))
