"""Property test: any schema-shaped diagram renders to well-formed SVG and TikZ, never an exception."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_notebook.diagram.render import render_svg, render_tikz

IDS = ["a", "b", "c", "s", "x_1"]
HL = st.sampled_from(["yellow", "blue", "green", "red"])
TEXT = st.text(max_size=12)
SCALAR = st.one_of(st.none(), TEXT, st.integers(-10**9, 10**9),
                   st.floats(allow_nan=False, allow_infinity=False, width=32))
REF = st.one_of(
    st.sampled_from(IDS),
    st.builds(lambda b, i: f"{b}[{i}]", st.sampled_from(IDS), st.integers(0, 6)),
    st.builds(lambda b, n: f"{b}.{n}", st.sampled_from(IDS), st.sampled_from(["k", "next", "f", "b1"])),
    st.builds(lambda b, f, n: f"{b}.{f}.{n}", st.sampled_from(IDS), st.sampled_from(["f", "g"]),
              st.sampled_from(["k", "next"])),
)
SIDE = st.sampled_from(["n", "e", "s", "w"])
POINTER_STYLE = st.fixed_dictionaries({}, optional={
    "label": TEXT, "bend": st.floats(-1, 1), "toSide": SIDE, "fromSide": SIDE, "dashed": st.booleans(),
    "hl": HL, "head": st.booleans(),
})
CELL = st.one_of(SCALAR, st.fixed_dictionaries({}, optional={
    "id": st.sampled_from(["b1", "b2"]), "name": st.sampled_from(["k", "next", "", "a long field name"]),
    "value": SCALAR, "ptr": REF, "ptrStyle": POINTER_STYLE, "null": st.booleans(), "hl": HL,
    "faded": st.booleans(),
}))
CELLS = st.lists(CELL, max_size=5)
FRAME = st.fixed_dictionaries({"label": st.sampled_from(["f", "g()", "", "main(argc, argv)"])},
                              optional={"id": st.sampled_from(["f", "g"]), "cells": CELLS, "hl": HL})
BLOCK = st.fixed_dictionaries(
    {"id": st.sampled_from(IDS),
     "kind": st.sampled_from(["array", "struct", "frame", "stack", "box", "text"])},
    optional={
        "label": TEXT, "hl": HL, "cells": CELLS, "frames": st.lists(FRAME, max_size=3),
        "nudge": st.tuples(st.floats(-50, 50), st.floats(-50, 50)).map(list),
        "cellWidth": st.floats(0, 200), "dir": st.sampled_from(["right", "down"]),
        "index": st.one_of(st.booleans(), st.integers(-5, 5)), "labelSide": st.sampled_from(["n", "w"]),
        "grows": st.sampled_from(["down", "up"]), "gap": st.floats(0, 40), "text": TEXT,
        "shape": st.sampled_from(["rect", "ellipse"]),
    },
)
SPEC = st.fixed_dictionaries(
    {"blocks": st.lists(BLOCK, min_size=1, max_size=5)},
    optional={
        "direction": st.sampled_from(["right", "down"]), "seed": st.integers(1, 2**40),
        "gap": st.tuples(st.floats(0, 100), st.floats(0, 100)).map(list),
        "valign": st.sampled_from(["top", "center"]),
        "rough": st.fixed_dictionaries({}, optional={"roughness": st.floats(0, 3), "bowing": st.floats(0, 5),
                                                     "strokeWidth": st.floats(0.1, 4)}),
        "layout": st.lists(st.lists(st.one_of(st.none(), st.sampled_from(IDS)), max_size=4), max_size=4),
        "pointers": st.lists(st.fixed_dictionaries({"from": REF, "to": REF}).flatmap(
            lambda base: POINTER_STYLE.map(lambda style: {**style, **base})), max_size=4),
        "notes": st.lists(st.fixed_dictionaries({"text": TEXT, "at": REF}, optional={
            "side": SIDE, "dist": st.floats(0, 80), "bend": st.floats(-1, 1)}), max_size=3),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPEC, st.integers(1, 2**31), st.floats(0, 3))
def test_any_schema_shaped_diagram_renders(spec: dict, seed: int, roughness: float) -> None:
    text = render_svg(spec, seed=seed, roughness=roughness, title=None, alt=None)
    root = ET.fromstring(text)
    assert all(math.isfinite(float(v)) for v in root.get("viewBox").split())
    svg = "{http://www.w3.org/2000/svg}"
    numbers = [path.get("d") for path in root.iter(f"{svg}path")]
    numbers += [f"{t.get('x')} {t.get('y')}" for t in root.iter(f"{svg}text")]
    assert not any(bad in chunk.lower() for chunk in numbers for bad in ("nan", "inf"))
    tikz = render_tikz(spec, seed=seed, roughness=roughness)
    assert tikz.startswith("\\begin{tikzpicture}") and tikz.endswith("\\end{tikzpicture}")
    strokes = [line for line in tikz.splitlines() if line.startswith(("\\draw", "\\fill"))]
    assert not any("nan" in line or "inf" in line for line in strokes)
