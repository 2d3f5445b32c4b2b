"""Theorem-style blocks: ``definition``, ``theorem``, ``lemma`` … and ``proof``.

Each kind counts on its own, per document (Theorem 1, Theorem 2, Lemma 1),
numbered at read time by a transform, so the ``{ref}`` text ("Definition 1
(Gradient descent)") is known when Sphinx records labels. Every kind is its
own enumerable node, so ``{numref}`` works; Sphinx numbers enumerable nodes
across the whole toctree, so after it has, we put our per-document numbers
back (``env-get-updated``), which also numbers posts outside any toctree.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from sphinx_notebook.translations import N_, _
from sphinx_notebook.user_config import user_value

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

KIND_LABELS: dict[str, str] = {
    "definition": N_("Definition"),
    "theorem": N_("Theorem"),
    "lemma": N_("Lemma"),
    "proposition": N_("Proposition"),
    "corollary": N_("Corollary"),
    "example": N_("Example"),
    "remark": N_("Remark"),
    "exercise": N_("Exercise"),
}
"""Numbered kinds and the word that heads them."""

FIGTYPE_PREFIX = "nb-"


def figtype(kind: str) -> str:
    """Sphinx's enumerable-node type of a kind: ``nb-theorem``.

    Prefixed because sphinx-proof numbers its ``prf:theorem`` under the
    figure type ``theorem``: sharing it mixed both counters and made
    sphinx-proof's references fail.
    """
    return FIGTYPE_PREFIX + kind


PROOF_LABEL = N_("Proof")
TOMBSTONE = "∎"


class notebook_theorem(nodes.General, nodes.Element):
    """A numbered theorem-style block; ``kind``, ``number`` and ``title`` attributes."""


# One class per kind: Sphinx numbers each enumerable node class as one figtype.
class notebook_definition(notebook_theorem):
    """A ``definition`` block."""


class notebook_theorem_theorem(notebook_theorem):
    """A ``theorem`` block."""


class notebook_lemma(notebook_theorem):
    """A ``lemma`` block."""


class notebook_proposition(notebook_theorem):
    """A ``proposition`` block."""


class notebook_corollary(notebook_theorem):
    """A ``corollary`` block."""


class notebook_example(notebook_theorem):
    """An ``example`` block."""


class notebook_remark(notebook_theorem):
    """A ``remark`` block."""


class notebook_exercise(notebook_theorem):
    """An ``exercise`` block."""


NODE_CLASSES: dict[str, type[notebook_theorem]] = {
    "definition": notebook_definition,
    "theorem": notebook_theorem_theorem,
    "lemma": notebook_lemma,
    "proposition": notebook_proposition,
    "corollary": notebook_corollary,
    "example": notebook_example,
    "remark": notebook_remark,
    "exercise": notebook_exercise,
}


class notebook_proof(nodes.General, nodes.Element):
    """A ``proof``: un-numbered, its last paragraph ends with a tombstone."""


class notebook_theorem_title(nodes.Part, nodes.TextElement):
    """The heading of a block; its children are the parsed title (may be empty)."""


class notebook_qed(nodes.Inline, nodes.TextElement):
    """The end-of-proof tombstone."""


def heading_label(node: nodes.Element) -> str:
    """``Theorem 2`` for a numbered block, ``Proof`` for a proof."""
    if isinstance(node, notebook_theorem):
        number = node.get("number")
        label = _(KIND_LABELS[node["kind"]])
        return f"{label} {number}" if number else label
    return _(PROOF_LABEL)


def reference_title(node: nodes.Element) -> str:
    """What ``{ref}`` shows: ``Definition 1 (Gradient descent)`` or ``Definition 1``."""
    label = heading_label(node)
    title = node.get("title", "")
    return f"{label} ({title})" if title else label


class TheoremDirective(SphinxDirective):
    """``theorem`` and its siblings: optional title argument, ``:label:``, ``:class:``."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "label": directives.unchanged_required,
        "name": directives.unchanged_required,
        "class": directives.class_option,
    }

    @property
    def kind(self) -> str:
        """``theorem`` whether written ``theorem`` or ``nb:theorem``."""
        return self.name.rpartition(":")[2]

    def make_node(self) -> nodes.Element:
        """The empty block node for this directive's kind."""
        kind = self.kind
        node = NODE_CLASSES[kind]()
        node["kind"] = kind
        node["classes"] += ["nb-theorem", f"nb-theorem-{kind}"]
        return node

    def run(self) -> list[nodes.Node]:
        node = self.make_node()
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        heading = notebook_theorem_title()
        self.set_source_info(heading)
        messages: list[nodes.system_message] = []
        if self.arguments:
            inline, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
            heading.extend(inline)
            node["title"] = heading.astext()
        node += heading
        label = self.options.get("label") or self.options.get("name")
        if label:
            node["names"].append(nodes.fully_normalize_name(label))
            self.state.document.note_explicit_target(node, node)
        node.extend(self.parse_content_to_nodes())
        self.finish(node)
        return [node, *messages]

    def finish(self, node: nodes.Element) -> None:
        """Hook for subclasses (the proof adds its tombstone)."""


