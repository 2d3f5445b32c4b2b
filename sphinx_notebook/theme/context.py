"""Template context for the theme: navigation, social links, accent colour, page toc.

Theme options are checked once on ``config-inited`` (a bad value is dropped
with a ``notebook.config`` warning, so the page still builds), then turned
into ready-to-print values for every page on ``html-page-context``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx_notebook.theme.options import Link, OptionError, check_color, default_nav, parse_links
from sphinx_notebook.translations import _
from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = get_logger(__name__)

THEME_NAME = "sphinx_notebook"
COLOR_OPTIONS = ("accent_color", "accent_color_dark")
LINK_OPTIONS = ("nav_links", "social_links")
# A page gets an "On this page" box from this many sections (the title excluded).
TOC_MIN_SECTIONS = 3
COPYBUTTON_CSS = "copybutton.css"


def check_theme_options(app: Sphinx, config: Config) -> None:
    """Drop theme option values we cannot use, telling the user what to write."""
    if config.html_theme != THEME_NAME or not isinstance(config.html_theme_options, dict):
        return
    options = dict(config.html_theme_options)
    checks = {name: check_color for name in COLOR_OPTIONS} | {name: parse_links for name in LINK_OPTIONS}
    for name, check in checks.items():
        if name not in options:
            continue
        try:
            check(options[name])
        except OptionError as exc:
            warn(logger, WarningSubtype.config, "html_theme_options[%r]: %s; ignored", name, exc)
            options[name] = ""
    config.html_theme_options = options


def _resolve(link: Link, context: dict[str, Any], pagename: str) -> dict[str, Any]:
    if link.external:
        return {"label": link.label, "href": link.target, "current": False}
    target = link.target.removesuffix(".html").removesuffix(".md").removesuffix(".rst")
    return {"label": link.label, "href": context["pathto"](target), "current": target == pagename}


def _nav_links(app: Sphinx, context: dict[str, Any]) -> list[Link]:
    configured = parse_links(context.get("theme_nav_links"))
    if configured is not None:
        return configured
    blog = context.get("ablog")
    links = default_nav(
        blog_path=app.config.blog_path if blog is not None and len(blog.posts) else None,
        has_tags=blog is not None and bool(blog.tags),
        has_archive=blog is not None and bool(blog.archive),
        docnames=app.env.found_docs,
    )
    # Our own labels ("Posts", "Tags", ...) are in our catalog; the user's are shown as written.
    return [Link(_(link.label), link.target) for link in links]


def accent_css(light: str, dark: str) -> str:
    """CSS that overrides the accent colour in light and dark modes."""
    rules = []
    if light:
        rules.append(f":root{{--nb-accent:{light}}}")
    if dark:
        rules.append(f":root[data-theme=dark]{{--nb-accent:{dark}}}")
        rules.append(
            f"@media (prefers-color-scheme:dark){{:root:not([data-theme=light]){{--nb-accent:{dark}}}}}"
        )
    return "".join(rules)


def count_toc_entries(toc: str) -> int:
    """Sections in Sphinx's rendered local toc (the page title's own entry excluded)."""
    return max(toc.count("<li") - 1, 0)


def _drop_copybutton_css(context: dict[str, Any]) -> None:
    """notebook.css styles the copy button itself: one render-blocking request less."""
    css_files = context.get("css_files")
    if isinstance(css_files, list):
        css_files[:] = [
            css for css in css_files if not str(getattr(css, "filename", css)).endswith(COPYBUTTON_CSS)
        ]


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Put the theme's ready-made values in the page context."""
    if "theme_nav_links" not in context:  # another theme is in use
        return
    try:
        nav = _nav_links(app, context)
        social = parse_links(context.get("theme_social_links")) or []
    except OptionError:  # already reported on config-inited
        nav, social = [], []
    context["nb_nav"] = [_resolve(link, context, pagename) for link in nav]
    context["nb_social"] = [_resolve(link, context, pagename) for link in social]
    try:
        light = check_color(context.get("theme_accent_color"))
        dark = check_color(context.get("theme_accent_color_dark"))
    except OptionError:
        light = dark = ""
    context["nb_accent_css"] = accent_css(light, dark)
    _drop_copybutton_css(context)
    toc = context.get("toc") or ""
    context["nb_show_toc"] = bool(doctree) and count_toc_entries(toc) >= TOC_MIN_SECTIONS


def setup_context(app: Sphinx) -> None:
    """Connect the option check and the page context."""
    app.connect("config-inited", check_theme_options)
    # After ablog (priority 500), which puts the blog in the context.
    app.connect("html-page-context", add_page_context, priority=600)
