"""Speed work that must not change a byte: the render cache, mermaid's page script, search stems.

Builds run in their own processes (so no in-process cache hides a
difference) with SOURCE_DATE_EPOCH set, and whole output folders are
compared byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest
from site_builds import build_in_subprocess, listeners_of

from sphinx_notebook.render_cache import FOLDER, RenderCache, cached_batch, trim

EPOCH = "1780000000"
# The same build with the mermaid handler and the search stemmer left as their packages ship them.
UNOPTIMISED = textwrap.dedent(
    """
    import sys
    import sphinx_notebook.bundle.mermaid_pages as mermaid_pages
    import sphinx_notebook.bundle.search_stems as search_stems
    import sphinx_notebook.bundle.asset_tags as asset_tags
    mermaid_pages.replace_install_js = lambda app: None
    search_stems.memoize_stems = lambda *args: None
    asset_tags.AssetTagMemo.page_context = lambda *args: None
    from sphinx.cmd.build import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _build(src: Path, out: Path, doctrees: Path, *, jobs: str = "1", unoptimised: bool = False) -> None:
    script = UNOPTIMISED if unoptimised else None
    build_in_subprocess(src, out, doctrees, epoch=EPOCH, script=script, jobs=jobs)


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xml", ".js"} and "_static" not in p.parts
    }


