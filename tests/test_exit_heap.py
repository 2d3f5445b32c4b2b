"""At interpreter exit, Python's last garbage collection has nothing to walk."""

from __future__ import annotations

import subprocess
import sys


def test_the_heap_is_frozen_at_exit_once_whatever_the_number_of_apps():
    # Registered first, the reporting handler runs last: after ours, before Python's final collection.
    script = (
        "import atexit, gc\n"
        "calls, freeze = [], gc.freeze\n"
        "gc.freeze = lambda: (calls.append(1), freeze())\n"
        "atexit.register(lambda: print(len(calls), gc.get_freeze_count() > 0))\n"
        "from sphinx_notebook.exit_heap import freeze_at_exit\n"
        "for _ in range(3):\n"
        "    freeze_at_exit()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "True"]
