"""The diagram part of sphinx_notebook: hand-drawn cells-and-pointers diagrams from JSON.

``schema`` validates (pure), ``render`` draws (pure, rough.js in the shared JS
engine), ``cache`` keeps drawings between builds, ``excalidraw`` cleans
exported SVGs (pure); ``directive`` and ``visitors`` connect them to Sphinx.
Nothing is kept in module globals or the environment: the directive puts
everything a page needs into its node, so ``-j N`` reads and writes just work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.diagram.directive import DiagramDirective, notebook_diagram
from sphinx_notebook.diagram.visitors import visit_html, visit_latex, visit_man, visit_texinfo, visit_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_diagram(app: Sphinx) -> None:
    """Register the ``diagram`` directive, its node and the LaTeX package it needs."""
    app.add_node(
        notebook_diagram,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_text, None),
        man=(visit_man, None),
        texinfo=(visit_texinfo, None),
    )
    app.add_directive("diagram", DiagramDirective)
    app.add_latex_package("tikz")
