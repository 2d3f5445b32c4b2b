"""Other extensions' elements drawn in the sphinx_notebook theme's look.

sphinx-design, sphinx-proof, sphinx-togglebutton, sphinx-tabs, myst-nb and
nbsphinx ship stylesheets made for a white page; under this theme their
cards, tabs, proofs and notebook cells would ignore its paper, palette and
dark mode. ``css/nb-extensions.css`` restyles them, and is linked only when
one of them is loaded, so other sites carry no extra request. It comes after
the extensions' own stylesheets (priority 500) and before the user's
``html_css_files`` (800), so a user's own rules still win.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STYLED_EXTENSIONS: tuple[str, ...] = (
    "sphinx_design",
    "sphinx_proof",
    "sphinx_togglebutton",
    "sphinx_tabs.tabs",
    "myst_nb",
    "nbsphinx",
)
EXTENSIONS_CSS = "css/nb-extensions.css"
EXTENSIONS_CSS_PRIORITY = 700


def styled_extensions(app: Sphinx) -> list[str]:
    """The extensions this site loads whose elements the theme restyles."""
    return [name for name in STYLED_EXTENSIONS if name in app.extensions]


def add_extension_styles(app: Sphinx, theme_name: str) -> None:
    """``builder-inited``: link the stylesheet when this theme is in use beside one of them."""
    if app.builder.format != "html":
        return
    if getattr(getattr(app.builder, "theme", None), "name", None) != theme_name:
        return
    if styled_extensions(app):
        app.add_css_file(EXTENSIONS_CSS, priority=EXTENSIONS_CSS_PRIORITY)


def setup_extension_styles(app: Sphinx, theme_name: str) -> None:
    """Wire the stylesheet for the theme called ``theme_name``."""
    app.connect("builder-inited", lambda app: add_extension_styles(app, theme_name))
