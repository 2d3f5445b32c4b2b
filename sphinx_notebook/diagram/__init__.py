"""The diagram part of sphinx_notebook (see setup_diagram)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_diagram(app: Sphinx) -> None:
    """Register the diagram part with Sphinx."""
