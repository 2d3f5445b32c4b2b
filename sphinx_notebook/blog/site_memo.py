"""The blog's site-wide renderings, kept from one build to the next while their inputs stay the same.

On a rebuild with nothing changed Sphinx writes no page, yet ablog's listing
pages (all posts, archives, tags, categories) and the feeds are drawn again
from every post: most of a no-op rebuild's time. What they show depends only
on the documents Sphinx read (``env.all_docs`` holds when each was last read,
and loses a removed one), the configuration, the templates, which posts are
drafts (that follows the clock), the date Sphinx stamps on pages, and the
code and versions that render them. This module keeps the listing pages'
bodies and the feed entries' HTML of the last build in
``<doctreedir>/notebook-site-memo-<builder>.json`` under a digest of those
inputs. When a build's digest matches, the stored HTML is used verbatim;
otherwise everything is rendered as before and the memo replaced.

Only the expensive bodies are kept: Sphinx still writes every listing page
through the theme's ``page.html`` and the feed writer still writes every
feed, so a deleted output file comes back with the same bytes, and the pages
are byte for byte those of a build without the memo. To clear it, delete the
file or the doctrees folder. The helpers at the top import nothing from
Sphinx.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FORMAT_VERSION = "1"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = frozenset({"static", "__pycache__"})
ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")
MAX_DEPTH = 12


def stable_text(value: Any, depth: int = 0) -> str:
    """A text for ``value`` that is the same in every process (no memory addresses, sets sorted).

    An object without a meaningful ``repr`` counts by its type only: a change
    inside it goes unseen, so such settings should not change what the blog's
    pages show (none of Sphinx's, ablog's or ours do).
    """
    if depth > MAX_DEPTH:
        return type(value).__qualname__
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return repr(value)
    if isinstance(value, dict):
        items = sorted(f"{stable_text(k, depth + 1)}:{stable_text(v, depth + 1)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__}[" + ",".join(stable_text(item, depth + 1) for item in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "set[" + ",".join(sorted(stable_text(item, depth + 1) for item in value)) + "]"
    if isinstance(value, os.PathLike):
        return f"path({os.fspath(value)!r})"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return ADDRESS.sub("", repr(value))


def digest_of(parts: Iterable[tuple[str, str]]) -> str:
    """sha256 of named parts, each name and text separated so that no two lists collide."""
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    for name, text in parts:
        for piece in (name, text):
            digest.update(piece.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
    return digest.hexdigest()


def code_fingerprint(folder: Path = PACKAGE_DIR) -> str:
    """Newest change time and number of this package's code, templates and catalogs.

    Covers an edit in an editable install, whose version number stays put.
    """
    newest, count = 0, 0
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in SKIPPED_FOLDERS)
        for name in files:
            try:
                newest = max(newest, os.stat(os.path.join(root, name)).st_mtime_ns)
            except OSError:
                continue
            count += 1
    return f"{newest}:{count}"


class SiteMemo:
    """Renderings stored under one digest in one JSON file; ``render`` fills what is missing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digest: str | None = None
        self._items: dict[str, str] = {}
        self._changed = False
        self.reused = 0
        self.rendered = 0

    def begin(self, digest: str) -> None:
        """Use what the file holds when it was stored under ``digest``, else start empty."""
        self.digest = digest
        self._items = {}
        self._changed = True
        try:
            stored = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if (
            isinstance(stored, dict)
            and stored.get("digest") == digest
            and isinstance(stored.get("items"), dict)
        ):
            self._items = stored["items"]
            self._changed = False

    def render(self, kind: str, key: str, draw: Callable[[], str]) -> str:
        """The stored text for (``kind``, ``key``), or ``draw()``'s, which is stored."""
        name = f"{kind}\x00{key}"
        found = self._items.get(name)
        if isinstance(found, str):
            self.reused += 1
            return found
        text = draw()
        self._items[name] = text
        self._changed = True
        self.rendered += 1
        return text

    def save(self) -> None:
        """Write the file when something was rendered; a memo that cannot be written only costs speed."""
        if self.digest is None or not self._changed:
            return
        data = json.dumps(
            {"digest": self.digest, "items": self._items}, ensure_ascii=False, separators=(",", ":")
        )
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(data, encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)
            return
        self._changed = False


# What follows reads the inputs from Sphinx.


def build_inputs(app: Sphinx) -> list[tuple[str, str]]:
    """Everything the listing pages and feed entries depend on, as named texts."""
    import ablog
    import docutils
    import jinja2
    import sphinx

    from sphinx_notebook.blog.drafts import current_drafts

    env = app.env
    config = sorted((item.name, stable_text(item.value)) for item in app.config)
    context: Any = getattr(app.builder, "globalcontext", {})
    templates: Any = getattr(app.builder, "templates", None)
    newest_template = getattr(templates, "newest_template_mtime", None)
    return [
        ("python", sys.version),
        (
            "versions",
            stable_text(
                [sphinx.__display_version__, ablog.__version__, docutils.__version__, jinja2.__version__]
            ),
        ),
        ("code", code_fingerprint()),
        ("builder", app.builder.name),
        ("config", stable_text(config)),
        ("templates", repr(newest_template()) if callable(newest_template) else ""),
        ("catalogs", catalogs_fingerprint(app)),
        ("documents", stable_text(sorted(env.all_docs.items()))),
        ("drafts", stable_text(sorted(current_drafts(app)))),
        ("last_updated", stable_text(context.get("last_updated"))),
    ]


def catalogs_fingerprint(app: Sphinx) -> str:
    """Change times of the site's own message catalogs for its language (template words)."""
    language = app.config.language or "en"
    stamps = []
    for folder in app.config.locale_dirs or ():
        for path in sorted(Path(app.srcdir, folder, language, "LC_MESSAGES").glob("*.mo")):
            try:
                stamps.append(f"{path}:{path.stat().st_mtime_ns}")
            except OSError:
                continue
    return ";".join(stamps)


class SiteMemoKeeper:
    """One build's memo, opened at its first use in the finishing phase and saved at the end."""

    def __init__(self) -> None:
        self.memo: SiteMemo | None = None

    def open(self, app: Sphinx) -> SiteMemo:
        if self.memo is None:
            path = Path(app.doctreedir) / f"notebook-site-memo-{app.builder.name}.json"
            memo = SiteMemo(path)
            memo.begin(digest_of(build_inputs(app)))
            self.memo = memo
        return self.memo

    def render(self, app: Sphinx, kind: str, key: str, draw: Callable[[], str]) -> str:
        """``draw()``, or what it gave in the last build with the same inputs."""
        return self.open(app).render(kind, key, draw)

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: store this build's renderings (not after a failed build)."""
        memo, self.memo = self.memo, None
        if memo is None or exception is not None:
            return
        memo.save()
        if memo.reused:
            from sphinx.util import logging

            logging.getLogger(__name__).verbose(
                "blog: %d listing bodies and feed entries kept from the last build, %d drawn",
                memo.reused,
                memo.rendered,
            )


def setup_site_memo(app: Sphinx) -> SiteMemoKeeper:
    """A keeper for this application's builds; the listing pages and feeds render through it."""
    keeper = SiteMemoKeeper()
    app.connect("build-finished", keeper.finish)
    return keeper
