"""Draw the three sample social cards shown on the docs' "Sharing" page.

A short title, a long one and a non-Latin one, stacked into one PNG:

    .venv/bin/python scripts/social_card_samples.py docs/_static/screenshots/social-cards.png

Characters the hand-written font lacks come from the system's fonts, so the
third card depends on what the machine has installed (see the guide).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pyvips

from sphinx_notebook.blog.social_card_svg import CardText
from sphinx_notebook.blog.social_cards import render_card

SAMPLES = (
    CardText("Hash tables", "My notebook", "12 March 2024", ("data structures",)),
    CardText(
        "Gradient descent, slowly: why the step size matters more than the direction "
        "when the valley is long, narrow and curved",
        "My notebook",
        "3 April 2024",
        ("optimisation", "math"),
    ),
    CardText("Собственные значения и 固有値 🧮", "My notebook", "20 May 2024", ("линейная алгебра",)),
)
GAP = 24


def main(target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pictures = [pyvips.Image.new_from_buffer(render_card(card, 1, Path(folder)), "") for card in SAMPLES]
    framed = [pic.embed(0, 0, pic.width, pic.height + GAP, extend="white") for pic in pictures]
    sheet = pyvips.Image.arrayjoin(framed, across=1).crop(0, 0, pictures[0].width, 3 * 630 + 2 * GAP)
    sheet = sheet.resize(0.5)
    sheet.write_to_file(target, compression=9, strip=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "social-cards.png")
