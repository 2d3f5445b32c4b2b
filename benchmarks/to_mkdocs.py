"""Write the benchmark corpus as a Material for MkDocs site with its blog plugin.

What a user would pick instead of sphinx_notebook: the same posts, dates,
tags and categories under ``docs/blog/posts/``, math left to MathJax in the
browser (``pymdownx.arithmatex``), charts drawn by mermaid in the browser
(Material's ``superfences`` fence), each diagram a hand-exported SVG, and
the search and tags plugins. MyST's own syntax becomes its MkDocs spelling:
``{mermaid}`` fences, labelled ``$$`` blocks (numbered with ``\\tag``) and
``{eq}`` references. Needs the ``bench`` extra (``mkdocs-material``).

    python benchmarks/to_mkdocs.py OUT_DIR [-n 50]
    python -m mkdocs build -q -f OUT_DIR/mkdocs.yml
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import PLAIN_SVG, CorpusOptions, _paragraph, post_text

MKDOCS_YML = """\
site_name: Benchmark notebook
site_url: https://bench.example.org/
theme:
  name: material
  features:
    - navigation.indexes
plugins:
  - search
  - tags
  - blog:
      blog_dir: blog
markdown_extensions:
  - attr_list
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.highlight
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
extra_javascript:
  - javascripts/mathjax.js
  - https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js
"""

# Material's documented MathJax set-up for arithmatex's generic output.
MATHJAX_JS = """\
window.MathJax = {
  tex: {inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]], processEscapes: true,
        processEnvironments: true},
  options: {ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex"}
};
document$.subscribe(() => { MathJax.typesetPromise() })
"""

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_LABELLED = re.compile(r"\$\$\n(.*?)\n\$\$ \(eq-(\d+)\)", re.S)
_EQ_REF = re.compile(r"\{eq\}`eq-(\d+)`")
_FIGURE = re.compile(r"```\{figure\} /_static/diagram\.svg\n:alt: (.*?)\n\n(.*?)\n```", re.S)


def front_matter(myst: str) -> str:
    """ablog's front matter (``blogpost``, ``tags: a, b``, ``category``) in the blog plugin's form."""
    fields = dict(line.split(": ", 1) for line in myst.splitlines())
    tags = "".join(f"\n  - {tag.strip()}" for tag in fields["tags"].split(","))
    return f"---\ndate: {fields['date']}\ntags:{tags}\ncategories:\n  - {fields['category']}\n---\n"


def convert(myst: str) -> str:
    """One post from MyST to Material's Markdown."""
    match = _FRONT_MATTER.match(myst)
    assert match, "every corpus post has front matter"
    body = myst[match.end() :]
    body = _LABELLED.sub(lambda m: f"$$\n{m.group(1)} \\tag{{{m.group(2)}}}\n$$", body)
    body = _EQ_REF.sub(lambda m: f"({m.group(1)})", body)
    body = body.replace("```{mermaid}", "```mermaid")
    body = _FIGURE.sub(lambda m: f"![{m.group(1)}](../../assets/diagram.svg)\n\n*{m.group(2)}*", body)
    return front_matter(match.group(1)) + body


def generate(dest: Path, n: int = 50) -> Path:
    """Write the MkDocs site of ``n`` posts to ``dest``; return ``dest``."""
    options = CorpusOptions(n=n, stack="plain")
    docs = dest / "docs"
    for folder in (docs / "blog" / "posts", docs / "assets", docs / "javascripts"):
        folder.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "javascripts" / "mathjax.js").write_text(MATHJAX_JS, encoding="utf-8")
    (docs / "assets" / "diagram.svg").write_text(PLAIN_SVG, encoding="utf-8")
    (docs / "index.md").write_text("# Benchmark notebook\n\nRecent notes are in the [blog](blog/index.md).\n")
    (docs / "about.md").write_text("# About\n\n" + _paragraph(random.Random(1), math=False) + "\n")
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    for index in range(1, n + 1):
        text = convert(post_text(index, options))
        (docs / "blog" / "posts" / f"note-{index:03d}.md").write_text(text, encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", type=int, default=50, help="number of posts (default 50)")
    args = parser.parse_args(argv)
    generate(args.dest, args.n)
    print(f"{args.n} posts in {args.dest}; build with: python -m mkdocs build -f {args.dest / 'mkdocs.yml'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
