"""Each part copies its own static files into the HTML output, whatever the theme.

A part (diagram, math, blog, the bundle's mermaid loader) keeps its CSS,
fonts and scripts in its own ``static/`` folder and ships them itself, so
``extensions = ["sphinx_notebook.diagram"]`` works under furo or alabaster.
Parts leave ``html_static_path`` alone (it is the user's setting, and a
changed value makes Sphinx report "the configuration has changed" on the
next build): they copy what the pages need once the builder is ready, so
the files exist before any page is written (Sphinx then adds the same
``?v=`` checksum to their links in every build) and before epub packs the
output. Every name copied starts with ``nb-`` or sits under ``vendor/``, so
nothing of the theme's or the user's is overwritten. Only files a browser needs
are copied: build-time scripts (KaTeX's and rough.js's JavaScript) and
unused vendored folders stay out.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PACKAGE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class StaticFiles:
    """Files under one part's ``static/`` folder, copied to the same place under ``_static``."""

    root: Path
    paths: tuple[str, ...]
    """Files or folders relative to ``root``."""
    skip_suffixes: tuple[str, ...] = ()
    """File endings not to copy from those folders (``.js`` for build-time scripts)."""

    def files(self) -> Iterator[tuple[Path, str]]:
        """Each file to copy, with its path relative to ``_static``."""
        for relative in self.paths:
            source = self.root / relative
            if source.is_file():
                yield source, relative
                continue
            for path in sorted(source.rglob("*")):
                if path.is_file() and not path.name.endswith(self.skip_suffixes):
                    yield path, path.relative_to(self.root).as_posix()


def part_static_dir(part: str) -> Path:
    """``sphinx_notebook/<part>/static``."""
    return PACKAGE_DIR / part / "static"


# Epub readers take stylesheets, not our web fonts or scripts (and Sphinx's
# epub builder warns about files whose media type it does not know).
EPUB_SUFFIXES = (".css",)


def is_current_copy(source: Path, target: Path) -> bool:
    """``target`` is ``source`` as copied with its time stamp (size and time agree)."""
    try:
        theirs, ours = source.stat(), target.stat()
    except OSError:
        return False
    return theirs.st_size == ours.st_size and theirs.st_mtime_ns == ours.st_mtime_ns


def copy_static_files(outdir: Path, bundles: Iterable[StaticFiles], *, epub: bool = False) -> None:
    """Copy every file of ``bundles`` into ``outdir/_static`` (only stylesheets for epub)."""
    static = outdir / "_static"
    for bundle in bundles:
        for source, relative in bundle.files():
            if epub and not relative.endswith(EPUB_SUFFIXES):
                continue
            target = static / relative
            if is_current_copy(source, target):
                continue  # a rebuild: copied by an earlier build, unchanged since
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def ship_static(app: Sphinx, choose: Callable[[Sphinx], Iterable[StaticFiles]]) -> None:
    """Copy the files ``choose(app)`` names into every HTML output of this app."""

    def copy(app: Sphinx) -> None:
        if app.builder.format == "html":
            epub = app.builder.name.startswith("epub")
            copy_static_files(Path(app.builder.outdir), choose(app), epub=epub)

    app.connect("builder-inited", copy)
