"""Do once in the main process what every forked ``-j N`` worker would do again.

Sphinx forks a new worker for every chunk of documents: 15 readers and 10
writers at 1,000 posts with ``-j 2``. Whatever a worker sets up lazily (a
module imported on first use, a lexer's regular expressions compiled on
first use) is set up again in each of them and lost when it exits, while a
worker inherits for free whatever the main process did before forking it.
So, only in the main process of a parallel build:

- before the readers fork, import the diagram renderer and Python's
  ``strptime`` machinery, and load rough.js and KaTeX into the QuickJS
  engine (a forked reader adopts its copy, see ``jsengine``; KaTeX alone
  costs about 30 ms and 6 MB), which every reader otherwise did again for its
  first diagram, formula and post date;
- while the main process resolves pages for the writers, create the Pygments
  lexer of each language it meets in a code block, so its class compiles its
  regular expressions once, before the writers that highlight it fork.

Nothing here changes what is built; a serial build does none of it.
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

NOT_LEXERS = frozenset({"none", "text", "default", "guess", ""})


class WorkerWarmup:
    """What the main process of one parallel build has prepared for its workers."""

    def __init__(self) -> None:
        self.main_pid = os.getpid()
        self.parallel = False
        self.languages: set[str] = set()

    def builder_inited(self, app: Sphinx) -> None:
        self.main_pid = os.getpid()
        self.parallel = app.parallel > 1
        self.languages = set()

    def _in_parallel_main(self) -> bool:
        return self.parallel and os.getpid() == self.main_pid

    def before_reading(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """``env-before-read-docs``: import what each reader would import."""
        if not self._in_parallel_main() or len(docnames) < 2:
            return
        if "sphinx_notebook.diagram" in app.extensions:
            import sphinx_notebook.diagram.render  # noqa: F401  (rough.js's Python side)
        load_scripts(app)
        datetime.datetime.strptime("2000-01-02", "%Y-%m-%d")  # imports _strptime

    def resolved(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """``doctree-resolved``: compile the lexers of this page's code blocks in the main process."""
        if not self._in_parallel_main():
            return
        from docutils.nodes import literal_block  # not at import: the CLI imports this package

        for block in doctree.findall(literal_block):
            language = block.get("language") or ""
            if language not in self.languages:
                self.languages.add(language)
                compile_lexer(language)


def load_scripts(app: Sphinx) -> list[str]:
    """Load rough.js and KaTeX into this process's QuickJS engine (the readers adopt it); which."""
    from sphinx_notebook.jsengine import get_engine

    scripts = []
    if "sphinx_notebook.diagram" in app.extensions and app.builder.format == "html":
        scripts.append("roughjs/rough.js")
    if getattr(app.builder, "math_renderer_name", None) == "katex":
        from sphinx_notebook.math.katex import KATEX_SCRIPT

        scripts.append(KATEX_SCRIPT)
    for script in scripts:
        get_engine().load_vendor(script)
    return scripts


def compile_lexer(language: str) -> bool:
    """Create the Pygments lexer for ``language`` (its class compiles its patterns); False if none."""
    if language in NOT_LEXERS:
        return False
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return True


def setup_worker_warmup(app: Sphinx) -> None:
    warmup = WorkerWarmup()
    app.connect("builder-inited", warmup.builder_inited)
    app.connect("env-before-read-docs", warmup.before_reading)
    app.connect("doctree-resolved", warmup.resolved)
