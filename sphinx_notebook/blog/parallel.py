"""Keep ablog's post registry per document so ``sphinx-build -j N`` works.

Where ablog keeps its state: while reading, ``process_posts`` (doctree-read)
appends each post's details to ``env.ablog_posts[docname]`` and adds a label
to the std domain; at write time a process-wide ``Blog`` object (a class-level
shared ``__dict__``) registers every post from ``env.ablog_posts`` once and
serves listings, archives, templates and feeds. ablog never merges
``env.ablog_posts`` from parallel readers, so it declares itself unsafe.

Here each post's details are also copied into ``env.nb_blog_posts`` (ours, the
source of truth, purged and merged per document; the std labels are merged by
the std domain itself). After reading, ``env.ablog_posts`` is rebuilt from it
with drafts undated (see drafts.published_view), and the shared ``Blog`` is
cleared and registered afresh, in docname order. A serial and a parallel
build therefore register the same posts in the same order, and a second
Sphinx application in the same process (tests, autobuild) never sees the
previous one's posts.

The registry keeps no doctrees: ablog copies each post's whole doctree into
its details, and under ``-j N`` every reader process sends back the entire
environment, merged registry included, so carrying doctrees there made
parallel reads quadratic in the number of posts (1,000 posts: 17 minutes at
``-j 2`` against one at ``-j 1``). The doctree is loaded back from Sphinx's
pickled doctrees once, after reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ablog.blog import Blog
from ablog.post import PostList, register_posts

from sphinx_notebook.blog.drafts import build_now, is_draft, published_view, upcoming_list
from sphinx_notebook.blog.numbering import document_numbers

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

POSTS = "nb_blog_posts"
LISTING_DOCS = "nb_blog_listing_docs"
# What each post page showed at the last build: (published, previous, next).
PAGE_STATE = "nb_blog_page_state"


def registry(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """``env.nb_blog_posts``: docname -> the post details ablog recorded for it."""
    if not hasattr(env, POSTS):
        setattr(env, POSTS, {})
    return getattr(env, POSTS)


def listing_docs(env: BuildEnvironment) -> set[str]:
    """Documents whose output lists other posts (``postlist``, ``upcoming``)."""
    if not hasattr(env, LISTING_DOCS):
        setattr(env, LISTING_DOCS, set())
    return getattr(env, LISTING_DOCS)


def reset_blog(app: Sphinx) -> Blog:
    """Forget ablog's process-wide Blog so the next use builds it from this app."""
    # ablog.blog.Blog shares one __dict__ between all instances (ablog 0.11):
    # emptying it makes Blog(app) initialise again from the current config.
    Blog._dict.clear()
    return Blog(app)


def word_count(doctree: nodes.document) -> int:
    return len(doctree.astext().split())


def record_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (after ablog): copy this document's posts and note listings."""
    env = app.env
    docname = env.docname
    posts = getattr(env, "ablog_posts", {}).get(docname)
    if posts:
        words = word_count(doctree)
        numbers = document_numbers(env, doctree)
        registry(env)[docname] = [
            dict(info, doctree=None, nb_words=words, nb_numbers=numbers) for info in posts
        ]
    if any(True for _ in doctree.findall(PostList)) or any(True for _ in doctree.findall(upcoming_list)):
        listing_docs(env).add(docname)


def purge_document(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    registry(env).pop(docname, None)
    listing_docs(env).discard(docname)


def merge_documents(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """``env-merge-info``: take the posts a parallel reader found in its documents."""
    theirs = registry(other)
    mine = registry(env)
    their_listings = listing_docs(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]
        if docname in their_listings:
            listing_docs(env).add(docname)


PostDetails = dict[str, list[dict[str, Any]]]


def with_doctrees(env: BuildEnvironment, posts: PostDetails) -> PostDetails:
    """The registry with each post's doctree (or section) loaded from the pickled doctrees."""
    from docutils import nodes as docutils_nodes

    loaded: PostDetails = {}
    for docname, infos in posts.items():
        doctree = env.get_doctree(docname)
        loaded[docname] = []
        for info in infos:
            part: docutils_nodes.Element = doctree
            if info.get("section"):
                for section in doctree.findall(docutils_nodes.section):
                    if info["section"] in section["ids"]:
                        part = section.deepcopy()
                        break
            loaded[docname].append(dict(info, doctree=part))
    return loaded


def outdated_listings(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: pages listing posts are re-read when any document changed."""
    touched = added | changed | removed
    now = build_now(app.config.notebook_timezone)
    published = {
        name for name, infos in registry(env).items() if any(not is_draft(i["date"], now) for i in infos)
    }
    before = {name for name, state in getattr(env, PAGE_STATE, {}).items() if state[0]}
    if not touched and published == before:
        return []  # nothing changed, and no draft came of age since the last build
    return sorted(listing_docs(env) - touched)


def rebuild_blog(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: give ablog the merged registry (drafts undated) and register it once.

    Returns the post pages to write again although their sources did not
    change: a neighbour came or went, or the post stopped being a draft.
    """
    now = build_now(app.config.notebook_timezone)
    env.ablog_posts = published_view(with_doctrees(env, registry(env)), now)  # type: ignore[attr-defined]
    blog = reset_blog(app)
    register_posts(app)
    state: dict[str, tuple[bool, str, str]] = {}
    for name in sorted(registry(env)):
        post = blog[name]
        if post is None:
            continue
        if post.published:
            neighbours = (post.prev.docname if post.prev else "", post.next.docname if post.next else "")
            state[name] = (True, *neighbours)
        else:
            state[name] = (False, "", "")
    before = getattr(env, PAGE_STATE, {})
    setattr(env, PAGE_STATE, state)
    return sorted(name for name in state if before.get(name) != state[name])


def forget_previous_blog(app: Sphinx) -> None:
    """``builder-inited``: a new application must not read another one's Blog."""
    Blog._dict.clear()


def release_blog(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: leave no Blog bound to this application for the next one."""
    Blog._dict.clear()


def setup_parallel(app: Sphinx) -> None:
    """Wire the registry into the environment events, then declare ablog parallel-safe."""
    app.connect("builder-inited", forget_previous_blog)
    app.connect("doctree-read", record_document, priority=600)
    app.connect("env-purge-doc", purge_document)
    app.connect("env-merge-info", merge_documents)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("env-updated", rebuild_blog)
    app.connect("build-finished", release_blog, priority=900)
    # Only now, with the merge in place, is ablog's reading parallel-safe.
    if "ablog" in app.extensions:
        app.extensions["ablog"].parallel_read_safe = True
