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


@pytest.fixture(autouse=True, scope="session")
def _isolated_source_suffix():
    """Give every in-process Sphinx application the pristine default ``source_suffix``.

    Sphinx keeps that default as one dict shared by every application in the
    process, and each build adds its parsers' suffixes to it: after a
    myst-parser site, a myst-nb site found ".md" taken by "markdown" (and the
    reverse), so results depended on which tests shared an xdist worker.
    """
    from sphinx.config import Config
    from sphinx.testing.util import SphinxTestApp

    option = Config.config_values.get("source_suffix")
    default = getattr(option, "default", None)
    if not isinstance(default, dict):
        yield
        return
    pristine = dict(default)
    original_init = SphinxTestApp.__init__

    def init(self, *args, **kwargs):
        default.clear()
        default.update(pristine)
        original_init(self, *args, **kwargs)

    SphinxTestApp.__init__ = init
    try:
        yield
    finally:
        SphinxTestApp.__init__ = original_init
        default.clear()
        default.update(pristine)
