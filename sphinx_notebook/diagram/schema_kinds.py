"""Checks for the drawn-from-data kinds: graph, tree, matrix, plot and chart.

Each kind has its own set of keys (a misspelt or misplaced key is an error with
a suggestion), then checks the structure alone cannot express: edges name
known nodes, tree node ids are unique (nested ``children`` cannot loop, so a
repeated id is the only way to write a cycle), matrix rows have equal lengths,
expressions parse, log scales see only positive values. Pure Python, no Sphinx.
"""

from __future__ import annotations

from typing import Any

from sphinx_notebook.diagram.expression import ExpressionError, parse
from sphinx_notebook.diagram.jsonpos import Path
from sphinx_notebook.diagram.schema_checks import (
    HL,
    FieldCheck,
    Report,
    boolean,
    describe,
    enum,
    identifier,
    is_number,
    list_of,
    number,
    object_of,
    pair,
    scalar,
    string,
    suggest,
)

NEW_KINDS = ("graph", "tree", "matrix", "plot", "chart")
MAX_TREE_DEPTH = 40
COMMON: dict[str, FieldCheck] = {
    "id": identifier,
    "kind": enum(NEW_KINDS),
    "label": string,
    "labelSide": enum(("n", "w")),
    "nudge": pair,
}


PLOT_REACH = 1e6  # plot coordinates beyond this say nothing a drawing can show
CHART_REACH = 1e15


def _point(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, list) or len(value) != 2:
        report(path, f"expected a point [x, y] of two numbers, got {describe(value)}")
        return
    for index, item in enumerate(value):
        number(-PLOT_REACH, PLOT_REACH)(item, (*path, index), report)


def _range(value: Any, path: Path, report: Report) -> None:
    _point(value, path, report)
    if isinstance(value, list) and len(value) == 2 and all(is_number(v) for v in value) \
            and value[0] >= value[1]:
        report(path, f"a range is [low, high] with low < high, got [{value[0]}, {value[1]}]")


def _text(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, str) and not is_number(value):
        report(path, f"expected text (a string or a number), got {describe(value)}")


# ---- graph ---------------------------------------------------------------

NODE_SHAPES = ("box", "circle", "ellipse")
GRAPH_NODE = object_of(
    {"id": identifier, "text": _text, "shape": enum(NODE_SHAPES), "hl": HL, "faded": boolean},
    required=("id",),
)
GRAPH_EDGE = object_of(
    {"from": identifier, "to": identifier, "label": _text, "color": HL, "style": enum(("solid", "dashed")),
     "route": enum(("auto", "back"))},
    required=("from", "to"),
)
GRAPH_FIELDS = {**COMMON, "direction": enum(("down", "right")), "nodes": list_of(GRAPH_NODE, min_items=1),
                "edges": list_of(GRAPH_EDGE)}
GRAPH = object_of(GRAPH_FIELDS, required=("id", "kind", "nodes"))


def _graph_semantics(block: dict[str, Any], path: Path, report: Report) -> None:
    seen: dict[str, int] = {}
    for index, node in enumerate(block["nodes"]):
        if node["id"] in seen:
            report((*path, "nodes", index, "id"),
                   f"duplicate node id {node['id']!r} (node {seen[node['id']]} has it too); rename one")
        seen.setdefault(node["id"], index)
    names = list(seen)
    for index, edge in enumerate(block.get("edges", [])):
        for end in ("from", "to"):
            if edge[end] not in seen:
                report((*path, "edges", index, end),
                       f"edge {end} {edge[end]!r}: no node has this id{suggest(edge[end], names)}"
                       f" (nodes: {', '.join(names[:12])})")
        if edge["from"] == edge["to"]:
            report((*path, "edges", index), f"an edge from {edge['from']!r} to itself cannot be drawn in a "
                                            "layered graph; leave it out or say it in a note")


# ---- tree ----------------------------------------------------------------

def _tree_node(value: Any, path: Path, report: Report) -> None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return  # shorthand: a leaf with this text
    TREE_NODE(value, path, report)


