"""The ``sphinx_notebook`` HTML theme.

Registered by the main extension (and by ``extensions =
["sphinx_notebook.theme"]``), and otherwise by the ``sphinx.html_themes``
entry point, which Sphinx loads only when ``html_theme = "sphinx_notebook"``
names a theme no extension registered. That late path is the theme used
without its extension: Sphinx has already read the configuration, so the
bundle cannot be set up any more. The theme then loads the math part (so
math is rendered at build time, never fetched from a CDN) and says once
what to add to conf.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_notebook.diagram import HAND_FONT_FILES
from sphinx_notebook.static_assets import StaticFiles, ship_static
from sphinx_notebook.theme.context import check_theme_options, setup_context
from sphinx_notebook.theme.extension_styles import setup_extension_styles
from sphinx_notebook.theme.migrate import setup_migrate
from sphinx_notebook.theme.transforms import setup_transforms
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = get_logger(__name__)

THEME_NAME = "sphinx_notebook"
THEME_PATH = Path(__file__).parent / THEME_NAME
PARTS = ("sphinx_notebook.diagram", "sphinx_notebook.math", "sphinx_notebook.blog")


def _theme_files(app: Sphinx) -> list[StaticFiles]:
    """The hand-written font the theme's headings use, when this theme is the one in use.

    The diagram part ships the same font; it is copied once.
    """
    theme = getattr(app.builder, "theme", None)
    if getattr(theme, "name", None) != THEME_NAME or "sphinx_notebook.diagram" in app.extensions:
        return []
    return [HAND_FONT_FILES]


def setup_theme(app: Sphinx) -> None:
    """Register the theme folder, its page context and its HTML-only transforms."""
    app.add_html_theme(THEME_NAME, str(THEME_PATH))
    app.setup_extension("sphinx_notebook.translations")  # its words in the site's language
    setup_context(app)
    setup_transforms(app)
    setup_migrate(app)
    setup_extension_styles(app, THEME_NAME)
    ship_static(app, _theme_files)


def setup_without_extension(app: Sphinx) -> None:
    """The theme named in ``html_theme`` but no sphinx_notebook extension listed."""
    if not any(part in app.extensions for part in PARTS):
        warn(
            logger,
            WarningSubtype.config,
            "html_theme = %r is used without its extension: add extensions = [%r] to conf.py "
            "for build-time math, diagrams and the blog pages (math is rendered by the theme "
            "meanwhile)",
            THEME_NAME,
            "sphinx_notebook",
        )
    if "sphinx_notebook.math" not in app.extensions:
        from sphinx_notebook.math import setup_after_config

        setup_after_config(app)
    check_theme_options(app, app.config)


def setup(app: Sphinx) -> ExtensionMetadata:
    """``extensions = ["sphinx_notebook.theme"]``, or the ``sphinx.html_themes`` entry point."""
    loaded_late = getattr(app, "builder", None) is not None
    setup_theme(app)
    if loaded_late:
        setup_without_extension(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
