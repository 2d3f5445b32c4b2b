"""Render formulas in a helper process while Sphinx is still reading.

QuickJS holds the GIL, and a serial ``sphinx-build`` leaves the second core
idle while it parses. So when a document has been read, its formulas go to
one helper process (``python -m sphinx_notebook.math.render_helper``, its own
QuickJS) as a single batch; by the time Sphinx writes the page, the markup is
usually waiting.

The helper is started with ``subprocess`` (fork and exec), never with a bare
``fork``: it does not matter which threads the build process has (a test
server, an IDE helper), so the helper runs whenever there is a spare core, and
it runs the very ``render_many`` that rendering in place runs. Anything not
prefetched (``-j N`` builds, one-core machines, a helper that failed) is
rendered in place, with the same result.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO

from sphinx_notebook.helper_processes import spare_core, start_helper
from sphinx_notebook.math.katex import Key, Rendered, cached, remember, stored
from sphinx_notebook.render_cache import helper_environment

HELPER_MODULE = "sphinx_notebook.math.render_helper"

Results = list[tuple[str | None, str | None]]


class _Helper:
    """One helper process, spoken to by one thread at a time (one JSON line each way)."""

    def __init__(self) -> None:
        # With the build's render cache, on disk.
        self._process = start_helper(HELPER_MODULE, helper_environment())

    def render(self, keys: list[Key]) -> Results:
        stdin: IO[str] | None = self._process.stdin
        stdout: IO[str] | None = self._process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps(keys, ensure_ascii=False) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RuntimeError("the math helper process stopped")
        return [(html, error) for html, error in json.loads(line)]

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


class Prefetcher:
    """This process's helper and the renderings it still owes."""

    def __init__(self) -> None:
        # One thread talks to the helper, so a large batch never blocks Sphinx.
        self._thread: ThreadPoolExecutor | None = None
        self._helper: _Helper | None = None
        self._pending: dict[Key, tuple[Future[Results], int]] = {}
        self._lock = threading.Lock()
        self.pid = os.getpid()

    @staticmethod
    def available() -> bool:
        """A spare core for the helper to use."""
        return spare_core()

    def _render(self, keys: list[Key]) -> Results:
        """Runs on the talking thread: start the helper once, then send it ``keys``."""
        if self._helper is None:
            self._helper = _Helper()
        return self._helper.render(keys)

    def submit(self, keys: list[Key]) -> None:
        """Start rendering ``keys`` (one document's formulas) in the helper."""
        with self._lock:
            # A formula in the render cache on disk needs no helper (nor its start-up).
            todo = [
                key
                for key in dict.fromkeys(keys)
                if key not in self._pending and cached(key) is None and stored(key) is None
            ]
            if not todo:
                return
            if self._thread is None:
                self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nb-math-helper")
            future = self._thread.submit(self._render, todo)
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
        except Exception:  # a crashed helper must not fail the build: render in place
            return None
        rendered = Rendered(html, error)
        remember(key, rendered)
        return rendered

    def close(self) -> None:
        """Stop the helper at the end of a build (idle by then, so waiting is free)."""
        with self._lock:
            thread, self._thread = self._thread, None
            self._pending.clear()
        if thread is not None:
            thread.shutdown(wait=True, cancel_futures=True)
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.close()


class _PrefetcherHolder:
    """Holds this process's prefetcher; a forked ``-j N`` worker gets a fresh one."""

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
