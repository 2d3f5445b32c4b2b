"""When and where social cards are drawn: in a helper process beside the build.

Drawing a card costs about 10 ms of CPU, most of it libvips rasterising,
which at 200 posts was the largest cost the blog added to a cold build. A
card depends only on what reading finds (title, date, tags, a front matter
picture), so in a serial build each post's card goes to one helper process
(card_helper) as soon as the post is read, and the helper draws on a spare
core while Sphinx goes on reading and writing. On ``env-updated`` the full
list is known: cards the cache holds are put in place, the rest are sent
too (all of them, for ``-j N`` builds, whose readers are forked). On
``build-finished`` the build waits for the helper; any card it did not draw
(it failed to start, died, or hit an error) is drawn here, and a card that
cannot be drawn at all gets a warning at its post. With one usable core
there is no helper: the cards are drawn here at the end. The bytes are the
same wherever a card is drawn.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sphinx_notebook.blog.ablog_adapter import Blog
from sphinx_notebook.blog.drafts import build_now, is_draft
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
from sphinx_notebook.helper_processes import spare_core, start_helper
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from datetime import datetime

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = get_logger(__name__)

HELPER_MODULE = "sphinx_notebook.blog.card_helper"
# After the blog records a document's posts (parallel.record_document, 600) and
# registers them all on env-updated (parallel.rebuild_blog, 500).
AFTER_POSTS = 800

# A helper still busy this long after the build finished writing is taken for stuck.
STUCK_AFTER, STUCK_PER_CARD = 60.0, 1.0

# A job and the page whose post it is (None for the site's card), for warnings.
Located = tuple[str | None, CardJob]


def extra_fonts(app: Sphinx) -> tuple[Path, ...]:
    """``notebook_social_card_fonts`` that exist (a missing one is reported once, at startup)."""
    paths = (Path(app.confdir, name) for name in app.config.notebook_social_card_fonts)
    return tuple(path for path in paths if path.is_file())


class CardMaker:
    """What every card of one build shares (seed, fonts, folders), looked up once; makes its jobs."""

    def __init__(self, app: Sphinx) -> None:
        config = app.config
        self.config = config
        self.seed = int(config.notebook_diagram_seed)
        self.fonts = extra_fonts(app)
        self.cache = Path(app.doctreedir) / CACHE_FOLDER
        self.outdir = Path(app.builder.outdir)

    def post_job(self, docname: str, title: str, date: datetime, tags: Any) -> CardJob:
        """The card of one post: its title, date and tags under the site's name."""
        config = self.config
        card = CardText(
            title=title,
            site_name=str(config.project or config.blog_title),
            date=date.strftime(config.post_date_format),
            tags=tuple(str(tag) for tag in (tags or [])),
        )
        return CardJob(card, self.outdir / card_path(docname), self.seed, self.cache, self.fonts)

    def site_job(self, host: str) -> CardJob:
        """Every other page's preview: the project's name under the site's host, the feed subtitle below."""
        config = self.config
        card = CardText(title=str(config.project), site_name=host, date=str(config.blog_feed_subtitle or ""))
        return CardJob(card, self.outdir / SITE_CARD, self.seed, self.cache, self.fonts)


def card_jobs(app: Sphinx) -> list[Located]:
    """Every card the site needs: each published post without a picture of its own, and the site's."""
    maker = CardMaker(app)
    jobs: list[Located] = [
        (post.docname, maker.post_job(post.docname, str(post.title), post.date, post.tags))
        for post in Blog(app).posts
        if post.published and post.date and own_image_source(app, post.docname) is None
    ]
    jobs.append((None, maker.site_job(urlsplit(site_base(app)).netloc)))
    return jobs


def read_post_jobs(app: Sphinx, docname: str, posts: list[dict[str, Any]]) -> list[CardJob]:
    """The cards of the posts just read in ``docname`` (as card_jobs will list them)."""
    if not posts or own_image_source(app, docname) is not None:
        return []
    maker, now = CardMaker(app), build_now(app.config.notebook_timezone)
    return [
        maker.post_job(docname, str(info["title"]), info["date"], info.get("tags"))
        for info in posts
        if info.get("date") and not is_draft(info["date"], now)
    ]


