"""Mermaid charts outside HTML: their source, not a missing picture, when mmdc is absent."""

from __future__ import annotations

import shutil

import pytest


@pytest.mark.skipif(shutil.which("mmdc") is not None, reason="the mermaid CLI renders the chart itself")
@pytest.mark.sphinx("latex", testroot="theme")
def test_latex_shows_chart_source_without_mmdc(app, warning):
    app.build()
    tex = "\n".join(p.read_text(encoding="utf-8") for p in app.outdir.glob("*.tex"))
    assert "mmdc" not in warning.getvalue()
    assert "\\begin{sphinxVerbatim}" in tex
    assert "flowchart" in tex or "graph" in tex
