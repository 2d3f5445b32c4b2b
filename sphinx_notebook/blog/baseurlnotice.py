"""Tell the user, once and at info level, what the site's address would add.

With no ``blog_baseurl`` (a new site hosted outside Read the Docs, where the
address is found on its own), features that need absolute links stay off:
the Atom feed, canonical links and social cards. That is a choice, not a
mistake, so it is an info line (``-W`` builds pass), never a warning.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

NOTICE = (
    "sphinx_notebook: blog_baseurl is not set, so this site has no Atom feed, canonical links or "
    "social cards (they need absolute links); set blog_baseurl in conf.py to the address readers "
    "find the site at (`sphinx-notebook new DIR --url URL` writes it; on Read the Docs it is found "
    "on its own)"
)


def notice_missing_baseurl(app: Sphinx) -> None:
    """``builder-inited``: one info line when HTML is built without the site's address."""
    if app.builder.format != "html" or app.builder.name in ("epub", "singlehtml"):
        return
    if not app.config.blog_baseurl:
        logger.info(NOTICE)


def setup_baseurl_notice(app: Sphinx) -> None:
    """Register the notice (the Read the Docs default is applied before, on config-inited)."""
    app.connect("builder-inited", notice_missing_baseurl)
