"""The blog part of sphinx_notebook (see setup_blog).

ablog supplies posts, archives and tags; this part fixes its MyST front
matter handling (frontmatter), makes it safe for parallel reading (parallel),
keeps drafts out of sight (drafts), renders listings and post meta for the
theme (listings), numbers figures and equations in posts no
toctree reaches (numbering), writes valid Atom feeds (feeds) and picks up Read the
Docs' canonical URL (readthedocs). ``extensions = ["sphinx_notebook.blog"]``
loads this part alone (with ablog), under any theme: it ships its own
stylesheet for post lists and post meta, and templates for ablog's pages
that extend the theme's own ``page.html``.
Sharing (sharing) adds description, OpenGraph, JSON-LD, canonical link,
social cards (drawn beside the writing by card_drawing) and the sitemap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_notebook.blog.archivetitles import setup_archive_titles
from sphinx_notebook.blog.baseurlnotice import setup_baseurl_notice
from sphinx_notebook.blog.blog_assets import setup_blog_assets
from sphinx_notebook.blog.blog_templates import setup_blog_templates
from sphinx_notebook.blog.card_drawing import setup_card_drawing
from sphinx_notebook.blog.drafts import setup_drafts
from sphinx_notebook.blog.feeds import setup_feeds
from sphinx_notebook.blog.frontmatter import setup_frontmatter
from sphinx_notebook.blog.listings import setup_listings
from sphinx_notebook.blog.numbering import setup_numbering
from sphinx_notebook.blog.parallel import setup_parallel
from sphinx_notebook.blog.readthedocs import setup_readthedocs
from sphinx_notebook.blog.sharing import setup_sharing
from sphinx_notebook.blog.site_memo import setup_site_memo
from sphinx_notebook.config import setup_settings

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup_blog(app: Sphinx) -> None:
    """Register the blog part with Sphinx, loading ablog first."""
    app.setup_extension("ablog")
    app.setup_extension("sphinx_notebook.translations")  # its words in the site's language
    setup_settings(app, "blog")
    setup_blog_assets(app)
    memo = setup_site_memo(app)  # listing bodies and feed entries kept while nothing changes
    setup_blog_templates(app, memo)
    setup_readthedocs(app)
    setup_archive_titles(app)
    setup_baseurl_notice(app)
    setup_frontmatter(app)
    setup_drafts(app)
    setup_listings(app)
    setup_feeds(app, memo)
    setup_parallel(app)
    setup_numbering(app)
    setup_sharing(app)
    setup_card_drawing(app)


def setup(app: Sphinx) -> ExtensionMetadata:
    """``extensions = ["sphinx_notebook.blog"]``: ablog, fixed and styled, under any theme."""
    setup_blog(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
