"""Social cards: each card's 1200x630 PNG, drawn once and cached by content (pure: no Sphinx).

The SVG comes from social_card_svg, its text already turned into outlines of
the hand-written font (card_glyphs), so the picture does not depend on the
fonts a machine has. libvips rasterises it: the ``pyvips`` and
``pyvips-binary`` wheels bring their own libraries, so nothing is needed from
the system, and it was the fastest of the candidates measured (see the
"Sharing" guide). Characters the hand-written font lacks are drawn from
the fonts in ``notebook_social_card_fonts`` (outlines too), else in the
system's fonts. The cache folder lives beside the doctrees and holds one PNG
per distinct card content: an unchanged post costs a hash and a file
comparison on rebuild. Files are written to a temporary name and renamed, so
a reader never sees half a file. Where the drawing runs (a helper process
beside the writer, or the build process) is card_drawing's business.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sphinx_notebook.blog.social_card_svg import CardText, card_key, card_svg

CACHE_FOLDER = "nb-social-cards"
OUTPUT_FOLDER = "_social"
# The preview of every page that is not a post (only a top-level post named "_site" would clash).
SITE_CARD = f"{OUTPUT_FOLDER}/_site.png"
# Bump when the drawing changes, so cached cards are redrawn.
CARD_VERSION = "2"
# zlib level: 3 costs a third of the default 6's time for PNGs a few KiB larger.
PNG_COMPRESSION = 3


@dataclass(frozen=True)
class CardJob:
    """One card to put at ``target``: what it says and what its picture depends on."""

    card: CardText
    target: Path
    seed: int
    cache: Path
    fonts: tuple[Path, ...] = ()

    @cached_property
    def cached(self) -> Path:
        return cache_file(self.card, self.seed, self.cache, self.fonts)


def card_path(pagename: str) -> str:
    """Where a post's card goes, relative to the output folder."""
    return f"{OUTPUT_FOLDER}/{pagename}.png"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600 files, which a web server would not serve
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def rasterise(svg: str) -> bytes:
    """PNG bytes of ``svg``, drawn by libvips."""
    import pyvips

    # pyvips forwards libvips' chatter ("threadpool completed with 2 workers") to
    # Python logging at INFO; a site whose logging is set up at INFO showed it.
    logging.getLogger("pyvips").setLevel(logging.WARNING)
    image = pyvips.Image.svgload_buffer(svg.encode("utf-8"))
    return bytes(image.write_to_buffer(".png", compression=PNG_COMPRESSION))


def cache_file(card: CardText, seed: int, cache: Path, extra_fonts: tuple[Path, ...] = ()) -> Path:
    """Where the card's PNG is cached: named by a hash of everything it depends on."""
    fonts_key = "|".join(f"{font}:{font.stat().st_size}" for font in extra_fonts)
    key = hashlib.sha256(f"{CARD_VERSION}\x1e{card_key(card, seed)}\x1e{fonts_key}".encode()).hexdigest()
    return cache / f"{key[:24]}.png"


def render_card(card: CardText, seed: int, cache: Path, extra_fonts: tuple[Path, ...] = ()) -> bytes:
    """The card's PNG, from the cache when the same card was drawn before."""
    cached = cache_file(card, seed, cache, extra_fonts)
    if cached.is_file():
        return cached.read_bytes()
    png = rasterise(card_svg(card, seed, extra_fonts))
    write_atomically(cached, png)
    return png


def place(png: bytes, target: Path) -> None:
    """Make ``target`` hold ``png``, leaving an identical file (and its date) alone."""
    if not target.is_file() or target.read_bytes() != png:
        write_atomically(target, png)


def place_cached(job: CardJob) -> bool:
    """Put the job's card in place from the cache; False when it has not been drawn yet.

    A target as large as the cached card and written after it was put there
    from it (cards are never edited in place), so a rebuild reads neither.
    """
    try:
        cached = job.cached.stat()
    except FileNotFoundError:
        return False
    try:
        target = job.target.stat()
        if target.st_size == cached.st_size and target.st_mtime_ns >= cached.st_mtime_ns:
            return True
    except FileNotFoundError:
        pass
    try:
        place(job.cached.read_bytes(), job.target)
    except FileNotFoundError:  # pruned by a concurrent build in between
        return False
    return True


def draw(job: CardJob) -> None:
    """Draw the job's card (or take it from the cache) and put it in place."""
    place(render_card(job.card, job.seed, job.cache, job.fonts), job.target)


def prune_cache(cache: Path, used: set[Path]) -> None:
    """Remove cached cards no post uses any more (a retitled post leaves its old card)."""
    for path in cache.glob("*.png"):
        if path not in used:
            path.unlink(missing_ok=True)
