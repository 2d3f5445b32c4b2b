"""``notebook_math_renderer = "mathjax"``: Sphinx's MathJax, served from the vendored copy.

Sphinx's own ``sphinx.ext.mathjax`` already adds the script only to pages
that have math; we only point ``mathjax_path`` at the vendored MathJax 3
(never a CDN) and make sure its files ship with any theme. MathJax 3 finds
its fonts relative to its own script (``output/chtml/fonts/woff-v2/``),
which the vendored folder mirrors, so the page works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.fileutil import copy_asset

from sphinx_notebook.jsengine import VENDOR_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

MATHJAX_FOLDER = "mathjax"
MATHJAX_SCRIPT = "vendor/mathjax/tex-mml-chtml.js"
"""``mathjax_path`` relative to ``_static`` (Sphinx resolves it there)."""


def use_vendored_mathjax(config: Config, user_names: frozenset[str]) -> None:
    """Point ``mathjax_path`` at the vendored script unless conf.py chose one."""
    name = "mathjax_path"
    if name in config and name not in user_names and name not in config.overrides:
        config.mathjax_path = MATHJAX_SCRIPT


def ship_vendor_folder(app: Sphinx, folder: str) -> None:
    """Copy ``static/vendor/<folder>`` into ``_static/vendor/`` when the theme did not.

    The ``sphinx_notebook`` theme ships the vendored files itself; with any
    other theme the math would otherwise point at missing files.
    """
    if app.builder.format != "html":
        return
    target = Path(app.builder.outdir) / "_static" / "vendor" / folder
    if target.is_dir():
        return
    copy_asset(VENDOR_DIR / folder, target)


def ship_mathjax(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: make sure the vendored MathJax is in the output."""
    if exception is None and getattr(app.builder, "math_renderer_name", None) == "mathjax":
        ship_vendor_folder(app, MATHJAX_FOLDER)
