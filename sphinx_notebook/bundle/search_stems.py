"""Stem each word once per build for the search index, not once per page.

Sphinx's search indexer remembers stems only within one page, so every page
stems its words again: snowballstemmer is pure Python, and stemming was the
largest single cost of writing a 200-post site (about a sixth of it under a
profiler). A stemmer is a pure function of the word, so this module wraps the
indexer's stemmer in a site-wide memo once the indexer exists; the search
index is byte for byte the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class StemMemo:
    """A stemming function that computes each word's stem once."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        self._stem = stem
        self._stems: dict[str, str] = {}
        self.computed = 0

    def __call__(self, word: str) -> str:
        found = self._stems.get(word)
        if found is None:
            found = self._stems[word] = self._stem(word)
            self.computed += 1
        return found


def memoize_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the indexer exists once writing starts; wrap its stemmer once."""
    lang: Any = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if lang is None or isinstance(lang.__dict__.get("stem"), StemMemo):
        return
    lang.stem = StemMemo(lang.stem)


def setup_search_stems(app: Sphinx) -> None:
    """Memoize the search stemmer in every HTML build."""
    app.connect("doctree-resolved", memoize_stems)
