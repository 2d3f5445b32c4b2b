"""Generate a notebook site of N posts for page-weight, build-time and theme comparisons.

Every post has prose, inline and display math and code; every
``mermaid_every``-th post has a mermaid flowchart and, with ``diagrams``, every
``diagram_every``-th post a JSON ``diagram``. The text is deterministic for a
given seed, so builds with different themes compare like with like.

    python benchmarks/corpus.py OUT_DIR [-n 50] [--theme furo] [--no-diagrams] [--stack plain]
    sphinx-build -b html OUT_DIR OUT_DIR/_build/html

From Python: ``generate(Path("site"), n=50, theme="alabaster")``.

``stack="plain"`` writes the same posts for the stack a user would assemble
by hand (alabaster, myst-parser with dollarmath, ablog, sphinxcontrib-mermaid,
sphinx-copybutton, MathJax): without sphinx_notebook there is no ``diagram``
directive, so each diagram becomes a figure of a hand-exported SVG.
``stack="bare"`` is the floor of any Sphinx site: Sphinx and myst-parser
alone (basic theme, MathJax in the browser, no blog), charts as code blocks.
``to_mkdocs.py`` converts a corpus for Material for MkDocs' blog.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

VOCABULARY = (
    "gradient step function value update bound proof lemma sequence converge matrix vector "
    "norm limit error sample estimate model loss layer weight memory pointer array index "
    "hash bucket node edge graph path cycle tree root leaf heap queue stack frame cache "
    "line page note idea example detail reason result method measure scale"
)
WORDS = tuple(VOCABULARY.split())
TAGS = ("math", "algorithms", "data structures", "optimisation", "notes", "python", "proofs")
THEMES = ("sphinx_notebook", "furo", "alabaster")
STACKS = ("notebook", "plain", "bare")


@dataclass(frozen=True)
class CorpusOptions:
    """What goes into the generated site."""

    n: int = 50
    theme: str = "sphinx_notebook"
    seed: int = 7
    mermaid_every: int = 5
    diagrams: bool = True
    diagram_every: int = 4
    paragraphs: int = 6
    stack: str = "notebook"


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, *, math: bool) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 5))]
    if math:
        k = rng.randint(2, 9)
        sentences.insert(1, f"For every $n \\ge {k}$ we have $a_n \\le \\frac{{C}}{{n^{{{k}}}}}$.")
    return textwrap.fill(" ".join(sentences), 78)


def _diagram(index: int) -> str:
    spec = {
        "title": f"Array for post {index}",
        "alt": f"An array of six numbers with index {index % 6} highlighted.",
        "seed": index,
        "blocks": [
            {
                "id": "a",
                "kind": "array",
                "label": "a",
                "index": 0,
                "cells": [{"value": v, "hl": "yellow"} if v == index % 6 else v for v in range(6)],
            }
        ],
    }
    return "```{diagram}\n:caption: The array in this post.\n\n" + json.dumps(spec, indent=2) + "\n```\n"


# What a diagram is on the plain stack: a drawing exported by hand.
PLAIN_FIGURE = (
    "```{figure} /_static/diagram.svg\n:alt: An array of six numbers.\n\nThe array in this post.\n```\n"
)
PLAIN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 60" width="360" height="60" stroke="#222">'
    + "".join(f'<rect x="{10 + 56 * i}" y="10" width="56" height="40" fill="none"/>' for i in range(6))
    + "</svg>\n"
)

MERMAID = """```{mermaid}
flowchart LR
  read[read the input] --> parse[parse it]
  parse --> check{valid?}
  check -- yes --> run[run the step]
  check -- no --> report[report the line]
  run --> read
```
"""


def post_text(index: int, options: CorpusOptions) -> str:
    """The MyST source of post number ``index`` (1-based)."""
    rng = random.Random(options.seed * 100_003 + index)
    date = dt.date(2025, 1, 1) + dt.timedelta(days=3 * index)
    tags = ", ".join(sorted(rng.sample(TAGS, 2)))
    title = f"Note {index}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}"
    parts = [
        f"---\nblogpost: true\ndate: {date.isoformat()}\ntags: {tags}\ncategory: notes\n---\n",
        f"# {title}\n",
        _paragraph(rng, math=True) + "\n",
        "## Setting\n",
        _paragraph(rng, math=False) + "\n",
        f"$$\n\\sum_{{k=1}}^{{n}} k^{{{index % 4 + 1}}} \\le \\int_0^{{n+1}} x^{{{index % 4 + 1}}}\\,dx\n$$"
        f" (eq-{index})\n",
        f"Equation {{eq}}`eq-{index}` bounds the sum by an integral.\n",
        "## Code\n",
        "```python\n"
        f"def step_{index}(values, eta=0.{index % 9 + 1}):\n"
        '    """One update over all values."""\n'
        "    return [v - eta * 2 * v for v in values]\n"
        "```\n",
    ]
    if options.mermaid_every and index % options.mermaid_every == 0:
        chart = MERMAID.replace("{mermaid}", "text") if options.stack == "bare" else MERMAID
        parts += ["## The flow\n", chart]
    if options.diagrams and options.diagram_every and index % options.diagram_every == 0:
        picture = _diagram(index) if options.stack == "notebook" else PLAIN_FIGURE
        parts += ["## The picture\n", picture]
    parts.append("## Discussion\n")
    parts += [_paragraph(rng, math=i % 2 == 0) + "\n" for i in range(options.paragraphs - 2)]
    return "\n".join(parts)


PLAIN_CONF = """\
project = "Benchmark notebook"
author = "Benchmark"
copyright = "2026, Benchmark"
extensions = ["myst_parser", "ablog", "sphinxcontrib.mermaid", "sphinx_copybutton"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_sidebars = {
    "**": ["ablog/postcard.html", "ablog/recentposts.html", "ablog/tagcloud.html", "searchbox.html"]
}
blog_baseurl = "https://bench.example.org/"
blog_post_pattern = ["posts/*.md"]
blog_feed_fulltext = True
blog_feed_length = 20
numfig = True
exclude_patterns = ["_build"]
"""


BARE_CONF = """\
project = "Benchmark notebook"
author = "Benchmark"
copyright = "2026, Benchmark"
extensions = ["myst_parser"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
html_theme = "basic"
html_static_path = ["_static"]
numfig = True
exclude_patterns = ["_build"]
"""

INDEX = (
    "# Benchmark notebook\n\nRecent notes.\n\n```{postlist} 10\n:excerpts:\n```\n\n"
    "```{toctree}\n:hidden:\n:glob:\n\nabout\nposts/*\n```\n"
)
BARE_INDEX = (
    "# Benchmark notebook\n\nAll notes.\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\nabout\nposts/*\n```\n"
)


def conf_text(options: CorpusOptions) -> str:
    """conf.py for the corpus: the bundle (or the plain or bare stack), the theme as asked."""
    if options.stack == "plain":
        return PLAIN_CONF
    if options.stack == "bare":
        return BARE_CONF
    # The same blog settings as the plain stack: ablog's defaults are ablog's.
    return textwrap.dedent(
        f"""\
        project = "Benchmark notebook"
        author = "Benchmark"
        copyright = "2026, Benchmark"
        extensions = ["sphinx_notebook"]
        html_theme = {options.theme!r}
        blog_baseurl = "https://bench.example.org/"
        blog_post_pattern = ["posts/*.md"]
        blog_feed_fulltext = True
        blog_feed_length = 20
        exclude_patterns = ["_build"]
        """
    )


def generate(dest: Path, n: int = 50, **kwargs: object) -> Path:
    """Write a site of ``n`` posts to ``dest`` (created if needed); return ``dest``."""
    options = CorpusOptions(n=n, **kwargs)  # type: ignore[arg-type]
    (dest / "posts").mkdir(parents=True, exist_ok=True)
    if options.stack != "notebook":
        (dest / "_static").mkdir(exist_ok=True)
        (dest / "_static" / "diagram.svg").write_text(PLAIN_SVG, encoding="utf-8")
    (dest / "conf.py").write_text(conf_text(options), encoding="utf-8")
    (dest / "index.md").write_text(BARE_INDEX if options.stack == "bare" else INDEX, encoding="utf-8")
    (dest / "about.md").write_text("# About\n\n" + _paragraph(random.Random(1), math=False) + "\n")
    for index in range(1, options.n + 1):
        (dest / "posts" / f"note-{index:03d}.md").write_text(post_text(index, options), encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", type=int, default=50, help="number of posts (default 50)")
    parser.add_argument("--theme", default="sphinx_notebook", help=f"html_theme, e.g. {', '.join(THEMES)}")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--mermaid-every", type=int, default=5, help="mermaid chart every N posts (0: none)")
    parser.add_argument("--no-diagrams", action="store_true", help="leave out the JSON diagram directive")
    parser.add_argument(
        "--stack",
        choices=STACKS,
        default="notebook",
        help="'plain': alabaster + the extensions by hand; 'bare': Sphinx + myst-parser alone",
    )
    args = parser.parse_args(argv)
    generate(
        args.dest,
        args.n,
        theme=args.theme,
        seed=args.seed,
        mermaid_every=args.mermaid_every,
        diagrams=not args.no_diagrams,
        stack=args.stack,
    )
    print(f"{args.n} posts in {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
