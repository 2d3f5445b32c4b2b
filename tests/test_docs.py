"""The project's own site builds warning-free, and its reference matches the code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_notebook.bundle import DEFAULTS
from sphinx_notebook.config import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a copy of docs/ (never the source tree) with -n -W -j 2, in its own process.

    A separate process because ablog keeps class-level state that would leak
    between in-process builds.
    """
    root = tmp_path_factory.mktemp("docs")
    source = root / "docs"
    shutil.copytree(DOCS, source, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    out = root / "html"
    options = ["-nW", "--keep-going", "-q", "-j", "2", "-b", "html"]
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *options, str(source), str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
def test_docs_build_warning_free(built_docs: Path) -> None:
    for page in ("index", "quickstart", "design", "contributing", "guide/cli", "guide/bundle"):
        assert (built_docs / f"{page}.html").is_file(), page
    assert (built_docs / "blog" / "atom.xml").is_file()


@pytest.mark.slow
def test_configuration_reference_lists_every_setting(built_docs: Path) -> None:
    html = (built_docs / "reference" / "configuration.html").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f'id="confval-{setting.name}"' in html, setting.name
    assert "notebook.diagram" in html  # the warning types table


@pytest.mark.slow
def test_bundle_page_lists_every_default(built_docs: Path) -> None:
    html = (built_docs / "guide" / "bundle.html").read_text(encoding="utf-8")
    for name in DEFAULTS:
        assert f'<span class="pre">{name}</span>' in html, name


def test_docs_build_has_no_toctree_messages(tmp_path):
    """A clean build of docs/ prints no "referenced in multiple toctrees" (it is not a warning)."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", str(DOCS), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "multiple toctrees" not in result.stdout + result.stderr
