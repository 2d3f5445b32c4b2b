"""Every use of ablog's internals, in one place (tested with the ablog versions pinned in pyproject).

ablog's public surface is its configuration and templates; the blog part
also needs its post registry (``Blog``, a class sharing one ``__dict__``
between instances), its nodes and its template loader position. Each touch
is a small function here, so a new ablog release is checked against one
module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ablog
import ablog.post
from ablog.blog import Blog, Collection, Post, revise_pending_xrefs
from ablog.post import PostList, PostNode, UpdateNode, register_posts
from docutils import nodes
from sphinx.jinja2glue import BuiltinTemplateLoader, SphinxFileSystemLoader

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "Blog",
    "Collection",
    "Post",
    "PostList",
    "PostNode",
    "UpdateNode",
    "ablog_templates_dir",
    "append_template_dirs",
    "declare_parallel_read_safe",
    "forget_blog",
    "register_posts",
    "revise_pending_xrefs",
    "skip_post_doctree_copies",
]


def forget_blog() -> None:
    """Empty ablog's process-wide ``Blog`` so the next ``Blog(app)`` starts afresh.

    ablog 0.11 shares one ``__dict__`` between every ``Blog`` instance.
    """
    Blog._dict.clear()


def ablog_templates_dir() -> Path:
    """ablog's template folder (``ablog/catalog.html``, sidebars...)."""
    return Path(ablog.get_html_templates_path())


def append_template_dirs(app: Sphinx, folders: list[Path]) -> bool:
    """Search ``folders`` after the theme's templates; False when Sphinx's loader is not in use.

    ablog itself puts its folder *before* the theme's unless the theme asks
    otherwise, so its ``page.html`` (which extends ``layout.html``) replaced
    furo's and pydata-sphinx-theme's own page template.
    """
    templates: Any = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return False
    known = {tuple(getattr(loader, "searchpath", ())) for loader in templates.loaders}
    for folder in folders:
        if (str(folder),) not in known:
            templates.loaders.append(SphinxFileSystemLoader(str(folder)))
    return True


def declare_parallel_read_safe(app: Sphinx) -> None:
    """ablog says it is unsafe for parallel reading; with our registry merge it is safe."""
    if "ablog" in app.extensions:
        app.extensions["ablog"].parallel_read_safe = True


class PostsWithoutDoctreeCopy:
    """ablog's ``process_posts`` (``doctree-read``) without its copy of each post's whole doctree.

    For a page that is one post, ablog 0.11 stores ``doctree[0].deepcopy()``
    (the page's section, every node of the post) in the post's details; the
    blog registry drops it at once (parallel.record_document) and feeds load
    the pickled doctree instead. While ablog's handler runs, that one node's
    ``deepcopy`` gives an empty section. ablog copies nothing else from
    ``doctree[0]``: excerpts are paragraphs, images or the post directive's
    children, and a page of several posts copies their own sections.
    """

    def __init__(self, handler: Any) -> None:
        self.handler = handler
        self.copies_skipped = 0

    def __call__(self, app: Sphinx, doctree: nodes.document) -> None:
        first = doctree.children[0] if doctree.children else None
        if not isinstance(first, nodes.section) or "deepcopy" in vars(first):
            self.handler(app, doctree)
            return
        first.deepcopy = self._empty_copy  # type: ignore[method-assign]
        try:
            self.handler(app, doctree)
        finally:
            del first.deepcopy

    def _empty_copy(self) -> nodes.section:
        self.copies_skipped += 1
        return nodes.section()


def skip_post_doctree_copies(app: Sphinx) -> PostsWithoutDoctreeCopy | None:
    """Listen to ``doctree-read`` with :class:`PostsWithoutDoctreeCopy` in ablog's place.

    Only for a blog registry that keeps no doctrees. Returns None (and
    changes nothing) when ablog no longer has the handler this wraps.
    """
    handler = getattr(ablog.post, "process_posts", None)
    if handler is None:
        return None
    listeners = app.events.listeners.get("doctree-read", [])
    for index, listener in enumerate(listeners):
        if listener.handler is handler:
            wrapper = PostsWithoutDoctreeCopy(handler)
            listeners[index] = listener._replace(handler=wrapper)
            return wrapper
    return None
