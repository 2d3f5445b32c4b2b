"""The math part of sphinx_notebook (see setup_math)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_math(app: Sphinx) -> None:
    """Register the math part with Sphinx."""
