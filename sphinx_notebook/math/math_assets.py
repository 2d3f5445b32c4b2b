"""The files the math part ships: its stylesheet, and the vendored fonts the pages use.

KaTeX renders at build time, so pages get KaTeX's stylesheet and fonts but
never its script; the vendored MathJax (2 MB) is copied only when
``notebook_math_renderer = "mathjax"`` asks for it; epub pages carry MathML
alone and get neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.static_assets import StaticFiles, part_static_dir

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MATH_CSS = "css/nb-math.css"
STATIC = part_static_dir("math")
KATEX_FOLDER = "vendor/katex"
MATHJAX_FOLDER = "vendor/mathjax"


def math_static_files(app: Sphinx) -> list[StaticFiles]:
    """What this build's pages need from the math part."""
    files = [StaticFiles(STATIC, (MATH_CSS,))]
    if app.builder.name.startswith("epub"):
        return files
    renderer = getattr(app.builder, "math_renderer_name", None)
    if renderer == "katex":
        files.append(StaticFiles(STATIC, (KATEX_FOLDER,), skip_suffixes=(".js",)))
    elif renderer == "mathjax" and app.config.mathjax_path.startswith(MATHJAX_FOLDER):
        files.append(StaticFiles(STATIC, (MATHJAX_FOLDER,)))
    return files
