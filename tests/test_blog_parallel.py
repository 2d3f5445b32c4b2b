"""ablog under ``-j 2 -W``: merged post registry, same site as a serial build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from site_builds import output_files

ROOTS = Path(__file__).parent / "roots"
COMPARED = ("*.html", "*.xml")


def build(make_app, tmp_path: Path, name: str, **kwargs):
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-blog", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True, **kwargs)
    app.build()
    return app


def outputs(outdir: Path) -> dict[str, bytes]:
    return output_files(outdir, COMPARED)


def test_parallel_build_matches_serial_build(make_app, tmp_path):
    serial = build(make_app, tmp_path, "serial")
    mine = outputs(serial.outdir)
    serial.cleanup()  # forget its node registrations before the next application
    parallel = build(make_app, tmp_path, "parallel", parallel=2, warningiserror=True)
    assert parallel.parallel == 2
    assert parallel.is_parallel_allowed("read")  # ablog is declared safe now
    assert parallel.warning.getvalue() == ""
    assert parallel.statuscode == 0
    theirs = outputs(parallel.outdir)
    assert sorted(mine) == sorted(theirs)
    different = [name for name in mine if mine[name] != theirs[name]]
    assert different == []
    assert "posts/first.html" in mine and "blog/atom.xml" in mine and "blog/tag/python.html" in mine


def test_ablog_is_marked_parallel_safe_only_through_our_setup(make_app, tmp_path):
    app = build(make_app, tmp_path, "flag")
    assert app.extensions["ablog"].parallel_read_safe is True


@pytest.mark.parametrize("parallel", [0, 2])
def test_registry_holds_every_post_after_merge(make_app, tmp_path, parallel):
    app = build(make_app, tmp_path, f"registry{parallel}", parallel=parallel)
    assert sorted(app.env.get_domain("nb-blog").data["posts"]) == [
        "posts/first", "posts/future", "posts/second", "posts/third", "posts/undated",
    ]
    # The environment Sphinx saves (and every -j reader sends back) holds no
    # doctrees: ablog's own dict is emptied once the posts are registered,
    # and the excerpts no longer point at the documents they came from.
    assert app.env.ablog_posts == {}
    for infos in app.env.get_domain("nb-blog").data["posts"].values():
        for info in infos:
            assert info["doctree"] is None
            assert all(node.document is None for part in info["excerpt"] for node in part.findall())
