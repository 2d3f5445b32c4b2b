"""The math part of sphinx_notebook: KaTeX at build time, macros, theorem blocks.

``setup_math`` wires the pieces: the ``katex`` HTML math renderer
(:mod:`.html`, rendering in :mod:`.katex`), the vendored MathJax option
(:mod:`.mathjax`), ``notebook_math_macros`` for every renderer
(:mod:`.macros`) and the theorem-style directives (:mod:`.theorems`,
drawn by :mod:`.theorem_writers`) and stable anchors for numbered amsmath
environments (:mod:`.amsmath_labels`). Per-document state lives in the
``nb`` domain (:mod:`.theorem_domain`), so ``-j N`` builds work.
``extensions = ["sphinx_notebook.math"]`` loads this part alone, under any
theme: it ships its own stylesheet and KaTeX's fonts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.config import settings_of, setup_settings, validate_settings
from sphinx_notebook.math import theorem_writers as writers
from sphinx_notebook.math.amsmath_labels import setup_amsmath_labels
from sphinx_notebook.math.html import setup_katex
from sphinx_notebook.math.macros import append_to_preamble, apply_macros
from sphinx_notebook.math.math_assets import MATH_CSS, math_static_files
from sphinx_notebook.math.mathjax import use_vendored_mathjax
from sphinx_notebook.math.page_macros import setup_page_definitions
from sphinx_notebook.math.tex_labels import setup_tex_labels
from sphinx_notebook.math.theorem_domain import NotebookDomain, register_free_short_names
from sphinx_notebook.math.theorems import (
    KIND_LABELS,
    NODE_CLASSES,
    NumberTheorems,
    PlainNumberReferences,
    default_numfig_formats,
    figtype,
    notebook_proof,
    notebook_qed,
    notebook_theorem_title,
    reference_title,
    restore_document_numbers,
)
from sphinx_notebook.math.unclosed_dollars import setup_unclosed_dollars
from sphinx_notebook.static_assets import ship_static
from sphinx_notebook.user_config import is_user_set

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def configure_math(app: Sphinx, config: Config) -> None:
    """``config-inited``: pick the renderer and hand macros and amsthm to each output.

    Runs after Sphinx fills ``numfig_format`` (priority 800); every value the
    user set in conf.py or with ``-D`` is left alone, the LaTeX preamble only
    grows.
    """
    if not is_user_set(config, "html_math_renderer"):
        config.html_math_renderer = config.notebook_math_renderer
    use_vendored_mathjax(config)
    apply_macros(app, config)
    if "latex_elements" in config:
        config.latex_elements = append_to_preamble(config.latex_elements, writers.amsthm_preamble())
    default_numfig_formats(app, config)


def setup_theorems(app: Sphinx) -> None:
    """Register the theorem-style directives (``nb:NAME``, and free short names), nodes, numbers."""
    for kind, node_class in NODE_CLASSES.items():
        app.add_enumerable_node(node_class, figtype(kind), reference_title, **writers.BLOCK_VISITORS)  # type: ignore[arg-type]
    app.add_node(notebook_proof, **writers.BLOCK_VISITORS)  # type: ignore[arg-type]
    app.add_node(notebook_theorem_title, **writers.HEADING_VISITORS)  # type: ignore[arg-type]
    app.add_node(notebook_qed, **writers.QED_VISITORS)  # type: ignore[arg-type]
    app.add_domain(NotebookDomain)
    app.connect("config-inited", register_free_short_names, priority=900)
    app.add_transform(NumberTheorems)
    app.add_post_transform(PlainNumberReferences)
    app.connect("env-get-updated", restore_document_numbers, priority=900)


def setup_rendering(app: Sphinx) -> None:
    """The renderers, their assets and their settings (no directives)."""
    setup_settings(app, "math")
    app.setup_extension("sphinx_notebook.render_cache")
    setup_katex(app)
    setup_amsmath_labels(app)
    setup_page_definitions(app)
    setup_tex_labels(app)
    setup_unclosed_dollars(app)
    app.add_css_file(MATH_CSS)
    ship_static(app, math_static_files)


def setup_math(app: Sphinx) -> None:
    """Register the math part with Sphinx."""
    app.setup_extension("sphinx_notebook.translations")  # its words in the site's language
    setup_rendering(app)
    setup_theorems(app)
    app.connect("config-inited", configure_math, priority=850)


def setup_after_config(app: Sphinx) -> None:
    """Build-time math for the theme used without its extension.

    Sphinx has read the configuration and made the environment by then, so
    ``config-inited`` handlers run here directly, and the theorem blocks
    (whose ``nb`` domain the environment would lack) are left out: the
    theme's warning asks for the extension, which brings them.
    """
    setup_rendering(app)
    validate_settings(app.config, settings_of("math"))
    configure_math(app, app.config)


def setup(app: Sphinx) -> ExtensionMetadata:
    """``extensions = ["sphinx_notebook.math"]``: build-time math and theorem blocks, any theme."""
    setup_math(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["KIND_LABELS", "setup", "setup_math"]
