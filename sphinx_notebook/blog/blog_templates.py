"""ablog's pages and a post's meta, drawn inside the theme's own page template.

ablog's listing pages (archive, tags, categories, authors, all posts) come
with templates that override whole-page blocks, and its ``page.html``
shadowed the theme's own (furo showed its "inheriting from layout.html"
error page on every page). Here ablog's templates are searched after the
theme's, and each listing page is drawn as a body fragment
(``nb-blog-catalog.html``, ``nb-blog-collection.html``) shown through the
theme's ``page.html``, so it looks like any other page of that theme. Under
other themes a post's meta line (date, reading time, authors, tags) goes
after its title and its previous/next links after its body; the
sphinx_notebook theme places them itself.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from sphinx_notebook.blog.ablog_adapter import ablog_templates_dir, append_template_dirs
from sphinx_notebook.user_config import apply_defaults

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinx_notebook.blog.site_memo import SiteMemoKeeper

TEMPLATES_DIR = Path(__file__).parent / "templates"
LISTING_FRAGMENTS = {
    "ablog/catalog.html": "nb-blog-catalog.html",
    "ablog/collection.html": "nb-blog-collection.html",
}
OWN_THEME = "sphinx_notebook"


def _inject_ourselves(app: Sphinx, config: Config) -> None:
    """``config-inited``: ablog leaves its templates to us (unless the user said otherwise)."""
    apply_defaults(config, {"skip_injecting_base_ablog_templates": True})


def add_template_dirs(app: Sphinx) -> None:
    """``builder-inited``: our fragments, then ablog's templates, after the theme's."""
    if app.builder.format != "html":
        return
    folders = [TEMPLATES_DIR]
    if app.config.skip_injecting_base_ablog_templates:
        folders.append(ablog_templates_dir())
    append_template_dirs(app, folders)


def theme_name(app: Sphinx) -> str | None:
    return getattr(getattr(app.builder, "theme", None), "name", None)


def memo_card(
    memo: SiteMemoKeeper, app: Sphinx, pagename: str, post: Any, heading: str, excerpts: bool, caller: Any
) -> Markup:
    """``{% call nb_post_card(post, heading, excerpts) %}``: the card drawn by ``caller``, or kept."""
    return Markup(memo.post_card(app, pagename, post, f"{heading}:{bool(excerpts)}", lambda: str(caller())))


def draw_blog_pages(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
    memo: SiteMemoKeeper | None = None,
) -> str | None:
    """``html-page-context``: listing pages through ``page.html``; post meta under other themes.

    A listing page's body comes from ``memo`` when no input changed since the last build.
    """
    if "nb_post_meta" not in context:  # not a blog page context (listings sets it)
        return None
    render = app.builder.templates.render  # type: ignore[attr-defined]
    own_theme = theme_name(app) == OWN_THEME
    # Feed <link rel="alternate"> tags, every format, every theme: sharing.add_head_tags.
    fragment = LISTING_FRAGMENTS.get(templatename)
    if fragment is not None:
        if memo is None:
            context["body"] = render(fragment, context)
        else:
            context["nb_post_card"] = partial(memo_card, memo, app, pagename)
            draw = partial(render, fragment, context)
            context["body"] = memo.listing(app, pagename, fragment, context, draw)
        context.setdefault("toc", "")
        context.setdefault("display_toc", False)
        return "page.html"
    if context.get("nb_post") and not own_theme:
        body = str(context.get("body", ""))
        header = render("nb-post-header.html", context)
        footer = render("nb-post-footer.html", context)
        title_end = body.find("</h1>")
        if title_end >= 0:
            cut = title_end + len("</h1>")
            body = body[:cut] + header + body[cut:]
        else:
            body = header + body
        context["body"] = body + footer
    return None


def setup_blog_templates(app: Sphinx, memo: SiteMemoKeeper | None = None) -> None:
    """Wire the template order and the page drawing (listing bodies kept in ``memo``)."""
    app.connect("config-inited", _inject_ourselves, priority=100)
    app.connect("builder-inited", add_template_dirs)
    # After listings (600), which puts the post meta in the context.
    app.connect("html-page-context", partial(draw_blog_pages, memo=memo), priority=700)
