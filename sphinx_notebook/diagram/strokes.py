"""Rough hand-drawn strokes for a scene, computed by rough.js inside the JS engine.

All shapes of one diagram go to the engine in a single call (per-call overhead
dominates otherwise). Each shape is seeded with crc32("<diagram seed>:<key>") so
editing one element leaves the wobble of the others alone, and ``Math.random`` is
replaced by a seeded generator reset per shape, because rough.js's dots filler and
a few path helpers call it directly. Numbers are rounded to 2 decimals in the
engine so the output is small and byte-stable.
"""

from __future__ import annotations

import functools
import json
import zlib
from dataclasses import dataclass
from typing import Any

from sphinx_notebook.diagram import hachure
from sphinx_notebook.diagram.model import Shape
from sphinx_notebook.jsengine import get_engine

_SCRIPT_NAME = "sphinx_notebook/diagram/strokes"
_SCRIPT = r"""
var __nbRough = (function () {
  var state = 1;
  Math.random = function () {
    state = (state + 0x6D2B79F5) | 0;
    var t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  var gen = null;
  var SET = {path: "p", fillPath: "f", fillSketch: "h"};
  var OP = {move: "M", bcurveTo: "C", lineTo: "L"};
  function encode(set) {
    // [set type, op letters, coordinates * 100 as integers]: formatting floats is
    // slow in the engine, so Python turns the integers into path data.
    var ops = set.ops, letters = new Array(ops.length), nums = [], k = 0;
    for (var i = 0; i < ops.length; i++) {
      var data = ops[i].data;
      letters[i] = OP[ops[i].op] || "L";
      for (var j = 0; j < data.length; j++) {
        var v = data[j] * 100;
        nums[k++] = (v < 0 ? v - 0.5 : v + 0.5) | 0;  // round half away from zero
      }
    }
    return [SET[set.type] || "p", letters.join(""), nums];
  }
  function draw(req) {
    // req = [kind, seed, stroke, coordinates, other options or 0]
    var kind = req[0], a = req[3], o = req[4] || {}, d;
    o.seed = req[1];
    o.stroke = req[2];
    state = o.seed | 0;
    if (kind === "rect") d = gen.rectangle(a[0], a[1], a[2], a[3], o);
    else if (kind === "ellipse") d = gen.ellipse(a[0] + a[2] / 2, a[1] + a[3] / 2, a[2], a[3], o);
    else if (kind === "line") d = gen.line(a[0], a[1], a[2], a[3], o);
    else if (kind === "hach") {
      var ops = [];
      for (var k = 0; k + 3 < a.length; k += 4) {
        var set = gen.line(a[k], a[k + 1], a[k + 2], a[k + 3], o).sets[0];
        for (var m = 0; m < set.ops.length; m++) ops.push(set.ops[m]);
      }
      return [encode({type: "fillSketch", ops: ops})];
    }
    else {
      // rough.js's SVG path parser relies on RegExp.$1, which QuickJS lacks, so
      // curves are sent as points and drawn with generator.curve instead.
      var pts = [];
      for (var i = 0; i + 1 < a.length; i += 2) pts.push([a[i], a[i + 1]]);
      d = kind === "poly" ? gen.linearPath(pts, o) : gen.curve(pts, o);
    }
    return d.sets.map(encode);
  }
  return function (payload) {
    // one JSON string in: handing the engine a string to parse is several times
    // cheaper than converting the same nested structure as call arguments
    var job = JSON.parse(payload);
    gen = rough.generator({options: job[0]});  // the diagram's options become defaults
    return job[1].map(draw);
  };
})();
"""

BASE_OPTIONS: dict[str, float] = {"roughness": 1.0, "bowing": 1.0, "strokeWidth": 1.2}


@dataclass(frozen=True)
class Stroke:
    """One SVG path of a shape: data, stroke and fill tokens, stroke width."""

    d: str
    stroke: str
    width: float
    fill: str
    dashed: bool = False
    faded: bool = False


def element_seed(diagram_seed: int, key: str) -> int:
    """Seed of one element; rough.js treats 0 as "random", so 0 becomes 1."""
    return (zlib.crc32(f"{diagram_seed}:{key}".encode()) & 0x7FFFFFFF) or 1


FILL_WEIGHT = 1.2
DIVIDER_WEIGHT = 1.3


