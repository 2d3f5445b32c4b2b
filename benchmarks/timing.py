"""Timing one Sphinx build in a fresh process, shared by the benchmark scripts.

Wall time and CPU time are both returned: CPU time barely moves when other
work shares the machine, wall time does.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def child_cpu_seconds() -> float:
    """CPU seconds used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_full_build(root: Path, *, fail_on_warning_type: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``-E`` html build of ``root``.

    Exits when the build fails or warns with ``fail_on_warning_type`` (say
    ``notebook.math``): a benchmark of a broken build measures nothing.
    """
    out = root / "_build"
    cpu = child_cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(root), str(out / "html"),
         "-d", str(out / "doctrees")],
        capture_output=True, text=True, check=False,
    )
    elapsed, cpu = time.perf_counter() - start, child_cpu_seconds() - cpu
    if done.returncode:
        sys.exit(f"sphinx-build failed for {root.name}:\n{done.stderr[-3000:]}")
    if fail_on_warning_type in done.stderr:
        sys.exit(f"{fail_on_warning_type} warnings in {root.name}:\n{done.stderr[-3000:]}")
    shutil.rmtree(out)
    return elapsed, cpu