def _assert_same(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{len(differing)} files differ: {', '.join(differing)}"


@pytest.fixture(scope="module")
def cold_build(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """One build of test-speed from nothing: (source, output, doctrees)."""
    base = tmp_path_factory.mktemp("speed")
    src = base / "site"
    shutil.copytree(rootdir / "test-speed", src)
    out, doctrees = base / "cold", base / "doctrees"
    _build(src, out, doctrees)
    return src, out, doctrees


def _cache_entries(doctrees: Path) -> list[Path]:
    return sorted((doctrees / FOLDER).rglob("*.json"))


def test_cold_build_fills_the_render_cache(cold_build):
    _src, out, doctrees = cold_build
    entries = _cache_entries(doctrees)
    # Three notes: inline formulas, a display formula each, the shared \frac{1}{2};
    # HTML pages and MathML for the feed.
    assert len(entries) >= 10
    html, error = json.loads(entries[0].read_text(encoding="utf-8"))
    assert error is None and "katex" in html
    post = (out / "posts" / "note-2.html").read_text(encoding="utf-8")
    assert 'class="katex"' in post and "mermaid" in post and "<svg" in post


def test_warm_cache_gives_byte_identical_pages(cold_build, tmp_path):
    """A clean output folder with the cache of the earlier build (and -j 2): the same bytes."""
    src, cold_out, doctrees = cold_build
    before = _cache_entries(doctrees)
    warm_out = tmp_path / "warm"
    _build(src, warm_out, doctrees, jobs="2")
    _assert_same(_outputs(cold_out), _outputs(warm_out))
    assert _cache_entries(doctrees) == before  # every formula came from the cache


def test_warm_build_reads_its_formulas_from_the_cache(cold_build, tmp_path):
    """Guards the test above: a planted entry shows up, so the warm build did use the cache."""
    src, _out, doctrees = cold_build
    planted_doctrees = tmp_path / "doctrees"
    shutil.copytree(doctrees / FOLDER, planted_doctrees / FOLDER)
    for entry in _cache_entries(planted_doctrees):
        html, error = json.loads(entry.read_text(encoding="utf-8"))
        if html and "frac" in html and "1" in html and 'class="katex"' in html:
            entry.write_text(json.dumps([html.replace('class="katex"', 'class="katex planted"'), error]))
    out = tmp_path / "html"
    _build(src, out, planted_doctrees)
    assert "katex planted" in (out / "posts" / "note-1.html").read_text(encoding="utf-8")


def test_mermaid_scripts_and_search_index_unchanged(cold_build, tmp_path):
    """Compiling mermaid's templates once, memoizing stems and asset tags changes no output byte."""
    src, optimised, _doctrees = cold_build
    plain = tmp_path / "html"
    _build(src, plain, tmp_path / "doctrees", unoptimised=True)
    outputs = _outputs(plain)
    assert "searchindex.js" in outputs
    assert b"nb-mermaid.js" in outputs["posts/note-1.html"]  # the chart page's mermaid script
    _assert_same(_outputs(optimised), outputs)


@pytest.mark.sphinx("html", testroot="speed")
def test_mermaid_templates_compile_once_and_stems_once(app):
    from sphinx_notebook.bundle.mermaid_pages import ChartPageScripts
    from sphinx_notebook.bundle.search_stems import StemMemo

    app.build()
    wrappers = listeners_of(app, "html-page-context", ChartPageScripts)
    assert len(wrappers) == 1
    chart_pages = [p for p in Path(app.outdir).rglob("*.html") if "nb-mermaid.js" in p.read_text("utf-8")]
    assert len(chart_pages) == 3
    # sphinxcontrib-mermaid makes three templates per chart page: nine compiles without the cache.
    assert wrappers[0].templates.compiles == 3
    stem = app.builder.indexer.lang.stem
    assert isinstance(stem, StemMemo)
    assert stem.computed > 0


def test_key_depends_on_every_input(tmp_path):
    cache = RenderCache(tmp_path)
    asset = tmp_path / "katex.min.js"
    asset.write_text("v1")
    item = ["x^2", {"displayMode": False, "macros": {}}]
    base = cache.key("katex", "js", [asset], item)
    assert base == cache.key("katex", "js", [asset], ["x^2", {"macros": {}, "displayMode": False}])
    assert base != cache.key("katex", "js", [asset], ["x^2", {"displayMode": True, "macros": {}}])
    assert base != cache.key("katex", "js", [asset], ["x^2", {"displayMode": False, "macros": {"\\R": "R"}}])
    assert base != cache.key("katex", "other js", [asset], item)
    assert base != cache.key("mathjax", "js", [asset], item)
    fresh = RenderCache(tmp_path)  # a new build reads the vendored script again
    asset.write_text("v2")
    assert base != fresh.key("katex", "js", [asset], item)


def test_batch_renders_only_misses_and_survives_damaged_entries(tmp_path):
    cache = RenderCache(tmp_path)
    calls: list[list[str]] = []

    def render(todo):
        calls.append(list(todo))
        return [[f"<b>{item}</b>", None] for item in todo]

    assert cache.batch("t", ["a", "b"], render, salt="s") == [["<b>a</b>", None], ["<b>b</b>", None]]
    assert cache.batch("t", ["b", "c"], render, salt="s") == [["<b>b</b>", None], ["<b>c</b>", None]]
    assert calls == [["a", "b"], ["c"]]
    damaged = cache.path("t", cache.key("t", "s", [], "a"))
    damaged.write_text('["<b>a</b>", nu')  # a writer that died mid-file
    assert cache.batch("t", ["a"], render, salt="s") == [["<b>a</b>", None]]
    assert json.loads(damaged.read_text()) == ["<b>a</b>", None]  # repaired
    assert cached_batch("t", ["z"], render, salt="s") == [["<b>z</b>", None]]  # no build: no cache


def test_trim_removes_the_oldest_entries_first(tmp_path):
    for index in range(10):
        path = tmp_path / "ns" / f"{index}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"x" * 100)
        os.utime(path, (1000 + index, 1000 + index))
    assert trim([tmp_path, tmp_path / "missing"], 2000) == 0
    removed = trim([tmp_path], 800)
    assert removed == 4  # down to three quarters of the bound: 600 bytes
    assert sorted(p.name for p in (tmp_path / "ns").iterdir()) == [f"{i}.json" for i in range(4, 10)]


@pytest.mark.sphinx("html", testroot="speed")
def test_asset_tags_are_made_once_per_folder(app):
    """Sphinx resolves each linked file's path on every page; the memo makes each tag once per folder."""
    from sphinx_notebook.bundle.asset_tags import AssetTagMemo

    app.build()
    listeners = app.events.listeners["html-page-context"]
    owners = [getattr(listener.handler, "__self__", None) for listener in listeners]
    memos = [owner for owner in owners if isinstance(owner, AssetTagMemo)]
    assert len(memos) == 1
    top = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    post = (Path(app.outdir) / "posts" / "note-1.html").read_text(encoding="utf-8")
    assert 'href="_static/' in top and 'href="../_static/' in post  # each page links from where it is
    assert 'href="../_static/' not in top and 'href="_static/' not in post
    pages = len(list(Path(app.outdir).rglob("*.html")))
    tags_per_page = top.count("<script") + top.count('<link rel="stylesheet"')
    assert 0 < memos[0].made < pages * tags_per_page / 2
