"""The same rough strokes as a TikZ picture, for LaTeX/PDF builds.

SVG path data (M/L/C, as rough.js emits it) becomes TikZ path syntax with the y
axis flipped, in units that make the picture fit ``\\linewidth``; labels become
nodes. Only the tikz package (and the xcolor it loads) is needed.
"""

from __future__ import annotations

import re

from sphinx_notebook.diagram.model import Label, Scene
from sphinx_notebook.diagram.strokes import Stroke
from sphinx_notebook.diagram.svg import PALETTE

FULL_WIDTH_PX = 600.0
_TOKEN = re.compile(r"[MLCQZmlcqz]|-?\d*\.?\d+(?:[eE][-+]?\d+)?")
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\textasciitilde{}", "<": r"\textless{}",
    ">": r"\textgreater{}", '"': r"\textquotedbl{}", "|": r"\textbar{}",
}
_MATH = {  # code point -> math command, for symbols pdflatex cannot typeset as text
    0x3B1: r"\alpha", 0x3B2: r"\beta", 0x3B3: r"\gamma", 0x3B4: r"\delta", 0x3B5: r"\varepsilon",
    0x3B7: r"\eta", 0x3B8: r"\theta", 0x3BB: r"\lambda", 0x3BC: r"\mu", 0x3C0: r"\pi",
    0x3C3: r"\sigma", 0x3C4: r"\tau", 0x3C6: r"\varphi", 0x3C9: r"\omega", 0x394: r"\Delta",
    0x3A3: r"\Sigma", 0x3A9: r"\Omega", 0x2207: r"\nabla", 0x2190: r"\leftarrow",
    0x2192: r"\rightarrow", 0x2191: r"\uparrow", 0x2193: r"\downarrow", 0x2212: "-",
    0xD7: r"\times", 0xB7: r"\cdot", 0x2264: r"\leq", 0x2265: r"\geq", 0x2260: r"\neq",
    0x221E: r"\infty", 0x2208: r"\in", 0x2211: r"\sum", 0x221A: r"\surd", 0x2248: r"\approx",
    0x21D2: r"\Rightarrow",
    # the kinds drawn from data: gradients, units, e₁ and x²
    0x2202: r"\partial", 0xB5: r"\mu", 0x2194: r"\leftrightarrow",
    **{0x2080 + d: f"_{{{d}}}" for d in range(10)},
    0xB2: "^{2}", 0xB3: "^{3}", 0xB9: "^{1}",
}


def latex_escape(text: str) -> str:
    """Plain text safe in a TikZ node under pdflatex (common symbols become math)."""
    out = []
    for char in text:
        if char in _LATEX_SPECIAL:
            out.append(_LATEX_SPECIAL[char])
        elif ord(char) in _MATH:
            out.append(f"\\ensuremath{{{_MATH[ord(char)]}}}")
        elif ord(char) < 32:
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _n(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def path_to_tikz(d: str, x0: float, y_top: float) -> str:
    """TikZ path for SVG path data made of absolute M, L, C and Z commands."""
    tokens = _TOKEN.findall(d)
    out: list[str] = []
    command = ""
    values: list[float] = []
    start = ""

    def point(x: float, y: float) -> str:
        return f"({_n(x - x0)},{_n(y_top - y)})"

    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.isalpha():
            command = token.upper()
            values = []
            if command == "Z" and start:
                out.append("-- cycle")
            continue
        values.append(float(token))
        if command == "M" and len(values) == 2:
            start = point(*values)
            out.append(start)
            values, command = [], "L"
        elif command == "L" and len(values) == 2:
            out.append("-- " + point(*values))
            values = []
        elif command == "C" and len(values) == 6:
            a, b, c = point(*values[0:2]), point(*values[2:4]), point(*values[4:6])
            out.append(f".. controls {a} and {b} .. {c}")
            values = []
        elif command == "Q" and len(values) == 4:
            a, c = point(*values[0:2]), point(*values[2:4])
            out.append(f".. controls {a} .. {c}")
            values = []
    return " ".join(out)


def _colour(token: str) -> str:
    return f"nb{token}" if token in PALETTE and token != "paper" else ""


def _node(label: Label, x0: float, y_top: float) -> str:
    anchor = {"start": "west", "end": "east"}.get(label.anchor, "center")
    size = r"\small" if label.size >= 15 else r"\scriptsize"
    options = [f"anchor={anchor}", "inner sep=0pt", f"font={size}"]
    if label.bold:
        options[-1] = f"font={size}\\bfseries"
    if label.tone != "ink":
        options.append(f"text={_colour(label.tone) or 'nbink'}")
    if label.faded:
        options.append("opacity=0.4")
    lines = label.lines
    if len(lines) > 1:
        options.append("align=center")
    text = r"\\".join(latex_escape(line) for line in lines)
    return f"\\node[{', '.join(options)}] at ({_n(label.x - x0)},{_n(y_top - label.y)}) {{{text}}};"


def picture(scene: Scene, strokes: list[list[Stroke]]) -> str:
    """A complete ``tikzpicture`` scaled to the line width."""
    box = scene.bounds
    # wide diagrams span the line; narrow ones keep the scale of a 600 px one, so a
    # three-cell array is not blown up to a full line of huge boxes around small text
    unit = 1 / max(box.w, FULL_WIDTH_PX)
    x0, y_top = box.x, box.bottom
    lines = [
        f"\\begin{{tikzpicture}}[x={unit:.6f}\\linewidth, y={unit:.6f}\\linewidth, "
        "line cap=round, line join=round]"
    ]
    for token, (_var, fallback) in PALETTE.items():
        if token != "paper":
            lines.append(f"\\definecolor{{nb{token}}}{{HTML}}{{{fallback.lstrip('#').upper()}}}")
    lines.append(f"\\path[use as bounding box] (0,0) rectangle ({_n(box.w)},{_n(box.h)});")
    for shape_paths in strokes:
        for stroke in shape_paths:
            path = path_to_tikz(stroke.d, x0, y_top)
            if not path:
                continue
            extra = (", dashed" if stroke.dashed else "") + (", opacity=0.4" if stroke.faded else "")
            if stroke.fill != "none" and _colour(stroke.fill):
                lines.append(f"\\fill[{_colour(stroke.fill)}{extra}] {path};")
            if stroke.stroke != "none" and _colour(stroke.stroke):
                width = f"{max(stroke.width, 0.3) * unit:.5f}\\linewidth"  # scales with the picture
                lines.append(f"\\draw[{_colour(stroke.stroke)}, line width={width}{extra}] {path};")
    lines.extend(_node(label, x0, y_top) for label in scene.labels)
    lines.append("\\end{tikzpicture}")
    return "\n".join(lines)
