"""Render part of a post (its excerpt, its full text) to HTML outside its own page.

Archive pages, the home listing and feed entries show a post's nodes on
another page: links inside the post that point to its own anchors must point
at the post, references are resolved from the page they appear on, and the
HTML comes from the builder's own translator (so math, diagrams and code look
the same as on the post).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.util.logging import suppress_logging
from sphinx.util.osutil import relative_uri

from sphinx_notebook.blog.ablog_adapter import revise_pending_xrefs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_notebook.blog.ablog_adapter import Post


def anchor_links_to_post(app: Sphinx, tree: nodes.Element, post: Post, pagename: str) -> None:
    """``#anchor`` links of the post become links to the post's page from ``pagename``."""
    if app.builder.format != "html":
        return
    target = app.builder.get_relative_uri(pagename, post.docname)
    for reference in tree.findall(nodes.reference):
        refid = reference.get("refid")
        if refid and pagename != post.docname:
            del reference["refid"]
            reference["refuri"] = f"{target}#{refid}"


def excerpt_tree(app: Sphinx, post: Post, pagename: str) -> nodes.document:
    """A document holding a copy of ``post``'s excerpt, ready to resolve on ``pagename``."""
    doctree = new_document("")
    box = nodes.container(classes=["nb-excerpt"])
    box.extend(node.deepcopy() for node in post.excerpt)
    doctree.append(box)
    anchor_links_to_post(app, doctree, post, pagename)
    return doctree


def post_doctree(env: BuildEnvironment, docname: str, section: str | None) -> nodes.Element:
    """A post's content from Sphinx's pickled doctrees: the document, or its post section.

    Only full-text feed entries need it, so it is loaded for those few posts
    when they are written rather than for every post after reading.
    """
    doctree = env.get_doctree(docname)
    if section:
        for part in doctree.findall(nodes.section):
            if section in part["ids"]:
                return part  # fulltext_tree copies what it uses
    return doctree


def fulltext_tree(app: Sphinx, post: Post) -> nodes.document:
    """A document holding a copy of the whole post, without its title (shown apart)."""
    doctree = new_document("")
    # The registry gives ablog no doctrees (blog.parallel): load this one now.
    copy = post_doctree(app.env, post.docname, post.section).deepcopy()
    doctree.extend(copy.children if isinstance(copy, nodes.document) else [copy])
    for section in doctree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            section.remove(section[0])
        break
    for message in list(doctree.findall(nodes.system_message)):
        message.parent.remove(message)
    return doctree


def resolve(app: Sphinx, doctree: nodes.document, pagename: str) -> None:
    """Resolve a copy of post content; its page already warned about any bad reference."""
    revise_pending_xrefs(doctree, pagename)
    with suppress_logging():
        app.env.resolve_references(doctree, pagename, app.builder)


def to_html(app: Sphinx, doctree: nodes.document, pagename: str) -> str:
    """HTML of ``doctree`` as the builder writes it on ``pagename`` (without permalinks)."""
    builder: Any = app.builder
    doctree.settings = builder.docsettings
    builder.secnumbers = app.env.toc_secnumbers.get(pagename, {})
    builder.fignumbers = app.env.toc_fignumbers.get(pagename, {})
    builder.imgpath = relative_uri(builder.get_target_uri(pagename), "_images")
    builder.dlpath = relative_uri(builder.get_target_uri(pagename), "_downloads")
    builder.current_docname = pagename
    permalinks = builder.add_permalinks
    builder.add_permalinks = False
    try:
        visitor: Any = builder.create_translator(doctree, builder)
        doctree.walkabout(visitor)
        return "".join(visitor.fragment)
    finally:
        builder.add_permalinks = permalinks


def excerpt_html(app: Sphinx, post: Post, pagename: str) -> str:
    """The post's excerpt as HTML for an archive page."""
    doctree = excerpt_tree(app, post, pagename)
    resolve(app, doctree, pagename)
    return to_html(app, doctree, pagename)
