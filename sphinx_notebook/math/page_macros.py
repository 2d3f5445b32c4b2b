"""Definitions made in one formula hold for the rest of its page.

``PageDefinitions`` runs after a document is parsed: it reads the page's
formulas in document order (:func:`.tex_definitions.scan_page`) and stores on
each math node the TeX left once definitions are cut out and the KaTeX
macros in effect for it. Everything later (rendering in place, the prefetch
helper, feeds, epub) reads those attributes, so every path renders a formula
the same way, in any process and in any order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_notebook.math.macros import katex_macros
from sphinx_notebook.math.tex_definitions import scan_page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEX = "nb_tex"
"""The formula's TeX with its definitions cut out (only set when it had some)."""
MACROS = "nb_macros"
"""Macros defined earlier on the page (and in this formula), KaTeX's way."""
PROBLEMS = "nb_definition_problems"
"""Definitions that could not be read; named in the formula's warning."""
DEFINITIONS_TEX = "nb_definitions_tex"
"""The page's definitions so far, as written: MathJax reads them if KaTeX fails."""
DEFINITIONS_ONLY = "nb_definitions_only"
"""The formula only defines: it shows nothing."""


MATH_NODES = (nodes.math, nodes.math_block)


def is_math(node: nodes.Node) -> bool:
    return isinstance(node, MATH_NODES)


def find_math(root: nodes.Node) -> list[nodes.Element]:
    """The math nodes under ``root`` (itself included), in document order.

    Same as ``root.findall(is_math)``, in a loop rather than docutils'
    generator per node and a test function per node: several transforms
    look for every page's formulas.
    """
    found: list[nodes.Element] = []
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, MATH_NODES):
            found.append(node)
        elif node.children:  # formulas hold no formulas
            pending.extend(reversed(node.children))
    return found


def source_tex(node: nodes.Element) -> str:
    """The TeX a renderer draws for ``node``: its own, minus page definitions."""
    return str(node.get(TEX, node.astext()))


def node_definitions(node: nodes.Element) -> str:
    """The page's definitions before (and in) ``node``, as written."""
    return str(node.get(DEFINITIONS_TEX, ""))


def node_macros(config: Config, node: nodes.Element) -> dict[str, str]:
    """``notebook_math_macros`` with the page's definitions so far on top."""
    page: dict[str, str] = node.get(MACROS) or {}
    site = katex_macros(config.notebook_math_macros)
    return {**site, **page} if page else site


class PageDefinitions(SphinxTransform):
    """Give each math node the TeX and macros it renders with."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        found = find_math(self.document)
        if not any("\\" in node.astext() for node in found):
            return
        site = katex_macros(self.config.notebook_math_macros)
        for node, scanned in zip(found, scan_page((node.astext() for node in found), site), strict=True):
            assert isinstance(node, nodes.Element)
            if scanned.defines:
                node[TEX] = scanned.tex
            if scanned.macros:
                node[MACROS] = scanned.macros
            if scanned.definitions_tex:
                node[DEFINITIONS_TEX] = scanned.definitions_tex
            if scanned.problems:
                node[PROBLEMS] = scanned.problems
            if scanned.definitions_only:
                node[DEFINITIONS_ONLY] = True


def setup_page_definitions(app: Sphinx) -> None:
    app.add_transform(PageDefinitions)
