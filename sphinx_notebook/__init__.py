"""sphinx_notebook: a notebook-style technical blog as a Sphinx site.

``extensions = ["sphinx_notebook"]`` loads the whole bundle; each part has
its own ``setup_*`` function and keeps its per-document state in the
environment, so builds stay parallel-safe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.blog import setup_blog
from sphinx_notebook.bundle import setup_bundle
from sphinx_notebook.config import setup_config
from sphinx_notebook.diagram import setup_diagram
from sphinx_notebook.math import setup_math
from sphinx_notebook.migrate import setup_migrate
from sphinx_notebook.parallel_build import setup_parallel_build
from sphinx_notebook.theme import setup_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set up every part of sphinx_notebook."""
    setup_config(app)
    setup_bundle(app)
    setup_theme(app)
    setup_diagram(app)
    setup_math(app)
    setup_blog(app)
    setup_migrate(app)
    setup_parallel_build(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
