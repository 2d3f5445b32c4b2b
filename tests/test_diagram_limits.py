"""Size limits (a clear warning at the line, not an engine error) and caption precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from site_builds import build_site

from sphinx_notebook.diagram import limits

CONF = 'project = "Limits"\nextensions = ["sphinx_notebook"]\nhtml_theme = "sphinx_notebook"\n'


def _array(cells: int) -> dict:
    return {"alt": "A long array.", "blocks": [{"id": "a", "kind": "array", "cells": list(range(cells))}]}


def test_limits_name_the_size_and_the_limit() -> None:
    assert limits.spec_problem(_array(limits.MAX_CELLS)) is None
    assert limits.spec_problem(_array(100_000)) == (
        f"the diagram has 100,000 cells and other items, over the limit of {limits.MAX_CELLS:,}: show a "
        "part of the data, or split it into several diagrams")
    many = {"blocks": [{"id": f"b{i}", "kind": "box", "text": "x"} for i in range(limits.MAX_BLOCKS + 1)]}
    assert "blocks, over the limit of" in (limits.spec_problem(many) or "")
    nodes = [{"id": f"n{i}", "text": "n"} for i in range(limits.MAX_GRAPH_NODES + 1)]
    graph = {"blocks": [{"id": "g", "kind": "graph", "nodes": nodes, "edges": []}]}
    assert limits.spec_problem(graph) == (
        "graph 'g' has 201 nodes, over the limit of 200: draw a part of it, or split it into several graphs")
    graph["blocks"][0]["nodes"] = nodes[:-1]
    assert limits.spec_problem(graph) is None
    assert limits.json_problem("x" * (limits.MAX_JSON_BYTES + 1)).startswith("the diagram's JSON is ")
    assert limits.json_problem("{}") is None
    assert "over the limit" in (limits.svg_problem(b" " * (limits.MAX_SVG_BYTES + 1)) or "")
    assert limits.svg_problem("<svg/>") is None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    src = tmp_path_factory.mktemp("limits") / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "huge.json").write_text(json.dumps(_array(100_000)), encoding="utf-8")
    (src / "many.json").write_text(json.dumps(_array(5_000)), encoding="utf-8")
    padding = "<!--" + "x" * limits.MAX_SVG_BYTES + "-->"
    huge_svg = f'<svg xmlns="http://www.w3.org/2000/svg">{padding}</svg>'
    (src / "huge.svg").write_text(huge_svg, encoding="utf-8")
    body = json.dumps({"alt": "Too many boxes.",
                       "blocks": [{"id": f"b{i}", "kind": "box", "text": "x"} for i in range(250)]})
    (src / "index.md").write_text(
        "# Limits\n\n"
        "```{diagram} huge.json\n```\n\n"
        "```{diagram} many.json\n```\n\n"
        "```{diagram} huge.svg\n:alt: A huge drawing\n```\n\n"
        f"```{{diagram}}\n{body}\n```\n\n"
        "```{diagram}\n:caption: The option caption\n\n"
        '{"alt": "One box.", "caption": "The JSON caption",\n'
        ' "blocks": [{"id": "b", "kind": "box", "text": "x"}]}\n'
        "```\n\n"
        "```{diagram}\n"
        '{"alt": "One box.", "caption": "Only the JSON caption",\n'
        ' "blocks": [{"id": "b", "kind": "box", "text": "y"}]}\n'
        "```\n\nThe end.\n",
        encoding="utf-8")
    site = build_site(src)
    return site.outdir, site.warnings


def test_oversized_diagrams_warn_at_their_line_and_the_build_goes_on(built: tuple[Path, str]) -> None:
    outdir, warnings = built
    assert "index.md:3: WARNING: diagram: 'huge.json': the diagram's JSON is 688,967 bytes, over the limit" \
        in warnings
    assert "index.md:6: WARNING: diagram: the diagram has 5,000 cells and other items, over the limit" \
        in warnings
    assert "index.md:9: WARNING: diagram: 'huge.svg' cannot be embedded: the SVG is " in warnings
    assert "index.md:13: WARNING: diagram: the diagram has 250 blocks, over the limit of 200" in warnings
    assert "JSError" not in warnings and "could not draw" not in warnings and "Traceback" not in warnings
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert html.count('class="nb-diagram-error"') == 4
    assert "The end." in html


def test_the_caption_option_wins_over_the_json_caption(built: tuple[Path, str]) -> None:
    html = (built[0] / "index.html").read_text(encoding="utf-8")
    assert '<span class="caption-text">The option caption</span>' in html
    assert "The JSON caption" not in html
    assert '<span class="caption-text">Only the JSON caption</span>' in html
