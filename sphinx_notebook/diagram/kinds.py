"""Dispatch for the drawn-from-data block kinds (graph, tree, matrix, plot, chart).

``blocks.build_block`` hands these kinds over here, so the v1 module stays as
it was and each new kind lives in a module of its own.
"""

from __future__ import annotations

from typing import Any

from sphinx_notebook.diagram.blocks import BlockGeom


def build_kind(block: dict[str, Any]) -> BlockGeom:
    """The geometry of one graph, tree, matrix, plot or chart block."""
    kind = block.get("kind")
    if kind == "graph":
        from sphinx_notebook.diagram.graph_block import build_graph

        return build_graph(block)
    if kind == "tree":
        from sphinx_notebook.diagram.graph_block import build_tree

        return build_tree(block)
    if kind == "matrix":
        from sphinx_notebook.diagram.matrix_block import build_matrix

        return build_matrix(block)
    if kind == "plot":
        from sphinx_notebook.diagram.plot_block import build_plot

        return build_plot(block)
    from sphinx_notebook.diagram.chart_block import build_chart

    return build_chart(block)
