"""Make MyST front matter mean what it says before ablog reads it.

ablog's ``CheckFrontMatter`` transform (priority 800) reads the docinfo
fields as plain text: ``tags: [a, b]`` became the tags ``["a"`` and ``"b"]``,
``blogpost: false`` still made a post, a bad date stopped the build with a
traceback, and an aware date crashed its comparisons. ``NormalizeFrontMatter``
(priority 740) rewrites the fields ablog reads into the form it expects,
warning (``notebook.blog``, file:line) about values it has to drop;
``DropUnwantedPost`` (priority 801) removes the post ablog made for a page
that says ``blogpost: false``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_notebook.blog.ablog_adapter import PostNode, UpdateNode
from sphinx_notebook.blog.values import (
    ValueProblem,
    format_naive,
    front_matter_keys,
    front_matter_problem,
    frontmatter_line,
    parse_bool,
    parse_list,
    parse_post_date,
    says_blogpost,
    to_local_naive,
)
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)

LIST_FIELDS = ("tags", "category", "author", "location", "language", "redirect")
FLAG_FIELDS = ("exclude", "nocomments")
INT_FIELDS = ("image", "excerpt")
# Set on post nodes that came from a ``post`` directive, which a page's
# ``blogpost: false`` does not cancel.
DIRECTIVE_MARK = "nb_from_directive"
# myst-parser's messages for front matter it could not read, and the logger
# it sends its warnings through.
UNREADABLE_YAML = ("Malformed YAML", "YAML is not a dict")
MYST_WARNINGS_LOGGER = "sphinx.myst_parser.warnings_"
# env.temp_data key: the source text of the document being read.
SOURCE_TEXT = "nb_source_text"


def docinfo_fields(docinfo: nodes.docinfo) -> dict[str, nodes.Element]:
    """The docinfo entries ablog reads, by name (``author`` and ``date`` are special nodes)."""
    found: dict[str, nodes.Element] = {}
    for child in docinfo.children:
        if isinstance(child, nodes.field) and len(child) == 2:
            found.setdefault(child[0].astext().strip(), child)
        elif isinstance(child, (nodes.author, nodes.date)):
            found.setdefault(child.tagname, child)
    return found


def field_text(entry: nodes.Element) -> str:
    return entry[1].astext() if isinstance(entry, nodes.field) else entry.astext()


def set_field_text(entry: nodes.Element, text: str) -> None:
    """Replace the value of a docinfo entry, keeping the entry itself."""
    if isinstance(entry, nodes.field):
        entry[1].children = []
        entry[1] += nodes.paragraph(text, text)
    else:
        entry.children = []
        entry += nodes.Text(text)


def blogpost_flag(fields: dict[str, nodes.Element]) -> bool | None:
    """The page's ``blogpost`` value; None when absent or unreadable."""
    entry = fields.get("blogpost")
    if entry is None:
        return None
    try:
        return parse_bool(field_text(entry))
    except ValueProblem:
        return None


