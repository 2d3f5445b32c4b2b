"""The seed's own figure syntax: raw HTML ``<figure class="diagram">`` drawn like the directive.

MyST turns an HTML block into a ``raw`` node, and so does reST's ``raw:: html``.
This read-time transform finds those that are diagram figures and replaces
each with the same ``figure`` > ``notebook_diagram`` (+ ``caption``) the
``diagram`` directive makes, through the same ``sources`` functions, so the
output is the same and a ``<figcaption>`` is a numbered caption. It runs
before Sphinx's ``AutoNumbering`` (priority 210), which gives captioned
figures their ids. Figure attributes: ``id`` (the name for ``{numref}``),
``class``, ``data-alt``, ``data-seed``, ``data-roughness``, ``data-width``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_notebook.diagram.figure_markup import FigureMarkup, is_diagram_figure, read_figure
from sphinx_notebook.diagram.sources import Origin, fail, from_json, from_svg, new_node
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)


def _first_line(raw: nodes.raw) -> int:
    """The source line of the raw text's first line.

    MyST sets the block's own line; reST's ``raw`` directive sets the
    directive's line, and the content starts a few lines further down.
    """
    line = raw.line or 1
    first = raw.astext().lstrip("\n").split("\n", 1)[0].strip()
    try:
        lines = Path(raw.source or "").read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return line
    for number in range(line, min(line + 40, len(lines) + 1)):
        if lines[number - 1].strip() == first:
            return number
    return line


def _options(attributes: dict[str, str], origin_line: str) -> dict[str, Any]:
    """Directive-style options from the figure's ``data-*`` attributes (bad numbers are warned about)."""
    options: dict[str, Any] = {}
    if attributes.get("data-alt"):
        options["alt"] = attributes["data-alt"]
    if attributes.get("data-width"):
        options["width"] = attributes["data-width"]
    for name, kind, low, high in (("seed", int, 1, None), ("roughness", float, 0.0, 3.0)):
        value = attributes.get(f"data-{name}")
        if not value:
            continue
        try:
            number = kind(value)
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            warn(logger, WarningSubtype.diagram, "diagram: data-%s=%r must be a number %s; ignored", name,
                 value, bounds, location=origin_line)
        else:
            options[name] = number
    return options


class DiagramFigureTransform(SphinxTransform):
    """Replace raw ``<figure class="diagram">`` HTML with a drawn diagram figure."""

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split() or not is_diagram_figure(raw.astext()):
                continue
            raw.replace_self(self._figure(raw, read_figure(raw.astext())))

    def _figure(self, raw: nodes.raw, markup: FigureMarkup) -> list[nodes.Node]:
        source = raw.source or self.env.doc2path(self.env.docname)
        start = _first_line(raw)
        leading = len(raw.astext()) - len(raw.astext().lstrip("\n"))
        base = start - raw.astext()[:leading].count("\n")  # document line of the text's line 0
        where = f"{source}:{start}"
        origin = Origin(self.env.docname, str(source), start, self.config,
                        _options(markup.attributes, where))
        node = new_node(origin)
        if markup.svg is None and markup.json is None and markup.problems:
            fail(node, markup.problems)
        else:
            for problem in markup.problems:
                warn(logger, WarningSubtype.diagram, "diagram: %s", problem, location=where)
        json_caption = None
        if node.get("mode") == "error":
            pass
        elif markup.svg is not None:
            svg_origin = Origin(origin.docname, origin.source, base + markup.svg.line, self.config,
                                origin.options)
            node["location"] = svg_origin.location
            from_svg(node, markup.svg.text, svg_origin, "the pasted SVG", alt_hint="a data-alt attribute")
        elif markup.json is not None:
            json_caption = from_json(node, markup.json.text, origin, str(source), base + markup.json.line - 1)
        else:
            fail(node, ["the diagram figure is empty: paste an SVG export, or write the diagram's JSON "
                        "inside it"])
        figure = nodes.figure("", node, classes=["diagram"])
        figure.source, figure.line = source, start
        extra = [c for c in markup.attributes.get("class", "").split() if c != "diagram"]
        figure["classes"].extend(extra)
        caption = markup.caption or json_caption  # <figcaption> wins, like :caption:
        if caption:
            caption_node = nodes.caption(caption, caption)
            caption_node.source, caption_node.line = source, start
            figure += caption_node
        name = markup.attributes.get("id", "").strip()
        if name:
            figure["names"].append(nodes.fully_normalize_name(name))
            self.document.note_explicit_target(figure, figure)
        result: list[nodes.Node] = [figure]
        if markup.rest.strip():
            rest = nodes.raw("", markup.rest, format="html")
            rest.source, rest.line = raw.source, raw.line
            result.append(rest)
        return result


def setup_html_figures(app: Sphinx) -> None:
    app.add_transform(DiagramFigureTransform)
