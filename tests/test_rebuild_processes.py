"""What rebuilds start and import, each in its own process as ``sphinx-build`` runs.

A one-post rebuild whose formulas are all in the render cache starts no KaTeX
(no evaluation, no helper process); a no-op rebuild imports no diagram
schema or SVG sanitizer. No in-process memo hides the work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOTS = Path(__file__).parent / "roots"
COUNTING = textwrap.dedent(
    """
    import atexit, sys
    import sphinx_notebook.math.katex as katex
    import sphinx_notebook.math.prefetch as prefetch
    counts = {"evaluations": 0, "helpers": 0}
    evaluate, helper = katex._evaluate, prefetch._Helper.__init__
    def counted_evaluate(items):
        counts["evaluations"] += 1
        return evaluate(items)
    def counted_helper(self):
        counts["helpers"] += 1
        helper(self)
    katex._evaluate, prefetch._Helper.__init__ = counted_evaluate, counted_helper
    atexit.register(lambda: print("COUNTS", counts["evaluations"], counts["helpers"]))
    ours = lambda: sorted(name for name in sys.modules if name.startswith("sphinx_notebook"))
    atexit.register(lambda: print("MODULES", *ours()))
    from sphinx.cmd.build import main
    sys.exit(main(sys.argv[1:]))
    """
)


def build(srcdir: Path, modules: list[str] | None = None) -> tuple[int, int]:
    """(KaTeX evaluations, helper processes) of one build; ``modules`` gets our modules it imported."""
    out, doctrees = srcdir / "_build" / "html", srcdir / "_build" / "doctrees"
    cmd = [sys.executable, "-c", COUNTING, "-q", "-b", "html", "-d", str(doctrees), str(srcdir), str(out)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780000000"}
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    counts = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("COUNTS")]
    evaluations, helpers = counts[-1]
    if modules is not None:
        modules += [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("MODULES")][-1]
    return int(evaluations), int(helpers)


def test_an_edit_without_new_formulas_renders_none(tmp_path):
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-noop", srcdir)
    evaluations, helpers = build(srcdir)
    assert evaluations + helpers > 0  # the first build renders its formulas somewhere
    beta = srcdir / "posts" / "beta.md"
    beta.write_text(beta.read_text(encoding="utf-8") + "\nA sentence more, no formula.\n", encoding="utf-8")
    assert build(srcdir) == (0, 0)
    beta.write_text(beta.read_text(encoding="utf-8") + "\nAnd $y^3$, a new formula.\n", encoding="utf-8")
    evaluations, helpers = build(srcdir)
    assert evaluations + helpers > 0
    page = (srcdir / "_build" / "html" / "posts" / "beta.html").read_text(encoding="utf-8")
    assert "A sentence more" in page and page.count('class="katex"') >= 2


def test_a_noop_rebuild_imports_no_diagram_schema(tmp_path):
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-noop", srcdir)
    (srcdir / "posts" / "gamma.md").write_text(
        "---\nblogpost: true\ndate: 2025-03-10\n---\n# Gamma boxes\n\n"
        '```{diagram}\n{"alt": "one box", "blocks": [{"id": "a", "kind": "box", "label": "A"}]}\n```\n',
        encoding="utf-8",
    )
    first: list[str] = []
    build(srcdir, first)
    assert "sphinx_notebook.diagram.schema" in first  # reading the diagram checked it
    again: list[str] = []
    build(srcdir, again)
    assert "sphinx_notebook.diagram.schema" not in again
    assert "sphinx_notebook.diagram.svg_editors" not in again
    assert "<svg" in (srcdir / "_build" / "html" / "posts" / "gamma.html").read_text(encoding="utf-8")
