"""``-j 2`` builds: the same site as ``-j 1``, with the work where two cores can share it.

What moved for ``-j 2`` (docs/performance.md): readers send back only their
own documents' tables, diagrams and formulas are drawn by the readers (the
single writer finds them in the caches), and the main process prepares what
each forked worker would otherwise set up again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

import pytest
from docutils import nodes
from docutils.utils import new_document
from site_builds import output_files

from sphinx_notebook.reader_pickles import PER_DOCUMENT_TABLES, drop_inherited
from sphinx_notebook.worker_warmup import WorkerWarmup

ROOTS = Path(__file__).parent / "roots"
COMPARED = ("*.html", "*.xml", "*.json", "*.js", "*.txt")
POSTS = [f"posts/post-{i}" for i in range(1, 9)]


def make(make_app, tmp_path: Path, name: str, parallel: int):
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-jobs", srcdir)
    return make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)


def outputs(outdir: Path) -> dict[str, bytes]:
    return output_files(outdir, COMPARED)


class MergeRecorder:
    """``env-merge-info`` in the main process: what each reader sent back."""

    def __init__(self) -> None:
        self.chunks: list[set[str]] = []
        self.foreign: list[tuple[str, str]] = []

    def __call__(self, app, env, docnames, other) -> None:
        chunk = set(docnames)
        self.chunks.append(chunk)
        for table in PER_DOCUMENT_TABLES:
            self.foreign.extend((table, name) for name in getattr(other, table) if name not in chunk)


def test_parallel_site_is_the_serial_site(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    serial = make(make_app, tmp_path, "serial", 1)
    serial.build()
    assert serial.statuscode == 0
    mine, serial_warnings = outputs(serial.outdir), serial.warning.getvalue()
    serial.cleanup()

    parallel = make(make_app, tmp_path, "parallel", 2)
    merges = MergeRecorder()
    parallel.connect("env-merge-info", merges)
    parallel.build()
    assert parallel.statuscode == 0
    assert len(merges.chunks) >= 2  # really read by forked readers
    assert merges.foreign == []  # each sent back only the documents it read
    theirs = outputs(parallel.outdir)
    assert sorted(mine) == sorted(theirs)
    assert [name for name in mine if mine[name] != theirs[name]] == []
    assert parallel.warning.getvalue() == serial_warnings
    # What the test is about is in the pages: listings, feeds, head tags,
    # cross-page equation references, diagrams, highlighted Fortran.
    post = mine["posts/post-3.html"].decode()
    assert 'property="og:title"' in post and "nb-diagram-body" in post and "katex" in post
    assert 'href="post-2.html#equation-eq-2"' in post
    assert '<span class="k">program </span>' in post
    assert "Post 8: sums and pointers" in mine["index.html"].decode()
    assert "post-5" in mine["blog/atom.xml"].decode() and "blog/feed.json" in " ".join(mine)


def test_readers_draw_diagrams_and_render_formulas(make_app, tmp_path, monkeypatch):
    from sphinx_notebook.math import katex

    # Renderings an earlier test left in this process would be found there
    # and not rendered again: start from none, as a build's process does.
    monkeypatch.setattr(katex, "_cache", katex._RenderCache(8192))
    app = make(make_app, tmp_path, "reading", 2)
    app.builder.read()  # no page written yet
    doctrees = Path(app.doctreedir)
    assert len(list((doctrees / "notebook-diagrams").glob("*.svg"))) == 2  # posts 3 and 6
    rendered = list((doctrees / "notebook-render-cache").rglob("*.json"))
    assert len(rendered) >= 8 * 3  # each post's inline and display formulas


def test_a_reader_drops_what_it_inherited(make_app, tmp_path):
    app = make(make_app, tmp_path, "tables", 1)
    app.build()
    env = app.env
    assert all(set(POSTS) <= set(getattr(env, table)) for table in ("tocs", "titles", "metadata"))
    dropped = drop_inherited(env, keep="posts/post-1")
    assert dropped >= len(POSTS) * 3
    for table in PER_DOCUMENT_TABLES:
        assert set(getattr(env, table)) <= {"posts/post-1"}
    assert isinstance(env.metadata, defaultdict)  # others hold on to it; emptied in place


@pytest.mark.parametrize("language", ["fortran", "python"])
def test_main_process_compiles_the_lexers_writers_need(language):
    from pygments.lexers import get_lexer_by_name

    lexer_class = type(get_lexer_by_name(language))
    warmup = WorkerWarmup()
    warmup.parallel = True
    warmup.main_pid = os.getpid()
    doctree = new_document("page")
    doctree += nodes.literal_block("x = 1", "x = 1", language=language)
    if "_tokens" in lexer_class.__dict__:
        del lexer_class._tokens  # compiled by an earlier test in this process
    warmup.resolved(None, doctree, "page")
    assert "_tokens" in lexer_class.__dict__
    assert warmup.languages == {language}


def test_a_serial_build_prepares_nothing():
    warmup = WorkerWarmup()
    doctree = new_document("page")
    doctree += nodes.literal_block("x", "x", language="fortran")
    warmup.resolved(None, doctree, "page")  # builder-inited saw -j 1
    assert warmup.languages == set()


ADOPTION = textwrap.dedent(
    """
    import json, os
    from sphinx_notebook.jsengine import get_engine
    engine = get_engine()
    engine.load_vendor("katex/katex.min.js")
    mine = engine.evaluate("katex.renderToString('x^2')")
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # a forked worker: the same engine, KaTeX already there
        child = get_engine()
        same = child is engine and child.pid == os.getpid()
        loaded = child._loaded == {"katex/katex.min.js"}
        os.write(writer, json.dumps([same, loaded, child.evaluate("katex.renderToString('x^2')")]).encode())
        os._exit(0)
    os.waitpid(pid, 0)
    print(json.dumps([mine, json.loads(os.read(reader, 1 << 20))]))
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_a_forked_worker_adopts_the_loaded_quickjs_engine():
    env = {**os.environ, "SPHINX_NOTEBOOK_JS_ENGINE": "quickjs"}
    command = [sys.executable, "-c", ADOPTION]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    mine, (same, loaded, theirs) = json.loads(done.stdout)
    assert same and loaded
    assert theirs == mine and "katex" in mine
