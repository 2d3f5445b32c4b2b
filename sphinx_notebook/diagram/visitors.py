"""Write ``notebook_diagram`` nodes for each builder, drawing through the cache.

HTML and EPUB inline the SVG (no script, so it also works in feeds); LaTeX gets
the same strokes as a TikZ picture; text, man and texinfo print
``[diagram: alt]``. A renderer failure at write time becomes a typed warning
and the same error box as a validation failure: never a traceback.
"""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_notebook.diagram.cache import cache_in, cache_key
from sphinx_notebook.translations import _
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.manpage import ManualPageTranslator
    from sphinx.writers.texinfo import TexinfoTranslator
    from sphinx.writers.text import TextTranslator

logger = get_logger(__name__)

class DrawError(Exception):
    """The renderer failed on a validated diagram (a bug to report, not the writer's fault)."""


def draw(builder: Builder, node: nodes.Element, output: str) -> str:
    """The SVG or TikZ for a ``dsl`` node, from the cache when the same input was drawn before."""
    from sphinx_notebook.diagram import render

    key = cache_key(output, node["spec"], node["seed"], node["roughness"], render.RENDERER_VERSION,
                    node.get("title"), node.get("alt"))
    cache = cache_in(builder.doctreedir)
    suffix = "svg" if output == "svg" else "tex"
    hit = cache.get(key, suffix)
    if hit is not None:
        return hit
    spec = json.loads(node["spec"])
    try:
        if output == "svg":
            text = render.render_svg(spec, seed=node["seed"], roughness=node["roughness"],
                                     title=node.get("title"), alt=node.get("alt"))
        else:
            text = render.render_tikz(spec, seed=node["seed"], roughness=node["roughness"])
    except Exception as error:  # the renderer must never take the build down
        raise DrawError(f"{type(error).__name__}: {error}") from error
    cache.put(key, suffix, text)
    return text


def _drawn(builder: Builder, node: nodes.Element, output: str) -> str | None:
    """``draw``, or None after turning a renderer failure into a warning and an error node."""
    try:
        return draw(builder, node, output)
    except DrawError as error:
        message = f"could not draw this diagram ({error}); please report it with the JSON"
        warn(logger, WarningSubtype.diagram, "diagram: %s", message, location=node)
        node["mode"] = "error"
        node["errors"] = [message]
        return None


def error_box_html(messages: list[str]) -> str:
    items = "".join(f"<li>{escape(message)}</li>" for message in messages)
    heading = escape(_("This diagram could not be drawn"))
    return (
        '<div class="nb-diagram-error" role="note">'
        f'<p class="nb-diagram-error-title">{heading}</p>'
        f"<ul>{items}</ul></div>"
    )


def _body_html(node: nodes.Element, markup: str) -> str:
    style = ""
    if node.get("width"):
        width = node["width"]
        style = f' style="width: {escape(width + "px" if width[-1].isdigit() else width)}"'
    sized = " nb-diagram-sized" if style else ""
    return f'<div class="nb-diagram-body{sized}"{style}>{markup}</div>'


def visit_html(self: HTML5Translator, node: nodes.Element) -> None:
    """Inline SVG (html, dirhtml, singlehtml, epub: same markup for all)."""
    markup: str | None = None
    if node["mode"] == "dsl":
        markup = _drawn(self.builder, node, "svg")
    elif node["mode"] == "svg":
        markup = node["svg"]  # sanitized at read time; its hand-written text uses the page's nb-hand
    if markup is None:
        self.body.append(error_box_html(node["errors"]))
    else:
        self.body.append(_body_html(node, markup))
    raise nodes.SkipNode


def visit_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    """The TikZ picture, shrunk to the line width when wider; Excalidraw SVGs get their alt text."""
    tikz = _drawn(self.builder, node, "tikz") if node["mode"] == "dsl" else None
    if tikz is not None:
        self.body.append(
            "\n{\\centering\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n"
            f"{tikz.strip()}%\n}}\\par}}\n"
        )
    elif node["mode"] == "error":
        text = "; ".join(node["errors"])
        heading = self.encode(_("Diagram error:"))
        self.body.append(f"\n\\fbox{{\\parbox{{0.95\\linewidth}}{{\\textbf{{{heading}}} "
                         f"{self.encode(text)}}}}}\n")
    else:
        self.body.append(f"\n{{\\centering\\emph{{[diagram: {self.encode(node['alt'])}]}}\\par}}\n")
    raise nodes.SkipNode


def plain_text(node: nodes.Element) -> str:
    """``[diagram: alt]``, or the problems for a diagram that could not be drawn."""
    if node["mode"] == "error":
        return _("[diagram error: %s]") % "; ".join(node["errors"])
    return _("[diagram: %s]") % node["alt"]


def visit_text(self: TextTranslator, node: nodes.Element) -> None:
    # A paragraph of its own, so a following caption starts on a new line.
    self.new_state(0)
    self.add_text(plain_text(node))
    self.end_state()
    raise nodes.SkipNode


def visit_man(self: ManualPageTranslator, node: nodes.Element) -> None:
    text = plain_text(node).replace("\\", "\\e")
    self.body.append(text if not text.startswith((".", "'")) else "\\&" + text)
    raise nodes.SkipNode


def visit_texinfo(self: TexinfoTranslator, node: nodes.Element) -> None:
    self.body.append(self.escape(plain_text(node)))
    raise nodes.SkipNode

