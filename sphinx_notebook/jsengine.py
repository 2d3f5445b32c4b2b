"""One JavaScript engine per process, for the JavaScript we run at build time.

rough.js (diagram strokes) and KaTeX (math) run inside an embedded engine,
so a build needs no Node: QuickJS through dukpy (a dependency), or V8
through mini-racer when the ``v8`` extra is installed (about four times
faster on KaTeX; both give the same text). Creating a context and loading a
library costs tens of milliseconds, so each process keeps one engine and
loads each script once. The engine remembers the process that made it. A
forked ``-j N`` worker that inherits its parent's QuickJS engine adopts its
copy, with the scripts the parent loaded (QuickJS is plain memory, copied on
fork): the main process loads KaTeX and rough.js once before the readers
fork, instead of each of 15 readers loading them again. An inherited V8
engine is never used; the worker makes a QuickJS one.

V8 is not fork-safe: a process that forks after V8 started hangs when it
exits. Sphinx forks its ``-j N`` workers from the main process, and
``sphinx-autobuild`` builds again in the same process, so V8 runs only in
processes that promise never to fork (:func:`allow_v8_in_this_process`: the
KaTeX helper of :mod:`sphinx_notebook.math.prefetch`); everywhere else the
engine is QuickJS. ``SPHINX_NOTEBOOK_JS_ENGINE=quickjs`` turns V8 off.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent


def vendored_file(relative_path: str) -> Path:
    """A vendored file, found in the part that ships it (``<part>/static/vendor/``)."""
    for root in sorted(PACKAGE_DIR.glob("*/static/vendor")):
        candidate = root / relative_path
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no vendored file {relative_path!r} in sphinx_notebook")


ENGINE_VARIABLE = "SPHINX_NOTEBOOK_JS_ENGINE"
QUICKJS = "quickjs"
V8 = "v8"


class JSError(RuntimeError):
    """A script raised inside the engine; the message is the JavaScript error."""


class _QuickJS:
    """dukpy's QuickJS: keyword arguments arrive as ``dukpy.<name>``, results as JSON."""

    name = QUICKJS

    def __init__(self) -> None:
        import dukpy

        self._dukpy = dukpy
        self._interpreter = dukpy.JSInterpreter()

    def run(self, code: str, variables: dict[str, Any]) -> Any:
        try:
            return self._interpreter.evaljs(code, **variables)
        except self._dukpy.JSRuntimeError as error:
            raise JSError(str(error)) from None


class _V8:
    """mini-racer's V8, called the way dukpy is: a ``dukpy`` global, results through JSON."""

    name = V8

    def __init__(self) -> None:
        import py_mini_racer

        self._errors = (py_mini_racer.JSEvalException,)
        self._context = py_mini_racer.MiniRacer()

    def run(self, code: str, variables: dict[str, Any]) -> Any:
        # Indirect eval runs ``code`` in the global scope, as dukpy does.
        script = (
            f"var dukpy = {to_js(variables)};"
            f"(function () {{ var r = (0, eval)({to_js(code)});"
            " return r === undefined ? 'null' : JSON.stringify(r); })()"
        )
        try:
            return json.loads(str(self._context.eval(script)))
        except self._errors as error:
            raise JSError(str(error)) from None


def v8_available() -> bool:
    """Whether the ``v8`` extra (mini-racer) is installed."""
    import importlib.util

    return importlib.util.find_spec("py_mini_racer") is not None


def _backend_name(v8_allowed: bool) -> str:
    if not v8_allowed or os.environ.get(ENGINE_VARIABLE, "").strip().lower() == QUICKJS:
        return QUICKJS
    return V8 if v8_available() else QUICKJS


class JSEngine:
    """A JavaScript context with named scripts loaded at most once."""

    def __init__(self, backend: str = QUICKJS) -> None:
        self._backend = _V8() if backend == V8 else _QuickJS()
        self._loaded: set[str] = set()
        self._lock = threading.Lock()
        self.pid = os.getpid()

    @property
    def backend(self) -> str:
        """``"quickjs"`` or ``"v8"``."""
        return self._backend.name

    def adopt(self) -> None:
        """Make this forked process's copy of the engine its own (a fresh lock, this pid)."""
        self._lock = threading.Lock()
        self.pid = os.getpid()

    def load(self, name: str, source: str) -> None:
        """Evaluate ``source`` once under ``name`` (later calls do nothing)."""
        with self._lock:
            if name in self._loaded:
                return
            self._run(source + "\n;null")
            self._loaded.add(name)

    def load_vendor(self, relative_path: str) -> None:
        """Load a vendored script, e.g. ``"katex/katex.min.js"``."""
        if relative_path not in self._loaded:
            self.load(relative_path, vendored_file(relative_path).read_text(encoding="utf-8"))

    def call(self, function: str, *args: Any) -> Any:
        """Call a global JavaScript function with JSON-able arguments."""
        with self._lock:
            return self._run(f"{function}.apply(null, dukpy.args)", args=list(args))

    def evaluate(self, code: str, **variables: Any) -> Any:
        """Evaluate ``code``; keyword arguments are visible as ``dukpy.<name>``."""
        with self._lock:
            return self._run(code, **variables)

    def _run(self, code: str, **variables: Any) -> Any:
        return self._backend.run(code, variables)


class _EngineHolder:
    """Holds this process's engine; replaced after a fork."""

    def __init__(self) -> None:
        self._engine: JSEngine | None = None
        self.v8_allowed_in: int | None = None
        self._lock = threading.Lock()

    def get(self) -> JSEngine:
        with self._lock:
            engine = self._engine
            if engine is not None and engine.pid != os.getpid():
                if engine.backend == QUICKJS:
                    engine.adopt()  # inherited through fork: this process's own copy
                else:
                    engine = None  # V8 does not survive a fork
            if engine is None:
                engine = self._engine = JSEngine(_backend_name(self.v8_allowed_in == os.getpid()))
            return engine


_holder = _EngineHolder()


def allow_v8_in_this_process() -> None:
    """Let this process's engine be V8 (when installed): call only where nothing forks afterwards."""
    _holder.v8_allowed_in = os.getpid()


def get_engine() -> JSEngine:
    """Return this process's engine, creating it on first use."""
    return _holder.get()


def to_js(value: Any) -> str:
    """A JavaScript literal for a JSON-able Python value."""
    return json.dumps(value, ensure_ascii=False)
