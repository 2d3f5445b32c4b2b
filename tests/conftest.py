"""Shared fixtures: sphinx.testing roots live in tests/roots/test-<name>/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session")
def blog_site(tmp_path_factory, rootdir):
    """One html build of tests/roots/test-blog, shared by read-only blog checks."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("blog-site") / "blog"
    shutil.copytree(rootdir / "test-blog", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()
