"""Hachure lines (the diagonal hatching of highlights), clipped to a rect or ellipse.

rough.js can fill shapes itself, but its polygon scan-line filler is the slowest
thing it does in the embedded engine (about half of a diagram's drawing time).
Computing the parallel lines here is a few lines of geometry; rough.js still
draws every line, so the strokes look the same.
"""

from __future__ import annotations

import math

GAP = 5.0
ANGLE = math.radians(41)  # lines rise to the right: "////"


Span = tuple[float, float] | None


def _clip_rect(px: float, py: float, dx: float, dy: float, hw: float, hh: float) -> Span:
    low, high = -math.inf, math.inf
    for p, d, half in ((px, dx, hw), (py, dy, hh)):
        if abs(d) < 1e-12:
            if abs(p) > half:
                return None
            continue
        a, b = (-half - p) / d, (half - p) / d
        low, high = max(low, min(a, b)), min(high, max(a, b))
    return (low, high) if high > low else None


def _clip_ellipse(px: float, py: float, dx: float, dy: float, hw: float, hh: float) -> Span:
    a = (dx / hw) ** 2 + (dy / hh) ** 2
    b = 2 * (px * dx / hw**2 + py * dy / hh**2)
    c = (px / hw) ** 2 + (py / hh) ** 2 - 1
    disc = b * b - 4 * a * c
    if a <= 0 or disc <= 0:
        return None
    root = math.sqrt(disc)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def segments(x: float, y: float, w: float, h: float, ellipse: bool = False,
             gap: float = GAP) -> list[float]:
    """Flat [x1, y1, x2, y2, ...] of hachure lines filling the box (or its ellipse)."""
    hw, hh = w / 2, h / 2
    if hw <= 0.5 or hh <= 0.5:
        return []
    cx, cy = x + hw, y + hh
    dx, dy = math.cos(ANGLE), -math.sin(ANGLE)
    nx, ny = -dy, dx
    reach = abs(nx) * hw + abs(ny) * hh
    clip = _clip_ellipse if ellipse else _clip_rect
    out: list[float] = []
    count = max(int(2 * reach // gap), 0)
    start = -(count * gap) / 2
    for i in range(count + 1):
        offset = start + i * gap
        px, py = nx * offset, ny * offset
        span = clip(px, py, dx, dy, hw, hh)
        if span is None or span[1] - span[0] < 2:
            continue
        t0, t1 = span
        out.extend((cx + px + dx * t0, cy + py + dy * t0, cx + px + dx * t1, cy + py + dy * t1))
    return out


def polygon_segments(points: list[float], gap: float = GAP) -> list[float]:
    """Flat [x1, y1, x2, y2, ...] of hachure lines filling a polygon given as flat [x, y, ...] (even-odd)."""
    xs, ys = points[0::2], points[1::2]
    count = min(len(xs), len(ys))
    if count < 3:
        return []
    dx, dy = math.cos(ANGLE), -math.sin(ANGLE)
    nx, ny = -dy, dx
    offsets = [x * nx + y * ny for x, y in zip(xs, ys, strict=False)]
    low, high = min(offsets), max(offsets)
    if not math.isfinite(high - low) or (high - low) / gap > 4000:
        return []  # nothing a page can show: the plot clips its polygons long before this
    out: list[float] = []
    steps = int((high - low) // gap)
    for i in range(1, steps + 1):
        level = low + i * gap
        hits: list[float] = []
        for k in range(count):
            a, b = offsets[k], offsets[(k + 1) % count]
            if (a < level) != (b < level):
                t = (level - a) / (b - a)
                x = xs[k] + t * (xs[(k + 1) % count] - xs[k])
                y = ys[k] + t * (ys[(k + 1) % count] - ys[k])
                hits.append(x * dx + y * dy)
        hits.sort()
        for j in range(0, len(hits) - 1, 2):
            if hits[j + 1] - hits[j] >= 2:
                for along in (hits[j], hits[j + 1]):
                    out.extend((nx * level + dx * along, ny * level + dy * along))
    return out
