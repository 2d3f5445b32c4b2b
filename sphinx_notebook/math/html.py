"""The ``katex`` HTML math renderer: formulas become KaTeX markup at build time.

Registered with ``app.add_html_math_renderer`` like ``sphinx.ext.mathjax``,
and like it keeps Sphinx's equation numbers and permalinks, so ``{eq}`` and
``{numref}`` work unchanged. Pages with math get KaTeX's stylesheet and no
script; epub gets MathML alone (readers apply no KaTeX CSS).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.math import get_node_equation_number

from sphinx_notebook.math.katex import (
    HTML_AND_MATHML,
    MATHML,
    Key,
    cache_key,
    prepare_environment,
    render_key,
    wrap_display,
)
from sphinx_notebook.math.page_macros import (
    DEFINITIONS_ONLY,
    PROBLEMS,
    find_math,
    node_definitions,
    node_macros,
    source_tex,
)
from sphinx_notebook.math.prefetch import Prefetcher, get_prefetcher
from sphinx_notebook.math.render_ahead import render_ahead
from sphinx_notebook.math.tex_labels import strip_labels
from sphinx_notebook.translations import _
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

logger = get_logger(__name__)

RENDERER_NAME = "katex"
KATEX_CSS = "vendor/katex/katex.min.css"
_MESSAGE_LIMIT = 60


def formula(node: nodes.Element) -> tuple[str, bool]:
    """The TeX KaTeX gets for a math node, and whether it is displayed."""
    tex = strip_labels(source_tex(node))  # the block carries them (see tex_labels)
    if not isinstance(node, nodes.math_block):
        return tex, False
    nowrap = node.get("no-wrap", node.get("nowrap", False))
    return (prepare_environment if nowrap else wrap_display)(tex), True


def node_key(config: Config, node: nodes.Element, output: str = HTML_AND_MATHML) -> Key:
    """The rendering of ``node`` in ``output``, with the page's definitions in effect."""
    tex, display = formula(node)
    return cache_key(tex, display, node_macros(config, node), output, node_definitions(node))


def key_for(builder: Builder, node: nodes.Element) -> Key:
    """The rendering ``node`` needs with this builder (epub: MathML alone)."""
    output = MATHML if builder.name.startswith("epub") else HTML_AND_MATHML
    return node_key(builder.config, node, output)


def node_mathml(config: Config, node: nodes.Element) -> str:
    """MathML alone for ``node`` (feeds); its escaped TeX if it cannot be rendered."""
    if node.get(DEFINITIONS_ONLY):
        return ""
    rendered = render_key(node_key(config, node, MATHML))
    if rendered.html is None:
        return f'<code class="nb-math-error">{html.escape(source_tex(node))}</code>'
    return rendered.html


def _shown(source: str) -> str:
    return source if len(source) <= _MESSAGE_LIMIT else source[: _MESSAGE_LIMIT - 1] + "…"


def _render_node(translator: HTML5Translator, node: nodes.Element) -> str:
    """KaTeX markup for ``node``, or its escaped TeX, with one warning at its file:line if need be."""
    key = key_for(translator.builder, node)
    rendered = get_prefetcher().take(key) or render_key(key)
    source = node.astext().strip()
    if rendered.html is not None:
        if rendered.error:  # rendered, but a link or image in it was refused
            warn(logger, WarningSubtype.math, "In %r: %s", _shown(source), rendered.error, location=node)
        return rendered.html
    reason = "; ".join([*(node.get(PROBLEMS) or []), rendered.error or ""])
    warn(
        logger,
        WarningSubtype.math,
        "Neither KaTeX nor MathJax can render %r: %s",
        _shown(source),
        reason,
        location=node,
    )
    tag = "div" if key[1] else "span"
    return (
        f'<{tag} class="nb-math-error" title="{html.escape(rendered.error or "", quote=True)}">'
        f"<code>{html.escape(source)}</code></{tag}>"
    )


def visit_inline(self: HTML5Translator, node: nodes.math) -> None:
    """Inline ``$…$``: a span holding KaTeX's HTML and MathML (nothing if it only defines)."""
    if node.get(DEFINITIONS_ONLY):
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "span", "", CLASS="math nb-math"))
    self.body.append(_render_node(self, node))
    self.body.append("</span>")
    raise nodes.SkipNode


def visit_block(self: HTML5Translator, node: nodes.math_block) -> None:
    """Display math, with Sphinx's equation number and permalink when it has one."""
    if node.get(DEFINITIONS_ONLY) and not node.get("number"):
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "div", CLASS="math nb-math"))
    if node.get("number"):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_render_node(self, node))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def add_katex_css(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: KaTeX's stylesheet on pages with math, never a script."""
    builder = app.builder
    if builder.format != "html" or getattr(builder, "math_renderer_name", None) != RENDERER_NAME:
        return
    if builder.name.startswith("epub"):
        return  # MathML alone: nothing to style
    if context.get("has_maths_elements") or app.registry.html_assets_policy == "always":
        builder.add_css_file(KATEX_CSS)  # type: ignore[attr-defined]


def prefetch_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: hand the document's formulas to the helper process.

    Serial KaTeX builds only; under ``-j N`` the reader renders them itself
    (``render_ahead``), so the single writer of ``-j 2`` finds them done.
    """
    builder = app.builder
    if builder.format != "html" or getattr(builder, "math_renderer_name", None) != RENDERER_NAME:
        return
    parallel = app.parallel > 1
    if not parallel and not Prefetcher.available():
        return
    keys = [key_for(builder, node) for node in find_math(doctree)]
    if not keys:
        return
    if parallel:
        render_ahead(keys)
    else:
        get_prefetcher().submit(keys)


def stop_prefetching(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: stop the helper process."""
    get_prefetcher().close()


def setup_katex(app: Sphinx) -> None:
    """Register the renderer and its page assets."""
    app.add_html_math_renderer(RENDERER_NAME, (visit_inline, None), (visit_block, None))
    app.connect("html-page-context", add_katex_css)
    app.connect("doctree-read", prefetch_document)
    app.connect("build-finished", stop_prefetching)
