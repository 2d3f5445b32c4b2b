"""The garbage collector: Sphinx's builders under -j N, no freeze left after a build, frozen at exit."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"


def make(make_app, tmp_path: Path, builder: str, parallel: int):
    srcdir = tmp_path / f"{builder}-{parallel}"
    shutil.copytree(ROOTS / "test-blog", srcdir)
    return make_app(builder, srcdir=srcdir, freshenv=True, parallel=parallel, warningiserror=True)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("parallel", [0, 2])
def test_builders_stay_sphinx_own(make_app, tmp_path, builder, parallel):
    """rediraffe and other extensions check type(app.builder): it must be Sphinx's class."""
    from sphinx.builders.dirhtml import DirectoryHTMLBuilder
    from sphinx.builders.html import StandaloneHTMLBuilder

    app = make(make_app, tmp_path, builder, parallel=parallel)
    expected = StandaloneHTMLBuilder if builder == "html" else DirectoryHTMLBuilder
    assert type(app.builder) is expected
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ""
    page = "posts/first.html" if builder == "html" else "posts/first/index.html"
    assert "Gradient descent" in (app.outdir / page).read_text(encoding="utf-8")


def test_nothing_stays_frozen_after_a_parallel_build(make_app, tmp_path):
    before = gc.get_freeze_count()
    app = make(make_app, tmp_path, "html", parallel=2)
    app.build()
    assert app.statuscode == 0
    assert gc.get_freeze_count() == before


@pytest.mark.parametrize("parallel", [0, 2])
def test_start_up_objects_are_frozen_during_the_build_and_released_after(make_app, tmp_path, parallel):
    """Full collections skip what start-up loaded; nothing stays frozen once the build is done."""
    gc.unfreeze()  # whatever an earlier test in this worker left
    app = make(make_app, tmp_path, "html", parallel=parallel)
    during: list[int] = []
    app.connect("env-updated", lambda app, env: during.append(gc.get_freeze_count()))
    app.build()
    assert app.statuscode == 0
    assert during and during[0] > 10_000  # the modules and registries loaded before the builder
    assert gc.get_freeze_count() == 0


def test_the_heap_is_frozen_at_exit_once_whatever_the_number_of_apps():
    # Registered first, the reporting handler runs last: after ours, before Python's final collection.
    script = (
        "import atexit, gc\n"
        "calls, freeze = [], gc.freeze\n"
        "gc.freeze = lambda: (calls.append(1), freeze())\n"
        "atexit.register(lambda: print(len(calls), gc.get_freeze_count() > 0))\n"
        "from sphinx_notebook.collector_freeze import freeze_at_exit\n"
        "for _ in range(3):\n"
        "    freeze_at_exit()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["1", "True"]
