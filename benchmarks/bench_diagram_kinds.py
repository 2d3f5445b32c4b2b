"""Benchmark: warm render time of each diagram-kinds example (graph, tree, matrix, plot, chart).

The target from issue 15 is at most 15 ms per example once warm (the JS engine
started, rough.js loaded). Each example is validated and drawn (SVG) ``--rounds``
times after one warm-up; the table shows the median and the fastest time, and
how layout alone compares with the whole render. Run:

    .venv/bin/python benchmarks/bench_diagram_kinds.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from sphinx_notebook.diagram.layout import layout
from sphinx_notebook.diagram.render import render_svg
from sphinx_notebook.diagram.schema import check_text

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "tests" / "diagram_examples"
TARGET_MS = 15.0


def _times(action, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    paths = sorted((EXAMPLES / "next").glob("*.json")) + sorted(EXAMPLES.glob("*.json"))
    print(f"{'example':<22}{'check+render ms':>17}{'fastest':>9}{'layout ms':>11}  target {TARGET_MS:.0f} ms")
    worst = 0.0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        spec = json.loads(text)

        def whole(text: str = text) -> None:
            checked = check_text(text)
            assert checked.spec is not None, checked.problems
            render_svg(checked.spec, seed=checked.spec.get("seed", 1), roughness=1.0)

        whole()  # warm: engine started, rough.js loaded, caches filled
        total = _times(whole, args.rounds)
        lay = _times(lambda spec=spec: layout(spec), args.rounds)
        median = statistics.median(total)
        worst = max(worst, median) if path.parent.name == "next" else worst
        name = f"{path.parent.name}/{path.stem}" if path.parent.name == "next" else path.stem
        print(f"{name:<22}{median:>17.2f}{min(total):>9.2f}{statistics.median(lay):>11.2f}")
    verdict = "met" if worst <= TARGET_MS else "MISSED"
    print(f"slowest next/ example: {worst:.2f} ms (median), target {TARGET_MS:.0f} ms {verdict}")


if __name__ == "__main__":
    main()
