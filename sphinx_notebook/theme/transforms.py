"""HTML-only layout fixes done on the doctree, not in a translator subclass.

Tables are wrapped in ``<div class="nb-table-wrap">`` so a wide table scrolls
inside its own box (a phone never scrolls the whole page sideways) and a
narrow one can be centred under the prose column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

WRAP_CLASS = "nb-table-wrap"


class WrapTables(SphinxPostTransform):
    """Put each table in a scrollable container (HTML builders only)."""

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            parent = table.parent
            if isinstance(parent, nodes.container) and WRAP_CLASS in parent["classes"]:
                continue
            wrapper = nodes.container(classes=[WRAP_CLASS])
            parent.replace(table, wrapper)
            wrapper += table


def setup_transforms(app: Sphinx) -> None:
    """Register the HTML post-transforms."""
    app.add_post_transform(WrapTables)
