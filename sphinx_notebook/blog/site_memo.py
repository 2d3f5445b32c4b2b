"""The blog's site-wide renderings, kept from one build to the next while their inputs stay the same.

On a rebuild with nothing changed Sphinx writes no page, yet ablog's listing
pages (all posts, archives, tags, categories) and the feeds were drawn again
from every post: most of a no-op rebuild's time, and of a one-post rebuild's.
This module keeps each listing page's body and each feed entry's HTML in
``<doctreedir>/notebook-site-memo-<builder>.json``, each under a digest of
what it depends on, and uses the stored HTML verbatim when the digest
matches:

- the site: every configuration value, the templates, the drafts (they
  follow the clock), the date Sphinx stamps on pages, the versions and code
  that render them, the set of documents, every document's title, and what
  a reference in one document can show of another (section labels and
  titles, equation, figure and section numbers, citations);
- a feed entry: the post's document, when Sphinx last read it
  (``env.all_docs``) and its figure and section numbers;
- a listing page: the page, and which posts it lists, each with when Sphinx
  last read it;
- a post's card on a listing page: the page, the card's variant (heading,
  excerpt or not) and when Sphinx last read the post.

So a no-op rebuild draws nothing, and a one-post edit draws that post's feed
entry, the listing pages that list it, and on them only that post's card. A renamed, added or removed post,
a setting, a template or a title elsewhere changes the digests it should.
Only the expensive bodies are kept: Sphinx still writes every listing page
through the theme's ``page.html`` and the feed writer every feed, so a deleted
output file comes back, and the pages are byte for byte those of a build
without the memo. The file holds only what the last build used; delete it
(or the doctrees folder) to clear it. The helpers at the top import nothing
from Sphinx.
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

FORMAT_VERSION = "3"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = frozenset({"static", "__pycache__"})
ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")
MAX_DEPTH = 12
# (domain, key): what a reference in one document can show of another.
SHARED_TARGETS = (("std", "labels"), ("std", "anonlabels"), ("math", "objects"), ("citation", "citations"))


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
    """Renderings in one JSON file, each under its own key; ``render`` fills what is missing.

    A rendering drawn while another one is drawn (a post card inside a
    listing page) is that one's part: when the page is reused, its parts are
    kept too, so the next build still finds them.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stored: dict[str, str] = {}
        self._stored_parts: dict[str, list[str]] = {}
        self._used: dict[str, str] = {}
        self._parts: dict[str, list[str]] = {}
        self._drawing: list[list[str]] = []
        self.reused = 0
        self.rendered = 0
        try:
            stored = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return
        if not isinstance(stored, dict) or stored.get("format") != FORMAT_VERSION:
            return
        items, parts = stored.get("items"), stored.get("parts")
        if isinstance(items, dict) and isinstance(parts, dict):
            self._stored, self._stored_parts = items, parts

    def render(self, key: str, draw: Callable[[], str]) -> str:
        """The text stored under ``key``, or ``draw()``'s, which is stored."""
        if self._drawing:
            self._drawing[-1].append(key)
        found = self._used.get(key)
        if found is not None:
            return found
        stored = self._stored.get(key)
        if isinstance(stored, str):
            self.reused += 1
            self._keep(key, stored)
            return stored
        self._drawing.append([])
        try:
            found = draw()
        finally:
            parts = self._drawing.pop()
        self.rendered += 1
        self._used[key] = found
        if parts:
            self._parts[key] = parts
        return found

    def _keep(self, key: str, text: str) -> None:
        """Use a stored rendering, with the parts it was drawn from."""
        self._used[key] = text
        parts = self._stored_parts.get(key)
        if not isinstance(parts, list):
            return
        self._parts[key] = parts
        for part in parts:
            stored = self._stored.get(part)
            if part not in self._used and isinstance(stored, str):
                self._keep(part, stored)

    def save(self) -> None:
        """Keep what this build used; a memo that cannot be written only costs speed."""
        if not self.rendered and self._used.keys() == self._stored.keys():
            return
        memo = {"format": FORMAT_VERSION, "items": self._used, "parts": self._parts}
        data = json.dumps(memo, ensure_ascii=False, separators=(",", ":"))
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(data, encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


# What follows reads the inputs from Sphinx.


def site_inputs(app: Sphinx) -> list[tuple[str, str]]:
    """What every listing page and feed entry depends on, as named texts."""
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
    versions = [sphinx.__display_version__, ablog.__version__, docutils.__version__, jinja2.__version__]
    titles = sorted((name, title.astext()) for name, title in env.titles.items())
    targets = [env.domaindata.get(domain, {}).get(key) for domain, key in SHARED_TARGETS]
    return [
        ("python", sys.version),
        ("versions", stable_text(versions)),
        ("code", code_fingerprint()),
        ("builder", app.builder.name),
        ("config", stable_text(config)),
        ("templates", repr(newest_template()) if callable(newest_template) else ""),
        ("catalogs", catalogs_fingerprint(app)),
        ("documents", stable_text(sorted(env.all_docs))),
        ("titles", stable_text(titles)),
        ("targets", stable_text(targets)),
        ("numbers", stable_text([env.toc_secnumbers, env.toc_fignumbers])),
        ("drafts", stable_text(sorted(current_drafts(app)))),
        ("last_updated", stable_text(context.get("last_updated"))),
    ]


def listed_posts(context: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """(collection, [(docname, section)]) for the posts an ablog page lists; None for another page."""
    catalog = context.get("catalog")
    collection = context.get("collection")
    groups = list(catalog) if catalog is not None else [collection] if collection is not None else None
    if groups is None:
        return None
    return [(str(group), [(post.docname, str(post.section or "")) for post in group]) for group in groups]


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
    """One build's memo and site digest, opened at their first use and saved at the end."""

    def __init__(self) -> None:
        self.memo: SiteMemo | None = None
        self.site = ""

    def open(self, app: Sphinx) -> SiteMemo:
        if self.memo is None:
            self.memo = SiteMemo(Path(app.doctreedir) / f"notebook-site-memo-{app.builder.name}.json")
            self.site = digest_of(site_inputs(app))
        return self.memo

    def _read(self, app: Sphinx, docname: str) -> str:
        return stable_text(app.env.all_docs.get(docname))

    def feed_entry(
        self, app: Sphinx, docname: str, section: str, fulltext: bool, draw: Callable[[], str]
    ) -> str:
        """A feed entry's HTML: ``draw()``, or what it gave when its inputs were the same."""
        memo, env = self.open(app), app.env
        numbers = [env.toc_secnumbers.get(docname), env.toc_fignumbers.get(docname)]
        key = digest_of(
            [
                ("site", self.site),
                ("feed entry", f"{docname}#{section}"),
                ("fulltext", str(fulltext)),
                ("read", self._read(app, docname)),
                ("numbers", stable_text(numbers)),
            ]
        )
        return memo.render(key, draw)

    def listing(
        self, app: Sphinx, pagename: str, fragment: str, context: dict[str, Any], draw: Callable[[], str]
    ) -> str:
        """A listing page's body: ``draw()``, or what it gave when its inputs were the same."""
        memo = self.open(app)
        groups = listed_posts(context)
        if groups is None:  # not one of ablog's pages: any document read counts
            read = stable_text(sorted(app.env.all_docs.items()))
        else:
            read = stable_text(
                [
                    (name, [(doc, section, self._read(app, doc)) for doc, section in posts])
                    for name, posts in groups
                ]
            )
        key = digest_of([("site", self.site), ("listing", f"{fragment}:{pagename}"), ("read", read)])
        return memo.render(key, draw)

    def post_card(self, app: Sphinx, pagename: str, post: Any, variant: str, draw: Callable[[], str]) -> str:
        """One post's card on a listing page: ``draw()``, or what it gave when its inputs were the same."""
        memo = self.open(app)
        docname, section = post.docname, str(post.section or "")
        key = digest_of(
            [
                ("site", self.site),
                ("post card", f"{docname}#{section}"),
                ("page", pagename),
                ("variant", variant),
                ("read", self._read(app, docname)),
            ]
        )
        return memo.render(key, draw)

    def finish(self, app: Sphinx, exception: BaseException | None) -> None:
        """``build-finished``: store this build's renderings (not after a failed build)."""
        memo, self.memo = self.memo, None
        if memo is None or exception is not None:
            return
        memo.save()
        if memo.reused:
            from sphinx.util import logging

            logging.getLogger(__name__).verbose(
                "blog: %d listing bodies, post cards and feed entries kept from the last build, %d drawn",
                memo.reused,
                memo.rendered,
            )


def setup_site_memo(app: Sphinx) -> SiteMemoKeeper:
    """A keeper for this application's builds; the listing pages and feeds render through it."""
    keeper = SiteMemoKeeper()
    app.connect("build-finished", keeper.finish)
    return keeper
