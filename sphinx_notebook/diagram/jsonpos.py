"""Find where a value sits in a JSON text, for error messages that point at a line.

Python's ``json`` module parses fast but forgets positions, so diagrams are
parsed with it and this small scanner runs only when there is an error to
report: it walks the (already valid) text once and records the line and column
of every member key and array item, keyed by JSON path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from contextlib import suppress
from json import JSONDecoder

Path = tuple[str | int, ...]

_DECODER = JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def format_path(path: Path) -> str:
    """``("blocks", 2, "cells", 0, "ptr")`` -> ``blocks[2].cells[0].ptr`` (``(top level)`` when empty)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(top level)"


class _Scanner:
    """Record ``path -> offset`` for every value of a valid JSON document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[Path, int] = {}
        self.repeated: list[Path] = []

    def skip(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, path: Path) -> int:
        pos = self.skip(pos)
        self.offsets.setdefault(path, pos)
        char = self.text[pos : pos + 1]
        if char == "{":
            return self.members(pos + 1, path)
        if char == "[":
            return self.items(pos + 1, path)
        if char == '"':
            return _DECODER.raw_decode(self.text, pos)[1]
        match = _SCALAR.match(self.text, pos)
        if match is None:
            raise ValueError(f"unexpected character at offset {pos}")
        return match.end()

    def members(self, pos: int, path: Path) -> int:
        pos = self.skip(pos)
        if self.text[pos : pos + 1] == "}":
            return pos + 1
        while True:
            pos = self.skip(pos)
            key_start = pos
            key, pos = _DECODER.raw_decode(self.text, pos)
            # The key is where a writer looks for "unknown key" and "wrong type".
            if (*path, key) in self.offsets:
                self.repeated.append((*path, key))
            self.offsets[(*path, key)] = key_start
            pos = self.skip(pos) + 1  # the colon
            pos = self.value(pos, (*path, key))
            pos = self.skip(pos)
            if self.text[pos : pos + 1] == "}":
                return pos + 1
            pos += 1  # the comma

    def items(self, pos: int, path: Path) -> int:
        pos = self.skip(pos)
        if self.text[pos : pos + 1] == "]":
            return pos + 1
        index = 0
        while True:
            pos = self.value(pos, (*path, index))
            index += 1
            pos = self.skip(pos)
            if self.text[pos : pos + 1] == "]":
                return pos + 1
            pos += 1


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts."""
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def _scan(text: str) -> _Scanner:
    scanner = _Scanner(text)
    # Errors are not expected for text json.loads accepted; keep whatever was recorded.
    with suppress(ValueError, IndexError, RecursionError):
        scanner.value(0, ())
    return scanner


def repeated_keys(text: str) -> list[Path]:
    """Paths of object keys written twice (``json`` silently keeps the last one)."""
    return _scan(text).repeated


def locate(text: str, paths: list[Path]) -> dict[Path, int]:
    """The 1-based line of each path, falling back to its nearest recorded ancestor."""
    scanner = _scan(text)
    starts = line_starts(text)
    found: dict[Path, int] = {}
    for path in paths:
        probe = path
        while probe not in scanner.offsets and probe:
            probe = probe[:-1]
        offset = scanner.offsets.get(probe, 0)
        found[path] = bisect_right(starts, offset)
    return found
