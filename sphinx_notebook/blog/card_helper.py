"""The card helper process: draws social cards beside the build (pure: no Sphinx).

Started by card_drawing as ``python -m sphinx_notebook.blog.card_helper``
as soon as the first post is read, so the cards are drawn on a second core
while Sphinx reads and writes. A fresh process (fork and exec), not a fork of
the build: libvips keeps thread pools, which a bare fork would leave broken.
Each line on stdin is one job, drawn as it arrives; each finished job is one
JSON line on stdout, ``[index, error]`` (index counts the jobs received), so
a helper that dies early leaves the rest to the build process, which draws
them itself. It stops when stdin closes.
"""

from __future__ import annotations

import json
import os
import sys
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


def serve(source: IO[str], sink: IO[str]) -> None:
    """Draw every job read from ``source``, reporting each on ``sink`` as it is done."""
    for index, line in enumerate(source):
        error: str | None = None
        try:
            draw(job_from_json(json.loads(line)))
        except Exception as exc:  # reported to the build, which warns at the post
            error = f"{type(exc).__name__}: {exc}"
        sink.write(json.dumps([index, error]) + "\n")
        sink.flush()


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # Once stdin closes, everything is written: skipping the interpreter's
    # teardown (a JS engine or libvips freeing its heap, which once hung after
    # an error) ends the process at once, and the build waits for that end.
    status = 1
    try:
        serve(sys.stdin, sys.stdout)
        status = 0
    finally:
        sys.stdout.flush()
        os._exit(status)
