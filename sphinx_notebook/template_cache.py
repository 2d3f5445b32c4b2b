"""Compiled page templates kept beside the doctrees, so a build does not compile them again.

Every ``sphinx-build`` process, and every ``-j N`` writer it forks, compiles
the theme's Jinja templates (``layout.html``, ``page.html``, the blog's
listing templates...) from source: a sixth of a 200-post no-op rebuild
under a profiler. Jinja has its own answer, a bytecode cache: here Sphinx's
template environment stores each compiled template in
``<doctreedir>/notebook-templates/``. Jinja checks an entry against the
template's source (a checksum) and its own and Python's versions, and
compiles again when either changed; the file name also carries a digest of
the environment's compile settings, so a build with other settings uses
other files. The compiled code is the code Jinja would have compiled: pages
are the same bytes. Entries are written to a temporary file and renamed, so
concurrent writers are safe; there is one entry per template file, and the
folder goes with the doctrees (``make clean``) or can be deleted at any time.

A bytecode cache the user or another extension set up is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from jinja2.bccache import Bucket
    from sphinx.application import Sphinx

FOLDER = "notebook-templates"
# Environment settings that change the code Jinja compiles (filters and globals are looked up at run time).
COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "is_async",
)


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, except that an entry it cannot write only costs speed."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def settings_digest(environment: Any) -> str:
    """A short digest of what, besides the source, shapes a compiled template."""
    values = [f"{name}={getattr(environment, name, None)!r}" for name in COMPILE_SETTINGS]
    autoescape = getattr(environment, "autoescape", None)
    if callable(autoescape):  # a function's repr holds its address: name it instead
        values.append(f"autoescape-function={autoescape.__module__}.{autoescape.__qualname__}")
    extensions = sorted(getattr(environment, "extensions", {}) or {})
    values.append("extensions=" + ",".join(extensions))
    return hashlib.sha256("\n".join(values).encode()).hexdigest()[:16]


def use_template_cache(app: Sphinx) -> None:
    """``builder-inited``: compile Sphinx's templates through a bytecode cache beside the doctrees."""
    environment: Any = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or getattr(environment, "bytecode_cache", True) is not None:
        return
    folder = Path(app.doctreedir) / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a cache that cannot be written only costs speed
    pattern = f"{settings_digest(environment)}-%s.cache"
    environment.bytecode_cache = QuietBytecodeCache(str(folder), pattern)


def setup_template_cache(app: Sphinx) -> None:
    """After the other extensions' ``builder-inited`` handlers, which may add Jinja extensions."""
    app.connect("builder-inited", use_template_cache, priority=900)