class NormalizeFrontMatter(SphinxTransform):
    """Rewrite list, flag, number and date fields so ablog reads them right."""

    # Before Sphinx's smart quotes (750) curl the quotes of ``author: ["A", "B"]``.
    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        for post in self.document.findall(PostNode):
            post[DIRECTIVE_MARK] = True
        self.check_unreadable()
        docinfo = next(iter(self.document.findall(nodes.docinfo)), None)
        if docinfo is None:
            return
        fields = docinfo_fields(docinfo)
        if not self.is_candidate(fields):
            return
        for name, entry in fields.items():
            try:
                self.normalize(name, entry)
            except ValueProblem as problem:
                self.problem(name, entry, f"{problem}; ignored")
                entry.parent.remove(entry)

    def check_unreadable(self) -> None:
        """Front matter MyST could not read: say what that means for a post.

        Read from the source file, not from MyST's messages, so silencing
        ``myst.topmatter`` never hides that a post went missing.
        """
        source = self.source_text()
        if not source:
            return
        if self.env.docname not in self.config.matched_blog_posts and not says_blogpost(source):
            return
        if self.read_by_myst(source):
            return
        found = front_matter_problem(source)
        if found is None:
            return
        problem, line = found
        warn(
            logger,
            WarningSubtype.blog,
            "front matter is not valid YAML (%s), so this page is not published as a post",
            problem,
            location=(self.env.docname, line),
        )

    def read_by_myst(self, source: str) -> bool:
        """Did MyST read this document's front matter (so it is valid YAML)?

        myst-parser (5.x) copies the fields it read into the document's
        metadata while parsing; Sphinx fills that metadata only later
        (``doctree-read``) and empties it before a document is read again.
        One of the front matter's keys there now means the YAML parsed, so
        it need not be parsed a third time. Otherwise (broken front matter,
        or a MyST that does not copy) the source is checked as before.
        """
        metadata = self.env.metadata.get(self.env.docname)
        if not metadata:
            return False
        return any(key in metadata for key in front_matter_keys(source))

    def source_text(self) -> str:
        """The Markdown source ('' for reST and notebooks: MyST reads no front matter there).

        The text Sphinx read, kept on ``source-read``; the file itself only
        when a document came by another route.
        """
        source = self.document.get("source")
        if not source or not str(source).endswith(".md"):
            return ""
        kept = self.env.temp_data.get(SOURCE_TEXT)
        if isinstance(kept, str):
            return kept
        try:
            return Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return ""

    def is_candidate(self, fields: dict[str, nodes.Element]) -> bool:
        """A page ablog would take for a post (or that says it is not one)."""
        if "blogpost" in fields:
            try:
                parse_bool(field_text(fields["blogpost"]))
            except ValueProblem as problem:
                self.problem("blogpost", fields["blogpost"], f"{problem}; treating the page as a post")
            return True
        return self.env.docname in self.config.matched_blog_posts

    def normalize(self, name: str, entry: nodes.Element) -> None:
        text = field_text(entry)
        if name in LIST_FIELDS:
            items = parse_list(text)
            for item in items:
                if "," in item:
                    raise ValueProblem(f"{name} {item!r} contains a comma, which separates {name}")
            if not items:
                entry.parent.remove(entry)
            else:
                set_field_text(entry, ", ".join(items))
        elif name in FLAG_FIELDS:
            # ablog only checks that the key is there: ``exclude: false`` excluded.
            if parse_bool(text):
                set_field_text(entry, "")
            else:
                entry.parent.remove(entry)
        elif name in INT_FIELDS:
            try:
                int(text)
            except ValueError as error:
                raise ValueProblem(f"{text.strip()!r} is not a whole number") from error
        elif name == "date":
            parsed = parse_post_date(text, self.config.post_date_format)
            zone = ZoneInfo(self.config.notebook_timezone)
            if parsed.tzinfo is not None:
                set_field_text(entry, format_naive(to_local_naive(parsed, zone)))

    def problem(self, name: str, entry: nodes.Element, message: str) -> None:
        warn(
            logger,
            WarningSubtype.blog,
            "front matter %r: %s",
            name,
            message,
            location=(self.env.docname, self.line_of(name, entry)),
        )

    def line_of(self, name: str, entry: nodes.Element) -> int | None:
        if entry.line:
            return entry.line
        return frontmatter_line(self.source_text(), name)


class DropUnwantedPost(SphinxTransform):
    """``blogpost: false`` wins over ``blog_post_pattern``: remove ablog's front matter post."""

    default_priority = 801

    def apply(self, **kwargs: Any) -> None:
        docinfo = next(iter(self.document.findall(nodes.docinfo)), None)
        if docinfo is None or blogpost_flag(docinfo_fields(docinfo)) is not False:
            return
        for post in list(self.document.findall(PostNode)):
            if not post.get(DIRECTIVE_MARK) and post.parent is not None:
                post.parent.remove(post)