class ProofDirective(TheoremDirective):
    """``proof``: like a theorem block, without a number, ending with ∎."""

    def make_node(self) -> nodes.Element:
        node = notebook_proof()
        node["classes"] += ["nb-proof"]
        return node

    def finish(self, node: nodes.Element) -> None:
        qed = notebook_qed(TOMBSTONE, TOMBSTONE)
        last = node.children[-1] if len(node.children) > 1 else None
        if isinstance(last, nodes.paragraph):
            last += qed
        else:
            node += nodes.paragraph("", "", qed, classes=["nb-qed-line"])


class NumberTheorems(SphinxTransform):
    """Number each kind per document, in reading order, and remember the numbers.

    Runs before Sphinx collects labels (priority 850), so label titles carry
    their number.
    """

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        counters: Counter[str] = Counter()
        numbers: dict[str, dict[str, int]] = {}
        for node in self.document.findall(notebook_theorem):
            kind = node["kind"]
            counters[kind] += 1
            node["number"] = counters[kind]
            if node["ids"]:  # Sphinx's AutoNumbering gives unlabelled blocks an id
                numbers.setdefault(kind, {})[node["ids"][0]] = counters[kind]
        store = document_numbers(self.env)
        if numbers:
            store[self.env.docname] = numbers
        else:
            store.pop(self.env.docname, None)


def document_numbers(env: BuildEnvironment) -> dict[str, dict[str, dict[str, int]]]:
    """docname -> kind -> node id -> number, kept by the ``nb`` domain (so ``-j N`` merges it)."""
    from sphinx_notebook.math.theorem_domain import NotebookDomain

    domain = env.get_domain(NotebookDomain.name)
    assert isinstance(domain, NotebookDomain)
    return domain.theorem_numbers


def restore_document_numbers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: make ``{numref}`` use our per-document numbers.

    Sphinx numbers enumerable nodes with one counter across the toctree (and
    not at all outside it); theorem blocks count per document instead.
    """
    if not env.config.numfig:
        return []
    for docname, kinds in document_numbers(env).items():
        fignumbers = env.toc_fignumbers.setdefault(docname, {})
        for kind, ids in kinds.items():
            fignumbers[figtype(kind)] = {node_id: (number,) for node_id, number in ids.items()}
    return []


def default_numfig_formats(app: Sphinx, config: Config) -> None:
    """``numfig_format`` entries ("Theorem %s") for the kinds the user left unset.

    A format the user gave under the plain kind (``"theorem"``) in conf.py
    applies too; one another extension filled in (sphinx-proof's) does not.
    """
    theirs = user_value(config, "numfig_format") or {}
    for kind, label in KIND_LABELS.items():
        config.numfig_format.setdefault(figtype(kind), theirs.get(kind, f"{_(label)} %s"))


class PlainNumberReferences(SphinxPostTransform):
    """Text, man and texinfo: show a ``{numref}`` as its resolved text ("Theorem 2").

    Their writers print the raw format instead ("Theorem %s"), which reads
    badly in exactly the outputs meant to stay readable.
    """

    default_priority = 20  # after references are resolved
    builders = ("text", "man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.number_reference)):
            node.replace_self(nodes.inline(node.astext(), node.astext()))
