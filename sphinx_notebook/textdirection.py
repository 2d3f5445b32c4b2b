"""Right-to-left pages: ``<html dir="rtl">`` for Arabic, Hebrew, Persian, Urdu and the like.

The theme's CSS is written in logical properties (``margin-inline-start``,
``padding-inline``, ``inset-inline-end``, ``text-align: start``), so this one
attribute mirrors the layout with no second stylesheet; code, math and
diagrams set ``direction: ltr`` on themselves. The attribute goes on the
``<html>`` element through Sphinx's ``html_tag`` template variable, so it
works under any theme built on Sphinx's basic layout.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError

if TYPE_CHECKING:
    from sphinx.application import Sphinx

RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)
"""Written right to left; checked before Babel, which does not know every code Sphinx accepts."""

LTR_LANGUAGES = frozenset(
    {"de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv", "tr", "uk", "zh"}
)
"""Common languages written left to right: answered without asking Babel on every page."""


def is_rtl(language: str | None) -> bool:
    """Whether pages in ``language`` (a Sphinx ``language`` value) are written right to left."""
    if not language:
        return False
    code = language.replace("-", "_")
    base = code.split("_")[0].lower()
    if base in RTL_LANGUAGES:
        return True
    if base in LTR_LANGUAGES:
        return False
    try:
        return Locale.parse(code).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


def html_tag(language: str, content_root: str, existing: str | None) -> str:
    """The page's ``<html>`` start tag with ``dir="rtl"`` (added to one set by another extension)."""
    if existing:
        if " dir=" in existing:
            return existing
        return existing.replace("<html", '<html dir="rtl"', 1)
    return (
        f'<html lang="{html.escape(language)}" dir="rtl" '
        f'data-content_root="{html.escape(content_root)}">'
    )


def set_direction(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (late, after others may have set ``html_tag``): mark RTL pages."""
    if not is_rtl(app.config.language):
        return
    language = context.get("language") or str(app.config.language).replace("_", "-")
    context["html_tag"] = html_tag(language, context.get("content_root", ""), context.get("html_tag"))

