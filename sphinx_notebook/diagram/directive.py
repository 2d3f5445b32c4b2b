"""The ``diagram`` directive: a JSON body or file, or an exported Excalidraw SVG.

Validation happens here, at read time, so problems are reported once with the
source file and the line inside the JSON; drawing happens when a page is
written (see ``visitors``), through the on-disk cache. The node always sits in
a real ``nodes.figure`` with class ``diagram`` so ``:caption:`` and ``:name:``
give a numbered figure that ``{numref}`` reaches, like ``sphinx.ext.graphviz``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StateMachine
from sphinx.util.docutils import SphinxDirective

from sphinx_notebook.diagram.sources import Origin, fail, from_json, from_svg, new_node, notebook_diagram

__all__ = ["DiagramDirective", "notebook_diagram"]


def _roughness(argument: str | None) -> float:
    value = float(directives.unchanged_required(argument))
    if not 0 <= value <= 3:
        raise ValueError("roughness must be between 0 and 3")
    return value


def _align(argument: str | None) -> str:
    return directives.choice(argument, ("left", "center", "right"))


class DiagramDirective(SphinxDirective):
    """Draw a hand-drawn cells-and-pointers diagram, or embed an Excalidraw export."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "caption": directives.unchanged,
        "alt": directives.unchanged,
        "name": directives.unchanged,
        "align": _align,
        "width": directives.length_or_percentage_or_unitless,
        "class": directives.class_option,
        "seed": directives.positive_int,
        "roughness": _roughness,
    }

    def run(self) -> list[nodes.Node]:
        source, _ = self.get_source_info()
        origin = Origin(self.env.docname, source, self.lineno, self.config, self.options)
        node = new_node(origin)
        caption = None
        if self.arguments and self.content:
            fail(node, ["give either a file argument or a JSON body, not both"])
        elif self.arguments:
            caption = self._from_file(node, origin, self.arguments[0])
        elif self.content:
            text = "\n".join(self.content)
            caption = from_json(node, text, origin, source, self._body_offset())
        else:
            fail(node, ["the diagram is empty: write its JSON below the directive, or name a file"])
        # The :caption: option wins over a "caption" in the JSON, as documented.
        figure, messages = self._figure(node, self.options.get("caption") or caption)
        return [figure, *messages]

    def _body_offset(self) -> int:
        """The document line just before the body, so JSON line k is at offset + k."""
        if isinstance(self.state_machine, StateMachine):
            return self.content_offset  # docutils: the 0-based index of the body's first line
        # MyST (0.19 to 5.x) counts content_offset from the directive's own line.
        return self.lineno + self.content_offset

    def _from_file(self, node: notebook_diagram, origin: Origin, argument: str) -> str | None:
        relative, absolute = self.env.relfn2path(argument)
        path = Path(absolute)
        suffix = path.suffix.lower()
        if suffix not in (".json", ".svg"):
            fail(node, [f"{argument!r}: the argument must be a .json diagram or an .svg "
                        "exported from Excalidraw, draw.io, tldraw or Inkscape"])
            return None
        self.env.note_dependency(relative)
        try:
            data = path.read_bytes()
        except OSError as error:
            fail(node, [f"cannot read {argument!r}: {error.strerror or error}"])
            return None
        if suffix == ".svg":
            from_svg(node, data, origin, repr(argument))
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            fail(node, [f"{argument!r} is not UTF-8 text; save it as UTF-8"])
            return None
        return from_json(node, text, origin, str(path), 0, name=argument)

    def _figure(self, node: notebook_diagram, caption: str | None) -> tuple[nodes.figure, list[nodes.Node]]:
        figure = nodes.figure("", node, classes=["diagram", *self.options.get("class", [])])
        self.set_source_info(figure)
        if "align" in self.options:
            figure["align"] = self.options["align"]
        messages: list[nodes.Node] = []
        if caption:
            inline, messages = self.parse_inline(caption, lineno=self.lineno)
            caption_node = nodes.caption(caption, "", *inline)
            self.set_source_info(caption_node)
            figure += caption_node
        self.add_name(figure)
        return figure, messages
