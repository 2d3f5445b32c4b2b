"""The garbage collector stays off the build's long-lived objects, and the process gets them back."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"


def test_the_heap_is_frozen_during_a_build_and_handed_back_after(make_app, tmp_path):
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-noop", srcdir)
    gc.unfreeze()  # whatever an earlier test in this process left frozen
    app = make_app("html", srcdir=srcdir, freshenv=True)
    seen: list[int] = []
    app.connect("env-updated", lambda app, env: seen.append(gc.get_freeze_count()))
    app.build()
    assert seen and seen[0] > 1000  # the modules, the configuration, the environment
    assert gc.get_freeze_count() == 0


def test_the_heap_is_frozen_at_exit_once_whatever_the_number_of_apps():
    # Registered first, the reporting handler runs last: after ours, before Python's final collection.
    script = (
        "import atexit, gc\n"
        "calls, freeze = [], gc.freeze\n"
        "gc.freeze = lambda: (calls.append(1), freeze())\n"
        "atexit.register(lambda: print(len(calls), gc.get_freeze_count() > 0))\n"
        "from sphinx_notebook.long_lived_heap import freeze_at_exit\n"
        "for _ in range(3):\n"
        "    freeze_at_exit()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "True"]
