"""The builder matrix: a site using every feature builds warning-free with each builder.

tests/roots/test-quality has a MyST and a reST post with math, theorem
blocks, a proof, equation and theorem references, a JSON diagram from a file
and one inline, a mermaid chart and code. Each builder must produce its
output with an empty warning stream (what ``sphinx-build -W`` demands).
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

BUILDERS = {
    "html": "posts/descent.html",
    "dirhtml": "posts/descent/index.html",
    "singlehtml": "index.html",
    "epub": "Qualitynotebook.epub",
    "latex": "qualitynotebook.tex",
    "text": "posts/descent.txt",
    "man": "quality.1",
}


@pytest.fixture(scope="module")
def site(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("builders") / "site"
    shutil.copytree(rootdir / "test-quality", src)
    return src


def _build(site: Path, builder: str) -> tuple[Path, str]:
    warning = StringIO()
    app = SphinxTestApp(
        builder, srcdir=site, builddir=site / "_build" / builder, warning=warning, freshenv=True
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warning.getvalue()


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_builds_warning_free(site: Path, builder: str) -> None:
    outdir, warnings = _build(site, builder)
    assert warnings == ""
    assert (outdir / BUILDERS[builder]).is_file()


def test_text_output_names_what_it_cannot_draw(site: Path) -> None:
    outdir, _ = _build(site, "text")
    text = (outdir / "posts" / "descent.txt").read_text(encoding="utf-8")
    assert "Theorem 1 (Descent)" in text
    assert "[diagram:" in text
    assert "def descend(grad, x, eta=0.1, steps=100):" in text
