"""Make ``sphinx-build -j N`` faster than a serial build on a notebook site.

Two things kept a parallel build of 1,000 posts no faster than a serial one:

* Sphinx writes pages with N - 1 worker processes and keeps the main process
  for loading and resolving doctrees. Here resolving is about a fifth of the
  writing work, so at ``-j 2`` a single worker wrote every page while the
  main process mostly waited. The html and dirhtml builders below write with
  N workers; the main process's share runs beside them.
* Every worker is a fork of the main process. Python's cyclic garbage
  collector walks every object a worker inherited, which costs time and
  touches (so copies) the parent's memory page by page. The main process
  freezes what it holds before the writers fork, and each worker freezes
  what it inherited as soon as it starts (``gc.freeze``); the main process
  unfreezes at the end of the build, so nothing it froze outlives the build.

A serial build is untouched.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Set
from typing import TYPE_CHECKING, Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class _WriteWithAllWorkers:
    """Builder mixin: ``-j N`` writes with N worker processes instead of N - 1."""

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)  # type: ignore[call-arg]
        self.nb_jobs = app.parallel

    def write_documents(self, docnames: Set[str]) -> None:
        if getattr(self, "parallel_ok", False) and self.nb_jobs > 1:
            self._write_parallel(sorted(docnames), nproc=self.nb_jobs)  # type: ignore[attr-defined]
        else:
            super().write_documents(docnames)  # type: ignore[misc]


class NotebookHTMLBuilder(_WriteWithAllWorkers, StandaloneHTMLBuilder):
    """Sphinx's ``html`` builder, writing with every ``-j`` process."""


class NotebookDirectoryHTMLBuilder(_WriteWithAllWorkers, DirectoryHTMLBuilder):
    """Sphinx's ``dirhtml`` builder, writing with every ``-j`` process."""


class ForkedWorkerMemory:
    """Garbage-collector freezing around Sphinx's forked workers, for one application."""

    def __init__(self) -> None:
        self.main_pid = os.getpid()
        # The process that last froze its heap: a worker inherits the parent's
        # value, so a mismatch means "this worker has not frozen yet".
        self.frozen_pid: int | None = None
        self.parallel = False

    def builder_inited(self, app: Sphinx) -> None:
        self.main_pid = os.getpid()
        self.frozen_pid = None
        self.parallel = app.parallel > 1 and gc.isenabled()

    def freeze_in_worker(self, *_args: Any) -> None:
        """The first event a forked worker handles: freeze everything it inherited."""
        pid = os.getpid()
        if self.parallel and pid != self.main_pid and pid != self.frozen_pid:
            self.frozen_pid = pid
            gc.freeze()

    def freeze_before_writing(self, app: Sphinx, builder: Any = None) -> None:
        """``write-started``: the environment is complete; keep the collector off it."""
        if self.parallel and os.getpid() == self.main_pid:
            gc.collect()
            gc.freeze()
            self.frozen_pid = self.main_pid

    def unfreeze(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: hand the main process's objects back to the collector."""
        if self.frozen_pid == self.main_pid == os.getpid():
            gc.unfreeze()
            self.frozen_pid = None


def setup_parallel_build(app: Sphinx) -> None:
    """Use the all-workers builders and freeze inherited memory in forked workers."""
    app.add_builder(NotebookHTMLBuilder, override=True)
    app.add_builder(NotebookDirectoryHTMLBuilder, override=True)
    memory = ForkedWorkerMemory()
    app.connect("builder-inited", memory.builder_inited)
    # The first event each kind of worker handles: readers, then writers.
    app.connect("doctree-read", memory.freeze_in_worker, priority=1)
    app.connect("html-page-context", memory.freeze_in_worker, priority=1)
    app.connect("write-started", memory.freeze_before_writing)
    app.connect("build-finished", memory.unfreeze, priority=999)
