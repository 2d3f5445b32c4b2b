"""The math part of sphinx_notebook: KaTeX at build time, macros, theorem blocks.

``setup_math`` wires the pieces: the ``katex`` HTML math renderer
(:mod:`.html`, rendering in :mod:`.katex`), the vendored MathJax option
(:mod:`.mathjax`), ``notebook_math_macros`` for every renderer
(:mod:`.macros`) and the theorem-style directives (:mod:`.theorems`,
drawn by :mod:`.theorem_writers`) and stable anchors for numbered amsmath
environments (:mod:`.amsmath_labels`). All per-document state lives in the
environment, so ``-j N`` builds work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.bundle import user_set_names
from sphinx_notebook.math import theorem_writers as writers
from sphinx_notebook.math.amsmath_labels import setup_amsmath_labels
from sphinx_notebook.math.html import setup_katex
from sphinx_notebook.math.macros import append_to_preamble, apply_macros
from sphinx_notebook.math.mathjax import ship_mathjax, use_vendored_mathjax
from sphinx_notebook.math.theorems import (
    KIND_LABELS,
    NODE_CLASSES,
    NumberTheorems,
    PlainNumberReferences,
    ProofDirective,
    TheoremDirective,
    default_numfig_formats,
    merge_numbers,
    notebook_proof,
    notebook_qed,
    notebook_theorem_title,
    purge_numbers,
    reference_title,
    restore_document_numbers,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def _user_names(app: Sphinx) -> frozenset[str]:
    return user_set_names(app)[0]


def configure_math(app: Sphinx, config: Config) -> None:
    """``config-inited``: pick the renderer and hand macros and amsthm to each output.

    Runs after Sphinx fills ``numfig_format`` (priority 800); every value the
    user set in conf.py or with ``-D`` is left alone, the LaTeX preamble only
    grows.
    """
    user_names = _user_names(app)
    if "html_math_renderer" not in user_names and "html_math_renderer" not in config.overrides:
        config.html_math_renderer = config.notebook_math_renderer
    use_vendored_mathjax(config, user_names)
    apply_macros(app, config)
    if "latex_elements" in config:
        config.latex_elements = append_to_preamble(config.latex_elements, writers.amsthm_preamble())
    default_numfig_formats(app, config)


def setup_theorems(app: Sphinx) -> None:
    """Register the theorem-style directives, their nodes and their numbering."""
    for kind, node_class in NODE_CLASSES.items():
        app.add_enumerable_node(node_class, kind, reference_title, **writers.BLOCK_VISITORS)  # type: ignore[arg-type]
        app.add_directive(kind, TheoremDirective)
    app.add_node(notebook_proof, **writers.BLOCK_VISITORS)  # type: ignore[arg-type]
    app.add_node(notebook_theorem_title, **writers.HEADING_VISITORS)  # type: ignore[arg-type]
    app.add_node(notebook_qed, **writers.QED_VISITORS)  # type: ignore[arg-type]
    app.add_directive("proof", ProofDirective)
    app.add_transform(NumberTheorems)
    app.add_post_transform(PlainNumberReferences)
    app.connect("env-purge-doc", purge_numbers)
    app.connect("env-merge-info", merge_numbers)
    app.connect("env-get-updated", restore_document_numbers, priority=900)


def setup_math(app: Sphinx) -> None:
    """Register the math part with Sphinx."""
    setup_katex(app)
    setup_theorems(app)
    setup_amsmath_labels(app)
    app.connect("config-inited", configure_math, priority=850)
    app.connect("build-finished", ship_mathjax)


__all__ = ["KIND_LABELS", "setup_math"]
