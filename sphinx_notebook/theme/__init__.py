"""The ``sphinx_notebook`` HTML theme.

Registered both by the ``sphinx.html_themes`` entry point (so
``html_theme = "sphinx_notebook"`` works after ``pip install``) and by the
main extension's setup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

THEME_NAME = "sphinx_notebook"
THEME_PATH = Path(__file__).parent / THEME_NAME


def setup_theme(app: Sphinx) -> None:
    """Register the theme folder under its name."""
    app.add_html_theme(THEME_NAME, str(THEME_PATH))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Entry point for ``sphinx.html_themes``."""
    setup_theme(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
