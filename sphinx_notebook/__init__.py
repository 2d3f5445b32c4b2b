"""sphinx_notebook: a notebook-style technical blog as a Sphinx site.

``extensions = ["sphinx_notebook"]`` loads the bundle (MyST, ablog, mermaid,
copy buttons, with good defaults) and every part. Each part is an extension
of its own, usable alone under any theme:

- ``sphinx_notebook.diagram``: hand-drawn diagrams from JSON, pasted SVG;
- ``sphinx_notebook.math``: KaTeX at build time, theorem-style blocks, macros;
- ``sphinx_notebook.blog``: ablog, fixed for MyST, notebooks and ``-j N``, with feeds;
- ``sphinx_notebook.theme``: the ``sphinx_notebook`` HTML theme.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

PARTS: tuple[str, ...] = (
    "sphinx_notebook.bundle",
    "sphinx_notebook.diagram",
    "sphinx_notebook.math",
    "sphinx_notebook.blog",
    "sphinx_notebook.theme",
)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set up the bundle and every part of sphinx_notebook."""
    # Imported here, not above: `sphinx-notebook --help` imports this package and needs none of them.
    from sphinx_notebook.collector_freeze import setup_collector_freeze
    from sphinx_notebook.reader_pickles import setup_reader_pickles
    from sphinx_notebook.template_cache import setup_template_cache
    from sphinx_notebook.worker_warmup import setup_worker_warmup

    for part in PARTS:
        app.setup_extension(part)
    setup_collector_freeze(app)
    setup_template_cache(app)
    setup_reader_pickles(app)
    setup_worker_warmup(app)
    return {
        "version": __version__,
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
