"""``notebook_math_renderer = "mathjax"``: Sphinx's MathJax, served from the vendored copy.

Sphinx's own ``sphinx.ext.mathjax`` already adds the script only to pages
that have math; we only point ``mathjax_path`` at the vendored MathJax 3
(never a CDN) and make sure its files ship with any theme. MathJax 3 finds
its fonts relative to its own script (``output/chtml/fonts/woff-v2/``),
which the vendored folder mirrors, so the page works offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.user_config import is_user_set

if TYPE_CHECKING:
    from sphinx.config import Config

MATHJAX_SCRIPT = "vendor/mathjax/tex-mml-chtml.js"
"""``mathjax_path`` relative to ``_static`` (Sphinx resolves it there)."""


def use_vendored_mathjax(config: Config) -> None:
    """Point ``mathjax_path`` at the vendored script unless the user chose one.

    The files are shipped by :mod:`.math_assets` when a page can use them.
    """
    name = "mathjax_path"
    if name in config and not is_user_set(config, name):
        config.mathjax_path = MATHJAX_SCRIPT
