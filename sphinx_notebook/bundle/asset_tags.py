"""Write each page's ``<script>`` and ``<link>`` tags from a per-build memo.

Sphinx's ``js_tag`` and ``css_tag`` (page context functions) add a checksum
to every local file, and to find it they resolve the file's full path on
disk, one ``lstat`` per folder, for every file on every page. A site with the
notebook's parts links about 16 files a page, so at 1,000 posts that is
16,000 path resolutions (about 0.4 s, in the single writer of a ``-j 2``
build). Sphinx already keeps each file's checksum for the whole build, so a
tag depends only on the file, its attributes and where the page sits; this
memo keeps the finished tag under exactly that and calls Sphinx's function
for anything it has not seen. The pages are byte for byte the same.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TAG_FUNCTIONS = ("js_tag", "css_tag")


def asset_key(asset: Any) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What a tag shows of ``asset``: its kind, file name and attributes (old-style scripts are strings)."""
    attributes = getattr(asset, "attributes", None)
    if attributes is None:
        return (type(asset).__name__, str(asset), ())
    shown = tuple(sorted((str(key), str(value)) for key, value in attributes.items()))
    return (type(asset).__name__, str(getattr(asset, "filename", "")), shown)


class AssetTagMemo:
    """One application's finished tags, by function, asset and the page's place in the site."""

    def __init__(self) -> None:
        self._tags: dict[tuple[Any, ...], str] = {}
        self.made = 0

    def wrap(self, name: str, make: Callable[[Any], str], place: str) -> Callable[[Any], str]:
        def tag(asset: Any) -> str:
            key = (name, place, asset_key(asset))
            found = self._tags.get(key)
            if found is None:
                found = self._tags[key] = make(asset)
                self.made += 1
            return found

        return tag

    def page_context(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
    ) -> None:
        """``html-page-context``: replace the page's tag functions with memoised ones."""
        # Where a relative link from this page starts: pages in the same folder share their tags.
        place = f"{app.builder.name}:{posixpath.dirname(app.builder.get_target_uri(pagename))}"
        for name in TAG_FUNCTIONS:
            make = context.get(name)
            if callable(make):
                context[name] = self.wrap(name, make, place)


def setup_asset_tags(app: Sphinx) -> None:
    """Memoise the script and stylesheet tags of every HTML page."""
    memo = AssetTagMemo()
    app.connect("html-page-context", memo.page_context, priority=1)
