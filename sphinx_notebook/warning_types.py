"""Warning subtypes users can silence with ``suppress_warnings``.

Every warning sphinx_notebook emits has the type ``notebook`` and one of the
subtypes below, so ``suppress_warnings = ["notebook.diagram"]`` silences just
the diagram warnings while ``-W`` keeps failing on everything else.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

WARNING_TYPE = "notebook"


class WarningSubtype(StrEnum):
    """The subtypes of the ``notebook`` warning type, one per concern."""

    config = "config"
    """A ``notebook_*`` (or bundled default) configuration value is invalid."""
    diagram = "diagram"
    """A ``diagram`` directive has bad JSON, a schema error or an unreadable file."""
    excalidraw = "excalidraw"
    """An embedded SVG (an Excalidraw, draw.io, tldraw or Inkscape export, pasted or in a file) could
    not be read, was too large, or had unsafe content removed."""
    math = "math"
    """A formula KaTeX cannot parse, or a bad macro definition."""
    theorem = "theorem"
    """A theorem-style block or a reference to one is malformed."""
    blog = "blog"
    """Blog front matter, drafts or feeds have a problem."""


def get_logger(name: str) -> logging.SphinxLoggerAdapter:
    """Return Sphinx's logger adapter for a sphinx_notebook module."""
    return logging.getLogger(name)


def warn(
    logger: logging.SphinxLoggerAdapter,
    subtype: WarningSubtype,
    message: str,
    *args: Any,
    location: Any = None,
) -> None:
    """Emit a typed warning (``notebook.<subtype>``) at ``location``."""
    logger.warning(message, *args, type=WARNING_TYPE, subtype=str(subtype), location=location)
