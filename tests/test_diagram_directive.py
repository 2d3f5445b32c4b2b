"""The diagram directive in real Sphinx builds: what a reader and a writer see."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sphinx_notebook.diagram import render

ROOTS = Path(__file__).parent / "roots"


def _figures(html: str) -> list[str]:
    return re.findall(r"<figure[^>]*>.*?</figure>", html, flags=re.DOTALL)


def _line_of(path: Path, marker: str) -> int:
    """1-based line of the first line of ``path`` containing ``marker``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


@pytest.mark.sphinx("html", testroot="diagram")
def test_five_examples_render_inline_without_warnings(app, warning):
    app.build()
    assert warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    figures = _figures(html)
    assert len(figures) == 7  # five examples, the escaping check, the Excalidraw drawing
    for figure in figures:
        assert re.match(r'<figure class="diagram[ "]', figure)
        assert "<svg" in figure and "<img" not in figure
    for title in ("Call stack while sum() runs", "Hash table with separate chaining", "Singly linked list",
                  "Array with an index pointer", "The loop a learning system runs forever"):
        assert re.search(rf"<title[^>]*>{re.escape(title)}</title>", html)
    assert "<desc" in html and "Two stack frames, main and sum." in html
    assert "<script" not in html.split("<body", 1)[1].split("</article>", 1)[0]


