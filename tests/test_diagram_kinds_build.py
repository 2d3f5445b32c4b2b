"""The new diagram kinds in real Sphinx builds: warning-free examples, errors at file:line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)


def _line_of(path: Path, marker: str, after: int = 0) -> int:
    """1-based line of the first line of ``path`` after line ``after`` containing ``marker``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number > after and marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


@pytest.mark.sphinx("html", testroot="diagram-kinds")
def test_the_five_examples_render_without_warnings(app, warning):
    app.build()
    assert warning.getvalue() == ""
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg [^>]*class=\"nb-diagram-svg\"", html)
    assert len(svgs) == 5
    for text in ("L = 4", "binds tighter", "goes to", "Ae₁", "bandwidth, not flops, is the budget", "990M"):
        assert f">{text}<" in html, text
    assert "Computation graph of L = (w*x + b - y)^2</title>" in html
    assert re.search(r'href="#fig-autograd"><span class="std std-numref">Fig\. 1</span>', html)


@pytest.mark.sphinx("text", testroot="diagram-kinds")
def test_text_builders_get_the_alt_text(app):
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "[diagram: Bar chart, log scale:" in text


@pytest.mark.sphinx("latex", testroot="diagram-kinds")
def test_latex_gets_the_same_strokes_as_tikz(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count("\\begin{tikzpicture}") == 5
    assert "binds tighter" in tex


@pytest.mark.sphinx("html", testroot="diagram-kinds-errors")
def test_each_error_gives_one_warning_at_its_line_with_the_json_path(app, warning):
    app.build()
    warnings = warning.getvalue()
    index = Path(app.srcdir) / "index.md"

    def expect(line: int, text: str) -> None:
        pattern = rf"index\.md:{line}: WARNING: {re.escape(text)}.*\[notebook\.diagram\]"
        found = re.findall(pattern, warnings)
        assert len(found) == 1, f"not one index.md:{line}: {text!r} in:\n{warnings}"

    expect(_line_of(index, '"bb"'), "diagram blocks[0].edges[0].to: edge to 'bb': no node has this id; "
                                    "did you mean 'b'?")
    expect(_line_of(index, '"r again"'), "diagram blocks[0].root.children[0].children[0].id: node id 'r' "
                                         "appears twice in the tree")
    expect(_line_of(index, "__import__"), "diagram blocks[0].functions[0].expr: cannot use the expression")
    expect(_line_of(index, '"2x + 1"'), "diagram blocks[0].functions[0].expr: cannot use the expression "
                                        "'2x + 1': two values side by side: write the multiplication")
    expect(_line_of(index, "[3]"), "diagram blocks[0].rows[1]: row 1 has 1 entries but row 0 has 2")
    expect(_line_of(index, "0]}]}"), "diagram blocks[0].series[0].values[1]: a log scale shows only "
                                     "positive values, got 0")
    expect(_line_of(index, "A.col2"), "diagram notes[0].at: note anchor 'A.col2' does not resolve: "
                                      "column 2 is out of range (0 to 1)")
    tree_line = _line_of(index, '"nodes": [{"id": "a"}]')
    expect(tree_line, "diagram blocks[0].nodes: unknown key 'nodes'")
    expect(tree_line, "diagram blocks[0]: missing required key 'root'")
    assert warnings.count("WARNING") == 9
    assert "Traceback" not in warnings
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert html.count('<div class="nb-diagram-error" role="note">') == 8
    assert "After the broken ones, the page goes on." in html
