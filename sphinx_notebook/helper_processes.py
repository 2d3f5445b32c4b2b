"""Helper processes that work beside a serial build: the KaTeX prefetcher and the card drawer.

A serial ``sphinx-build`` keeps one core busy. Work whose inputs are known
early (formulas once a page is read, social cards once posts are known) can
run in a separate process on a spare core meanwhile. Such a process is
started with ``subprocess`` (fork and exec), never a bare fork: libraries with
thread pools (libvips) or a JIT (V8) break in a forked child, and exec does
not care which threads the build has. It talks JSON lines over its pipes.
"""

from __future__ import annotations

import os
import subprocess
import sys


def usable_cores() -> int:
    """Cores this process may run on (``taskset``, containers), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def spare_core() -> bool:
    """Whether a helper can run beside the build rather than take turns with it."""
    return usable_cores() > 1


def start_helper(
    module: str, extra_env: dict[str, str] | None = None, *, output: bool = True
) -> subprocess.Popen[str]:
    """``python -m module`` with a text pipe on stdin (and stdout if ``output``), sharing our imports.

    Raises OSError when no process can be started.
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
    env.update(extra_env or {})
    return subprocess.Popen(
        [sys.executable, "-m", module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE if output else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        encoding="utf-8",
    )
