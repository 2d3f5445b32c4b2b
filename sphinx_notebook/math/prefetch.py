"""Render formulas in a helper process while Sphinx is still reading.

QuickJS holds the GIL, and a serial ``sphinx-build`` leaves the second core
idle while it parses. So when a document has been read, its formulas go to
one forked helper process (its own QuickJS, see ``jsengine``) as a single
batch; by the time Sphinx writes the page, the markup is usually waiting.
Anything not prefetched (``-j N`` builds, one-core machines, no ``fork``, a
helper that failed) is simply rendered in place, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from sphinx_notebook.math.katex import Key, Rendered, cached, remember, render_many


class Prefetcher:
    """This process's helper pool and the renderings it still owes."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[Key, tuple[Future[list[tuple[str | None, str | None]]], int]] = {}
        self._lock = threading.Lock()
        self.pid = os.getpid()

    @staticmethod
    def available() -> bool:
        """A spare core and a safe ``fork`` (a spawned helper would re-run ``sphinx-build``).

        Linux only: macOS system libraries are not fork-safe.
        """
        return (os.cpu_count() or 1) > 1 and sys.platform.startswith("linux")

    def submit(self, keys: list[Key]) -> None:
        """Start rendering ``keys`` (one document's formulas) in the helper."""
        with self._lock:
            todo = [key for key in dict.fromkeys(keys) if key not in self._pending and cached(key) is None]
            if not todo:
                return
            if self._pool is None:
                # Fork only from a single-threaded process: beside other threads
                # (a test server, an IDE helper) the child can inherit a lock
                # that some thread holds and hang. Render in place instead.
                if threading.active_count() > 1:
                    return
                context = multiprocessing.get_context("fork")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            try:
                future = self._pool.submit(render_many, todo)
            except RuntimeError:  # the pool broke or is shutting down: render in place instead
                return
            for index, key in enumerate(todo):
                self._pending[key] = (future, index)

    def take(self, key: Key) -> Rendered | None:
        """The helper's rendering of ``key`` (waiting for it), or None if it has none."""
        with self._lock:
            entry = self._pending.pop(key, None)
        if entry is None:
            return None
        future, index = entry
        try:
            html, error = future.result()[index]
        except Exception:  # a crashed helper must not fail the build
            return None
        rendered = Rendered(html, error)
        remember(key, rendered)
        return rendered

    def close(self) -> None:
        """Stop the helper at the end of a build (idle by then, so waiting is free)."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._pending.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class _PrefetcherHolder:
    """Holds this process's prefetcher; a forked child gets a fresh one."""

    def __init__(self) -> None:
        self._prefetcher = Prefetcher()
        self._lock = threading.Lock()

    def get(self) -> Prefetcher:
        with self._lock:
            if self._prefetcher.pid != os.getpid():
                self._prefetcher = Prefetcher()
            return self._prefetcher


_holder = _PrefetcherHolder()


def get_prefetcher() -> Prefetcher:
    """This process's prefetcher."""
    return _holder.get()
