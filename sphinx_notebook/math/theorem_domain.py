"""The ``nb`` domain: theorem-style directives under names that cannot collide.

``nb:theorem``, ``nb:proof`` and their siblings always exist, the way
sphinx-proof offers ``prf:theorem``. The short names (``theorem``,
``example``, ...) are generic, and other extensions use them too
(sphinx_examples has ``example``): they are registered once every extension
is loaded, and only those no other extension took, so neither side warns.
The domain also keeps the per-document theorem numbers, which Sphinx then
purges and merges for ``-j N`` like any domain's data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain
from sphinx.util.docutils import is_directive_registered

from sphinx_notebook.math.theorems import KIND_LABELS, ProofDirective, TheoremDirective

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config

THEOREM_DIRECTIVES: dict[str, type[TheoremDirective]] = {
    **dict.fromkeys(KIND_LABELS, TheoremDirective),
    "proof": ProofDirective,
}
NUMBERS = "theorem_numbers"


class NotebookDomain(Domain):
    """``nb:`` directives and the per-document state of sphinx_notebook's math part."""

    name = "nb"
    label = "sphinx_notebook"
    directives: ClassVar[dict[str, Any]] = dict(THEOREM_DIRECTIVES)
    initial_data: ClassVar[dict[str, Any]] = {NUMBERS: {}}
    data_version = 1

    @property
    def theorem_numbers(self) -> dict[str, dict[str, dict[str, int]]]:
        """docname -> kind -> node id -> number."""
        return self.data.setdefault(NUMBERS, {})

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        """No cross-reference targets of its own (myst-parser asks every domain)."""
        return []

    def clear_doc(self, docname: str) -> None:
        self.theorem_numbers.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        theirs = otherdata.get(NUMBERS, {})
        for docname in docnames:
            if docname in theirs:
                self.theorem_numbers[docname] = theirs[docname]


def register_free_short_names(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``theorem``, ``proof``... for each name no other extension took.

    Every extension's ``setup`` has run by now, so a name registered here
    cannot later collide with one of theirs.
    """
    for name, directive in THEOREM_DIRECTIVES.items():
        if not is_directive_registered(name):
            app.add_directive(name, directive)
