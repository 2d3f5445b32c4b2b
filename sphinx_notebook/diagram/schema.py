"""Check a diagram's JSON against the v1 schema, with messages a writer can act on.

Pure Python, no Sphinx: ``check_text`` parses the JSON, validates it by hand
(the schema is small, and hand-written checks give friendlier messages than a
generic validator: "did you mean 'cells'?") and returns either the validated
spec or a list of problems, each with its JSON path and the line inside the
JSON text. Beyond the schema it checks what the schema cannot say: ids are
unique, every pointer and note reference resolves, ``layout`` names known
blocks in rectangular spans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sphinx_notebook.diagram import schema_kinds
from sphinx_notebook.diagram.jsonpos import Path, format_path, locate, repeated_keys
from sphinx_notebook.diagram.references import check_ids, check_layout, references, resolve
from sphinx_notebook.diagram.schema_checks import HL, ID_RE, SIDE, FieldCheck, Report
from sphinx_notebook.diagram.schema_checks import boolean as _boolean
from sphinx_notebook.diagram.schema_checks import describe as _describe
from sphinx_notebook.diagram.schema_checks import enum as _enum
from sphinx_notebook.diagram.schema_checks import identifier as _identifier
from sphinx_notebook.diagram.schema_checks import list_of as _list_of
from sphinx_notebook.diagram.schema_checks import number as _number
from sphinx_notebook.diagram.schema_checks import object_of as _object
from sphinx_notebook.diagram.schema_checks import pair as _pair
from sphinx_notebook.diagram.schema_checks import scalar as _scalar
from sphinx_notebook.diagram.schema_checks import string as _string

V1_KINDS = ("array", "struct", "frame", "stack", "box", "text")
KINDS = V1_KINDS + schema_kinds.NEW_KINDS
MAX_PROBLEMS = 20
REF_PART_RE = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+)\]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a diagram: where (JSON path, line) and what to change."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    @property
    def where(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Checked:
    """The outcome of ``check_text``: a validated spec, or the problems found."""

    spec: dict[str, Any] | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.spec is not None


def parse_ref(ref: str) -> list[str | int] | None:
    """Split a reference: ``"stack.main.x"`` -> ``["stack", "main", "x"]``, ``"a[2]"`` -> ``["a", 2]``."""
    head = ID_RE.match(ref)
    if head is None:
        return None
    parts: list[str | int] = [head.group(0)]
    pos = head.end()
    while pos < len(ref):
        match = REF_PART_RE.match(ref, pos)
        if match is None:
            return None
        parts.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        pos = match.end()
    return parts


def _reference(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, str):
        report(path, f"expected a reference string such as 'block', 'block.cell' or 'block[0]', "
                     f"got {_describe(value)}")
    elif parse_ref(value) is None:
        report(path, f"{value!r} is not a valid reference: write 'block', 'block.cell', 'block[0]' "
                     "or 'stack.frame.cell'")


def _seed(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        report(path, f"expected a whole number, got {_describe(value)}")
    elif value < 1:
        report(path, f"must be 1 or more, got {value}")


def _version(value: Any, path: Path, report: Report) -> None:
    if value != 1 or isinstance(value, bool):
        report(path, f"only version 1 exists, got {_describe(value)}")


def _index(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, (bool, int)):
        report(path, f"expected true, false or the first index (a whole number), got {_describe(value)}")


POINTER_STYLE_FIELDS: dict[str, FieldCheck] = {
    "label": _string,
    "bend": _number(-1, 1),
    "fromSide": SIDE,
    "toSide": SIDE,
    "dashed": _boolean,
    "hl": HL,
    "head": _boolean,
}

CELL_OBJECT = _object(
    {
        "id": _identifier,
        "name": _string,
        "value": _scalar,
        "ptr": _reference,
        "ptrStyle": _object(POINTER_STYLE_FIELDS),
        "null": _boolean,
        "hl": HL,
        "faded": _boolean,
    }
)


def _cell(value: Any, path: Path, report: Report) -> None:
    if isinstance(value, dict):
        CELL_OBJECT(value, path, report)
    elif isinstance(value, (list, bool)):
        report(path, f"a cell is a value (string, number, null) or an object {{\"value\": ...}}, "
                     f"got {_describe(value)}")
    else:
        _scalar(value, path, report)


FRAME = _object(
    {"id": _identifier, "label": _string, "cells": _list_of(_cell), "hl": HL},
    required=("label",),
)

BLOCK_FIELDS: dict[str, FieldCheck] = {
    "id": _identifier,
    "kind": _enum(KINDS),
    "label": _string,
    "hl": HL,
    "nudge": _pair,
    "cells": _list_of(_cell),
    "cellWidth": _number(above=0),
    "dir": _enum(("right", "down")),
    "index": _index,
    "labelSide": _enum(("n", "w")),
    "frames": _list_of(FRAME),
    "grows": _enum(("down", "up")),
    "gap": _number(0),
    "text": _string,
    "shape": _enum(("rect", "ellipse")),
}
BLOCK_OBJECT = _object(BLOCK_FIELDS, required=("id", "kind"))


def _block(value: Any, path: Path, report: Report) -> None:
    if isinstance(value, dict) and value.get("kind") in schema_kinds.NEW_KINDS:
        schema_kinds.check_block(value, path, report)
        return
    BLOCK_OBJECT(value, path, report)
    if not isinstance(value, dict):
        return
    kind = value.get("kind")
    if kind == "stack" and "frames" not in value:
        report(path, "a 'stack' block needs 'frames': a list of {\"label\": ..., \"cells\": [...]}")
    elif kind in ("array", "struct", "frame") and "cells" not in value:
        report(path, f"an {kind!r} block needs 'cells': a list of values" if kind == "array"
               else f"a {kind!r} block needs 'cells': a list of values")
    elif kind in ("box", "text") and "text" not in value and "label" not in value:
        report(path, f"a {kind!r} block needs 'text' (or 'label') to show")


POINTER = _object(
    {"from": _reference, "to": _reference, **POINTER_STYLE_FIELDS},
    required=("from", "to"),
)
NOTE = _object(
    {"text": _string, "at": _reference, "side": SIDE, "dist": _number(0), "bend": _number()},
    required=("text", "at"),
)


def _layout_row(value: Any, path: Path, report: Report) -> None:
    if not isinstance(value, list):
        report(path, f"each layout row is a list of block ids (or null), got {_describe(value)}")
        return
    for index, item in enumerate(value):
        if item is not None and not isinstance(item, str):
            report((*path, index), f"expected a block id or null, got {_describe(item)}")


TOP_FIELDS: dict[str, FieldCheck] = {
    "version": _version,
    "title": _string,
    "alt": _string,
    "caption": _string,
    "direction": _enum(("right", "down")),
    "seed": _seed,
    "rough": _object(
        {"roughness": _number(0, 3), "bowing": _number(0, 5), "strokeWidth": _number(above=0)}
    ),
    "gap": _pair,
    "valign": _enum(("top", "center")),
    "blocks": _list_of(_block, min_items=1),
    "layout": _list_of(_layout_row, min_items=1),
    "pointers": _list_of(POINTER),
    "notes": _list_of(NOTE),
}
TOP = _object(
    TOP_FIELDS,
    required=("blocks",),
    what=" with a 'blocks' list",
)


def check(data: Any) -> list[Problem]:
    """Every problem with a parsed diagram document (without line numbers)."""
    problems: list[Problem] = []

    def report(path: Path, message: str) -> None:
        problems.append(Problem(path, message))

    TOP(data, (), report)
    if problems:
        # References and layout only make sense once the structure is right.
        return problems
    blocks = check_ids(data, report)
    for ref, path, role in references(data):
        parts = parse_ref(ref)
        assert parts is not None  # the structural pass checked the syntax
        why = resolve(parts, blocks)
        if why:
            report(path, f"{role} {ref!r} does not resolve: {why}")
    if "layout" in data:
        check_layout(data, blocks, report)
    return problems


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON; write a number")


def _note_repeats(pairs: list[tuple[str, Any]], seen_repeat: list[bool]) -> dict[str, Any]:
    if len({key for key, _ in pairs}) != len(pairs):
        seen_repeat.append(True)
    return dict(pairs)


def check_text(text: str) -> Checked:
    """Parse and validate a diagram's JSON text; problems carry the line inside ``text``."""
    if not text.strip():
        empty = Problem((), "the diagram is empty: write a JSON object with a 'blocks' list", 1)
        return Checked(None, (empty,))
    repeats: list[bool] = []
    try:
        data = json.loads(
            text,
            object_pairs_hook=lambda pairs: _note_repeats(pairs, repeats),
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as error:
        hint = ""
        if "Expecting property name" in error.msg:
            hint = " (JSON needs double quotes around keys and no comma before '}')"
        elif "Expecting ',' delimiter" in error.msg:
            hint = " (a comma is missing between two items, or a bracket is not closed)"
        elif "Expecting value" in error.msg:
            hint = " (JSON has no trailing commas, comments or single quotes)"
        line, column = error.lineno, error.colno
        before = text[: error.pos].rstrip()
        if error.msg.startswith(("Expecting value", "Expecting property name")) and before.endswith(","):
            # Point at the trailing comma itself rather than at the bracket after it.
            line = before.count("\n") + 1
            column = len(before) - 1 - before.rfind("\n")
            message = f"invalid JSON: trailing comma at line {line}, column {column}; remove it " \
                      "(JSON allows no comma after the last item)"
        else:
            message = f"invalid JSON: {error.msg} at line {line}, column {column}{hint}"
        return Checked(None, (Problem((), message, line, column),))
    except (ValueError, RecursionError) as error:
        return Checked(None, (Problem((), f"invalid JSON: {error}", 1),))

    problems = check(data)
    if repeats:
        problems = [
            Problem(path, f"the key {path[-1]!r} is written twice in this object; keep one")
            for path in repeated_keys(text)
        ] + problems
    if not problems:
        return Checked(data, ())
    problems = problems[:MAX_PROBLEMS]
    lines = locate(text, [p.path for p in problems])
    return Checked(None, tuple(Problem(p.path, p.message, lines[p.path]) for p in problems))


def describe_blocks(spec: dict[str, Any]) -> str:
    """A plain description for diagrams without ``alt``: what blocks there are."""
    parts = []
    for block in spec.get("blocks", []):
        name = block.get("label") or block.get("text") or block["id"]
        parts.append(f"{block['kind']} {name}")
    return "Diagram of " + ", ".join(parts) + "."
