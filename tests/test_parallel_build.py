"""``-j N`` builds: N writer processes, and no garbage-collector freeze left behind."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from sphinx_notebook.parallel_build import NotebookDirectoryHTMLBuilder, NotebookHTMLBuilder

ROOTS = Path(__file__).parent / "roots"


def make(make_app, tmp_path: Path, builder: str, parallel: int):
    srcdir = tmp_path / f"{builder}-{parallel}"
    shutil.copytree(ROOTS / "test-blog", srcdir)
    return make_app(builder, srcdir=srcdir, freshenv=True, parallel=parallel, warningiserror=True)


@pytest.mark.parametrize(
    ("builder", "expected"), [("html", NotebookHTMLBuilder), ("dirhtml", NotebookDirectoryHTMLBuilder)]
)
def test_parallel_build_writes_with_every_process(make_app, tmp_path, builder, expected):
    app = make(make_app, tmp_path, builder, parallel=2)
    assert type(app.builder) is expected
    asked_for: list[int] = []
    write_parallel = app.builder._write_parallel

    def recording(docnames, nproc):
        asked_for.append(nproc)
        return write_parallel(docnames, nproc)

    app.builder._write_parallel = recording
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    # Sphinx alone would write with one worker at -j 2 (N - 1).
    assert asked_for == [2]
    page = "posts/first.html" if builder == "html" else "posts/first/index.html"
    assert "Gradient descent" in (app.outdir / page).read_text(encoding="utf-8")


def test_serial_build_keeps_sphinx_writer(make_app, tmp_path):
    app = make(make_app, tmp_path, "html", parallel=0)
    called: list[int] = []
    app.builder._write_parallel = lambda docnames, nproc: called.append(nproc)
    app.build()
    assert called == []
    assert (app.outdir / "posts" / "first.html").is_file()


def test_nothing_stays_frozen_after_a_parallel_build(make_app, tmp_path):
    before = gc.get_freeze_count()
    app = make(make_app, tmp_path, "html", parallel=2)
    app.build()
    assert app.statuscode == 0
    assert gc.get_freeze_count() == before