def _request(shape: Shape, seed: int, options: dict[str, float]) -> list[Any]:
    """One shape for the engine: [kind, seed, stroke, coordinates, other options or 0].

    Options the diagram sets for every shape go once per call, not per shape.
    """
    opts: dict[str, Any] = {}
    kind, stroke = shape.kind, shape.stroke
    coords: list[float] = [round(v, 2) for v in shape.args]
    if shape.width != 1.0:
        opts["strokeWidth"] = options["strokeWidth"] * shape.width
    if shape.fill and shape.fill_style == "hachure" and shape.stroke == "none":
        kind, stroke = "hach", shape.fill
        opts["strokeWidth"] = FILL_WEIGHT
        opts["disableMultiStroke"] = True
        if shape.kind == "poly":  # a filled polygon (plots): hatch inside its outline
            coords = [round(v, 2) for v in hachure.polygon_segments(list(shape.args))]
        else:
            x, y, w, h = shape.args[:4]
            coords = [round(v, 2) for v in hachure.segments(x, y, w, h, ellipse=shape.kind == "ellipse")]
    elif shape.fill:
        opts["fill"] = shape.fill
        opts["fillStyle"] = shape.fill_style
    if shape.kind == "dot":
        # a ring as thick as its radius reads as a filled dot and costs rough.js half
        # of a solid-filled ellipse
        cx, cy, size = shape.args[:3]
        kind = "ellipse"
        coords = [round(cx - size / 4, 2), round(cy - size / 4, 2), round(size / 2, 2), round(size / 2, 2)]
        opts["strokeWidth"] = size / 2
        opts["roughness"] = min(options["roughness"], 0.5)
        opts["disableMultiStroke"] = True
        opts["curveStepCount"] = 5
    if shape.kind == "ellipse" and not shape.fill:
        opts["curveStepCount"] = 7  # rough.js's 9 costs a third more and looks the same at this size
    if shape.kind == "poly":
        opts["preserveVertices"] = True
    if shape.kind == "line" and not shape.connector:
        # dividers and null slashes: one straighter, slightly heavier stroke (half the
        # engine time of rough.js's double stroke); outlines keep two strokes
        opts["disableMultiStroke"] = True
        opts["bowing"] = options["bowing"] * 0.3
        opts["strokeWidth"] = options["strokeWidth"] * shape.width * DIVIDER_WEIGHT
        x1, y1, x2, y2 = shape.args[:4]
        if abs(x2 - x1) + abs(y2 - y1) < 80:  # rough's offsets are absolute: calm short strokes
            opts["roughness"] = options["roughness"] * 0.35
    if shape.connector:
        opts["disableMultiStroke"] = True
        opts["roughness"] = options["roughness"] * 0.6
        opts["bowing"] = options["bowing"] * 0.5
    return [kind, element_seed(seed, shape.key), stroke, coords, opts or 0]


def rough_options(spec: dict[str, Any], roughness: float) -> dict[str, float]:
    """Options for every shape: the defaults, the caller's roughness, then ``spec["rough"]``."""
    options = dict(BASE_OPTIONS)
    if isinstance(roughness, (int, float)) and not isinstance(roughness, bool) and 0 <= roughness <= 10:
        options["roughness"] = float(roughness)
    overrides = spec.get("rough")
    if isinstance(overrides, dict):
        for name in ("roughness", "bowing", "strokeWidth"):
            value = overrides.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10:
                options[name] = float(value)
    if options["strokeWidth"] <= 0:
        options["strokeWidth"] = BASE_OPTIONS["strokeWidth"]
    return options


def draw(shapes: list[Shape], seed: int, options: dict[str, float]) -> list[list[Stroke]]:
    """Rough paths for each shape (same order), in one engine call."""
    if not shapes:
        return []
    engine = get_engine()
    engine.load_vendor("roughjs/rough.js")
    engine.load(_SCRIPT_NAME, _SCRIPT)
    requests = [_request(shape, seed, options) for shape in shapes]
    payload = json.dumps([options, requests], separators=(",", ":"))
    result = engine.call("__nbRough", payload)
    width = round(options["strokeWidth"], 2)
    out: list[list[Stroke]] = []
    for shape, sets in zip(shapes, result, strict=False):
        paths = []
        fill = shape.fill or "ink"
        for kind, letters, numbers in sets:
            d = path_data(letters, numbers)
            if not d:
                continue
            if kind == "f":
                paths.append(Stroke(d, "none", 0.0, fill, shape.dashed, shape.faded))
            elif kind == "h":
                paths.append(Stroke(d, fill, FILL_WEIGHT, "none", shape.dashed, shape.faded))
            else:
                stroke_width = width if shape.width == 1.0 else round(width * shape.width, 2)
                if shape.kind == "dot":
                    stroke_width = round(shape.args[2] / 2, 2)
                if shape.kind == "line" and not shape.connector:
                    stroke_width = round(stroke_width * DIVIDER_WEIGHT, 2)
                paths.append(Stroke(d, shape.stroke, stroke_width, "none", shape.dashed, shape.faded))
        out.append(paths)
    return out


_ARITY = {"M": 2, "L": 2, "C": 6}


@functools.lru_cache(maxsize=256)
def _template(letters: str) -> tuple[str, int]:
    """printf template for a sequence of path ops, and how many numbers it takes.

    ``%.7g`` prints hundredths exactly up to 99999.99 and drops trailing zeros;
    one ``%`` over the whole path is far quicker than formatting each number.
    """
    parts, count = [], 0
    for letter in letters:
        arity = _ARITY.get(letter, 2)
        parts.append(letter + " ".join(["%.7g"] * arity))
        count += arity
    return "".join(parts), count


def path_data(letters: str, numbers: list[int]) -> str:
    """SVG path data from op letters and their coordinates in hundredths."""
    template, count = _template(letters)
    if count != len(numbers):
        return ""
    return template % tuple([n / 100 for n in numbers])
