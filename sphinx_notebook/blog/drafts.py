"""Drafts: posts without a date or dated after "now", and the ``upcoming`` directive.

ablog decides what is published against the real clock, fixed when it is
imported; here "now" is the build time in ``notebook_timezone``, or
``SOURCE_DATE_EPOCH`` when set, so a build is reproducible. The functions at
the top are pure; the directive lists the drafts' titles for a "What's next"
section, in an element with class ``upcoming``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from sphinx_notebook.blog.localdates import local_date
from sphinx_notebook.blog.values import parse_list
from sphinx_notebook.translations import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PostInfo = dict[str, Any]


def build_now(zone: str, environ: Mapping[str, str] = os.environ) -> datetime:
    """Naive wall-clock "now" in ``zone``; ``SOURCE_DATE_EPOCH`` (seconds) wins when set."""
    tz = ZoneInfo(zone)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), tz) if epoch.lstrip("-").isdigit() else datetime.now(tz)
    return moment.replace(tzinfo=None)


def is_draft(date: datetime | None, now: datetime) -> bool:
    """Undated posts and posts dated after ``now`` are drafts."""
    return date is None or date > now


def published_view(registry: Mapping[str, list[PostInfo]], now: datetime) -> dict[str, list[PostInfo]]:
    """ablog's post registry as it should see it: drafts carry no date.

    ablog then files them as drafts whatever its own clock says. The real
    date stays under ``nb_date`` for the ``upcoming`` list. Sorted by docname
    so serial and parallel builds register posts in the same order.
    """
    view: dict[str, list[PostInfo]] = {}
    for docname in sorted(registry):
        infos = []
        for info in registry[docname]:
            copy = dict(info)
            copy["nb_date"] = info["date"]
            copy["nb_draft"] = is_draft(info["date"], now)
            if copy["nb_draft"]:
                copy["date"] = None
                copy["update"] = None
            infos.append(copy)
        view[docname] = infos
    return view


def draft_names(registry: Mapping[str, list[PostInfo]], now: datetime) -> set[str]:
    """Documents whose every post is a draft."""
    return {
        name for name, infos in registry.items() if infos and all(is_draft(i["date"], now) for i in infos)
    }


# env attribute: the draft documents of this build, fixed once reading is over.


def current_drafts(app: Sphinx) -> set[str]:
    """This build's draft documents, from ``env-updated`` (computed here before that).

    Every page asks while it is written; recomputing over the whole registry
    each time made writing quadratic in the number of posts.
    """
    from sphinx_notebook.blog.blog_domain import DRAFTS, POSTS, blog_data

    data = blog_data(app.env)
    drafts = data[DRAFTS]
    if drafts is None:
        drafts = draft_names(data[POSTS], build_now(app.config.notebook_timezone))
    return drafts


def upcoming_posts(
    registry: Mapping[str, list[PostInfo]], now: datetime, tags: Iterable[str] = ()
) -> list[PostInfo]:
    """Drafts to announce: dated ones first (soonest first), then undated ones by title."""
    wanted = set(tags)
    found = [
        info
        for docname in sorted(registry)
        for info in registry[docname]
        if is_draft(info["date"], now) and (not wanted or wanted & set(info.get("tags") or ()))
    ]
    return sorted(found, key=lambda info: (info["date"] is None, info["date"] or now, str(info["title"])))


class upcoming_list(nodes.General, nodes.Element):
    """Placeholder for the ``upcoming`` directive, filled in once every post is known."""


class UpcomingDirective(SphinxDirective):
    """``upcoming``: list the titles of drafts, optionally only those with given tags."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        node = upcoming_list()
        self.set_source_info(node)
        node["tags"] = parse_list(self.options.get("tags", ""))
        node["classes"] = ["upcoming", *self.options.get("class", [])]
        return [node]


def render_upcoming(app: Sphinx, node: upcoming_list) -> nodes.Element:
    """The drafts as a bullet list of titles (with the planned date when there is one)."""
    from sphinx_notebook.blog.blog_domain import POSTS, blog_data

    registry = blog_data(app.env)[POSTS]
    now = build_now(app.config.notebook_timezone)
    box = nodes.container(classes=node["classes"])
    posts = upcoming_posts(registry, now, node["tags"])
    if not posts:
        box += nodes.paragraph("", _("Nothing announced yet."), classes=["nb-upcoming-empty"])
        return box
    items = nodes.bullet_list(classes=["nb-upcoming-list"])
    for info in posts:
        title = nodes.inline("", str(info["title"]), classes=["nb-upcoming-title"])
        paragraph = nodes.paragraph("", "", title)
        if info["date"] is not None:
            when = local_date(info["date"], app.config.post_date_format, app.config.language)
            paragraph += nodes.Text(" ")
            paragraph += nodes.inline("", _("(planned for %s)") % when, classes=["nb-upcoming-date"])
        items += nodes.list_item("", paragraph)
    box += items
    return box


def resolve_upcoming(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder by the current list of drafts."""
    for node in list(doctree.findall(upcoming_list)):
        node.replace_self(render_upcoming(app, node))


def hide_drafts_from_toctrees(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` (before Sphinx draws toctrees): drafts leave the site's tables of contents.

    A ``posts/*`` glob in a toctree would otherwise list unpublished posts.
    Only HTML output: LaTeX and other single-file builders still include them.
    """
    if app.builder.format != "html":
        return
    drafts = current_drafts(app)
    if not drafts:
        return
    for toctree in doctree.findall(addnodes.toctree):
        toctree["entries"] = [(title, name) for title, name in toctree["entries"] if name not in drafts]
        toctree["includefiles"] = [name for name in toctree["includefiles"] if name not in drafts]


def hide_drafts_from_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: no "previous/next page" link leads to a draft."""
    related = getattr(app.builder, "relations", {}).get(pagename)
    if not related:
        return
    drafts = current_drafts(app)
    _parent, previous, following = related
    if previous in drafts:
        context["prev"] = None
    if following in drafts:
        context["next"] = None


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_drafts(app: Sphinx) -> None:
    """Register the ``upcoming`` directive and its resolution."""
    app.add_node(
        upcoming_list,
        html=(_skip, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("upcoming", UpcomingDirective)
    app.connect("doctree-resolved", resolve_upcoming)
    app.connect("doctree-resolved", hide_drafts_from_toctrees)
    app.connect("html-page-context", hide_drafts_from_neighbours)
