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