def check_update_dates(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (before ablog): an ``update`` with a bad date becomes a plain note.

    ablog raises on an unreadable update date and on an update in a post
    without a date; both now warn and keep the text.
    """
    updates = list(doctree.findall(UpdateNode))
    if not updates:
        return  # most pages: no second walk for their posts
    posts = list(doctree.findall(PostNode))
    undated = bool(posts) and all(not post.get("date") for post in posts)
    zone = ZoneInfo(app.config.notebook_timezone)
    for update in updates:
        problem = None
        try:
            parsed = parse_post_date(update.get("date", ""), app.config.post_date_format)
        except ValueProblem as error:
            problem = str(error)
        else:
            if parsed.tzinfo is not None:
                update["date"] = format_naive(to_local_naive(parsed, zone))
            if undated:
                problem = "an update needs a post with a date"
        if problem:
            warn(logger, WarningSubtype.blog, "update: %s; shown as a note", problem, location=update)
            note = nodes.note("", *update.children)
            note.source, note.line = update.source, update.line
            update.replace_self(note)


class TitleUntitledPost(SphinxTransform):
    """A post with no heading gets one from its file name, with a warning.

    ablog attaches a front matter post to the document's first section, and
    a document without one simply stops being a post: it vanished from
    listings and feeds without a word.
    """

    # After NormalizeFrontMatter (740), before ablog's CheckFrontMatter (800).
    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        if any(True for _ in self.document.findall(nodes.section)):
            return
        docinfo = next(iter(self.document.findall(nodes.docinfo)), None)
        if docinfo is None:
            return
        fields = docinfo_fields(docinfo)
        flag = blogpost_flag(fields)
        if flag is False or (flag is None and self.env.docname not in self.config.matched_blog_posts):
            return
        name = Path(self.env.docname).name
        section = nodes.section(ids=[nodes.make_id(name) or "post"], names=[nodes.fully_normalize_name(name)])
        section += nodes.title(name, name)
        for child in list(self.document.children):
            if child is not docinfo and not isinstance(child, (nodes.docinfo, nodes.system_message)):
                self.document.remove(child)
                section += child
        self.document += section
        warn(
            logger,
            WarningSubtype.blog,
            "this post has no title (start it with a '# Heading'); listed as %r",
            name,
            location=(self.env.docname, 1),
        )


class PostTopmatterFilter(logging.Filter):
    """Drop myst-parser's "Malformed YAML" for blog posts, which get our clearer warning.

    One mistake, one warning: on a post, ``check_unreadable`` says what the
    broken front matter costs (the page is not published as a post). Other
    pages keep myst-parser's warning. myst-parser's node in the doctree stays,
    which is how ``check_unreadable`` finds the problem.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(UNREADABLE_YAML):
            return True
        location = getattr(record, "location", None)
        docname = location[0] if isinstance(location, tuple) and location else None
        return docname not in getattr(self.app.config, "matched_blog_posts", ())


def _attach_topmatter_filter(app: Sphinx) -> None:
    logging.getLogger(MYST_WARNINGS_LOGGER).addFilter(PostTopmatterFilter(app))


def _detach_topmatter_filter(app: Sphinx, exception: BaseException | None) -> None:
    target = logging.getLogger(MYST_WARNINGS_LOGGER)
    for installed in list(target.filters):
        if isinstance(installed, PostTopmatterFilter) and installed.app is app:
            target.removeFilter(installed)


def keep_source_text(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: keep the text being read, so the transforms need not read the file again."""
    if source:
        app.env.temp_data[SOURCE_TEXT] = source[0]


def setup_frontmatter(app: Sphinx) -> None:
    """Register the front matter fixes around ablog's own transform."""
    # Before the bundle's notebook fix edits the text (priority 500).
    app.connect("source-read", keep_source_text, priority=400)
    app.connect("builder-inited", _attach_topmatter_filter)
    app.connect("build-finished", _detach_topmatter_filter)
    app.add_transform(NormalizeFrontMatter)
    app.add_transform(DropUnwantedPost)
    app.add_transform(TitleUntitledPost)
    app.connect("doctree-read", check_update_dates, priority=400)
