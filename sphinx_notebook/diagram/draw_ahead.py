"""Draw HTML diagrams while the page is read, so ``-j N`` writers find them drawn.

The HTML visitor draws a ``dsl`` diagram through the drawing cache beside the
doctrees (``visitors.draw``). Under ``sphinx-build -j 2`` Sphinx reads with
two processes but writes with one (the main process resolves every page for
it), so drawing in the visitor put all of rough.js's work, 1.5 s of CPU at
1,000 posts with a diagram every fourth post, on the single writer, the
slowest part of the write phase. Drawing the same SVG when the page has been
read puts it in the parallel readers instead; the visitor then reads the
cache entry. The text is the one the visitor would draw (same key, same
renderer), so pages are byte-identical, and a serial build does the same
work in another order.

A drawing that fails here is left to the visitor, which draws it again and
reports the failure where it always did (a warning and the error box).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.diagram.sources import notebook_diagram
from sphinx_notebook.diagram.visitors import DrawError, draw

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def draw_ahead(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: put the SVG of every ``dsl`` diagram in the cache (HTML builders)."""
    builder = app.builder
    if builder is None or builder.format != "html":
        return  # LaTeX draws TikZ, text builders print the alt text: nothing to prepare
    for node in doctree.findall(notebook_diagram):
        if node.get("mode") != "dsl":
            continue
        try:
            draw(builder, node, "svg")
        except DrawError:
            continue  # the visitor draws it again and warns with the page's location


def setup_draw_ahead(app: Sphinx) -> None:
    app.connect("doctree-read", draw_ahead)
