"""MathJax at build time, for the formulas KaTeX cannot render.

KaTeX covers most of what posts write, but MathJax-era TeX also uses
``\\enclose``, ``\\bbox``, ``\\unicode``, mathtools, physics, mhchem and more.
When KaTeX gives up on a formula, the vendored MathJax 3 (its ``tex-full``
input, run in this process's QuickJS engine with MathJax's lite DOM adaptor)
turns it into MathML, which browsers, feed readers and e-readers display
without any script or stylesheet. MathML was chosen by measurement: a few
milliseconds and about a kilobyte per formula, against CHTML's stylesheet and
fonts or SVG's megabyte of glyph data in the engine.

Each formula gets a fresh TeX input (``getComponents``), so definitions never
leak from one formula or page to another and the result depends on nothing
but the formula and the page definitions before it.
"""

from __future__ import annotations

import html
import re

from sphinx_notebook.jsengine import JSError, get_engine
from sphinx_notebook.math.link_policy import police_mathml_links

SCRIPTS = (
    "mathjax/core.js",
    "mathjax/startup.js",
    "mathjax/input/tex-full.js",
    "mathjax/adaptors/liteDOM.js",
)
"""The vendored MathJax components, in the order they must load."""

_CONFIG = """
var MathJax = {
  startup: {typeset: false},
  tex: {
    // bussproofs needs an output jax that measures boxes; the two "no..."
    // packages would hide the errors the build must report.
    packages: {"[-]": ["bussproofs", "noerrors", "noundefined"]},
    formatError: function (jax, error) { throw error; }
  }
};
"""

_START = """
MathJax.startup.registerConstructor("HTMLHandler", MathJax._.handlers.html.HTMLHandler.HTMLHandler);
MathJax.startup.useHandler("HTMLHandler");
MathJax.startup.useAdaptor("liteAdaptor");
MathJax.startup.useInput("tex");
MathJax.startup.getComponents();
MathJax.startup.makeMethods();
"""

_CONVERT_JS = """
dukpy.items.map(function (item) {
  try {
    MathJax.startup.getComponents();  // a fresh TeX input: no definitions carried over
    return [MathJax.tex2mml(item[0], {display: item[1]}), null];
  } catch (e) {
    return [null, String(e && e.message || e)];
  }
})
"""


def _load() -> None:
    engine = get_engine()
    engine.load("sphinx_notebook/mathjax-config", _CONFIG)
    for script in SCRIPTS:
        engine.load_vendor(script)
    engine.load("sphinx_notebook/mathjax-start", _START)


def tex_to_mathml(items: list[tuple[str, bool]]) -> list[tuple[str | None, str | None]]:
    """MathML for each ``(tex, display)``, or MathJax's reason for refusing it."""
    if not items:
        return []
    try:
        _load()
        results = get_engine().evaluate(_CONVERT_JS, items=[[tex, display] for tex, display in items])
    except JSError as error:  # the engine failed (memory): these formulas keep KaTeX's verdict
        return [(None, str(error).splitlines()[0])] * len(items)
    return [_finish(mathml, error) for mathml, error in results]


def _finish(mathml: str | None, error: str | None) -> tuple[str | None, str | None]:
    """Compact MathML with refused links taken out (their reasons as the message)."""
    if not mathml:
        return None, error
    # MathJax indents its MathML; the whitespace would only weigh on the page.
    compact = "".join(line.strip() for line in mathml.splitlines())
    policed, refusals = police_mathml_links(compact)
    return policed, "; ".join(refusals) or None


_MATH_ELEMENT = re.compile(r"(<math\b[^>]*>)(.*)(</math>)", re.S)


def with_tex_annotation(mathml: str, tex: str) -> str:
    """Keep the formula's TeX in the MathML, as KaTeX does (copying, screen readers, feeds)."""
    match = _MATH_ELEMENT.fullmatch(mathml)
    if match is None:
        return mathml
    annotation = f'<annotation encoding="application/x-tex">{html.escape(tex, quote=False)}</annotation>'
    return f"{match.group(1)}<semantics><mrow>{match.group(2)}</mrow>{annotation}</semantics>{match.group(3)}"


_MENCLOSE = re.compile(r'<menclose notation="([^"]*)"')


def enclosures_for_css(mathml: str) -> str:
    """``<menclose>`` as an ``<mrow>`` naming its notation, for pages (see nb-math.css).

    MathML Core, what Chromium draws, has no ``menclose``; the page's
    stylesheet draws the common notations on the ``mrow`` instead. Feeds and
    epub keep ``menclose``: readers have no stylesheet of ours, and those with
    full MathML draw it themselves.
    """
    if "<menclose" not in mathml:
        return mathml
    mathml = _MENCLOSE.sub(r'<mrow class="nb-menclose" data-notation="\1"', mathml)
    return mathml.replace("</menclose>", "</mrow>")
