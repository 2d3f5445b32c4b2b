"""From a diagram's source (JSON text or an SVG export) to a filled ``notebook_diagram`` node.

Shared by the ``diagram`` directive and the raw-HTML ``<figure class="diagram">``
transform, so both draw the same input the same way and report problems the
same way: a typed warning at the source line, and an error box on the page.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_notebook.diagram import limits
from sphinx_notebook.diagram.cache import canonical_json
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.config import Config

logger = get_logger(__name__)


class notebook_diagram(nodes.General, nodes.Element):
    """A diagram to draw when the page is written.

    ``mode`` is ``"dsl"`` (``spec`` holds canonical JSON, with ``seed``,
    ``roughness``, ``title``, ``alt``), ``"svg"`` (``svg`` holds sanitized
    markup of an editor's export) or ``"error"`` (``errors`` holds the messages to show).
    """


@dataclass
class Origin:
    """Where a diagram was written and the options given with it (directive options or HTML attributes)."""

    docname: str
    source: str
    line: int
    config: Config
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"


def new_node(origin: Origin) -> notebook_diagram:
    node = notebook_diagram()
    node.source, node.line = origin.source, origin.line
    node["location"] = origin.location
    if origin.options.get("width"):
        node["width"] = origin.options["width"]
    return node


def fail(node: notebook_diagram, messages: list[str], subtype: WarningSubtype | None = None,
         where: str | None = None) -> None:
    """Warn at the diagram (or ``where``) and turn the node into a visible error box."""
    for message in messages:
        warn(logger, subtype or WarningSubtype.diagram, "diagram: %s", message,
             location=where or node["location"])
    node["mode"] = "error"
    node["errors"] = messages


def from_json(node: notebook_diagram, text: str, origin: Origin, source: str, offset: int,
              name: str | None = None) -> str | None:
    """Validate; on success fill the node and return the JSON's caption (if any).

    ``source`` and ``offset`` place JSON line k at ``source:offset + k``.
    """
    # Imported here: a build that reads no diagram (a no-op rebuild) never needs the schema.
    from sphinx_notebook.diagram.schema import check_text, describe_blocks

    too_big = limits.json_problem(text)
    if too_big:
        fail(node, [f"{name!r}: {too_big}" if name else too_big],
             where=None if name else f"{source}:{offset + 1}")
        return None
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
    too_big = limits.spec_problem(checked.spec)
    if too_big:
        fail(node, [too_big])
        return None
    spec = copy.deepcopy(checked.spec)
    config, options = origin.config, origin.options
    # The directive option wins over the JSON, which wins over conf.py.
    seed = options.get("seed") or spec.get("seed") or config.notebook_diagram_seed
    rough = dict(spec.get("rough", {}))
    roughness = options.get("roughness", rough.get("roughness", config.notebook_diagram_roughness))
    spec["seed"] = seed
    spec["rough"] = {**rough, "roughness": roughness}
    alt = options.get("alt") or spec.get("alt")
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
    caption = spec.get("caption")
    return caption if isinstance(caption, str) else None


def from_svg(node: notebook_diagram, data: bytes | str, origin: Origin, label: str,
             alt_hint: str = "an :alt: option") -> None:
    """Sanitize an editor's SVG export into the node; ``label`` names it in warnings."""
    # Imported here: a build that reads no diagram never needs the sanitizers (and tinycss2).
    from sphinx_notebook.diagram.svg_editors import EmbedError, embed, scope_id

    alt = origin.options.get("alt")
    too_big = limits.svg_problem(data)
    if too_big:
        fail(node, [f"{label} cannot be embedded: {too_big}"], WarningSubtype.excalidraw)
        return
    digest = data if isinstance(data, str) else data.decode("utf-8", "replace")
    try:
        cleaned = embed(data, scope=scope_id(origin.docname, str(origin.line), digest), alt=alt)
    except EmbedError as error:
        fail(node, [f"{label} cannot be embedded: {error}"], WarningSubtype.excalidraw)
        return
    if cleaned.removed:
        shown = cleaned.removed[:8]
        warn(logger, WarningSubtype.excalidraw, "diagram %s: removed unsafe content: %s",
             label, ", ".join(shown) + (f", and {len(cleaned.removed) - 8} more" if len(cleaned.removed) > 8
                                        else ""),
             location=node["location"])
    if not alt:
        warn(logger, WarningSubtype.diagram,
             "diagram %s has no alt text: add %s describing what the drawing shows, for screen readers",
             label, alt_hint, location=node["location"])
    node["mode"] = "svg"
    node["svg"] = cleaned.svg
    node["alt"] = alt or f"drawing {label}"
