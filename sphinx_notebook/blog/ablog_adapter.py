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
from ablog.blog import Blog, Collection, Post, revise_pending_xrefs
from ablog.post import PostList, PostNode, UpdateNode, register_posts
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
