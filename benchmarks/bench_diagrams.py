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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def build(root: Path) -> float:
    out = root / "_build"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(root), str(out / "html"),
         "-d", str(out / "doctrees")],
        capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"sphinx-build failed for {root.name}:\n{done.stderr[-3000:]}")
    if "notebook.diagram" in done.stderr:
        sys.exit(f"diagram warnings in {root.name}:\n{done.stderr[-3000:]}")
    subprocess.run(["rm", "-rf", str(out)], check=True)
    return elapsed


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
        code_times, diagram_times = [], []
        for _ in range(args.rounds):
            code_times.append(build(code_root))
            diagram_times.append(build(diagram_root))
    code, diagram = statistics.median(code_times), statistics.median(diagram_times)
    print(f"{args.count} items, {args.rounds} rounds (full sphinx-build -E, fresh process each)")
    print(f"{'variant':<22}{'median s':>10}{'min s':>9}{'max s':>9}")
    print(f"{'json code blocks':<22}{code:>10.2f}{min(code_times):>9.2f}{max(code_times):>9.2f}")
    print(f"{'diagrams':<22}{diagram:>10.2f}{min(diagram_times):>9.2f}{max(diagram_times):>9.2f}")
    best = min(diagram_times) / min(code_times)
    print(f"ratio diagrams / code blocks: {diagram / code:.2f}x median, {best:.2f}x best-of "
          f"(target <= 1.5x)")
    extra = (min(diagram_times) - min(code_times)) / args.count * 1000
    print(f"extra per diagram: {extra:.1f} ms (best-of)")


if __name__ == "__main__":
    main()
