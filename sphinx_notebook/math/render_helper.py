"""The prefetch helper process: renders batches of formulas sent as JSON lines.

Started by :mod:`.prefetch` as ``python -m sphinx_notebook.math.render_helper``.
Each line on stdin is a JSON list of cache keys; each answer is one JSON line
of ``[html, error]`` pairs, made by the same ``render_many`` that rendering in
place uses, so both paths give the same markup. It stops when stdin closes.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO

from sphinx_notebook.jsengine import allow_v8_in_this_process
from sphinx_notebook.math.katex import Key, render_many
from sphinx_notebook.render_cache import use_cache_from_environment


def serve(source: IO[str], sink: IO[str]) -> None:
    """Answer each batch on ``source`` with one line on ``sink``."""
    for line in source:
        keys: list[Key] = [
            (tex, bool(display), macros, output, definitions)
            for tex, display, macros, output, definitions in json.loads(line)
        ]
        sink.write(json.dumps(render_many(keys), ensure_ascii=False) + "\n")
        sink.flush()


if __name__ == "__main__":
    # This process never forks, so it may render with V8 (the v8 extra; see jsengine),
    # through the render cache of the build that started it.
    allow_v8_in_this_process()
    use_cache_from_environment()
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # Once stdin closes, everything is written: skipping the interpreter's
    # teardown (a JS engine or libvips freeing its heap, which once hung after
    # an error) ends the process at once, and the build waits for that end.
    status = 1
    try:
        serve(sys.stdin, sys.stdout)
        status = 0
    finally:
        sys.stdout.flush()
        os._exit(status)
