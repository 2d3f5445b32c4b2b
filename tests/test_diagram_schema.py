"""Diagram validation: messages a writer can act on, with JSON paths and line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_notebook.diagram.jsonpos import format_path
from sphinx_notebook.diagram.schema import check, check_text, describe_blocks, parse_ref

EXAMPLES = Path(__file__).parent / "roots" / "test-diagram" / "diagrams"


def problems(text: str) -> list[tuple[str, int | None, str]]:
    checked = check_text(text)
    assert checked.spec is None
    return [(p.where, p.line, p.message) for p in checked.problems]


def only(text: str) -> tuple[str, int | None, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("name", ["arrayindex", "callstack", "hashtable", "learningloop", "linkedlist"])
def test_the_five_examples_are_valid(name):
    text = (EXAMPLES / f"{name}.json").read_text(encoding="utf-8")
    checked = check_text(text)
    assert checked.problems == ()
    assert checked.spec == json.loads(text)


def test_paths_are_written_the_way_a_writer_reads_them():
    assert format_path(("blocks", 2, "cells", 0, "ptr")) == "blocks[2].cells[0].ptr"
    assert format_path(("layout", 1, 0)) == "layout[1][0]"
    assert format_path(()) == "(top level)"


def test_parse_ref():
    assert parse_ref("stack.main.nums") == ["stack", "main", "nums"]
    assert parse_ref("a[2]") == ["a", 2]
    assert parse_ref("s[0].x") == ["s", 0, "x"]
    for bad in ("", "1a", "a..b", "a[x]", "a.", "a b"):
        assert parse_ref(bad) is None


def test_invalid_json_gives_line_and_column():
    where, line, message = only('{\n  "blocks": [\n    {"id": "a" "kind": "box"}\n  ]\n}')
    assert where == "(top level)" and line == 3
    assert message.startswith("invalid JSON: Expecting ',' delimiter at line 3, column 16")
    assert "a comma is missing" in message


def test_trailing_comma_points_at_the_comma():
    _, line, message = only('{\n  "blocks": [\n    {"id": "a", "kind": "box", "text": "x"},\n  ]\n}')
    assert line == 3
    assert message == "invalid JSON: trailing comma at line 3, column 44; remove it " \
                      "(JSON allows no comma after the last item)"


def test_nan_and_empty_are_refused():
    assert "NaN is not valid JSON" in only('{"blocks": [{"id": "a", "kind": "array", "cells": [NaN]}]}')[2]
    assert "the diagram is empty" in only("   \n")[2]


def test_unknown_key_suggests_the_nearest():
    text = '{\n"blocks": [\n  {"id": "a", "kind": "array", "cells": [1],\n   "lable": "x"}\n]}'
    where, line, message = only(text)
    assert (where, line) == ("blocks[0].lable", 4)
    assert message == "unknown key 'lable'; did you mean 'label'?"


def test_unknown_key_without_a_near_one_lists_the_allowed_keys():
    where, _, message = only('{"blocks": [{"id": "a", "kind": "box", "text": "t"}], "zzz": 1}')
    assert where == "zzz"
    assert message.startswith("unknown key 'zzz' (allowed: version, title, alt, caption")


def test_wrong_types_say_what_was_found():
    found = problems(
        '{"seed": "7", "gap": [10], "blocks": [\n'
        ' {"id": "a", "kind": "array", "cells": [1, [2]], "index": "yes", "cellWidth": -3},\n'
        ' {"id": "b", "kind": "box", "text": 5, "hl": "purple"}\n]}'
    )
    assert ("seed", 1, 'expected a whole number, got the string "7"') in found
    assert ("gap", 1, "expected a list of two numbers like [40, 24], got a list") in found
    assert ("blocks[0].cells[1]", 2, 'a cell is a value (string, number, null) or an object {"value": ...}, '
            "got a list") in found
    assert ("blocks[0].index", 2, 'expected true, false or the first index (a whole number), got the string '
            '"yes"') in found
    assert ("blocks[0].cellWidth", 2, "must be greater than 0, got -3") in found
    assert ("blocks[1].text", 3, "expected a string (in double quotes), got the number 5") in found
    enum = "expected one of 'yellow', 'blue', 'green', 'red', got the string \"purple\""
    assert ("blocks[1].hl", 3, enum) in found


def test_booleans_are_not_numbers():
    found = problems('{"seed": true, "blocks": [{"id": "a", "kind": "array", "cells": [1]}], '
                     '"pointers": [{"from": "a", "to": "a", "bend": false}]}')
    assert ("seed", 1, "expected a whole number, got true") in found
    assert ("pointers[0].bend", 1, "expected a number, got false") in found


def test_enum_suggestion():
    _, _, message = only('{"blocks": [{"id": "a", "kind": "strcut", "cells": []}]}')
    assert message.endswith("got the string \"strcut\"; did you mean 'struct'?")


def test_required_keys_per_kind():
    found = problems('{"blocks": [{"id": "s", "kind": "stack"}, {"id": "b", "kind": "box"}, '
                     '{"kind": "text"}]}')
    messages = [m for _, _, m in found]
    assert any(m.startswith("a 'stack' block needs 'frames'") for m in messages)
    assert "a 'box' block needs 'text' (or 'label') to show" in messages
    assert ("blocks[2]", 1, "missing required key 'id'") in found
    assert only('{"blocks": []}')[2] == "needs at least 1 item"
    assert only('{"title": "x"}') == ("(top level)", 1, "missing required key 'blocks'")


def test_duplicate_ids():
    text = '{"blocks": [\n{"id": "a", "kind": "box", "text": "1"},\n{"id": "a", "kind": "box", "text": "2"}]}'
    message = "duplicate block id 'a': each id must be unique (rename this one)"
    assert only(text) == ("blocks[1].id", 3, message)
    cells = '{"blocks": [{"id": "a", "kind": "array", "cells": [{"id": "c", "value": 1}, {"id": "c"}]}]}'
    assert only(cells)[0] == "blocks[0].cells[1].id"


def test_duplicate_json_keys():
    where, line, message = only('{"blocks": [{"id": "a", "kind": "box",\n "text": "1", "text": "2"}]}')
    assert (where, line) == ("blocks[0].text", 2)
    assert message == "the key 'text' is written twice in this object; keep one"


def test_dangling_pointer_names_the_known_blocks():
    text = ('{"blocks": [\n {"id": "list", "kind": "array", "cells": [1]},\n'
            ' {"id": "v", "kind": "struct", "cells": [{"name": "p", "ptr": "lsit"}]}\n]}')
    assert only(text) == (
        "blocks[1].cells[0].ptr", 3,
        "pointer target 'lsit' does not resolve: no block has the id 'lsit'; did you mean 'list'? "
        "(known: list, v)",
    )


@pytest.mark.parametrize(
    "ref, error",
    [
        ("a[3]", "array 'a' has 3 cells (indices 0 to 2), so [3] is out of range"),
        ("a.x", "array 'a' has no cell with id or name 'x'; did you mean 'x1'? (known: x1)"),
        ("a[0].y", "cells of array 'a' have no parts; stop the reference after the cell"),
        ("s.f.nope", "frame 'f' has no cell with id or name 'nope' (known: n)"),
        ("s.g", "stack 's' has no frame with id 'g' (known: f)"),
        ("s[1]", "stack 's' has 1 frames, so [1] is out of range"),
        ("b.x", "'b' is a 'box' block and has no cells; point at the block itself: 'b'"),
        ("r.next", "2 cells of struct 'r' are named 'next'; give the one you mean an 'id'"),
    ],
)
def test_references_must_resolve(ref, error):
    spec = {
        "blocks": [
            {"id": "a", "kind": "array", "cells": [1, {"id": "x1", "value": 2}, 3]},
            {"id": "s", "kind": "stack", "frames": [{"id": "f", "label": "f()", "cells": [{"name": "n"}]}]},
            {"id": "b", "kind": "box", "text": "b"},
            {"id": "r", "kind": "struct", "cells": [{"name": "next"}, {"name": "next"}]},
        ],
        "notes": [{"text": "here", "at": ref}],
    }
    found = check(spec)
    assert [(format_path(p.path), p.message) for p in found] == [
        ("notes[0].at", f"note anchor {ref!r} does not resolve: {error}")
    ]


@pytest.mark.parametrize("ref", ["a", "a[0]", "a.x1", "s", "s.f", "s[0]", "s.f.n", "s[0][0]", "b"])
def test_good_references(ref):
    spec = {
        "blocks": [
            {"id": "a", "kind": "array", "cells": [1, {"id": "x1", "value": 2}]},
            {"id": "s", "kind": "stack", "frames": [{"id": "f", "label": "f()", "cells": [{"name": "n"}]}]},
            {"id": "b", "kind": "box", "text": "b"},
        ],
        "pointers": [{"from": ref, "to": "b"}],
    }
    assert check(spec) == []


def _layout(rows: list[list[str | None]]) -> list[tuple[str, str]]:
    spec = {
        "blocks": [{"id": i, "kind": "box", "text": i} for i in ("a", "b", "c")],
        "layout": rows,
    }
    return [(format_path(p.path), p.message) for p in check(spec)]


def test_layout_checks():
    assert _layout([["a", "b"], ["c", "c"]]) == []
    assert _layout([["a", "a", "b"], ["a", "a", "c"]]) == []
    assert _layout([["a", "b"], ["c"]]) == [
        ("layout[1]", "row 1 has 1 cells but row 0 has 2; every row needs the same number of cells "
                      "(use null for an empty one)")
    ]
    assert _layout([["a", "b", "x"], ["c", None, None]]) == [
        ("layout[0][2]", "no block has the id 'x' (known: a, b, c)")
    ]
    assert _layout([["a", "b"], [None, None]]) == [
        ("blocks[2].id", "block 'c' is not placed in 'layout'; add it to a row, or drop 'layout' to let "
                         "the blocks flow")
    ]
    shape = _layout([["a", "a"], ["a", "b"], ["c", None]])
    assert shape == [("layout[1][0]", "block 'a' must fill a rectangle of adjacent grid cells (like CSS "
                                      "grid-template-areas); its cells here form another shape")]


def test_numbers_must_be_in_range():
    found = problems('{"blocks": [{"id": "a", "kind": "box", "text": "t"}], "rough": {"roughness": 4}, '
                     '"pointers": [{"from": "a", "to": "a", "bend": 2}]}')
    assert ("rough.roughness", 1, "must be at most 3, got 4") in found
    assert ("pointers[0].bend", 1, "must be at most 1, got 2") in found


def test_problems_are_capped():
    blocks = ", ".join(f'{{"id": "b{i}", "kind": "box", "text": "t", "oops": 1}}' for i in range(50))
    assert len(problems(f'{{"blocks": [{blocks}]}}')) == 20


def test_generated_description():
    spec = json.loads((EXAMPLES / "learningloop.json").read_text(encoding="utf-8"))
    assert describe_blocks(spec) == "Diagram of box data, box model, box loss, box gradient, box update."