TREE_NODE = object_of(
    {"id": identifier, "text": _text, "shape": enum(NODE_SHAPES), "hl": HL, "faded": boolean,
     "children": list_of(_tree_node)},
    required=("text",),
    what=" with a 'text' (or a plain string for a leaf)",
)
TREE_FIELDS = {**COMMON, "direction": enum(("down", "right")), "root": TREE_NODE}
TREE = object_of(TREE_FIELDS, required=("id", "kind", "root"))


def _tree_semantics(block: dict[str, Any], path: Path, report: Report) -> None:
    seen: dict[str, Path] = {}
    stack: list[tuple[Any, Path, int]] = [(block["root"], (*path, "root"), 0)]
    while stack:
        node, where, depth = stack.pop()
        if not isinstance(node, dict):
            continue
        if depth > MAX_TREE_DEPTH:
            report(where, f"the tree is more than {MAX_TREE_DEPTH} levels deep; draw a part of it")
            return
        ident = node.get("id")
        if isinstance(ident, str):
            if ident in seen:
                report((*where, "id"), f"node id {ident!r} appears twice in the tree: a tree node has one "
                                       "parent and is never its own ancestor (that would be a cycle); "
                                       "use a 'graph' block for shared nodes, or rename this one")
            seen.setdefault(ident, where)
        for index, child in reversed(list(enumerate(node.get("children", [])))):
            stack.append((child, (*where, "children", index), depth + 1))


# ---- matrix --------------------------------------------------------------

def _row(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, list):
        report(path, f"each row is a list of entries, like [1, 2], got {describe(value)}")
        return
    for index, item in enumerate(value):
        scalar(item, (*path, index), report)


def _cell_index(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, list) or len(value) != 2 or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value):
        report(path, f"expected [row, column], two whole numbers from 0, got {describe(value)}")


