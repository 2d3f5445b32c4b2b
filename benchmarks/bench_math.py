"""Benchmark: a 200-post corpus with ~10 formulas a post, KaTeX at build time vs MathJax.

Both projects use ``extensions = ["sphinx_notebook"]``, the same theme and the
same posts; only ``notebook_math_renderer`` differs. The baseline is
``"mathjax"``, i.e. Sphinx's own ``sphinx.ext.mathjax`` (which copies the TeX
into the page and leaves all work to the reader's browser) served from the
vendored copy. That isolates the cost of rendering at build time; a plain
Sphinx + myst-parser baseline would also count ablog, the theme and the rest
of the bundle, which both variants pay alike. Builds run in fresh processes
(``-E``, so the in-process KaTeX cache starts cold), alternating. The target
from issue 4 is a ratio of at most 1.3. Run:

    /work/venv/bin/python benchmarks/bench_math.py [--posts 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from timing import timed_full_build  # benchmarks/ is on sys.path when run as a script

CONF = """project = "bench"
extensions = ["sphinx_notebook"]
html_theme = "sphinx_notebook"
exclude_patterns = ["_build"]
blog_baseurl = "https://bench.example.org/"
notebook_math_renderer = {renderer!r}
notebook_math_macros = {{"R": r"\\mathbb{{R}}", "norm": [r"\\lVert #1 \\rVert", 1]}}
"""

INLINE = (
    r"x_{{{i}}}^2 + y_{{{i}}}^2",
    r"\alpha_{{{i}}} \in \R",
    r"\norm{{v_{{{i}}}}} \le {i}",
    r"f(x) = \frac{{{i}}}{{1 + e^{{-x}}}}",
    r"\sum_{{k=1}}^{{{i}}} k = \frac{{{i}({i}+1)}}{{2}}",
    r"\nabla f(x_{{{i}}})",
)
DISPLAY = (
    "$$\n\\int_0^{{{i}}} e^{{-t^2}}\\,dt \\approx \\frac{{\\sqrt{{\\pi}}}}{{2}}\n$$ (eq-{n}-a)",
    "$$\nx_{{k+1}} = x_k - \\eta_{{{i}}} \\nabla f(x_k)\n$$",
    "\\begin{{align}}\n  a_{{{i}}} &= b + c \\\\\n  d &= \\sqrt{{{i}}}\n\\end{{align}}",
    "$$\n\\begin{{pmatrix}} {i} & 1 \\\\ 0 & {i} \\end{{pmatrix}}^{{-1}} = \\frac{{1}}{{{i}^2}}"
    "\\begin{{pmatrix}} {i} & -1 \\\\ 0 & {i} \\end{{pmatrix}}\n$$",
)


def post(n: int) -> str:
    """One post: prose, 6 inline and 4 display formulas, all distinct across posts."""
    inline = [f"${tex.format(i=n * 10 + k)}$" for k, tex in enumerate(INLINE)]
    display = [tex.format(i=n * 10 + k, n=n) for k, tex in enumerate(DISPLAY)]
    day = 1 + n % 28
    return "\n\n".join(
        [
            f"---\nblogpost: true\ndate: 2024-{1 + n % 12:02d}-{day:02d}\ntags: math\n---",
            f"# Post {n}",
            f"We study {inline[0]} and {inline[1]}, then bound {inline[2]}.",
            display[0],
            f"The update {inline[3]} uses {inline[4]}; see {{eq}}`eq-{n}-a`.",
            display[1],
            display[2],
            f"Finally {inline[5]} gives the result below.",
            display[3],
            "Some closing prose to make the page look like a real post.",
        ]
    )


def write_project(root: Path, posts: int, renderer: str) -> None:
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text(CONF.format(renderer=renderer), encoding="utf-8")
    (root / "index.md").write_text("# Bench\n\n```{postlist}\n:format: \"{title}\"\n```\n", encoding="utf-8")
    for n in range(posts):
        (root / "posts" / f"post{n:03d}.md").write_text(post(n), encoding="utf-8")


def build(root: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one full build in a fresh process."""
    return timed_full_build(root, fail_on_warning_type="notebook.math")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nb-bench-math-") as tmp:
        katex_root, mathjax_root = Path(tmp) / "katex", Path(tmp) / "mathjax"
        write_project(katex_root, args.posts, "katex")
        write_project(mathjax_root, args.posts, "mathjax")
        build(mathjax_root)  # warm the file system cache and byte-compiled modules
        katex, mathjax = [], []
        for _ in range(args.rounds):
            mathjax.append(build(mathjax_root))
            katex.append(build(katex_root))
    formulas = args.posts * (len(INLINE) + len(DISPLAY))
    print(f"{args.posts} posts, {formulas} formulas, {args.rounds} rounds (-E, fresh process each)")
    print(f"{'variant':<22}{'median s':>10}{'min s':>9}{'max s':>9}")
    for label, index in (("wall", 0), ("cpu", 1)):
        for name, times in (("mathjax", mathjax), ("katex", katex)):
            values = [t[index] for t in times]
            print(f"{name + ' (' + label + ')':<22}{statistics.median(values):>10.2f}"
                  f"{min(values):>9.2f}{max(values):>9.2f}")
    for label, index in (("wall", 0), ("cpu", 1)):
        k, m = [t[index] for t in katex], [t[index] for t in mathjax]
        print(f"ratio ({label}): {statistics.median(k) / statistics.median(m):.2f}x median, "
              f"{min(k) / min(m):.2f}x best-of (target <= 1.3x); "
              f"extra per formula {(min(k) - min(m)) / formulas * 1000:.2f} ms")


if __name__ == "__main__":
    main()
