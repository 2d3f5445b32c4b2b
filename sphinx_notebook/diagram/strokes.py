"""Rough hand-drawn strokes for a scene, computed by rough.js inside the JS engine.

All shapes of one diagram go to the engine in a single call (per-call overhead
dominates otherwise). Each shape is seeded with crc32("<diagram seed>:<key>") so
editing one element leaves the wobble of the others alone, and ``Math.random`` is
replaced by a seeded generator reset per shape, because rough.js's dots filler and
a few path helpers call it directly. Numbers are rounded to 2 decimals in the
engine so the output is small and byte-stable.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

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
  var gen = rough.generator();
  var num = /-?\d*\.?\d+(?:e[-+]?\d+)?/gi;
  function round(d) {
    return d.replace(num, function (m) {
      var v = Math.round(parseFloat(m) * 100) / 100;
      return String(v === 0 ? 0 : v);
    });
  }
  function draw(req) {
    var o = req.o, a = req.a, d;
    state = o.seed | 0;
    if (req.t === "rect") d = gen.rectangle(a[0], a[1], a[2], a[3], o);
    else if (req.t === "ellipse") d = gen.ellipse(a[0] + a[2] / 2, a[1] + a[3] / 2, a[2], a[3], o);
    else if (req.t === "line") d = gen.line(a[0], a[1], a[2], a[3], o);
    else {
      // rough.js's SVG path parser relies on RegExp.$1, which QuickJS lacks, so
      // curves are sent as points and drawn with generator.curve instead.
      var pts = [];
      for (var i = 0; i + 1 < a.length; i += 2) pts.push([a[i], a[i + 1]]);
      d = req.t === "poly" ? gen.linearPath(pts, o) : gen.curve(pts, o);
    }
    return gen.toPaths(d).map(function (p) {
      return [round(p.d), p.stroke, p.strokeWidth, p.fill || "none"];
    });
  }
  return function (reqs) { return JSON.stringify(reqs.map(draw)); };
})();
"""

BASE_OPTIONS: dict[str, float] = {"roughness": 1.0, "bowing": 1.0, "strokeWidth": 1.4}


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


def _request(shape: Shape, seed: int, options: dict[str, float]) -> dict[str, Any]:
    opts: dict[str, Any] = dict(options)
    opts["seed"] = element_seed(seed, shape.key)
    opts["stroke"] = shape.stroke
    opts["strokeWidth"] = options["strokeWidth"] * shape.width
    if shape.fill:
        opts["fill"] = shape.fill
        opts["fillStyle"] = shape.fill_style
        opts["hachureGap"] = 5
        opts["hachureAngle"] = -41
        opts["fillWeight"] = 1.2
    if shape.kind == "ellipse" and shape.fill_style == "solid":
        opts["roughness"] = min(options["roughness"], 0.6)
    if shape.kind == "poly":
        opts["preserveVertices"] = True
    return {"t": shape.kind, "a": [round(v, 3) for v in shape.args], "o": opts}


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
    result = json.loads(engine.call("__nbRough", requests))
    out: list[list[Stroke]] = []
    for shape, paths in zip(shapes, result, strict=False):
        out.append([
            Stroke(d, stroke or "none", round(float(width or 0), 2), fill or "none",
                   shape.dashed, shape.faded)
            for d, stroke, width, fill in paths
            if d
        ])
    return out
