"""Property tests: whatever a writer types, validation and drawing never crash.

Every input ends as either a list of problems (each with a path and a line) or
a well-formed SVG. Documents are drawn from the schema's own vocabulary so
most of them get past validation and exercise the renderer too.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_notebook.diagram.render import render_svg
from sphinx_notebook.diagram.schema import check_text

IDS = ["a", "b", "c", "s", "f", "x"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

labels = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
numbers = st.one_of(st.integers(-5, 500), st.floats(-2, 400, allow_nan=False, allow_infinity=False))
refs = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(IDS),
    st.sampled_from(["", ".a", ".x", "[0]", "[1]", "[7]", ".f", ".f.a", ".f[0]", "[0][0]"]),
)
maybe = st.one_of(st.just(None), st.booleans(), numbers, labels, refs)


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


cell_objects = st.builds(
    lambda **kw: _drop_none(kw),
    id=st.one_of(st.none(), st.sampled_from(IDS)),
    name=st.one_of(st.none(), labels, st.sampled_from(IDS)),
    value=st.one_of(st.none(), numbers, labels),
    ptr=st.one_of(st.none(), refs),
    null=st.one_of(st.none(), st.booleans()),
    hl=st.one_of(st.none(), st.sampled_from(["yellow", "blue", "green", "red", "pink"])),
    faded=st.one_of(st.none(), st.booleans()),
)
cells = st.lists(st.one_of(st.none(), numbers, labels, cell_objects), max_size=5)
frames = st.lists(
    st.builds(lambda **kw: _drop_none(kw), id=st.one_of(st.none(), st.sampled_from(IDS)), label=labels,
              cells=st.one_of(st.none(), cells)),
    max_size=3,
)
blocks = st.builds(
    lambda **kw: _drop_none(kw),
    id=st.sampled_from(IDS),
    kind=st.sampled_from(["array", "struct", "frame", "stack", "box", "text", "graph"]),
    label=st.one_of(st.none(), labels),
    cells=st.one_of(st.none(), cells),
    frames=st.one_of(st.none(), frames),
    text=st.one_of(st.none(), labels),
    dir=st.one_of(st.none(), st.sampled_from(["right", "down"])),
    index=st.one_of(st.none(), st.booleans(), st.integers(-3, 9)),
    grows=st.one_of(st.none(), st.sampled_from(["up", "down"])),
    shape=st.one_of(st.none(), st.sampled_from(["rect", "ellipse"])),
    cellWidth=st.one_of(st.none(), numbers),
    nudge=st.one_of(st.none(), st.lists(numbers, min_size=2, max_size=2)),
    labelSide=st.one_of(st.none(), st.sampled_from(["n", "w"])),
    hl=st.one_of(st.none(), st.sampled_from(["yellow", "blue"])),
)
pointers = st.builds(
    lambda **kw: _drop_none(kw),
    **{"from": refs, "to": refs},
    label=st.one_of(st.none(), labels),
    bend=st.one_of(st.none(), st.floats(-1, 1, allow_nan=False)),
    fromSide=st.one_of(st.none(), st.sampled_from(["n", "e", "s", "w"])),
    toSide=st.one_of(st.none(), st.sampled_from(["n", "e", "s", "w"])),
    dashed=st.one_of(st.none(), st.booleans()),
    head=st.one_of(st.none(), st.booleans()),
)
notes = st.builds(
    lambda **kw: _drop_none(kw),
    text=labels,
    at=refs,
    side=st.one_of(st.none(), st.sampled_from(["n", "e", "s", "w"])),
    dist=st.one_of(st.none(), st.integers(0, 80)),
    bend=st.one_of(st.none(), st.floats(-1, 1, allow_nan=False)),
)
layouts = st.lists(st.lists(st.one_of(st.none(), st.sampled_from(IDS)), min_size=1, max_size=3),
                   min_size=1, max_size=3)
diagrams = st.builds(
    lambda **kw: _drop_none(kw),
    title=st.one_of(st.none(), labels),
    alt=st.one_of(st.none(), labels),
    seed=st.one_of(st.none(), st.integers(1, 2**40)),
    direction=st.one_of(st.none(), st.sampled_from(["right", "down"])),
    valign=st.one_of(st.none(), st.sampled_from(["top", "center"])),
    gap=st.one_of(st.none(), st.lists(st.integers(0, 80), min_size=2, max_size=2)),
    blocks=st.lists(blocks, min_size=1, max_size=4, unique_by=lambda b: b["id"]),
    layout=st.one_of(st.none(), layouts),
    pointers=st.one_of(st.none(), st.lists(pointers, max_size=3)),
    notes=st.one_of(st.none(), st.lists(notes, max_size=2)),
    extra=st.one_of(st.none(), maybe),
)


def _outcome(text: str) -> str:
    """Validate and, when valid, draw: 'problems' or 'svg', never an exception."""
    checked = check_text(text)
    if checked.spec is None:
        assert checked.problems
        for problem in checked.problems:
            assert problem.message and problem.line is not None and problem.line >= 1
        return "problems"
    svg = render_svg(checked.spec, seed=checked.spec.get("seed", 1), roughness=1.0,
                     title=checked.spec.get("title"), alt=checked.spec.get("alt") or "fuzz")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return "svg"


@SETTINGS
@given(diagrams)
def test_schema_shaped_documents_validate_or_draw(document):
    if "extra" in document:
        document["extra"] = document.pop("extra")  # an unknown key: must be reported, not crash
    _outcome(json.dumps(document, indent=1))


def _repair(document: dict[str, Any]) -> dict[str, Any]:
    """Fix the usual validation failures so the renderer sees many valid inputs."""
    document.pop("extra", None)
    document.pop("layout", None)
    ids = [block["id"] for block in document["blocks"]]
    for block in document["blocks"]:
        if block["kind"] == "graph":
            block["kind"] = "box"
        block.setdefault("text", "t")
        block.setdefault("cells", [1])
        block.setdefault("frames", [])
        if isinstance(block.get("index"), int) and not isinstance(block["index"], bool):
            block["index"] = abs(block["index"])
        if "cellWidth" in block and block["cellWidth"] <= 0:
            del block["cellWidth"]
        for frame in block["frames"]:
            frame.pop("id", None)
        for cell in [*block["cells"], *(c for f in block["frames"] for c in f.get("cells", []))]:
            if isinstance(cell, dict):
                cell.pop("id", None)
                if "ptr" in cell:
                    cell["ptr"] = ids[len(str(cell["ptr"])) % len(ids)]
                if cell.get("hl") == "pink":
                    del cell["hl"]
    for index, pointer in enumerate(document.get("pointers", [])):
        pointer["from"], pointer["to"] = ids[index % len(ids)], ids[-1 - index % len(ids)]
    for note in document.get("notes", []):
        note["at"] = ids[0]
    return document


@SETTINGS
@given(diagrams.map(_repair))
def test_valid_documents_draw(document):
    assert _outcome(json.dumps(document)) == "svg"


@SETTINGS
@given(st.recursive(st.none() | st.booleans() | numbers | labels,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(labels, inner, max_size=4),
                    max_leaves=20))
def test_arbitrary_json_never_crashes(value):
    _outcome(json.dumps(value))


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    _outcome(text)
