"""Keep ablog's post registry per document so ``sphinx-build -j N`` works.

Where ablog keeps its state: while reading, ``process_posts`` (doctree-read)
appends each post's details to ``env.ablog_posts[docname]`` and adds a label
to the std domain; at write time a process-wide ``Blog`` object (a class-level
shared ``__dict__``) registers every post from ``env.ablog_posts`` once and
serves listings, archives, templates and feeds. ablog never merges
``env.ablog_posts`` from parallel readers, so it declares itself unsafe.

Here each post's details are also copied into the ``nb-blog`` domain's registry
(ours, the source of truth, cleared and merged per document by Sphinx; the std
labels are merged by the std domain itself). After reading, ``env.ablog_posts`` is rebuilt from it
with drafts undated (see drafts.published_view), and the shared ``Blog`` is
cleared and registered afresh, in docname order. A serial and a parallel
build therefore register the same posts in the same order, and a second
Sphinx application in the same process (tests, autobuild) never sees the
previous one's posts.

The registry keeps no doctrees: ablog copies each post's whole doctree into
its details, and under ``-j N`` every reader process sends back the entire
environment, merged registry included, so carrying doctrees there made
parallel reads quadratic in the number of posts (1,000 posts: 17 minutes at
``-j 2`` against one at ``-j 1``). Only full-text feed entries need a post's
doctree; they load it from Sphinx's pickled doctrees (render.post_doctree).
For the same reason each excerpt is kept detached from its source document
(a node's ``_document`` would drag the document into every pickle), and
``env.ablog_posts`` is emptied as each document is recorded and again once
ablog has registered the posts, so neither a reader's pickle nor the saved
environment carries doctrees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_notebook.blog.ablog_adapter import (
    Blog,
    PostList,
    declare_parallel_read_safe,
    forget_blog,
    register_posts,
    skip_post_doctree_copies,
)
from sphinx_notebook.blog.blog_domain import (
    DRAFTS,
    LISTINGS,
    PAGE_STATE,
    POSTS,
    BlogDomain,
    blog_data,
)
from sphinx_notebook.blog.drafts import (
    build_now,
    draft_names,
    is_draft,
    published_view,
    upcoming_list,
)
from sphinx_notebook.blog.numbering import document_numbers

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

def registry(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """docname -> the post details ablog recorded for it (the ``nb-blog`` domain's)."""
    return blog_data(env)[POSTS]


def listing_docs(env: BuildEnvironment) -> dict[str, bool]:
    """Documents whose output lists other posts (``postlist``, ``upcoming``)."""
    return blog_data(env)[LISTINGS]


def reset_blog(app: Sphinx) -> Blog:
    """Forget ablog's process-wide Blog so the next use builds it from this app."""
    # ablog.blog.Blog shares one __dict__ between all instances (ablog 0.11):
    # emptying it makes Blog(app) initialise again from the current config.
    forget_blog()
    return Blog(app)


def word_count(doctree: nodes.document) -> int:
    return len(doctree.astext().split())


def mark_reading_process(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember which process merges the readers' findings."""
    env.get_domain(BlogDomain.name).start_reading()  # type: ignore[attr-defined]


def record_document(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read`` (after ablog): copy this document's posts and note listings."""
    env = app.env
    env.get_domain(BlogDomain.name).start_worker()  # type: ignore[attr-defined]
    docname = env.docname
    # Taken out of ablog's dict: it would carry the doctree through every
    # parallel reader's pickle, and rebuild_blog refills it from the registry.
    posts = getattr(env, "ablog_posts", {}).pop(docname, None)
    if posts:
        words = word_count(doctree)
        numbers = document_numbers(env, doctree)
        registry(env)[docname] = [
            dict(
                info,
                doctree=None,
                excerpt=detached(info.get("excerpt") or []),
                nb_words=words,
                nb_numbers=numbers,
            )
            for info in posts
        ]
    if any(True for _ in doctree.findall(PostList)) or any(True for _ in doctree.findall(upcoming_list)):
        listing_docs(env)[docname] = True


def detached(excerpt: list[nodes.Node]) -> list[nodes.Node]:
    """The excerpt nodes, no longer pointing at the document they came from.

    They are ablog's own copies, popped from ``env.ablog_posts`` above, so
    they are changed in place.
    """
    for part in excerpt:
        for node in part.findall():
            node.document = None  # found through the parent once placed in a page
    return excerpt


def outdated_listings(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: pages listing posts are re-read when any document changed."""
    touched = added | changed | removed
    now = build_now(app.config.notebook_timezone)
    published = {
        name for name, infos in registry(env).items() if any(not is_draft(i["date"], now) for i in infos)
    }
    before = {name for name, state in blog_data(env)[PAGE_STATE].items() if state[0]}
    if not touched and published == before:
        return []  # nothing changed, and no draft came of age since the last build
    return sorted(set(listing_docs(env)) - touched)


def rebuild_blog(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: give ablog the merged registry (drafts undated) and register it once.

    Returns the post pages to write again although their sources did not
    change: a neighbour came or went, or the post stopped being a draft.
    """
    now = build_now(app.config.notebook_timezone)
    blog_data(env)[DRAFTS] = draft_names(registry(env), now)
    env.ablog_posts = published_view(registry(env), now)  # type: ignore[attr-defined]
    blog = reset_blog(app)
    register_posts(app)
    # Registered: ablog's Blog holds the posts now. An empty dict keeps the
    # doctrees out of the pickled environment; ablog refills it for the
    # documents the next build reads, and this function replaces it again.
    env.ablog_posts = {}  # type: ignore[attr-defined]
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
    data = blog_data(env)
    before = data[PAGE_STATE]
    data[PAGE_STATE] = state
    return sorted(name for name in state if before.get(name) != state[name])


def forget_previous_blog(app: Sphinx) -> None:
    """``builder-inited``: a new application must not read another one's Blog."""
    forget_blog()


def release_blog(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: leave no Blog bound to this application for the next one."""
    forget_blog()


def setup_parallel(app: Sphinx) -> None:
    """Wire the registry into the environment events, then declare ablog parallel-safe."""
    app.add_domain(BlogDomain)
    app.connect("builder-inited", forget_previous_blog)
    app.connect("env-before-read-docs", mark_reading_process)
    app.connect("doctree-read", record_document, priority=600)
    app.connect("env-get-outdated", outdated_listings)
    app.connect("env-updated", rebuild_blog)
    app.connect("build-finished", release_blog, priority=900)
    # Only now, with the merge in place, is ablog's reading parallel-safe.
    declare_parallel_read_safe(app)
    # The registry drops each post's doctree: ablog need not copy it.
    skip_post_doctree_copies(app)