class CardHelper:
    """The helper process: jobs go in one JSON line each; what it draws lands in the card cache."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        self.sent: list[CardJob] = []

    @classmethod
    def start(cls) -> CardHelper | None:
        try:
            return cls(start_helper(HELPER_MODULE, output=False))
        except OSError:
            return None

    def send(self, jobs: list[CardJob]) -> bool:
        """Hand ``jobs`` over; False once the helper can take no more."""
        from sphinx_notebook.blog.card_helper import job_to_json

        stdin = self._process.stdin
        if stdin is None or stdin.closed:
            return False
        try:
            for job in jobs:
                stdin.write(json.dumps(job_to_json(job), ensure_ascii=False) + "\n")
                self.sent.append(job)
            stdin.flush()
        except OSError:  # the helper died: the build draws what is left
            return False
        return True

    def close_input(self) -> None:
        """No more jobs: closed before the ``-j N`` writers fork, so none of them holds the pipe."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(OSError):  # a helper that died already
                self._process.stdin.close()

    def wait(self) -> None:
        """Wait until the helper has drawn what it was sent (killed if it seems stuck)."""
        self.close_input()
        try:
            self._process.wait(timeout=STUCK_AFTER + STUCK_PER_CARD * len(self.sent))
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        self.close_input()
        self._process.kill()
        self._process.wait()


class CardDrawing:
    """One application's cards: sent while reading, listed after it, checked at the end."""

    def __init__(self) -> None:
        self._helper: CardHelper | None = None
        self._streaming = False
        self._final: list[Located] = []
        self._wanted: set[CardJob] = set()

    def before_reading(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """``env-before-read-docs``: send cards while reading only from a serial reader with a spare core."""
        self._stop()
        self._streaming = app.parallel <= 1 and spare_core() and cards_on(app)

    def post_read(self, app: Sphinx, doctree: nodes.document) -> None:
        """``doctree-read``: the posts of this document are known; send their cards."""
        if not self._streaming:
            return
        from sphinx_notebook.blog.parallel import registry

        docname = app.env.docname
        posts = registry(app.env).get(docname, [])
        jobs = [job for job in read_post_jobs(app, docname, posts) if not job.cached.is_file()]
        if not jobs:
            return
        if self._helper is None:
            self._helper = CardHelper.start()
        if self._helper is None or not self._helper.send(jobs):
            self._streaming = False

    def start(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: place the cached cards, send the helper the others."""
        self._streaming = False
        if not cards_on(app):
            self._stop()
            return
        jobs = card_jobs(app)
        self._wanted = {job for _, job in jobs}
        self._final = [(docname, job) for docname, job in jobs if not place_cached(job)]
        sent = set(self._helper.sent) if self._helper else set()
        todo = [job for _, job in self._final if job not in sent]
        if todo and spare_core():
            if self._helper is None:
                self._helper = CardHelper.start()
            if self._helper is not None:
                self._helper.send(todo)
        if self._helper is not None:
            self._helper.close_input()

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: wait for the helper, draw what it left, warn about what cannot be drawn."""
        if exception is not None or not cards_on(app):
            self._stop()
            return
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.wait()
            targets = {job.target for job in self._wanted}
            for job in set(helper.sent) - self._wanted:  # sent while reading, dropped from the final list
                if job.target not in targets:
                    job.target.unlink(missing_ok=True)
        for docname, job in self._final:
            if place_cached(job):  # drawn by the helper
                continue
            try:
                draw(job)
            except Exception as exc:
                what = f"the social card of {docname!r}" if docname else "the site's social card"
                location = (docname, None) if docname else None
                warn(logger, WarningSubtype.blog, "%s could not be drawn: %s", what, exc, location=location)
        prune_cache(Path(app.doctreedir) / CACHE_FOLDER, {job.cached for job in self._wanted})
        self._final, self._wanted = [], set()

    def _stop(self) -> None:
        """Stop a helper left from a failed build (its cards are drawn next time)."""
        helper, self._helper = self._helper, None
        if helper is not None:
            helper.kill()
        self._final, self._wanted = [], set()


def setup_card_drawing(app: Sphinx) -> None:
    """Send cards to the helper as posts are read, list them all after reading, check them at the end."""
    drawing = CardDrawing()
    app.connect("env-before-read-docs", drawing.before_reading)
    app.connect("doctree-read", drawing.post_read, priority=AFTER_POSTS)
    app.connect("env-updated", drawing.start, priority=AFTER_POSTS)
    app.connect("build-finished", drawing.finish)
