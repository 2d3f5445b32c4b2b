"""The blog part's stylesheet: post lists, post meta and drafts, styled under any theme.

The rules read the theme's colours where the sphinx_notebook theme defines
them and otherwise derive theirs from the text colour (``currentColor``), so
post lists follow furo's or pydata-sphinx-theme's own dark mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.static_assets import StaticFiles, part_static_dir, ship_static

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BLOG_CSS = "css/nb-blog.css"
BLOG_FILES = StaticFiles(part_static_dir("blog"), (BLOG_CSS,))


def setup_blog_assets(app: Sphinx) -> None:
    """Add the stylesheet to every HTML page and ship it."""
    app.add_css_file(BLOG_CSS)
    ship_static(app, lambda app: [BLOG_FILES])
