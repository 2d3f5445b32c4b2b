"""The JavaScript engines: V8 (the ``v8`` extra) and QuickJS give the same text; V8 only where safe.

Each check runs in a fresh interpreter, because the engine is per process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sphinx_notebook.jsengine import ENGINE_VARIABLE, v8_available

pytestmark = pytest.mark.skipif(not v8_available(), reason="needs the v8 extra (mini-racer)")

EXAMPLES = Path(__file__).parent / "diagram_examples"

RENDER_ALL = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from sphinx_notebook.jsengine import allow_v8_in_this_process, get_engine
    from sphinx_notebook.math import katex
    from sphinx_notebook.diagram import render
    if sys.argv[2] == "v8":
        allow_v8_in_this_process()
    formulas = [r"\\frac{a_%d}{b} + \\sqrt[3]{x^{%d}} \\int_0^1 f\\,dx" % (i, i) for i in range(40)]
    formulas += [r"\\begin{aligned} a &= b \\\\ c &\\le \\tfrac12 \\end{aligned}", r"\\bad{", "x^"]
    out = {"engine": get_engine().backend}
    out["html"] = katex.render_many([katex.cache_key(f, True) for f in formulas])
    out["mathml"] = katex.render_many([katex.cache_key(f, False, {"\\\\R": "\\\\mathbb{R}"}, katex.MATHML)
                                       for f in formulas])
    for path in sorted(Path(sys.argv[1]).glob("*.json")):
        out[path.name] = render.render_svg(json.loads(path.read_text()), seed=3, roughness=1.0)
    print(json.dumps(out), flush=True)
    os._exit(0)  # as the render helper does: V8's teardown can hang in a process that forked
    """
)


def _run(script: str, engine: str, *args: str) -> dict:
    env = {**os.environ, ENGINE_VARIABLE: engine}
    command = [sys.executable, "-c", script, *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_v8_and_quickjs_render_the_same_text():
    quickjs = _run(RENDER_ALL, "", str(EXAMPLES), "quickjs")
    v8 = _run(RENDER_ALL, "", str(EXAMPLES), "v8")
    assert (quickjs.pop("engine"), v8.pop("engine")) == ("quickjs", "v8")
    assert len(v8) > 3 and v8["html"][-1][0] is None  # errors come back as errors
    assert quickjs == v8


CHOICE = textwrap.dedent(
    """
    import json, os
    from sphinx_notebook.jsengine import allow_v8_in_this_process, get_engine
    first = get_engine().backend
    allow_v8_in_this_process()
    pid = os.fork()
    if pid == 0:  # a forked child was not allowed V8 itself
        os._exit(0 if get_engine().backend == "quickjs" else 1)
    _, status = os.waitpid(pid, 0)
    print(json.dumps([first, os.waitstatus_to_exitcode(status), get_engine().backend]), flush=True)
    os._exit(0)  # as the render helper does: V8's teardown can hang in a process that forked
    """
)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork only")
def test_v8_only_where_allowed():
    """A process that may fork (Sphinx's main process, -j workers) keeps QuickJS."""
    assert _run(CHOICE, "") == ["quickjs", 0, "quickjs"]  # the engine of a process is made once
    script = CHOICE.replace("first = get_engine().backend", "first = 'none'")
    assert _run(script, "") == ["none", 0, "v8"]
    assert _run(script, "quickjs") == ["none", 0, "quickjs"]  # the variable turns V8 off


def test_a_build_with_the_v8_helper_is_byte_identical_and_exits(rootdir, tmp_path):
    """A serial build renders its formulas in the helper (V8 when installed); QuickJS gives the same."""
    outputs = []
    for engine in ("", "quickjs"):
        src = tmp_path / f"site-{engine or 'v8'}"
        shutil.copytree(rootdir / "test-speed", src)
        env = {**os.environ, ENGINE_VARIABLE: engine, "SOURCE_DATE_EPOCH": "1780000000"}
        out = src / "_build" / "html"
        cmd = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(src), str(out)]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")})
    assert 'class="katex"' in outputs[0]["posts/note-1.html"].decode()
    assert outputs[0] == outputs[1]
