"""How theorem-style blocks look in each output format.

HTML: a ``div.nb-theorem`` with a ``p.nb-theorem-title`` heading. LaTeX:
amsthm environments (their preamble is :func:`amsthm_preamble`), numbered
like the HTML (the counter is set per block, so numbers match ``{numref}``).
Text, man and texinfo: a bold "Theorem 2 (Title)." line before the body.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_notebook.math.theorems import KIND_LABELS, heading_label, notebook_theorem
from sphinx_notebook.translations import _

if TYPE_CHECKING:
    from docutils.nodes import Element

# amsthm style of each kind: statements in italics, definitions upright.
THEOREM_STYLES: dict[str, str] = {
    "theorem": "plain",
    "lemma": "plain",
    "proposition": "plain",
    "corollary": "plain",
    "definition": "definition",
    "example": "definition",
    "exercise": "definition",
    "remark": "remark",
}


def amsthm_preamble() -> str:
    """LaTeX preamble lines: amsthm and one environment per kind (unless already defined)."""
    lines = ["\\usepackage{amsthm}"]
    for style in ("plain", "definition", "remark"):
        lines.append(f"\\theoremstyle{{{style}}}")
        for kind, kind_style in THEOREM_STYLES.items():
            if kind_style == style:
                lines.append(f"\\ifdefined\\{kind}\\else\\newtheorem{{{kind}}}{{{_(KIND_LABELS[kind])}}}\\fi")
    lines.append("\\theoremstyle{plain}")
    return "\n".join(lines)


# --- HTML (and epub, singlehtml, dirhtml: same markup) ---------------------


def visit_block_html(self: Any, node: Element) -> None:
    self.body.append(self.starttag(node, "div", ""))


def depart_block_html(self: Any, node: Element) -> None:
    self.body.append("</div>\n")


def visit_heading_html(self: Any, node: Element) -> None:
    block = node.parent
    classes = "nb-theorem-title" if isinstance(block, notebook_theorem) else "nb-theorem-title nb-proof-title"
    self.body.append(f'<p class="{classes}"><span class="nb-theorem-kind">{heading_label(block)}</span>')
    if len(node):
        self.body.append(' <span class="nb-theorem-name">(')


def depart_heading_html(self: Any, node: Element) -> None:
    if len(node):
        self.body.append(")</span>")
    block = node.parent
    if isinstance(block, notebook_theorem) and block["ids"]:
        self.add_permalink_ref(block, _("Link to %s") % heading_label(block))
    self.body.append("</p>\n")


def visit_qed_html(self: Any, node: Element) -> None:
    label = _("End of proof")
    self.body.append(f'<span class="nb-qed" role="img" aria-label="{label}">{node.astext()}</span>')
    raise nodes.SkipNode


# --- LaTeX (amsthm) -----------------------------------------------------


def _environment(node: Element) -> str:
    return node["kind"] if isinstance(node, notebook_theorem) else "proof"


def visit_block_latex(self: Any, node: Element) -> None:
    environment = _environment(node)
    self.body.append("\n")
    number = node.get("number")
    if isinstance(node, notebook_theorem) and number:
        # Same number as the HTML page; a unique hyperref anchor per block,
        # since numbers restart in every document.
        anchor = re.sub(r"[^A-Za-z0-9]+", ".", f"{self.curfilestack[-1]}.{environment}.{number}")
        self.body.append(f"\\setcounter{{{environment}}}{{{number - 1}}}")
        self.body.append(f"\\def\\theH{environment}{{{anchor}}}%\n")
    self.body.append(f"\\begin{{{environment}}}")


def depart_block_latex(self: Any, node: Element) -> None:
    self.body.append(f"\n\\end{{{_environment(node)}}}\n")


def visit_heading_latex(self: Any, node: Element) -> None:
    if len(node):
        self.body.append("[{")
        if not isinstance(node.parent, notebook_theorem):
            self.body.append(self.escape(f"{heading_label(node.parent)} ("))


def depart_heading_latex(self: Any, node: Element) -> None:
    if len(node):
        if not isinstance(node.parent, notebook_theorem):
            self.body.append(")")
        self.body.append("}]")
    self.body.append(self.hypertarget_to(node.parent) + "\n")


def visit_qed_latex(self: Any, node: Element) -> None:
    raise nodes.SkipNode  # amsthm's proof environment sets its own tombstone


# --- text ---------------------------------------------------------------


def visit_block_plain(self: Any, node: Element) -> None:
    pass


def depart_block_plain(self: Any, node: Element) -> None:
    pass


def visit_heading_text(self: Any, node: Element) -> None:
    self.new_state(0)
    self.add_text(heading_label(node.parent) + (" (" if len(node) else ""))


def depart_heading_text(self: Any, node: Element) -> None:
    self.add_text(")." if len(node) else ".")
    self.end_state()


def visit_qed_text(self: Any, node: Element) -> None:
    self.add_text(" " + node.astext())
    raise nodes.SkipNode


# --- man ----------------------------------------------------------------


def visit_heading_man(self: Any, node: Element) -> None:
    self.ensure_eol()
    opening = " (" if len(node) else ""
    self.body.append(".sp\n" + self.defs["strong"][0] + heading_label(node.parent) + opening)


def depart_heading_man(self: Any, node: Element) -> None:
    self.body.append((")." if len(node) else ".") + self.defs["strong"][1] + "\n")


def visit_qed_man(self: Any, node: Element) -> None:
    self.body.append(" \\(sq")
    raise nodes.SkipNode


# --- texinfo ------------------------------------------------------------


def visit_heading_texinfo(self: Any, node: Element) -> None:
    self.body.append("\n\n@noindent\n@strong{" + self.escape(heading_label(node.parent)))
    if len(node):
        self.body.append(" (")


def depart_heading_texinfo(self: Any, node: Element) -> None:
    self.body.append((")." if len(node) else ".") + "}\n\n")


def visit_qed_texinfo(self: Any, node: Element) -> None:
    self.body.append(" " + self.escape(node.astext()))
    raise nodes.SkipNode


BLOCK_VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (visit_block_html, depart_block_html),
    "latex": (visit_block_latex, depart_block_latex),
    "text": (visit_block_plain, depart_block_plain),
    "man": (visit_block_plain, depart_block_plain),
    "texinfo": (visit_block_plain, depart_block_plain),
}
HEADING_VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (visit_heading_html, depart_heading_html),
    "latex": (visit_heading_latex, depart_heading_latex),
    "text": (visit_heading_text, depart_heading_text),
    "man": (visit_heading_man, depart_heading_man),
    "texinfo": (visit_heading_texinfo, depart_heading_texinfo),
}
QED_VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (visit_qed_html, None),
    "latex": (visit_qed_latex, None),
    "text": (visit_qed_text, None),
    "man": (visit_qed_man, None),
    "texinfo": (visit_qed_texinfo, None),
}
