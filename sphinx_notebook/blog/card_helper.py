"""The card helper process: draws social cards beside the build (pure: no Sphinx).

Started by card_drawing as ``python -m sphinx_notebook.blog.card_helper``
as soon as the first post is read, so the cards are drawn on a second core
while Sphinx reads and writes. A fresh process (fork and exec), not a fork of
the build: libvips keeps thread pools, which a bare fork would leave broken.
Each line on stdin is one job, drawn as it arrives into the card cache and
its place in the output. It stops when stdin closes; the build then puts
every card in place from the cache, so a card this process did not draw
(it died, or the card failed) is drawn by the build, which warns if it
cannot be drawn at all.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
from pathlib import Path
from typing import IO, Any

from sphinx_notebook.blog.social_card_svg import CardText
from sphinx_notebook.blog.social_cards import CardJob, draw


def job_to_json(job: CardJob) -> dict[str, Any]:
    """A job as plain JSON values (paths as strings)."""
    card = job.card
    return {
        "card": [card.title, card.site_name, card.date, list(card.tags)],
        "target": str(job.target),
        "seed": job.seed,
        "cache": str(job.cache),
        "fonts": [str(font) for font in job.fonts],
    }


def job_from_json(data: dict[str, Any]) -> CardJob:
    title, site_name, date, tags = data["card"]
    return CardJob(
        card=CardText(title=title, site_name=site_name, date=date, tags=tuple(tags)),
        target=Path(data["target"]),
        seed=int(data["seed"]),
        cache=Path(data["cache"]),
        fonts=tuple(Path(font) for font in data["fonts"]),
    )


def serve(source: IO[str]) -> int:
    """Draw every job read from ``source``; how many could not be drawn.

    A thread reads ``source`` as fast as the build writes, so the pipe never
    fills and the build never waits to hand over a card. A card that fails is
    left for the build, which draws it again and warns with the reason.
    """
    lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()

    def read() -> None:
        for line in source:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="nb-card-input", daemon=True).start()
    failed = 0
    while (line := lines.get()) is not None:
        try:
            draw(job_from_json(json.loads(line)))
        except Exception:
            failed += 1
    return failed


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # Once stdin closes, everything is written: skipping the interpreter's
    # teardown (a JS engine or libvips freeing its heap, which once hung after
    # an error) ends the process at once, and the build waits for that end.
    status = 1
    try:
        status = 1 if serve(sys.stdin) else 0
    finally:
        os._exit(status)
