"""Quietly set aside settings a site wrote for its previous theme.

A blog moving over from ablog + alabaster (or another theme) keeps its
conf.py: only ``extensions`` and ``html_theme`` change. Two settings from the
old theme mean nothing here: ``html_sidebars`` (this theme has one reading
column and no sidebars) and ``html_theme_options`` keys the theme does not
declare, for which Sphinx would print one "unsupported theme option" warning
each, failing a ``-W`` build. We drop both before the builder reads them and
say so in one info line, so moving a site is a two-line change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

THEME_NAME = "sphinx_notebook"


def unknown_options(given: Mapping[str, Any], known: Iterable[str]) -> list[str]:
    """The keys of ``given`` the theme does not declare, in the user's order."""
    declared = set(known)
    return [key for key in given if key not in declared]


def ignored_message(sidebars: bool, options: list[str]) -> str:
    """The one info line naming what was set aside, and why."""
    parts = []
    if sidebars:
        parts.append("html_sidebars")
    if options:
        parts.append("html_theme_options " + ", ".join(repr(name) for name in options))
    return (
        f"sphinx_notebook: ignoring {' and '.join(parts)}, written for another theme "
        "(this theme has no sidebars; see the 'Moving from ablog' guide)"
    )


def _set_aside_old_theme_settings(app: Sphinx) -> None:
    builder = app.builder
    theme = getattr(builder, "theme", None)
    # Only the HTML builders that really use this theme (epub has its own).
    if theme is None or theme.name != THEME_NAME:
        return
    given = getattr(builder, "theme_options", None) or {}
    dropped = unknown_options(given, theme.get_options())
    sidebars = bool(app.config.html_sidebars)
    if dropped:
        # A new dict: conf.py's own value stays as written.
        kept = {key: value for key, value in given.items() if key not in dropped}
        builder.theme_options = kept  # type: ignore[attr-defined]
    if sidebars:
        app.config.html_sidebars = {}
    if dropped or sidebars:
        logger.info(ignored_message(sidebars, dropped))


def setup_migrate(app: Sphinx) -> None:
    """Set old-theme settings aside once the builder has loaded its theme."""
    app.connect("builder-inited", _set_aside_old_theme_settings)