def _whole(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        report(path, f"expected a whole number from 0, got {describe(value)}")


MATRIX_HL = object_of({"row": _whole, "col": _whole, "cell": _cell_index, "color": HL})


def _matrix_hl(value: Any, path: Path, report: Report) -> None:
    if isinstance(value, str):
        HL(value, path, report)
    else:
        list_of(MATRIX_HL)(value, path, report)


MATRIX_FIELDS = {**COMMON, "rows": list_of(_row, min_items=1), "brackets": enum(("square", "round")),
                 "rowLabels": list_of(_text), "colLabels": list_of(_text), "hl": _matrix_hl}
MATRIX = object_of(MATRIX_FIELDS, required=("id", "kind", "rows"))


def _matrix_semantics(block: dict[str, Any], path: Path, report: Report) -> None:
    rows = block["rows"]
    width = len(rows[0])
    if width == 0:
        report((*path, "rows", 0), "row 0 is empty; a matrix needs at least one column")
        return
    for index, row in enumerate(rows):
        if len(row) != width:
            report((*path, "rows", index), f"row {index} has {len(row)} entries but row 0 has {width}: "
                                           "every row of a matrix needs the same length")
            return
    for key, count, what in (("rowLabels", len(rows), "rows"), ("colLabels", width, "columns")):
        if key in block and len(block[key]) != count:
            report((*path, key), f"{len(block[key])} labels for {count} {what}; give one per {what[:-1]}")
    hls = block.get("hl")
    for index, item in enumerate(hls if isinstance(hls, list) else []):
        where = (*path, "hl", index)
        given = [k for k in ("row", "col", "cell") if k in item]
        if len(given) != 1:
            report(where, "give exactly one of 'row', 'col' or 'cell' in each highlight")
        elif given[0] == "row" and item["row"] >= len(rows):
            report((*where, "row"), f"row {item['row']} is out of range (rows 0 to {len(rows) - 1})")
        elif given[0] == "col" and item["col"] >= width:
            report((*where, "col"), f"column {item['col']} is out of range (columns 0 to {width - 1})")
        elif given[0] == "cell" and (item["cell"][0] >= len(rows) or item["cell"][1] >= width):
            report((*where, "cell"), f"cell {item['cell']} is outside the {len(rows)}x{width} matrix")


# ---- plot ----------------------------------------------------------------

def _expression(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, str):
        report(path, f"expected an expression in x as a string, like \"x^2 - 1\", got {describe(value)}")
        return
    try:
        parse(value)
    except ExpressionError as error:
        report(path, f"cannot use the expression {value!r}: {error}")


def _transform(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, list) or len(value) != 2:
        report(path, f"expected a 2x2 matrix [[a, b], [c, d]], got {describe(value)}")
        return
    for index, row in enumerate(value):
        if not isinstance(row, list) or len(row) != 2:
            report((*path, index), f"expected a row of two numbers, got {describe(row)}")
            continue
        for j, item in enumerate(row):
            number(-PLOT_REACH, PLOT_REACH)(item, (*path, index, j), report)


ITEM = {"id": identifier, "label": _text, "color": HL, "transformed": boolean}
PLOT_FIELDS: dict[str, FieldCheck] = {
    **COMMON, "x": _range, "y": _range, "grid": boolean, "width": number(40, 2000),
    "height": number(40, 2000), "xLabel": string, "yLabel": string, "ticks": number(above=0),
    "transform": _transform,
    "vectors": list_of(object_of({**ITEM, "to": _point, "from": _point, "dashed": boolean},
                                 required=("to",))),
    "points": list_of(object_of({**ITEM, "at": _point}, required=("at",))),
    "polygons": list_of(object_of({**ITEM, "points": list_of(_point, min_items=3), "hl": HL},
                                  required=("points",))),
    "functions": list_of(object_of({"expr": _expression, "label": _text, "color": HL, "dashed": boolean,
                                    "domain": _range}, required=("expr",))),
}
PLOT = object_of(PLOT_FIELDS, required=("id", "kind", "x", "y"))


def _plot_semantics(block: dict[str, Any], path: Path, report: Report) -> None:
    seen: set[str] = set()
    for group in ("vectors", "points", "polygons"):
        for index, item in enumerate(block.get(group, [])):
            if "id" in item:
                if item["id"] in seen:
                    report((*path, group, index, "id"), f"duplicate id {item['id']!r} in this plot")
                seen.add(item["id"])


# ---- chart ---------------------------------------------------------------

SERIES = object_of({"name": string, "values": list_of(number(-CHART_REACH, CHART_REACH)), "color": HL},
                   required=("values",))
CHART_FIELDS = {**COMMON, "type": enum(("bar", "line")), "stacked": boolean, "log": boolean, "unit": string,
                "categories": list_of(_text, min_items=1), "series": list_of(SERIES, min_items=1),
                "values": boolean, "width": number(80, 2000), "height": number(60, 2000)}
CHART = object_of(CHART_FIELDS, required=("id", "kind", "categories", "series"))


def _chart_semantics(block: dict[str, Any], path: Path, report: Report) -> None:
    count = len(block["categories"])
    for index, series in enumerate(block["series"]):
        values = series["values"]
        where = (*path, "series", index, "values")
        if len(values) != count:
            report(where, f"{len(values)} values for {count} categories; give one value per category")
        if block.get("log"):
            for k, value in enumerate(values):
                if value <= 0:
                    report((*where, k), f"a log scale shows only positive values, got {value}; "
                                        "drop 'log' or leave this value out of the chart")
                    break
    if block.get("stacked") and block.get("type") == "line":
        report((*path, "stacked"), "'stacked' applies to bar charts; drop it or use \"type\": \"bar\"")


KEYS = {"graph": tuple(GRAPH_FIELDS), "tree": tuple(TREE_FIELDS), "matrix": tuple(MATRIX_FIELDS),
        "plot": tuple(PLOT_FIELDS), "chart": tuple(CHART_FIELDS)}
CHECKS = {"graph": (GRAPH, _graph_semantics), "tree": (TREE, _tree_semantics),
          "matrix": (MATRIX, _matrix_semantics), "plot": (PLOT, _plot_semantics),
          "chart": (CHART, _chart_semantics)}


def check_block(value: dict[str, Any], path: Path, report: Report) -> None:
    """Keys and types of one new-kind block, then (only when those are right) its meaning."""
    structure, semantics = CHECKS[value["kind"]]
    found: list[tuple[Path, str]] = []
    structure(value, path, lambda where, message: found.append((where, message)))
    for where, message in found:
        report(where, message)
    if not found:
        semantics(value, path, report)
