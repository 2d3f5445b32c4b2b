"""Tidy tree layout: parents centred over their children, subtrees never overlapping.

A Reingold-Tilford style layout on contours: each subtree is laid out on its
own, then siblings are pushed apart just far enough that at every depth the
right edge of everything placed so far stays ``gap`` away from the left edge
of the next subtree. All nodes of one depth share a row (or a column when the
tree grows to the right). Pure Python, no Sphinx; sizes in, centres out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SIBLING_GAP = 18.0
LEVEL_GAP = 44.0


@dataclass
class TreeNode:
    """One node to place: its size across and along the growth direction, and its children."""

    across: float
    along: float
    children: list[TreeNode] = field(default_factory=list)


Contour = list[tuple[float, float]]  # per depth below the node: (leftmost, rightmost), relative


def _place(node: TreeNode, out: dict[int, float], gap: float) -> Contour:
    """Lay out ``node``'s subtree with the node at 0; record child offsets in ``out`` by id()."""
    half = node.across / 2
    if not node.children:
        return [(-half, half)]
    offsets: list[float] = []
    merged: Contour = []
    for child in node.children:
        contour = _place(child, out, gap)
        if not offsets:
            shift = 0.0
        else:
            shift = max(merged[d][1] - contour[d][0] + gap for d in range(min(len(merged), len(contour))))
        offsets.append(shift)
        for d, (low, high) in enumerate(contour):
            if d < len(merged):
                merged[d] = (min(merged[d][0], low + shift), max(merged[d][1], high + shift))
            else:
                merged.append((low + shift, high + shift))
    middle = (offsets[0] + offsets[-1]) / 2
    for child, offset in zip(node.children, offsets, strict=True):
        out[id(child)] = offset - middle
    return [(-half, half)] + [(low - middle, high - middle) for low, high in merged]


def tidy(root: TreeNode, gap: float = SIBLING_GAP, level_gap: float = LEVEL_GAP) -> list[tuple[float, float]]:
    """Centres (across, along) of every node in preorder, the root's across at 0, its top at 0."""
    relative: dict[int, float] = {}
    _place(root, relative, gap)
    levels: list[float] = []  # thickness of each depth
    order: list[tuple[TreeNode, float, int]] = []
    stack: list[tuple[TreeNode, float, int]] = [(root, 0.0, 0)]
    while stack:
        node, across, depth = stack.pop()
        order.append((node, across, depth))
        if depth == len(levels):
            levels.append(0.0)
        levels[depth] = max(levels[depth], node.along)
        for child in reversed(node.children):
            stack.append((child, across + relative[id(child)], depth + 1))
    starts, pos = [], 0.0
    for size in levels:
        starts.append(pos)
        pos += size + level_gap
    return [(across, starts[depth] + levels[depth] / 2) for _, across, depth in order]
