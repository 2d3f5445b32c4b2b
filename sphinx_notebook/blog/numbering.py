"""Number figures and equations in posts that no toctree reaches.

ablog marks posts as orphans (``post_auto_orphan``), and Sphinx only numbers
figures, tables, code blocks and equations of documents under a toctree, so
with ``numfig`` on (the bundle's default) a post showed ``Fig. ?`` and
``{eq}`` references as ``()``. Each post that Sphinx left unnumbered is
numbered on its own here, from 1, in document order, as a reader expects of a
self-contained article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.domains.std import StandardDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

Numbers = dict[str, dict[str, tuple[int, ...]]]


def figure_type(env: BuildEnvironment, node: nodes.Element) -> str | None:
    """The numfig type of ``node`` ('figure', 'table', 'code-block', 'displaymath'...), as Sphinx decides."""
    for domain in env.domains.sorted():
        figtype = domain.get_enumerable_node_type(node)
        if isinstance(domain, StandardDomain) and not domain.get_numfig_title(node):
            continue  # Sphinx does not number uncaptioned figures either
        if figtype:
            return figtype
    return None


def document_numbers(env: BuildEnvironment, doctree: nodes.Node) -> Numbers:
    """Per-type numbers for one document, counted from 1 in document order."""
    numbers: Numbers = {}
    for node in doctree.findall(nodes.Element):
        if not node.get("ids") or isinstance(node, nodes.section):
            continue
        figtype = figure_type(env, node)
        if figtype:
            of_type = numbers.setdefault(figtype, {})
            of_type[node["ids"][0]] = (len(of_type) + 1,)
    return numbers


def number_unreached_posts(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated`` (after Sphinx's numbering): fill in posts Sphinx skipped.

    Returns the posts whose numbers changed since the last build, so they are
    written again.
    """
    if not app.config.numfig:
        return []
    from sphinx_notebook.blog.blog_domain import NUMBERED, POSTS, blog_data

    data = blog_data(env)
    previous: dict[str, Numbers] = data[NUMBERED]
    current: dict[str, Numbers] = {}
    for docname, infos in sorted(data[POSTS].items()):
        numbers = infos[0].get("nb_numbers") if infos else None
        if not numbers or env.toc_fignumbers.get(docname):
            continue
        env.toc_fignumbers[docname] = numbers
        current[docname] = numbers
    data[NUMBERED] = current
    return sorted(name for name in set(current) | set(previous) if current.get(name) != previous.get(name))


def setup_numbering(app: Sphinx) -> None:
    app.connect("env-get-updated", number_unreached_posts, priority=600)
