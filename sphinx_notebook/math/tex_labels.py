"""``\\label``, ``\\eqref`` and ``\\ref`` written inside TeX, as MathJax resolves them.

MathJax-era posts label equations inside the formula (``$$ … \\label{eq:loss} $$``)
and refer to them from other formulas (``\\eqref{eq:loss}``). KaTeX has no
labels, so:

- ``TexLabels`` (after parsing) turns the first ``\\label`` of a display block
  without a label into the block's label, exactly as ``:label:`` would:
  numbered like the ``{eq}`` equations, registered in Sphinx's math domain, so
  ``{eq}`` works too. Further labels in the block (the rows of an ``align``)
  name the same block and its number.
- ``ResolveTexReferences`` (when writing HTML) replaces ``\\eqref{x}`` by a link
  to the equation showing "(n)", and ``\\ref{x}`` by one showing "n", on the
  page or across pages; an unknown label warns at the formula's line.

Labels are domain data (merged by Sphinx under ``-j N``); nothing else is kept.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_notebook.math.page_macros import TEX, find_math, source_tex
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = get_logger(__name__)

LABEL = re.compile(r"\\label\s*\{([^{}]+)\}")
REFERENCE = re.compile(r"\\(eqref|ref)\s*\{([^{}]+)\}")


def anchor(label: str) -> str:
    """The HTML id of an equation label (as Sphinx makes it)."""
    return nodes.make_id(f"equation-{label}")


def strip_labels(tex: str) -> str:
    """TeX without its ``\\label``s (the block carries them)."""
    return LABEL.sub("", tex)


def _equations(env: BuildEnvironment) -> dict[str, tuple[str, int]]:
    return env.get_domain("math").data.setdefault("objects", {})  # type: ignore[no-any-return]


class TexLabels(SphinxTransform):
    """Give display blocks the labels written inside their TeX."""

    # After StableAmsmathLabels (250), before docutils moves targets' ids (260).
    default_priority = 255

    def apply(self, **kwargs: Any) -> None:
        for block in list(self.document.findall(nodes.math_block)):
            labels = list(dict.fromkeys(LABEL.findall(block.astext())))
            if labels:
                self.label_block(block, labels)

    def label_block(self, block: nodes.math_block, labels: list[str]) -> None:
        docname = self.env.docname
        equations = _equations(self.env)
        if block.get("label"):
            aliases = labels
            owner = self.document.ids.get(anchor(block["label"]))
        else:
            main, aliases = labels[0], labels[1:]
            self.env.get_domain("math").note_equation(docname, main, location=block)  # type: ignore[attr-defined]
            block["label"] = main
            block["number"] = equations[main][1]
            owner = nodes.target("", "", ids=[anchor(main)])
            block.parent.insert(block.parent.index(block), owner)
            self.document.note_explicit_target(owner)
        for alias in aliases:
            if alias in equations and equations[alias][0] != docname:
                warn(
                    logger,
                    WarningSubtype.math,
                    "duplicate equation label %r, also in %s",
                    alias,
                    equations[alias][0],
                    location=block,
                )
                continue
            equations[alias] = (docname, block["number"])
            if owner is not None and anchor(alias) not in self.document.ids:
                owner["ids"].append(anchor(alias))
                self.document.ids[anchor(alias)] = owner


def number_aliases(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated`` (after Sphinx numbers figures): row labels share their block's number.

    With ``numfig`` Sphinx numbers a block under its first id only; the
    other labels of the block get the same number, so ``{eq}`` and
    ``\\eqref`` show it for them too.
    """
    if not (env.config.numfig and env.config.math_numfig):
        return []
    by_position: dict[tuple[str, int], tuple[int, ...]] = {}
    equations = _equations(env)
    for label, (docname, number) in equations.items():
        found = env.toc_fignumbers.get(docname, {}).get("displaymath", {}).get(anchor(label))
        if found:
            by_position[(docname, number)] = found
    for label, (docname, number) in equations.items():
        numbers = env.toc_fignumbers.get(docname, {}).get("displaymath")
        if numbers is not None and anchor(label) not in numbers and (docname, number) in by_position:
            numbers[anchor(label)] = by_position[(docname, number)]
    return []


class ResolveTexReferences(SphinxPostTransform):
    """``\\eqref``/``\\ref`` in formulas become links to the numbered equation."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for node in find_math(self.document):
            assert isinstance(node, nodes.Element)
            tex = source_tex(node)
            if "ref" in tex and REFERENCE.search(tex):
                node[TEX] = self.resolve(node, tex)

    def resolve(self, node: nodes.Element, tex: str) -> str:
        """``tex`` with each reference replaced (unknown ones warn at ``node``)."""
        return REFERENCE.sub(lambda match: self.replacement(match, node), tex)

    def replacement(self, match: re.Match[str], node: nodes.Element) -> str:
        kind, label = match.group(1), match.group(2).strip()
        entry = _equations(self.env).get(label)
        if entry is None:
            warn(
                logger,
                WarningSubtype.math,
                "\\%s{%s}: no equation has this label",
                kind,
                label,
                location=node,
            )
            return r"\text{(??)}" if kind == "eqref" else r"\text{??}"
        docname, number = entry
        text = self.number_text(docname, label, number)
        here = self.env.docname
        uri = "" if docname == here else self.builder().get_relative_uri(here, docname)
        shown = f"({text})" if kind == "eqref" else text
        return rf"\href{{{uri}#{anchor(label)}}}{{\text{{{shown}}}}}"

    def builder(self) -> Builder:
        """The current builder.

        Sphinx 9 deprecates ``SphinxTransform.app``; its own reference resolvers
        read ``env._app``, which Sphinx 8.2 has too.
        """
        app = getattr(self.env, "_app", None) or self.app
        return app.builder

    def number_text(self, docname: str, label: str, number: int) -> str:
        """The number as Sphinx shows it (section-prefixed under ``numfig``)."""
        config = self.config
        if not (config.numfig and config.math_numfig):
            return str(number)
        found = self.env.toc_fignumbers.get(docname, {}).get("displaymath", {}).get(anchor(label), ())
        text = ".".join(map(str, found))
        return config.math_numsep.join(text.rsplit(".", 1)) or str(number)


def setup_tex_labels(app: Sphinx) -> None:
    app.add_transform(TexLabels)
    app.add_post_transform(ResolveTexReferences)
    app.connect("env-get-updated", number_aliases, priority=900)
