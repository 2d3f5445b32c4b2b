"""The blog part of sphinx_notebook (see setup_blog)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_blog(app: Sphinx) -> None:
    """Register the blog part with Sphinx."""
