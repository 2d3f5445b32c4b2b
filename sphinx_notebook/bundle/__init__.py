"""The bundle: the extensions a notebook site needs, with good defaults.

``extensions = ["sphinx_notebook"]`` loads this first. It loads MyST (through
myst-nb when the site uses notebooks, else myst-parser: never both), ablog,
sphinxcontrib-mermaid and sphinx-copybutton, then fills in defaults on
``config-inited`` for the values the user left unset (see
:mod:`sphinx_notebook.user_config`). ablog's own settings keep ablog's
defaults: an existing blog's feeds, paths and titles do not change when it
adds sphinx_notebook; ``sphinx-notebook new`` writes what a new site wants
into its conf.py instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sphinx_notebook.bundle.asset_tags import setup_asset_tags
from sphinx_notebook.bundle.mermaid_local import setup_mermaid_local
from sphinx_notebook.bundle.mermaid_pages import setup_mermaid_pages
from sphinx_notebook.bundle.notebooks import setup_notebooks
from sphinx_notebook.bundle.search_stems import setup_search_stems
from sphinx_notebook.bundle.stable_config import setup_stable_config
from sphinx_notebook.user_config import DefaultValue, apply_defaults

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

MYST_NB = "myst_nb"
MYST_PARSER = "myst_parser"
OTHER_EXTENSIONS: tuple[str, ...] = ("ablog", "sphinxcontrib.mermaid", "sphinx_copybutton")

MYST_EXTENSIONS: tuple[str, ...] = (
    "dollarmath",
    "amsmath",
    "colon_fence",
    "deflist",
    "fieldlist",
    "attrs_inline",
)

# Prompts a reader should not copy: shell ($ and #), Python (>>> and ...),
# IPython (In [1]:) and continuation markers.
COPYBUTTON_PROMPTS = r"\$ |# |>>> |\.\.\. |In \[\d*\]: | {2,5}\.\.\.: | {5,8}: "

DEFAULTS: Mapping[str, DefaultValue] = {
    "myst_enable_extensions": list(MYST_EXTENSIONS),
    "myst_heading_anchors": 3,
    "numfig": True,
    "copybutton_prompt_text": COPYBUTTON_PROMPTS,
    "copybutton_prompt_is_regexp": True,
    "copybutton_exclude": ".linenos, .gp, .go",
    # EPUB 3 wants a version ("conf value 'version' should not be empty");
    # a notebook has none, so the release if given, else 1.0. HTML titles use
    # ``release`` and stay as they were.
    "version": lambda config: config.release or "1.0",
}


def myst_extension(app: Sphinx) -> str:
    """The MyST extension this site uses: myst-nb when conf.py lists it, wherever."""
    listed = list(app.config.extensions)
    if MYST_NB in listed or MYST_NB in app.extensions:
        return MYST_NB
    return MYST_PARSER


def bundled_extensions(app: Sphinx) -> tuple[str, ...]:
    """Every extension the bundle loads for this site, MyST first."""
    return (myst_extension(app), *OTHER_EXTENSIONS)


def _apply_bundle_defaults(app: Sphinx, config: Config) -> None:
    apply_defaults(config, DEFAULTS)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Load the bundled extensions; defaults go in before they read their config."""
    for name in bundled_extensions(app):
        app.setup_extension(name)
    setup_mermaid_local(app)
    setup_mermaid_pages(app)
    setup_notebooks(app)
    setup_search_stems(app)
    setup_asset_tags(app)
    setup_stable_config(app)

    # Runs before the bundled extensions' own config-inited handlers (priority
    # 500), so they read the defaults.
    app.connect("config-inited", _apply_bundle_defaults, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
