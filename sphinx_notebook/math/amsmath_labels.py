"""Stable anchors for numbered amsmath environments.

myst-parser numbers a ``\\begin{align}`` (or any starless amsmath
environment) by giving it a random label, a fresh ``uuid4`` on every build.
The label becomes the equation's anchor (``#equation-<uuid>``) on the page
and in the feed, so two builds of the same source differed, and a link to an
equation broke at the next build. ``StableAmsmathLabels`` renames each such
label after parsing to one made from the document name and the environment's
position in it (``posts/notes`` -> ``#equation-posts-notes-amsmath-1``),
everywhere the random one was recorded: the math domain, the node, its
target and the document's id table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

RANDOM_LABEL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def stable_label(docname: str, position: int) -> str:
    """The label for the ``position``-th (from 1) numbered amsmath block of ``docname``."""
    return f"{docname}-amsmath-{position}"


def anchor_id(label: str) -> str:
    """The HTML id Sphinx and myst-parser derive from an equation label."""
    return nodes.make_id(f"equation-{label}")


class StableAmsmathLabels(SphinxTransform):
    """Replace myst-parser's random amsmath labels with ones that do not change."""

    # Before docutils moves the target's id onto the equation (PropagateTargets, 260).
    default_priority = 250

    def apply(self, **kwargs: Any) -> None:
        blocks = [
            node
            for node in self.document.findall(nodes.math_block)
            if "amsmath" in node["classes"] and RANDOM_LABEL.fullmatch(str(node.get("label") or ""))
        ]
        if not blocks:
            return
        equations: dict[str, Any] = self.env.get_domain("math").data.setdefault("objects", {})
        for position, block in enumerate(blocks, start=1):
            old, new = block["label"], stable_label(self.env.docname, position)
            if new in equations and equations[new][0] != self.env.docname:
                continue  # a hand-written label already has this name elsewhere: keep the random one
            if old in equations:
                equations[new] = equations.pop(old)
            block["label"] = new
            self.rename_id(anchor_id(old), anchor_id(new))

    def rename_id(self, old: str, new: str) -> None:
        """Move the id ``old`` to ``new`` on whichever node carries it."""
        owner = self.document.ids.pop(old, None)
        if owner is None:
            return
        owner["ids"] = [new if existing == old else existing for existing in owner["ids"]]
        self.document.ids[new] = owner


def setup_amsmath_labels(app: Sphinx) -> None:
    app.add_transform(StableAmsmathLabels)
