"""Benchmark: milliseconds per social card, drawn afresh and taken from the cache.

Issue 14's target is at most 15 ms per card warm. Three figures, each the
median of ``--rounds`` runs over ``--count`` distinct post titles:

- **drawn**: the engine and fonts already loaded (one card drawn first), every
  card new: rough.js strokes, SVG, resvg rasterising, PNG written to the cache;
- **cached**: the same cards again, as on a rebuild where the posts did not
  change (the content hash finds the PNG);
- **svg only**: the drawing without rasterising, to show where the time goes.

Run:

    .venv/bin/python benchmarks/bench_social_cards.py [--count 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sphinx_notebook.blog.social_card_svg import CardText, card_svg
from sphinx_notebook.blog.social_cards import render_card

WORDS = ("gradient", "descent", "hash", "tables", "binary", "search", "norms", "pictures", "momentum")


def cards(count: int, salt: str) -> list[CardText]:
    """``count`` different cards with titles of varying length."""
    out = []
    for i in range(count):
        words = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(3 + i % 9)]
        title = " ".join(words).capitalize() + f" ({salt}{i})"
        tags = ("python", "math")[: 1 + i % 2]
        out.append(CardText(title, "My notebook", f"{1 + i % 28} March 2024", tags))
    return out


def per_card_ms(batch: list[CardText], cache: Path, svg_only: bool = False) -> tuple[float, float]:
    """(wall, CPU) milliseconds per card; CPU time is the fairer figure on a busy machine."""
    start, cpu = time.perf_counter(), time.process_time()
    for card in batch:
        if svg_only:
            card_svg(card)
        else:
            render_card(card, 1, cache)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    return wall / len(batch) * 1000, used / len(batch) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    drawn: list[tuple[float, float]] = []
    cached: list[tuple[float, float]] = []
    svg: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        render_card(CardText("Warm up", "My notebook"), 1, cache)  # engine, rough.js, font conversion
        for round_ in range(args.rounds):
            batch = cards(args.count, f"r{round_}-")
            svg.append(per_card_ms(cards(args.count, f"s{round_}-"), cache, svg_only=True))
            drawn.append(per_card_ms(batch, cache))
            cached.append(per_card_ms(batch, cache))
    print(f"{args.count} cards x {args.rounds} rounds (median ms per card: wall / CPU)")
    for label, runs in (
        ("drawn (warm engine, new card)", drawn),
        ("cached (unchanged post)", cached),
        ("svg only (no rasterising)", svg),
    ):
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        print(f"  {label:31s} {wall:6.2f} / {cpu:6.2f} ms")


if __name__ == "__main__":
    main()