@pytest.mark.sphinx("html", testroot="diagram")
def test_caption_name_and_numref(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    stack = next(f for f in _figures(html) if 'id="fig-callstack"' in f)
    assert "<figcaption>" in stack
    assert re.search(r'<span class="caption-number">Fig\. \d+ </span>', stack)
    assert "<code" in stack  # the caption's inline markup is parsed
    assert re.search(r'<a class="reference internal" href="#fig-callstack"><span class="std std-numref">'
                     r"Fig\. \d+</span></a>", html)
    table = next(f for f in _figures(html) if 'id="fig-hashtable"' in f)
    assert re.match(r'<figure class="diagram wide-one align-center" id="fig-hashtable">', table)
    assert '<div class="nb-diagram-body nb-diagram-sized" style="width: 300px">' in html
    page = (app.outdir / "page.html").read_text(encoding="utf-8")
    assert 'id="fig-rst-list"' in page and "Fig. " in page


@pytest.mark.sphinx("html", testroot="diagram")
def test_labels_are_escaped(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "a &lt; b &amp;&amp;" in html
    assert "a < b" not in html
    assert "Escaping &lt;b&gt; &amp;" in html
    assert "<b>" not in html.split("Escaping", 1)[1][:40]


@pytest.mark.sphinx("html", testroot="diagram")
def test_excalidraw_svg_is_embedded_safely(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    drawing = next(f for f in _figures(html) if "An Excalidraw drawing" in f)
    assert 'class="nb-excalidraw"' in drawing
    assert "<title>A hand-drawn box saying hello</title>" in drawing
    assert "excalidraw.com" not in drawing
    assert "payload-that-should-not-ship" not in drawing
    assert 'font-family="&quot;nb-hand&quot;, &quot;Virgil&quot;' in drawing  # the vendored hand font first
    assert "@font-face" not in drawing  # the off-site face is gone; nb-hand is declared by diagram.css
    assert (app.outdir / "_static/vendor/fonts/architects-daughter/"
            "architects-daughter-latin-400-normal.woff2").exists()
    assert (app.outdir / "_static/css/nb-diagram.css").exists()


@pytest.mark.sphinx("html", testroot="diagram")
def test_unchanged_diagrams_come_from_the_cache(app, monkeypatch):
    app.build()
    cached = list((Path(app.doctreedir) / "notebook-diagrams").glob("*.svg"))
    assert len(cached) == 7  # six on index.md (the Excalidraw one is not drawn), one on page.rst

    def refuse(*args, **kwargs):
        raise AssertionError("a cached diagram was drawn again")

    monkeypatch.setattr(render, "render_svg", refuse)
    app.build(force_all=True)
    assert "could not draw" not in (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="diagram-errors")
def test_bad_input_warns_at_file_and_line_and_shows_an_error_box(app, warning):
    app.build()
    warnings = warning.getvalue()
    index = Path(app.srcdir) / "index.md"

    def expect(source: str, line: int, text: str) -> None:
        pattern = rf"{re.escape(source)}:{line}: WARNING: {re.escape(text)}"
        assert re.search(pattern, warnings), f"no {source}:{line}: {text!r} in:\n{warnings}"

    expect("index.md", _line_of(index, '"cels"'),
           "diagram blocks[0].cels: unknown key 'cels'; did you mean 'cells'?")
    expect("index.md", _line_of(index, '"text": "x"},'), "diagram (top level): invalid JSON: trailing comma")
    expect("index.md", _line_of(index, '"nowhere"'),
           "diagram blocks[0].cells[0].ptr: pointer target 'nowhere' does not resolve: no block has the id")
    expect("index.md", _line_of(index, '"two"'), "diagram blocks[1].id: duplicate block id 'd'")
    expect("index.md", _line_of(index, "lonely") - 1, "diagram has no 'alt' text")
    expect("index.md", _line_of(index, "missing.json"), "diagram: cannot read 'missing.json'")
    expect("bad.json", _line_of(Path(app.srcdir) / "bad.json", "a[4]"),
           "diagram notes[0].at: note anchor 'a[4]' does not resolve: array 'a' has 1 cell")
    expect("index.md", _line_of(index, "broken.svg"), "diagram: 'broken.svg' cannot be embedded")
    expect("page.rst", _line_of(Path(app.srcdir) / "page.rst", '"colour"'),
           "diagram blocks[0].colour: unknown key 'colour'")
    assert "[notebook.diagram]" in warnings and "[notebook.excalidraw]" in warnings
    assert "Traceback" not in warnings

    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<div class="nb-diagram-error" role="note">.*?</div>', html, flags=re.DOTALL)
    assert len(boxes) == 7  # cels, comma, dangling, duplicate, missing file, bad.json, broken.svg
    assert "did you mean &#x27;cells&#x27;?" in boxes[0]
    assert "After the broken ones, " in html  # the build went on
    assert '<span class="caption-text">Caption from the JSON</span>' in html
    assert re.search(r'href="#fig-json-caption"><span class="std std-numref">Fig\. 2</span>', html)
    # The diagram without alt still draws, with a generated description.
    assert "Diagram of box no alt here." in html


@pytest.mark.sphinx("html", testroot="diagram-errors")
def test_unsafe_excalidraw_content_is_removed_with_a_warning(app, warning):
    app.build()
    warnings = warning.getvalue()
    assert re.search(r"index\.md:\d+: WARNING: diagram 'evil\.svg': removed unsafe content: "
                     r"CSS @import url\(\"https://tracker\.example/x\.css\"\), onload attribute, <script>",
                     warnings)
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    drawing = next(f for f in _figures(html) if "A drawing with a script in it" in f)
    for bad in ("alert(", "steal()", "onload", "onclick", "tracker.example", "javascript:", "foreignObject",
                "invert("):
        assert bad not in drawing
    assert 'class="nb-excalidraw"' in drawing


@pytest.mark.sphinx("latex", testroot="diagram")
def test_latex_gets_tikz(app):
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\usepackage{tikz}" in tex
    assert tex.count(r"\begin{tikzpicture}") == 7  # the five examples, the escaping one, page.rst
    assert r"\begin{figure}" in tex and r"\caption{Separate chaining}" in tex
    assert r"[diagram: A hand\sphinxhyphen{}drawn box saying hello]" in tex


@pytest.mark.sphinx("text", testroot="diagram")
def test_text_builder_prints_the_alt_text(app):
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "[diagram: Two stack frames, main and sum." in text
    assert "[diagram: Box saying a < b && \"c\" 'd']" in text
    assert "<svg" not in text
    assert "Separate chaining" in text and "]Separate chaining" not in text  # caption on its own line


@pytest.mark.parametrize("builder, output", [("man", "*.1"), ("texinfo", "*.texi")])
def test_man_and_texinfo_print_the_alt_text(make_app, sphinx_test_tempdir, builder, output):
    srcdir = sphinx_test_tempdir / f"diagram-{builder}"
    shutil.copytree(ROOTS / "test-diagram", srcdir, dirs_exist_ok=True)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    written = next(Path(app.outdir).glob(output)).read_text(encoding="utf-8")
    assert "[diagram: Singly linked list" not in written  # alt wins over title
    assert "diagram: Variable head points to node 1" in written


@pytest.mark.sphinx("epub", testroot="diagram")
def test_epub_inlines_the_svg(app):
    app.build()
    xhtml = (app.outdir / "index.xhtml").read_text(encoding="utf-8")
    assert xhtml.count("<svg") == 7
    assert 'class="diagram' in xhtml


def _page_svgs(outdir: Path) -> dict[str, list[str]]:
    found = {}
    for page in sorted(outdir.glob("page*.html")):
        figures = _figures(page.read_text(encoding="utf-8"))
        found[page.name] = [re.search(r"<svg.*?</svg>", f, flags=re.DOTALL).group(0) for f in figures]
    return found


def test_parallel_build_gives_the_same_bytes(make_app, sphinx_test_tempdir):
    results = []
    for jobs in (1, 2):
        srcdir = sphinx_test_tempdir / f"diagram-parallel-j{jobs}"
        shutil.rmtree(srcdir, ignore_errors=True)
        shutil.copytree(ROOTS / "test-diagram-parallel", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=jobs)
        app.build()
        results.append(_page_svgs(Path(app.outdir)))
    serial, parallel = results
    assert len(serial) == 8 and all(len(svgs) == 1 for svgs in serial.values())
    assert serial == parallel


@pytest.mark.sphinx("html", testroot="diagram")
def test_directive_seed_and_roughness_win_over_the_json(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    drawn = next(f for f in _figures(html) if "The loop a learning system runs forever" in f)
    spec = json.loads((Path(app.srcdir) / "diagrams" / "learningloop.json").read_text(encoding="utf-8"))
    spec["seed"] = 4  # :seed: 4 in index.md; the JSON says 21
    spec["rough"] = {"roughness": 0.5}  # :roughness: 0.5
    expected = render.render_svg(spec, seed=4, roughness=0.5, title=spec["title"], alt=spec["alt"])
    assert expected in drawn
    spec["seed"] = 21
    assert render.render_svg(spec, seed=21, roughness=0.5, title=spec["title"], alt=spec["alt"]) not in drawn
