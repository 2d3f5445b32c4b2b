"""Titles of ablog's archive pages and feeds, as whole sentences in the site's language.

ablog titles a tag page by gluing a header to the label (``"Posts tagged" +
" " + "python"``), which only reads right in languages that put the label
last, and its catalogs cover a few languages. Here each kind of page has one
message with a placeholder (``"Posts tagged %s"``, in Japanese ``"「%s」タグの記事"``),
and years are written as the language writes a year alone ("2024年").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_notebook.blog.localdates import local_year
from sphinx_notebook.translations import N_, _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_notebook.blog.ablog_adapter import Collection

COLLECTION_TITLES = {
    "author": N_("Posts by %s"),
    "location": N_("Posts from %s"),
    "language": N_("Posts written in %s"),
    "category": N_("Posts in %s"),
    "archive": N_("Posted in %s"),
    "tags": N_("Posts tagged %s"),
}
"""ablog catalog name -> title of the page (and feed) of one of its collections."""

CATALOG_TITLES = {
    "author": N_("Authors"),
    "location": N_("Locations"),
    "language": N_("Languages"),
    "category": N_("Categories"),
    "archive": N_("Archive"),
    "tags": N_("Tags"),
}
"""ablog catalog name -> title of the page listing all its collections."""


def catalog_name(collection: Any) -> str | None:
    """The name of the ablog catalog (``tags``, ``archive``, ...) a collection belongs to.

    Read with ``getattr``: an ablog without these attributes gives None, and the
    page keeps ablog's own title.
    """
    catalog = getattr(collection, "catalog", None)
    return getattr(catalog, "name", None)


def collection_label(collection: Collection, language: str | None) -> str:
    """A collection's name as shown: a year in the archive is written the language's way."""
    if catalog_name(collection) == "archive":
        return local_year(str(collection), language)
    return str(collection)


def collection_title(collection: Collection, language: str | None) -> str | None:
    """``Posts tagged python`` in the site's language, or None for a collection we do not know."""
    message = COLLECTION_TITLES.get(catalog_name(collection) or "")
    if message is None:
        return None
    return _(message) % collection_label(collection, language)


def retitle_archive_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: translated titles for ablog's pages (which it builds in English)."""
    if not templatename.startswith("ablog/"):
        return
    blog = context.get("ablog")
    language = app.config.language
    collection = context.get("collection")
    catalog = context.get("catalog")
    title: str | None = None
    if blog is not None and collection is not None and collection is blog.posts:
        title = _("All posts")
    elif blog is not None and collection is not None and collection is blog.drafts:
        title = _("Drafts")
    elif collection is not None:
        title = collection_title(collection, language)
    elif catalog is not None and getattr(catalog, "name", None) in CATALOG_TITLES:
        title = _(CATALOG_TITLES[catalog.name])
    if title:
        context["title"] = title
    context["nb_collection_label"] = lambda item: collection_label(item, language)


def setup_archive_titles(app: Sphinx) -> None:
    """Register the page titles (after ablog puts itself in the context, at the default 500)."""
    app.connect("html-page-context", retitle_archive_pages, priority=550)
