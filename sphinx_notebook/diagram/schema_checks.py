"""The small field checks the diagram schema is built from, with messages a writer can act on.

Each check takes (value, JSON path, report) and reports what is wrong in words
that say what to write instead; ``object_of`` and ``list_of`` compose them.
Shared by ``schema`` (v1 kinds) and ``schema_kinds`` (graph, tree, matrix,
plot, chart). Pure Python, no Sphinx.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from difflib import get_close_matches
from typing import Any

from sphinx_notebook.diagram.jsonpos import Path

HIGHLIGHTS = ("yellow", "blue", "green", "red")
SIDES = ("n", "e", "s", "w")
ID_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"the string {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def one_of(choices: tuple[str, ...]) -> str:
    return ", ".join(repr(c) for c in choices)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# A field check takes (value, path, report) and returns nothing; report(path, message).
Report = Callable[[Path, str], None]
FieldCheck = Callable[[Any, Path, Report], None]


def string(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, str):
        report(path, f"expected a string (in double quotes), got {describe(value)}")


def boolean(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, bool):
        report(path, f"expected true or false, got {describe(value)}")


def number(low: float | None = None, high: float | None = None, *, above: float | None = None) -> FieldCheck:
    def check(value: Any, path: Path, report: Report) -> None:
        if not is_number(value):
            report(path, f"expected a number, got {describe(value)}")
        elif low is not None and value < low:
            report(path, f"must be at least {low}, got {value}")
        elif high is not None and value > high:
            report(path, f"must be at most {high}, got {value}")
        elif above is not None and value <= above:
            report(path, f"must be greater than {above}, got {value}")

    return check


def enum(choices: tuple[str, ...]) -> FieldCheck:
    def check(value: Any, path: Path, report: Report) -> None:
        if value not in choices or not isinstance(value, str):
            hint = suggest(value, choices) if isinstance(value, str) else ""
            report(path, f"expected one of {one_of(choices)}, got {describe(value)}{hint}")

    return check


def identifier(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, str):
        report(path, f"expected an id string, got {describe(value)}")
    elif not ID_RE.fullmatch(value):
        report(
            path,
            f"{value!r} is not a valid id: start with a letter or '_', then letters, digits, '_' or '-'",
        )


def pair(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, list) or len(value) != 2:
        report(path, f"expected a list of two numbers like [40, 24], got {describe(value)}")
        return
    for index, item in enumerate(value):
        number()(item, (*path, index), report)


def scalar(value: Any, path: Path, report: Report) -> None:
    if value is not None and not isinstance(value, str) and not is_number(value):
        report(path, f"expected a string, a number or null, got {describe(value)}")


def object_of(fields: Mapping[str, FieldCheck], required: tuple[str, ...] = (), what: str = "") -> FieldCheck:
    """A check for an object with known keys: unknown keys, required keys, each field's type."""

    def check(value: Any, path: Path, report: Report) -> None:
        if not isinstance(value, dict):
            report(path, f"expected an object {{...}}{what}, got {describe(value)}")
            return
        for key, item in value.items():
            if key in fields:
                fields[key](item, (*path, key), report)
            else:
                hint = suggest(key, tuple(fields)) or f" (allowed: {', '.join(fields)})"
                report((*path, key), f"unknown key {key!r}{hint}")
        for key in required:
            if key not in value:
                report(path, f"missing required key {key!r}")

    return check


def list_of(item_check: FieldCheck, *, min_items: int = 0) -> FieldCheck:
    def check(value: Any, path: Path, report: Report) -> None:
        if not isinstance(value, list):
            report(path, f"expected a list [...], got {describe(value)}")
            return
        if len(value) < min_items:
            report(path, f"needs at least {min_items} item{'s' if min_items > 1 else ''}")
        for index, item in enumerate(value):
            item_check(item, (*path, index), report)

    return check



HL = enum(HIGHLIGHTS)
SIDE = enum(SIDES)
