"""When and where social cards are drawn: in a helper process while Sphinx writes.

Drawing a card costs about 10 ms of CPU, most of it libvips rasterising,
which at 200 posts was the largest cost the blog added to a cold build. The
cards depend only on what reading found (titles, dates, tags, front matter
pictures), so on ``env-updated`` the cards the cache already holds are put
in place, and the rest go to one helper process (card_helper) that draws
them on a spare core while this process writes the pages. On
``build-finished`` the build waits for it; any card the helper did not
draw (it failed to start, died, or hit an error) is drawn here, and a card
that cannot be drawn at all gets a warning at its post. The bytes are the
same wherever a card is drawn.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sphinx_notebook.blog.ablog_adapter import Blog
from sphinx_notebook.blog.sharing import cards_on, own_image_source, site_base
from sphinx_notebook.blog.social_card_svg import CardText
from sphinx_notebook.blog.social_cards import (
    CACHE_FOLDER,
    SITE_CARD,
    CardJob,
    card_path,
    draw,
    place_cached,
    prune_cache,
)
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = get_logger(__name__)

HELPER_MODULE = "sphinx_notebook.blog.card_helper"
# After the blog registers its posts on env-updated (parallel.rebuild_blog, 500).
AFTER_POSTS = 800

# A job and the page whose post it is (None for the site's card), for warnings.
Located = tuple[str | None, CardJob]


def extra_fonts(app: Sphinx) -> tuple[Path, ...]:
    """``notebook_social_card_fonts`` that exist (a missing one is reported once, at startup)."""
    paths = (Path(app.confdir, name) for name in app.config.notebook_social_card_fonts)
    return tuple(path for path in paths if path.is_file())


def card_jobs(app: Sphinx) -> list[Located]:
    """Every card the site needs: each published post without a picture of its own, and the site's."""
    config = app.config
    outdir, cache = Path(app.builder.outdir), Path(app.doctreedir) / CACHE_FOLDER
    seed, fonts = int(config.notebook_diagram_seed), extra_fonts(app)
    site_name = str(config.project or config.blog_title)
    jobs: list[Located] = []
    for post in Blog(app).posts:
        if not (post.published and post.date) or own_image_source(app, post.docname) is not None:
            continue
        card = CardText(
            title=str(post.title),
            site_name=site_name,
            date=post.date.strftime(config.post_date_format),
            tags=tuple(str(tag) for tag in (post.tags or [])),
        )
        jobs.append((post.docname, CardJob(card, outdir / card_path(post.docname), seed, cache, fonts)))
    # The preview of every other page: the project's name, the site's host above it, the feed subtitle below.
    site = CardText(
        title=str(config.project),
        site_name=urlsplit(site_base(app)).netloc,
        date=str(config.blog_feed_subtitle or ""),
    )
    jobs.append((None, CardJob(site, outdir / SITE_CARD, seed, cache, fonts)))
    return jobs


def _start_helper(jobs: list[CardJob]) -> subprocess.Popen[str] | None:
    """A helper process drawing ``jobs``, or None if none could be started."""
    from sphinx_notebook.blog.card_helper import job_to_json

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", HELPER_MODULE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
            encoding="utf-8",
        )
    except OSError:
        return None
    assert process.stdin is not None
    try:
        # The helper reads the whole list before drawing, so this never waits long;
        # closing stdin now keeps it out of the -j writers forked later.
        json.dump([job_to_json(job) for job in jobs], process.stdin, ensure_ascii=False)
        process.stdin.close()
    except OSError:
        process.kill()
        process.wait()
        return None
    return process


def _drawn_by(process: subprocess.Popen[str]) -> set[int]:
    """Wait for the helper; the indexes of the jobs it drew without error."""
    assert process.stdout is not None
    drawn: set[int] = set()
    for line in process.stdout:
        try:
            index, error = json.loads(line)
        except ValueError:
            break
        if error is None:
            drawn.add(int(index))
    process.stdout.close()
    process.wait()
    return drawn


class CardDrawing:
    """One application's cards: listed after reading, drawn beside the writing, checked at the end."""

    def __init__(self) -> None:
        self._todo: list[Located] = []
        self._used: set[Path] = set()
        self._helper: subprocess.Popen[str] | None = None

    def start(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: place the cached cards, hand the others to a helper process."""
        self._stop()
        if not cards_on(app):
            return
        jobs = card_jobs(app)
        self._used = {job.cached for _, job in jobs}
        self._todo = [(docname, job) for docname, job in jobs if not place_cached(job)]
        if self._todo:
            self._helper = _start_helper([job for _, job in self._todo])

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: wait for the helper, draw what it left, warn about what cannot be drawn."""
        if exception is not None or not cards_on(app):
            self._stop()
            return
        helper, self._helper = self._helper, None
        drawn = _drawn_by(helper) if helper is not None else set()
        for index, (docname, job) in enumerate(self._todo):
            if index in drawn:
                continue
            try:
                draw(job)
            except Exception as exc:
                what = f"the social card of {docname!r}" if docname else "the site's social card"
                location = (docname, None) if docname else None
                warn(logger, WarningSubtype.blog, "%s could not be drawn: %s", what, exc, location=location)
        self._todo = []
        prune_cache(Path(app.doctreedir) / CACHE_FOLDER, self._used)

    def _stop(self) -> None:
        """Stop a helper left from a failed build (its cards are drawn next time)."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.kill()
            helper.wait()
            if helper.stdout is not None:
                helper.stdout.close()
        self._todo = []


def setup_card_drawing(app: Sphinx) -> None:
    """Draw the cards beside the writing phase, then check them when the build ends."""
    drawing = CardDrawing()
    app.connect("env-updated", drawing.start, priority=AFTER_POSTS)
    app.connect("build-finished", drawing.finish)
