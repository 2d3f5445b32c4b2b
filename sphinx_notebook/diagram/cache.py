"""A rendered-diagram cache on disk, so unchanged diagrams are not redrawn on rebuilds.

Entries live in ``<doctreedir>/notebook-diagrams/`` (removed with the doctrees
by ``make clean``), one file per key. The key is a sha256 of everything the
output depends on: the canonical JSON, seed, roughness, renderer version, the
output format and the title/alt text. Files are written to a temporary name
and renamed into place, so ``-j N`` writer processes never see half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FOLDER = "notebook-diagrams"


def canonical_json(spec: Any) -> str:
    """One spelling per document: sorted keys, no whitespace, real Unicode."""
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def cache_key(output: str, canonical: str, *parts: object) -> str:
    """sha256 of the output format, the canonical JSON and every other input."""
    digest = hashlib.sha256()
    for piece in (output, canonical, *(repr(p) for p in parts)):
        digest.update(piece.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True)
class DiagramCache:
    """Rendered text by key in one folder; a missing or unreadable entry is a miss."""

    folder: Path

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{key}.{suffix}"

    def get(self, key: str, suffix: str) -> str | None:
        try:
            return self._path(key, suffix).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, suffix: str, text: str) -> None:
        """Store atomically; a cache that cannot be written only costs speed."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{key[:16]}-", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, self._path(key, suffix))
        except OSError:
            return


def cache_in(doctreedir: str | os.PathLike[str]) -> DiagramCache:
    """The cache of one build, next to its doctrees."""
    return DiagramCache(Path(doctreedir) / FOLDER)
