"""notebook_math_renderer = "mathjax": the vendored MathJax 3, only on pages with math."""

from __future__ import annotations

import pytest

MATHJAX = "_static/vendor/mathjax/tex-mml-chtml.js"


@pytest.mark.sphinx("html", testroot="math", confoverrides={"notebook_math_renderer": "mathjax"})
def test_vendored_mathjax_only_on_math_pages(app):
    app.build(force_all=True)
    assert app.config.html_math_renderer == "mathjax"
    html = (app.outdir / "formulas.html").read_text(encoding="utf-8")
    assert f'src="{MATHJAX}' in html
    assert "cdn" not in html and "https://" not in html.split("<body")[0].replace(
        "https://notebook.example.org/", ""
    )
    assert r"\(x^2 + y^2 = r^2\)" in html  # MathJax typesets in the browser
    assert "katex" not in html
    assert "tex-mml-chtml" not in (app.outdir / "plain.html").read_text(encoding="utf-8")
    # MathJax 3 loads its fonts relative to the script: they must be there.
    fonts = app.outdir / "_static" / "vendor" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2"
    assert (fonts / "MathJax_Main-Regular.woff").is_file()


@pytest.mark.sphinx(
    "html",
    testroot="math",
    confoverrides={"notebook_math_renderer": "mathjax", "html_theme": "alabaster"},
)
def test_vendored_files_ship_with_another_theme(app):
    app.build(force_all=True)
    assert (app.outdir / MATHJAX).is_file()


@pytest.mark.sphinx("html", testroot="math", confoverrides={"html_theme": "alabaster"})
def test_katex_css_ships_with_another_theme(app):
    app.build(force_all=True)
    assert (app.outdir / "_static" / "vendor" / "katex" / "katex.min.css").is_file()
    assert (app.outdir / "_static" / "vendor" / "katex" / "fonts" / "KaTeX_Main-Regular.woff2").is_file()


@pytest.mark.sphinx("html", testroot="math", confoverrides={"html_math_renderer": "mathjax"})
def test_users_html_math_renderer_wins(app):
    assert app.config.notebook_math_renderer == "katex"
    assert app.config.html_math_renderer == "mathjax"
    assert app.config.mathjax_path == "vendor/mathjax/tex-mml-chtml.js"


@pytest.mark.sphinx("html", testroot="math", confoverrides={"notebook_math_renderer": "mathjax"})
def test_every_extension_mathjax_can_autoload_ships(app):
    """Pages using \\cancel, \\color, \\bra, \\enclose or \\href must not ask for a missing file."""
    import re

    app.build(force_all=True)
    script = (app.outdir / MATHJAX).read_text(encoding="utf-8")
    table = re.search(r"autoload:\(0,\w+\.expandable\)\((\{action:.*?\})\)", script)
    assert table, "the autoload table of the vendored MathJax"
    autoloaded = set(re.findall(r"(?:\{|\]\]?,)(\w+):\[", table.group(1)))
    assert {
        "action",
        "cancel",
        "color",
        "braket",
        "enclose",
        "html",
        "mhchem",
        "unicode",
        "verb",
    } <= autoloaded
    extensions = app.outdir / "_static" / "vendor" / "mathjax" / "input" / "tex" / "extensions"
    shipped = {path.stem for path in extensions.glob("*.js")}
    assert autoloaded <= shipped
    # \require{...} can ask for any of them, mathtools and physics included
    assert {"mathtools", "physics", "bbox", "empheq", "gensymb", "upgreek"} <= shipped
