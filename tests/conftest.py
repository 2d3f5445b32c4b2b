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


def _shared_build(tmp_path_factory, root: Path):
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp(root.name) / "site"
    shutil.copytree(root, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


@pytest.fixture(scope="session")
def blog_site(tmp_path_factory, rootdir):
    """One html build of tests/roots/test-blog, shared by read-only blog checks."""
    yield from _shared_build(tmp_path_factory, rootdir / "test-blog")


@pytest.fixture(scope="session")
def share_site(tmp_path_factory, rootdir):
    """One html build of tests/roots/test-share, shared by read-only head, feed and card checks."""
    yield from _shared_build(tmp_path_factory, rootdir / "test-share")


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


def pytest_collection_modifyitems(items):
    """Give every sphinx.testing test its own copy of its root and a fresh environment.

    sphinx.testing otherwise copies a root once per session and lets the next
    test with the same root build incrementally in the same folder, so a
    warning emitted while reading showed up only for whichever test ran first
    in an xdist worker.
    """
    import hashlib

    for item in items:
        if item.get_closest_marker("sphinx") is None:
            continue
        merged: dict = {}
        for marker in reversed(list(item.iter_markers("sphinx"))):
            merged.update(marker.kwargs)
        if "srcdir" in merged:
            continue
        digest = hashlib.sha1(item.nodeid.encode("utf-8")).hexdigest()[:10]
        own = {"srcdir": f"{merged.get('testroot', 'root')}-{digest}"}
        if "freshenv" not in merged:
            own["freshenv"] = True
        item.add_marker(pytest.mark.sphinx(**own), append=False)
