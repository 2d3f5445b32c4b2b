"""A content-addressed cache of build-time renderings (KaTeX formulas) beside the doctrees.

Rendering a formula with KaTeX in QuickJS costs about a millisecond, and a
site renders the same formulas on every clean build. This cache keeps each
rendering in ``<doctreedir>/notebook-render-cache/<renderer>/`` under the
sha256 of everything the output depends on: the renderer's input and options
as the engine receives them (TeX, display mode, output format, macros, every
KaTeX option), the JavaScript that calls the renderer, the bytes of the
vendored script (so a KaTeX upgrade misses) and this module's format version.
A hit is the exact text the renderer returned, so pages are byte-identical
to a build without the cache.

Forked ``-j N`` workers inherit the build's cache; the KaTeX helper process
gets its folder through ``SPHINX_NOTEBOOK_RENDER_CACHE``. Safe under ``-j N``
and concurrent builds: an entry is created exclusively
(``O_EXCL``) and only ever holds one value, so two writers of the same key
write the same bytes and the second backs off; a reader that catches an
entry half written, or a damaged one, sees invalid JSON and renders again.
The cache is bounded: at the end of each build, when it (with the diagram
cache in ``notebook-diagrams/``) holds more than ``MAX_BYTES``, the oldest
entries go until it is back under three quarters of that.

To clear it, delete the folder (``rm -rf _build/doctrees/notebook-render-cache``),
or the doctrees folder as ``make clean`` does. Nothing in this module imports
Sphinx at run time; :func:`setup` makes it an extension the math part loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

FOLDER = "notebook-render-cache"
DIAGRAM_FOLDER = "notebook-diagrams"
FORMAT_VERSION = "1"
ENVIRONMENT_VARIABLE = "SPHINX_NOTEBOOK_RENDER_CACHE"
MAX_BYTES = 256 * 1024 * 1024
"""Bound on the render and diagram caches of one doctrees folder together."""


class RenderCache:
    """Renderings as JSON files, one per key, in one folder."""

    def __init__(self, folder: Path, *, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._asset_digests: dict[Path, str] = {}
        self._lock = threading.Lock()

    def key(self, namespace: str, salt: str, assets: Sequence[Path], item: Any) -> str:
        """sha256 of the format version, renderer, salt, asset bytes and the item as JSON."""
        digest = hashlib.sha256()
        parts = (FORMAT_VERSION, namespace, salt, *(self._asset_digest(path) for path in assets))
        for part in (*parts, json.dumps(item, sort_keys=True, ensure_ascii=False)):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()

    def _asset_digest(self, path: Path) -> str:
        with self._lock:
            found = self._asset_digests.get(path)
            if found is None:
                found = self._asset_digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            return found

    def path(self, namespace: str, key: str) -> Path:
        return self.folder / namespace / key[:2] / f"{key}.json"

    def get(self, namespace: str, key: str) -> Any | None:
        """The stored value, or None when missing, half written or unreadable."""
        try:
            with open(self.path(namespace, key), "rb") as stream:
                return json.loads(stream.read())
        except (OSError, ValueError):
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Store ``value`` unless the key exists; a cache that cannot be written only costs speed."""
        path = self.path(namespace, key)
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            try:
                handle = os.open(path, flags, 0o644)
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                handle = os.open(path, flags, 0o644)
        except FileExistsError:
            self._repair(path, data)
            return
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        except OSError:
            path.unlink(missing_ok=True)

    def _repair(self, path: Path, data: bytes) -> None:
        """Replace an entry that does not parse (a crash mid-write), atomically."""
        try:
            json.loads(path.read_bytes())
            return
        except ValueError:
            pass
        except OSError:
            return
        temporary = path.with_name(f".{path.stem}-{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError:
            temporary.unlink(missing_ok=True)

    def batch(
        self,
        namespace: str,
        items: Sequence[Any],
        render: Callable[[list[Any]], Sequence[Any]],
        *,
        salt: str,
        assets: Sequence[Path] = (),
    ) -> list[Any]:
        """``render(items)``, rendering only the items not stored yet, and storing those."""
        keys = [self.key(namespace, salt, assets, item) for item in items]
        results = [self.get(namespace, key) for key in keys]
        missing = [index for index, found in enumerate(results) if found is None]
        if missing:
            fresh = render([items[index] for index in missing])
            for index, value in zip(missing, fresh, strict=True):
                results[index] = value
                self.put(namespace, keys[index], value)
        return results


def trim(folders: Sequence[Path], max_bytes: int) -> int:
    """Delete the oldest files under ``folders`` while they hold over ``max_bytes``; return how many.

    Trims to three quarters of the bound, so a full cache is not trimmed on
    every build. A file another build removes first is simply skipped.
    """
    entries: list[tuple[float, int, str]] = []
    total = 0
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                entries.append((status.st_mtime, status.st_size, path))
                total += status.st_size
    if total <= max_bytes:
        return 0
    removed = 0
    for _mtime, size, path in sorted(entries):
        if total <= max_bytes * 3 // 4:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


class _ActiveCache:
    """The cache this process renders through during a build (inherited by forked workers)."""

    def __init__(self) -> None:
        self.cache: RenderCache | None = None
        self.owner_pid: int | None = None


_active = _ActiveCache()


def active() -> RenderCache | None:
    """The cache of the build running in this process (or its parent), if any."""
    return _active.cache


def cached_batch(
    namespace: str,
    items: Sequence[Any],
    render: Callable[[list[Any]], Sequence[Any]],
    *,
    salt: str,
    assets: Sequence[Path] = (),
) -> list[Any]:
    """Render ``items`` through the active cache, or directly when no build is running."""
    cache = active()
    if cache is None:
        return list(render(list(items)))
    return cache.batch(namespace, items, render, salt=salt, assets=assets)


def helper_environment() -> dict[str, str]:
    """Environment variables that hand the active cache to a helper process (empty when none)."""
    cache = active()
    return {} if cache is None else {ENVIRONMENT_VARIABLE: str(cache.folder)}


def use_cache_from_environment() -> None:
    """In a helper process: render through the cache its build named (see ``helper_environment``)."""
    folder = os.environ.get(ENVIRONMENT_VARIABLE)
    if folder:
        _active.cache = RenderCache(Path(folder))
        _active.owner_pid = None  # the build that started the helper trims the cache


def cache_folder(doctreedir: str | os.PathLike[str]) -> Path:
    """Where one build keeps its render cache."""
    return Path(doctreedir) / FOLDER


def start_build(app: Sphinx) -> None:
    """``builder-inited``: render through the cache beside this build's doctrees."""
    _active.cache = RenderCache(cache_folder(app.doctreedir))
    _active.owner_pid = os.getpid()


def finish_build(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: keep the caches under their bound; stop rendering through them."""
    cache = _active.cache
    if cache is None or _active.owner_pid != os.getpid():
        return
    _active.cache = _active.owner_pid = None
    trim([cache.folder, Path(app.doctreedir) / DIAGRAM_FOLDER], cache.max_bytes)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Loaded by the math part: formulas render through the cache in every build."""
    app.connect("builder-inited", start_build)
    app.connect("build-finished", finish_build, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
