"""The diagram part of sphinx_notebook: hand-drawn cells-and-pointers diagrams from JSON.

``schema`` validates (pure), ``render`` draws (pure, rough.js in the shared JS
engine), ``cache`` keeps drawings between builds (``draw_ahead`` fills it while reading, so
``-j N`` draws in the parallel readers), ``svg_sanitizer``/``css_sanitizer``/``svg_editors``
clean exported SVGs (pure); ``directive``, ``html_figure`` (raw ``<figure class="diagram">``)
and ``visitors`` connect them to Sphinx.
Nothing is kept in module globals or the environment: the directive puts
everything a page needs into its node, so ``-j N`` reads and writes just work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.config import setup_settings
from sphinx_notebook.diagram.directive import DiagramDirective, notebook_diagram
from sphinx_notebook.diagram.draw_ahead import setup_draw_ahead
from sphinx_notebook.diagram.html_figure import setup_html_figures
from sphinx_notebook.diagram.visitors import visit_html, visit_latex, visit_man, visit_texinfo, visit_text
from sphinx_notebook.static_assets import StaticFiles, part_static_dir, ship_static

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

DIAGRAM_CSS = "css/nb-diagram.css"
HAND_FONT_FOLDER = "vendor/fonts/architects-daughter"
# rough.js runs at build time only: its script never reaches a page.
DIAGRAM_FILES = StaticFiles(part_static_dir("diagram"), (DIAGRAM_CSS, HAND_FONT_FOLDER))
HAND_FONT_FILES = StaticFiles(part_static_dir("diagram"), (HAND_FONT_FOLDER,))


def setup_diagram(app: Sphinx) -> None:
    """Register the ``diagram`` directive, its node and the LaTeX package it needs."""
    app.setup_extension("sphinx_notebook.translations")  # its words in the site's language
    app.add_node(
        notebook_diagram,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_text, None),
        man=(visit_man, None),
        texinfo=(visit_texinfo, None),
    )
    app.add_directive("diagram", DiagramDirective)
    setup_html_figures(app)
    setup_draw_ahead(app)
    app.add_latex_package("tikz")


def setup(app: Sphinx) -> ExtensionMetadata:
    """``extensions = ["sphinx_notebook.diagram"]``: diagrams alone, under any theme."""
    setup_settings(app, "diagram")
    setup_diagram(app)
    app.add_css_file(DIAGRAM_CSS)
    ship_static(app, lambda app: [DIAGRAM_FILES])
    return {"parallel_read_safe": True, "parallel_write_safe": True}
