"""The blog part of sphinx_notebook (see setup_blog).

ablog supplies posts, archives and tags; this part fixes its MyST front
matter handling (frontmatter), makes it safe for parallel reading (parallel),
keeps drafts out of sight (drafts), renders listings and post meta for the
theme (listings), numbers figures and equations in posts no
toctree reaches (numbering), writes valid Atom feeds (feeds) and picks up Read the
Docs' canonical URL (readthedocs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.blog.drafts import setup_drafts
from sphinx_notebook.blog.feeds import setup_feeds
from sphinx_notebook.blog.frontmatter import setup_frontmatter
from sphinx_notebook.blog.listings import setup_listings
from sphinx_notebook.blog.numbering import setup_numbering
from sphinx_notebook.blog.parallel import setup_parallel
from sphinx_notebook.blog.readthedocs import setup_readthedocs

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_blog(app: Sphinx) -> None:
    """Register the blog part with Sphinx (ablog is already loaded by the bundle)."""
    setup_readthedocs(app)
    setup_frontmatter(app)
    setup_drafts(app)
    setup_listings(app)
    setup_feeds(app)
    setup_parallel(app)
    setup_numbering(app)
