"""Rendering of the diagram DSL: determinism, stable seeds, escaping, speed, TikZ."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sphinx_notebook.diagram import strokes
from sphinx_notebook.diagram.layout import layout
from sphinx_notebook.diagram.render import RENDERER_VERSION, render_svg, render_tikz
from sphinx_notebook.diagram.tikz import latex_escape, path_to_tikz

EXAMPLES = Path(__file__).parent / "diagram_examples"
NAMES = ["callstack", "hashtable", "linkedlist", "arrayindex", "learningloop"]
SVG = "{http://www.w3.org/2000/svg}"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def svg_of(spec: dict, **kwargs: object) -> str:
    options = {"seed": spec.get("seed", 1), "roughness": 1.0, "title": None, "alt": None, **kwargs}
    return render_svg(spec, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", NAMES)
def test_svg_is_accessible_and_self_contained(name: str) -> None:
    spec = example(name)
    text = svg_of(spec)
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == spec["title"]
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert root.find(f"{SVG}desc").text == spec["alt"]
    assert len(root.get("viewBox").split()) == 4
    assert "<script" not in text and "href" not in text and "url(" not in text
    assert "var(--nb-diagram-ink, #1e1e1e)" in text
    assert "Architects Daughter" in text
    texts = [el.text or "".join(t.text or "" for t in el) for el in root.iter(f"{SVG}text")]
    assert texts and all(texts)


def test_the_same_input_gives_the_same_bytes() -> None:
    spec = example("callstack")
    assert svg_of(spec) == svg_of(json.loads(json.dumps(spec)))
    assert render_tikz(spec, seed=7, roughness=1) == render_tikz(spec, seed=7, roughness=1)
    assert svg_of(spec, seed=8) != svg_of(spec)


def test_a_fresh_process_gives_the_same_bytes() -> None:
    code = (
        "import json, sys; from sphinx_notebook.diagram.render import render_svg; "
        f"spec = json.load(open({str(EXAMPLES / 'hashtable.json')!r})); "
        "sys.stdout.write(render_svg(spec, seed=5, roughness=1.0, title=None, alt=None))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == svg_of(example("hashtable"))


def _strokes_by_key(spec: dict) -> dict[str, list]:
    scene = layout(spec)
    drawn = strokes.draw(scene.shapes, 3, strokes.rough_options(spec, 1.0))
    return {shape.key: paths for shape, paths in zip(scene.shapes, drawn, strict=True)}


def test_editing_one_block_does_not_rewobble_the_others() -> None:
    spec = example("linkedlist")
    before = _strokes_by_key(spec)
    spec["blocks"][3]["cells"][0]["value"] = 8  # the last block: nothing else moves
    after = _strokes_by_key(spec)
    others = [k for k in before if k.startswith(("head", "n1", "ptr:head", "ptr:n1"))]
    assert others and all(before[k] == after[k] for k in others)


def test_labels_are_escaped() -> None:
    nasty = "<b>&\"quoted\" 'x'</b>"
    spec = {"blocks": [
        {"id": "a", "kind": "array", "label": nasty, "cells": [nasty, {"value": "a&b", "hl": "red"}]},
        {"id": "t", "kind": "text", "text": "line1\n<line2>"},
    ], "notes": [{"text": nasty, "at": "a[0]", "side": "s"}]}
    text = svg_of(spec, title="T <&>", alt="D \"'")
    assert "<b>" not in text and "a&b" not in text
    assert "&lt;b&gt;&amp;&quot;quoted&quot; &#39;x&#39;&lt;/b&gt;" in text
    root = ET.fromstring(text)  # well-formed XML
    assert root.find(f"{SVG}title").text == "T <&>"
    assert root.find(f"{SVG}desc").text == "D \"'"
    assert nasty in [el.text for el in root.iter(f"{SVG}text")]


def test_control_characters_and_unicode_survive() -> None:
    spec = {"blocks": [{"id": "a", "kind": "array", "cells": ["θ ← η∇L", "\x01ok", "日本", "é"]}]}
    root = ET.fromstring(svg_of(spec))
    assert [el.text for el in root.iter(f"{SVG}text")] == ["θ ← η∇L", "ok", "日本", "é"]


def test_ids_differ_between_diagrams() -> None:
    first, second = svg_of(example("callstack")), svg_of(example("linkedlist"))
    id_of = lambda text: ET.fromstring(text).get("aria-labelledby")  # noqa: E731
    assert id_of(first) != id_of(second)


def test_renders_fast_enough() -> None:
    timings = {}
    for name in NAMES:
        spec = example(name)
        svg_of(spec)  # warm the engine
        best = min(_timed(spec) for _ in range(5))
        timings[name] = round(best * 1000, 2)
    print(f"\nrenderer {RENDERER_VERSION} warm ms per example: {timings}")
    assert all(ms < 150 for ms in timings.values()), timings


def _timed(spec: dict) -> float:
    start = time.perf_counter()
    svg_of(spec)
    return time.perf_counter() - start


@pytest.mark.parametrize("name", NAMES)
def test_tikz_picture_is_sane(name: str) -> None:
    text = render_tikz(example(name), seed=1, roughness=1.0)
    assert text.startswith("\\begin{tikzpicture}") and text.endswith("\\end{tikzpicture}")
    assert ".. controls" in text and "\\node" in text
    body = text.replace("\\{", "").replace("\\}", "")
    assert body.count("{") == body.count("}")
    assert "NaN" not in text and "nan" not in text.lower().replace("\\nabla", "")


def test_tikz_escapes_text_and_flips_y() -> None:
    assert latex_escape("50% of {x}_1 & $") == r"50\% of \{x\}\_1 \& \$"
    assert latex_escape("θ ← x") == r"\ensuremath{\theta} \ensuremath{\leftarrow} x"
    assert path_to_tikz("M10 20 L30 40 C1 2 3 4 5 6", 0, 100) == (
        "(10,80) -- (30,60) .. controls (1,98) and (3,96) .. (5,94)"
    )
