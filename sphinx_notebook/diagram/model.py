"""The drawing model between layout and output: rectangles, shapes, labels, slots.

Layout produces a :class:`Scene` of abstract shapes in px (y down); strokes.py turns
each shape into rough path data and svg.py / tikz.py serialise the result. Keeping
this model plain data lets the layout be tested without any JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_notebook.diagram import fontmetrics

FONT_SIZE = 16.0
SMALL_SIZE = 12.0
LABEL_SIZE = 16.0


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle (x, y is the top-left corner)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def union(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)

    def overlaps(self, other: Rect, tolerance: float = 0.5) -> bool:
        """True when the interiors intersect by more than ``tolerance`` px."""
        return (
            min(self.right, other.right) - max(self.x, other.x) > tolerance
            and min(self.bottom, other.bottom) - max(self.y, other.y) > tolerance
        )

    def side_point(self, side: str) -> tuple[float, float]:
        """Middle of the side named by a compass letter."""
        return {
            "n": (self.cx, self.y),
            "s": (self.cx, self.bottom),
            "e": (self.right, self.cy),
            "w": (self.x, self.cy),
        }.get(side, (self.cx, self.cy))


def bounding(rects: list[Rect]) -> Rect:
    """Smallest rectangle holding all ``rects`` (a unit rect when there are none)."""
    if not rects:
        return Rect(0, 0, 1, 1)
    out = rects[0]
    for rect in rects[1:]:
        out = out.union(rect)
    return out


@dataclass
class Shape:
    """One rough-drawn element; ``key`` is stable and seeds its wobble.

    ``kind`` is rect/ellipse (args x, y, w, h of the bounding box), line (x1, y1, x2,
    y2), poly (a polyline, flat list of points), curve (a smooth curve through points) or
    dot (cx, cy, diameter: a filled dot).
    Colours are palette tokens (ink, muted, yellow, blue, green, red), not CSS.
    """

    kind: str
    key: str
    args: tuple[float, ...] = ()
    stroke: str = "ink"
    fill: str | None = None
    fill_style: str = "hachure"
    dashed: bool = False
    faded: bool = False
    width: float = 1.0
    connector: bool = False  # pointers and note arrows: one calmer stroke, like a pen line


@dataclass
class Label:
    """Text anchored at (x, y), y being the vertical centre of the whole text."""

    x: float
    y: float
    text: str
    size: float = FONT_SIZE
    anchor: str = "middle"
    tone: str = "ink"
    bold: bool = False
    faded: bool = False

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def box(self) -> Rect:
        lines = self.lines
        width = max(fontmetrics.text_width(line, self.size) for line in lines)
        height = fontmetrics.line_height(self.size) * len(lines)
        left = {"start": self.x, "end": self.x - width}.get(self.anchor, self.x - width / 2)
        return Rect(left, self.y - height / 2, width, height)


@dataclass
class Slot:
    """Something a pointer or note can address: a cell, a frame or a whole block."""

    rect: Rect
    key: str
    shape: str = "rect"
    is_cell: bool = False


@dataclass
class Scene:
    """Everything to draw, plus the named boxes the overlap tests check."""

    shapes: list[Shape] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    boxes: list[tuple[str, Rect]] = field(default_factory=list)
    parts: list[tuple[str, Rect]] = field(default_factory=list)  # nodes and bars inside blocks
    bounds: Rect = field(default_factory=lambda: Rect(0, 0, 1, 1))
