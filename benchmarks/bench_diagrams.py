"""Benchmark: 200 diagrams against the same 200 JSON bodies shown as code blocks.

Builds two throw-away Sphinx projects (both with ``extensions = ["sphinx_notebook"]``)
in fresh processes, alternating, and prints the wall-clock times and their ratio.
The target from issue 3 is a ratio of at most 1.5. Run:

    /work/venv/bin/python benchmarks/bench_diagrams.py [--count 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import tempfile
from pathlib import Path

from timing import timed_full_build  # benchmarks/ is on sys.path when run as a script

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "tests" / "diagram_examples"
NAMES = ["callstack", "hashtable", "linkedlist", "arrayindex", "learningloop"]
PER_PAGE = 20
CONF = 'project = "bench"\nextensions = ["sphinx_notebook"]\nhtml_theme = "sphinx_notebook"\n' \
       'exclude_patterns = ["_build"]\nblog_baseurl = "https://bench.example.org/"\n'


def variations(count: int) -> list[dict]:
    """``count`` diagrams: the five examples with other seeds, values and titles."""
    bases = [json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")) for name in NAMES]
    out = []
    for i in range(count):
        spec = copy.deepcopy(bases[i % len(bases)])
        spec["seed"] = i + 1
        spec["title"] = f"{spec.get('title', 'Diagram')} #{i}"
        for block in spec["blocks"]:
            if block.get("kind") == "array" and block.get("cells"):
                block["cells"][-1] = i if not isinstance(block["cells"][-1], dict) else block["cells"][-1]
        out.append(spec)
    return out


def write_project(root: Path, specs: list[dict], as_diagram: bool) -> None:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    pages = [specs[i : i + PER_PAGE] for i in range(0, len(specs), PER_PAGE)]
    toc = "\n".join(f"page{n}" for n in range(len(pages)))
    (root / "index.md").write_text(f"# Bench\n\n```{{toctree}}\n{toc}\n```\n", encoding="utf-8")
    fence = "{diagram}" if as_diagram else "json"
    for n, page in enumerate(pages):
        parts = [f"# Page {n}\n"]
        for k, spec in enumerate(page):
            parts.append(f"Figure {k} shows something.\n\n```{fence}\n{json.dumps(spec, indent=2)}\n```\n")
        (root / f"page{n}.md").write_text("\n".join(parts), encoding="utf-8")


def build(root: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one full build in a fresh process."""
    return timed_full_build(root, fail_on_warning_type="notebook.diagram")


def _row(name: str, values: list[float]) -> str:
    return f"{name:<26}{statistics.median(values):>10.2f}{min(values):>9.2f}{max(values):>9.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    specs = variations(args.count)
    with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
        code_root, diagram_root = Path(tmp) / "code", Path(tmp) / "diagrams"
        write_project(code_root, specs, as_diagram=False)
        write_project(diagram_root, specs, as_diagram=True)
        build(code_root)  # warm the file system cache and byte-compiled modules
        code, diagram = [], []
        for _ in range(args.rounds):
            code.append(build(code_root))
            diagram.append(build(diagram_root))
    print(f"{args.count} items, {args.rounds} rounds (full sphinx-build -E, fresh process each)")
    print(f"{'variant':<26}{'median s':>10}{'min s':>9}{'max s':>9}")
    for label, index in (("wall", 0), ("cpu", 1)):
        print(_row(f"json code blocks ({label})", [t[index] for t in code]))
        print(_row(f"diagrams ({label})", [t[index] for t in diagram]))
    for label, index in (("wall", 0), ("cpu", 1)):
        c, d = [t[index] for t in code], [t[index] for t in diagram]
        print(f"ratio ({label}): {statistics.median(d) / statistics.median(c):.2f}x median, "
              f"{min(d) / min(c):.2f}x best-of (target <= 1.5x); "
              f"extra per diagram {(min(d) - min(c)) / args.count * 1000:.1f} ms")


if __name__ == "__main__":
    main()
