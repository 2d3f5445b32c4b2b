"""The ``nb-blog`` domain: the blog part's state in the build environment.

Per-document data (the posts each document holds, the documents that list
posts) is cleared and merged by Sphinx like any domain's, so ``-j N`` reads
combine it without extra event handlers. Build-level data (this build's
drafts, what each post page showed last time, posts numbered outside the
toctree) lives here too, so nothing of ours is an ad hoc environment
attribute.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.environment import BuildEnvironment

POSTS = "posts"
LISTINGS = "listing_docs"
READER = "reading_pid"
PAGE_STATE = "page_state"
DRAFTS = "drafts"
NUMBERED = "numbered"


class BlogDomain(Domain):
    """Keeps the post registry (docname -> post details) and the pages that list posts."""

    name = "nb-blog"
    label = "sphinx_notebook blog"
    initial_data: ClassVar[dict[str, Any]] = {
        POSTS: {},
        LISTINGS: {},
        READER: None,
        PAGE_STATE: {},
        DRAFTS: None,
        NUMBERED: {},
    }
    data_version = 1

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        """No cross-reference targets of its own (myst-parser asks every domain)."""
        return []

    def clear_doc(self, docname: str) -> None:
        self.data[POSTS].pop(docname, None)
        self.data[LISTINGS].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take what a ``-j N`` reader found in the documents it read."""
        for key in (POSTS, LISTINGS):
            theirs = otherdata.get(key, {})
            for docname in docnames:
                if docname in theirs:
                    self.data[key][docname] = theirs[docname]

    def start_reading(self) -> None:
        """``env-before-read-docs``: remember which process merges the readers' findings."""
        self.data[READER] = os.getpid()

    def start_worker(self) -> None:
        """In a forked ``-j N`` reader, start from an empty registry.

        The reader sends its whole environment back, and the main process
        only takes the documents the reader read: the posts it inherited
        would be pickled and unpickled again for nothing, by every reader.
        """
        reader = self.data.get(READER)
        if reader is not None and reader != os.getpid():
            self.data[POSTS] = {}
            self.data[LISTINGS] = {}
            self.data[READER] = os.getpid()


def blog_data(env: BuildEnvironment) -> dict[str, Any]:
    """The ``nb-blog`` domain's data for this environment."""
    domain = env.get_domain(BlogDomain.name)
    return domain.data
