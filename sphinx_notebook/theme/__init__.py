"""The ``sphinx_notebook`` HTML theme.

Registered both by the ``sphinx.html_themes`` entry point (so
``html_theme = "sphinx_notebook"`` works after ``pip install``) and by the
main extension's setup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_notebook.theme.context import setup_context
from sphinx_notebook.theme.mermaid import setup_mermaid
from sphinx_notebook.theme.transforms import setup_transforms

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

THEME_NAME = "sphinx_notebook"
THEME_PATH = Path(__file__).parent / THEME_NAME


def setup_theme(app: Sphinx) -> None:
    """Register the theme folder, its page context and the mermaid defaults."""
    app.add_html_theme(THEME_NAME, str(THEME_PATH))
    setup_context(app)
    setup_mermaid(app)
    setup_transforms(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Entry point for ``sphinx.html_themes``."""
    setup_theme(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
