"""The ``diagram`` directive: a JSON body or file, or an exported Excalidraw SVG.

Validation happens here, at read time, so problems are reported once with the
source file and the line inside the JSON; drawing happens when a page is
written (see ``visitors``), through the on-disk cache. The node always sits in
a real ``nodes.figure`` with class ``diagram`` so ``:caption:`` and ``:name:``
give a numbered figure that ``{numref}`` reaches, like ``sphinx.ext.graphviz``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StateMachine
from sphinx.util.docutils import SphinxDirective

from sphinx_notebook.diagram.cache import canonical_json
from sphinx_notebook.diagram.excalidraw import ExcalidrawError, sanitize
from sphinx_notebook.diagram.schema import check_text, describe_blocks
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

logger = get_logger(__name__)


class notebook_diagram(nodes.General, nodes.Element):
    """A diagram to draw when the page is written.

    ``mode`` is ``"dsl"`` (``spec`` holds canonical JSON, with ``seed``,
    ``roughness``, ``title``, ``alt``), ``"svg"`` (``svg`` holds sanitized
    Excalidraw markup) or ``"error"`` (``errors`` holds the messages to show).
    """


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
        node = notebook_diagram()
        self.set_source_info(node)
        source, _ = self.get_source_info()
        node["location"] = f"{source}:{self.lineno}"
        if "width" in self.options:
            node["width"] = self.options["width"]
        caption = self.options.get("caption")
        if self.arguments and self.content:
            self._fail(node, ["give either a file argument or a JSON body, not both"])
        elif self.arguments:
            caption = self._from_file(node, self.arguments[0]) or caption
        elif self.content:
            text = "\n".join(self.content)
            caption = self._from_json(node, text, source, self._body_offset()) or caption
        else:
            self._fail(node, ["the diagram is empty: write its JSON below the directive, or name a file"])
        figure, messages = self._figure(node, caption)
        return [figure, *messages]

    def _body_offset(self) -> int:
        """The document line just before the body, so JSON line k is at offset + k."""
        if isinstance(self.state_machine, StateMachine):
            return self.content_offset  # docutils: the 0-based index of the body's first line
        # MyST (0.19 to 5.x) counts content_offset from the directive's own line.
        return self.lineno + self.content_offset

    def _fail(self, node: notebook_diagram, messages: list[str], subtype: WarningSubtype | None = None,
              where: str | None = None) -> None:
        """Warn at the directive (or ``where``) and turn the node into a visible error box."""
        for message in messages:
            warn(logger, subtype or WarningSubtype.diagram, "diagram: %s", message,
                 location=where or node["location"])
        node["mode"] = "error"
        node["errors"] = messages

    def _from_file(self, node: notebook_diagram, argument: str) -> str | None:
        relative, absolute = self.env.relfn2path(argument)
        path = Path(absolute)
        suffix = path.suffix.lower()
        if suffix not in (".json", ".svg"):
            self._fail(node, [f"{argument!r}: the argument must be a .json diagram or an .svg "
                              "exported from Excalidraw"])
            return None
        self.env.note_dependency(relative)
        try:
            data = path.read_bytes()
        except OSError as error:
            self._fail(node, [f"cannot read {argument!r}: {error.strerror or error}"])
            return None
        if suffix == ".svg":
            self._from_svg(node, data, argument)
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self._fail(node, [f"{argument!r} is not UTF-8 text; save it as UTF-8"])
            return None
        return self._from_json(node, text, str(path), 0, name=argument)

    def _from_json(self, node: notebook_diagram, text: str, source: str, offset: int,
                   name: str | None = None) -> str | None:
        """Validate; on success fill the node and return the JSON's caption (if any)."""
        checked = check_text(text)
        if checked.spec is None:
            inside = f" (in {name})" if name else ""
            for problem in checked.problems:
                line = offset + (problem.line or 1)
                warn(logger, WarningSubtype.diagram, "diagram %s: %s%s", problem.where, problem.message,
                     inside, location=f"{source}:{line}")
            node["mode"] = "error"
            node["errors"] = [str(problem) for problem in checked.problems]
            return None
        spec = copy.deepcopy(checked.spec)
        config = self.config
        # The directive option wins over the JSON, which wins over conf.py.
        seed = self.options.get("seed") or spec.get("seed") or config.notebook_diagram_seed
        rough = dict(spec.get("rough", {}))
        roughness = self.options.get("roughness", rough.get("roughness", config.notebook_diagram_roughness))
        spec["seed"] = seed
        spec["rough"] = {**rough, "roughness": roughness}
        alt = self.options.get("alt") or spec.get("alt")
        if not alt:
            warn(logger, WarningSubtype.diagram,
                 "diagram has no 'alt' text: add \"alt\" to its JSON (or an :alt: option) describing "
                 "what it shows, for screen readers and feeds; using a list of its blocks for now",
                 location=node["location"])
            alt = describe_blocks(spec)
        node["mode"] = "dsl"
        node["spec"] = canonical_json(spec)
        node["seed"] = seed
        node["roughness"] = float(roughness)
        node["title"] = spec.get("title")
        node["alt"] = alt
        return spec.get("caption")

    def _from_svg(self, node: notebook_diagram, data: bytes, argument: str) -> None:
        alt = self.options.get("alt")
        try:
            cleaned = sanitize(data, alt=alt)
        except ExcalidrawError as error:
            self._fail(node, [f"{argument!r} cannot be embedded: {error}"], WarningSubtype.excalidraw)
            return
        if cleaned.removed:
            unique = list(dict.fromkeys(cleaned.removed))
            warn(logger, WarningSubtype.excalidraw, "diagram %r: removed unsafe content: %s", argument,
                 ", ".join(unique[:8]) + (", ..." if len(unique) > 8 else ""), location=node["location"])
        if not alt:
            warn(logger, WarningSubtype.diagram,
                 "diagram %r has no :alt: option: describe what the drawing shows, for screen readers",
                 argument, location=node["location"])
        node["mode"] = "svg"
        node["svg"] = cleaned.svg
        node["alt"] = alt or f"drawing {Path(argument).stem}"

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
