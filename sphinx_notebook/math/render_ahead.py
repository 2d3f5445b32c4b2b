"""Render a page's formulas in the ``-j N`` reader that read it.

A serial build hands each read document's formulas to the helper process
(``prefetch``). Under ``sphinx-build -j N`` there is no helper: the formulas
used to be rendered where the page is written, one engine call per formula,
and at ``-j 2`` Sphinx writes with a single worker process, so all of KaTeX
ran there while the readers had finished. Rendering them in the reader
instead, one batch per document, spreads KaTeX over the N readers. The
results reach the writer through the render cache beside the doctrees (the
writer's lookup is a file read), so this is only done when that cache is in
use; the text is the one the writer would render (same key), so pages are
byte-identical.
"""

from __future__ import annotations

from sphinx_notebook import render_cache
from sphinx_notebook.math.katex import Key, Rendered, cached, remember, render_many


def render_ahead(keys: list[Key]) -> int:
    """Render (or find on disk) the formulas this process has not seen; how many were new."""
    if render_cache.active() is None:
        return 0  # nowhere to leave them for the writer: it renders them itself
    fresh = [key for key in dict.fromkeys(keys) if cached(key) is None]
    if not fresh:
        return 0
    for key, result in zip(fresh, render_many(fresh), strict=True):
        remember(key, Rendered(*result))
    return len(fresh)
