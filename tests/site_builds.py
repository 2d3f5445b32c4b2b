"""One way for tests to build a copy of a site in-process and read its warnings."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class BuiltSite:
    """A finished build: where its sources and pages are, and its warnings without colours."""

    srcdir: Path
    outdir: Path
    warnings: str

    @property
    def warning_lines(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line.strip()]


def build_site(srcdir: Path, builder: str = "html", *, copy_from: Path | None = None, **kwargs) -> BuiltSite:
    """Build ``srcdir`` (first copied from ``copy_from`` when given) with a fresh environment."""
    from sphinx.testing.util import SphinxTestApp

    if copy_from is not None:
        shutil.copytree(copy_from, srcdir)
    warning = StringIO()
    app = SphinxTestApp(builder, srcdir=srcdir, warning=warning, freshenv=True, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return BuiltSite(Path(srcdir), Path(app.outdir), ANSI.sub("", warning.getvalue()))


def copy_and_build(make_app, dest: Path, root: Path, **kwargs):
    """Copy ``root`` to ``dest`` and build it with sphinx.testing's ``make_app`` (the app stays open)."""
    shutil.copytree(root, dest)
    app = make_app(kwargs.pop("buildername", "html"), srcdir=dest, freshenv=True, **kwargs)
    app.build()
    return app


def output_files(outdir: Path, patterns: tuple[str, ...]) -> dict[str, bytes]:
    """The bytes of every output file matching ``patterns``, by path under ``outdir``."""
    found = {}
    for pattern in patterns:
        for path in sorted(outdir.rglob(pattern)):
            found[str(path.relative_to(outdir))] = path.read_bytes()
    return found


def listeners_of(app, event: str, kind: type) -> list:
    """The handlers of ``event`` that are instances of ``kind`` (our wrappers of other packages' handlers)."""
    handlers = (listener.handler for listener in app.events.listeners[event])
    return [handler for handler in handlers if isinstance(handler, kind)]


def build_in_subprocess(
    src: Path, out: Path, doctrees: Path, *, epoch: str, script: str | None = None, jobs: str = "1"
) -> None:
    """Build ``src`` afresh in its own interpreter, with reproducible bytes, and expect no warning.

    ``script`` (run with ``python -c``, ending in Sphinx's ``main``) changes
    the package first, e.g. switches an optimisation off; else ``-m sphinx``.
    """
    import os
    import subprocess
    import sys

    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": "0"}
    head = ["-c", script] if script else ["-m", "sphinx"]
    cmd = [sys.executable, *head, "-q", "-E", "-j", jobs, "-b", "html", "-d", str(doctrees)]
    result = subprocess.run([*cmd, str(src), str(out)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
