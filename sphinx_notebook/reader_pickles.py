"""Keep what each forked ``-j N`` reader sends back to its own documents.

Sphinx reads in parallel by forking a worker per chunk of documents; the
worker reads its chunk and pickles its whole environment back to the main
process, which unpickles it and merges only that chunk's documents
(``merge_info_from``: every collector and domain copies the entries of the
chunk's documents and nothing else). A worker forked late inherits
everything merged before it, so the environments sent back grow with every
chunk: at 1,000 posts 20 MB in 15 pickles, 2.9 s of unpickling in the main
process while one reader waits, mostly Sphinx's own tables of contents,
titles and metadata of documents the worker never read.

At its first ``source-read`` a worker drops from those per-document tables
every entry it inherited. The documents of its chunk have no entries then
(Sphinx clears them in the main process before forking), so what is dropped
is exactly what the merge would ignore; what the worker reads is added
afterwards and merged as before. The main process and a serial build are
untouched, and nothing read from another document during reading comes from
these tables (Sphinx and myst-parser look them up when resolving, in the
main process). Domain data is left alone: the standard domain warns about
duplicate labels while reading.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Per-document tables of the environment, keyed by docname, filled while a
# document is read and merged per document (Sphinx 7 to 9).
PER_DOCUMENT_TABLES = ("tocs", "toc_num_entries", "titles", "longtitles", "metadata")


class ReaderPickles:
    """Empties a forked reader's inherited per-document tables, once per worker."""

    def __init__(self) -> None:
        self.main_pid = os.getpid()
        self.emptied_pid: int | None = None
        self.parallel = False

    def builder_inited(self, app: Sphinx) -> None:
        self.main_pid = os.getpid()
        self.emptied_pid = None
        self.parallel = app.parallel > 1

    def source_read(self, app: Sphinx, docname: str, source: list[str]) -> None:
        pid = os.getpid()
        if not self.parallel or pid == self.main_pid or pid == self.emptied_pid:
            return
        self.emptied_pid = pid
        drop_inherited(app.env, keep=docname)


def drop_inherited(env: BuildEnvironment, keep: str) -> int:
    """Remove every entry but ``keep``'s from the per-document tables; how many went.

    Entries are deleted in place: ``metadata`` is a defaultdict other code
    holds on to, and the tables keep their types.
    """
    dropped = 0
    for name in PER_DOCUMENT_TABLES:
        table: Any = getattr(env, name, None)
        if not isinstance(table, dict):
            continue
        for docname in [name for name in table if name != keep]:
            del table[docname]
            dropped += 1
    return dropped


def setup_reader_pickles(app: Sphinx) -> None:
    """Keep ``-j N`` readers' environments to their own documents."""
    pickles = ReaderPickles()
    app.connect("builder-inited", pickles.builder_inited)
    app.connect("source-read", pickles.source_read, priority=1)
