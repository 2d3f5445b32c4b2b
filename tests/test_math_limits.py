"""No size limit and no silent loss: huge pages, engine failures (issue 12)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

from sphinx_notebook.jsengine import JSError
from sphinx_notebook.math import katex

FORMULAS = 12_000


def content_warnings(text: str) -> list[str]:
    """Warnings about the site, without the notices an earlier Sphinx app in this
    process can leave (docutils keeps node classes registered process-wide)."""
    return [line for line in text.splitlines() if "WARNING" in line and "[app.add_node]" not in line]


def _huge_site(srcdir: Path) -> None:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_notebook"]\nhtml_theme = "sphinx_notebook"\n')
    (srcdir / "index.md").write_text("# Index\n\n```{toctree}\nhuge\nsmall\n```\n")
    (srcdir / "small.md").write_text("# Small\n\n$a + b$\n")
    # distinct formulas (nothing comes from the cache), ten to a paragraph
    lines = ["# Huge", ""]
    for start in range(0, FORMULAS, 10):
        lines.append(" ".join(f"${{x_{{{n}}}}}^{{2}} + \\alpha_{{{n}}}$" for n in range(start, start + 10)))
        lines.append("")
    (srcdir / "huge.md").write_text("\n".join(lines))


@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_twelve_thousand_formulas_on_one_page_all_render(make_app, tmp_path, parallel):
    srcdir = tmp_path / "site"
    _huge_site(srcdir)
    warning = StringIO()
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel, warning=warning)
    app.build()
    page = (app.outdir / "huge.html").read_text(encoding="utf-8")
    assert page.count('<span class="math nb-math">') == FORMULAS
    assert "nb-math-error" not in page
    assert content_warnings(warning.getvalue()) == []


class _FailingEngine:
    """An engine that runs out of memory on any batch holding the poison formula beside others."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def load_vendor(self, path: str) -> None:
        pass

    def load(self, name: str, source: str) -> None:
        pass

    def evaluate(self, code: str, items: list[list[object]]) -> list[list[str | None]]:
        self.calls.append(len(items))
        if any(item[0] == "poison" for item in items):
            raise JSError("InternalError: out of memory\n    at <eval>")
        return [[f"<b>{item[0]}</b>", None] for item in items]


def test_an_engine_failure_costs_only_the_formula_that_causes_it(monkeypatch):
    engine = _FailingEngine()
    monkeypatch.setattr(katex, "get_engine", lambda: engine)
    keys = [katex.cache_key(tex, False) for tex in ["a", "b", "poison", "c", "d"]]
    results = katex._render_batch(keys)  # KaTeX's pass alone (MathJax would then retry "poison")
    assert results == [
        ("<b>a</b>", None),
        ("<b>b</b>", None),
        (None, "InternalError: out of memory"),
        ("<b>c</b>", None),
        ("<b>d</b>", None),
    ]
    assert engine.calls[0] == 5 and max(engine.calls[1:]) < 5  # halved and retried


def test_batches_stay_small_however_many_formulas_come(monkeypatch):
    engine = _FailingEngine()
    monkeypatch.setattr(katex, "get_engine", lambda: engine)
    katex.render_many([katex.cache_key(f"x_{n}", False) for n in range(katex.BATCH_SIZE * 3 + 1)])
    assert engine.calls == [katex.BATCH_SIZE] * 3 + [1]
