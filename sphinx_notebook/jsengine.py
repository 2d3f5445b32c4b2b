"""One QuickJS engine per process, for the JavaScript we run at build time.

rough.js (diagram strokes) and KaTeX (math) run inside dukpy's QuickJS, so a
build needs no Node. Creating a context and loading a library costs tens of
milliseconds, so each process keeps one engine and loads each script once.
The engine remembers the process that made it: a forked ``-j N`` worker that
inherits its parent's engine makes a fresh one instead of sharing it.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import dukpy

PACKAGE_DIR = Path(__file__).parent


def vendored_file(relative_path: str) -> Path:
    """A vendored file, found in the part that ships it (``<part>/static/vendor/``)."""
    for root in sorted(PACKAGE_DIR.glob("*/static/vendor")):
        candidate = root / relative_path
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no vendored file {relative_path!r} in sphinx_notebook")


class JSError(RuntimeError):
    """A script raised inside the engine; the message is the JavaScript error."""


class JSEngine:
    """A QuickJS context with named scripts loaded at most once."""

    def __init__(self) -> None:
        self._interpreter = dukpy.JSInterpreter()
        self._loaded: set[str] = set()
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
        try:
            return self._interpreter.evaljs(code, **variables)
        except dukpy.JSRuntimeError as error:
            raise JSError(str(error)) from None


class _EngineHolder:
    """Holds this process's engine; replaced after a fork."""

    def __init__(self) -> None:
        self._engine: JSEngine | None = None
        self._lock = threading.Lock()

    def get(self) -> JSEngine:
        with self._lock:
            if self._engine is None or self._engine.pid != os.getpid():
                self._engine = JSEngine()
            return self._engine


_holder = _EngineHolder()


def get_engine() -> JSEngine:
    """Return this process's engine, creating it on first use."""
    return _holder.get()


def to_js(value: Any) -> str:
    """A JavaScript literal for a JSON-able Python value."""
    return json.dumps(value, ensure_ascii=False)
