"""The theme as built HTML: head, header, navigation, toc, tables, mermaid setup, options."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest

from sphinx_notebook.theme.options import Link, OptionError, check_color, default_nav, parse_links
from sphinx_notebook.theme.pygments_styles import NotebookDark, NotebookLight


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("style", [NotebookLight, NotebookDark])
def test_pygments_tokens_pass_wcag_aa(style: Any) -> None:
    for token, spec in style:
        if spec["color"]:
            ratio = _contrast("#" + spec["color"], style.background_color)
            assert ratio >= 4.5, f"{style.name} {token}: {ratio:.2f}"


def test_links_parse_from_lists_dicts_and_strings() -> None:
    assert parse_links("") is None
    assert parse_links([("Posts", "blog")]) == [Link("Posts", "blog")]
    assert parse_links([{"label": "Me", "url": "https://x.org"}]) == [Link("Me", "https://x.org")]
    assert parse_links("Posts=blog, About=about") == [Link("Posts", "blog"), Link("About", "about")]
    assert Link("Me", "https://x.org").external and not Link("Posts", "blog").external
    with pytest.raises(OptionError, match="Label=target"):
        parse_links("Posts")
    with pytest.raises(OptionError, match="pair"):
        parse_links([("Posts",)])


def test_colors_are_checked() -> None:
    assert check_color("#123abc") == "#123abc"
    assert check_color("oklch(60% 0.1 30)") == "oklch(60% 0.1 30)"
    with pytest.raises(OptionError, match="CSS colour"):
        check_color("red;} body{display:none")


def test_default_nav_follows_what_the_site_has() -> None:
    nav = default_nav(blog_path="blog", has_tags=True, has_archive=True, docnames={"index", "about"})
    assert [(link.label, link.target) for link in nav] == [
        ("Posts", "blog"),
        ("Tags", "blog/tag"),
        ("Archive", "blog/archive"),
        ("About", "about"),
    ]
    assert default_nav(blog_path=None, has_tags=False, has_archive=False, docnames={"index"}) == []


@pytest.mark.sphinx("html", testroot="theme")
def test_page_chrome(app: Any) -> None:
    app.build()
    html = (app.outdir / "posts" / "gradient-descent.html").read_text(encoding="utf-8")
    # The theme is set before first paint, and the dark code sheet follows it.
    head = html[: html.index("</head>")]
    assert 'localStorage.getItem("nb-theme")' in head
    assert 'id="pygments_dark_css"' in head
    assert '<a class="nb-skip-link" href="#nb-main">' in html
    toggle = '<button class="nb-theme-toggle" type="button" aria-label="Dark mode" aria-pressed="false">'
    assert toggle in html
    nav = re.search(r'<nav class="nb-nav" aria-label="Main">(.*?)</nav>', html, re.S)
    assert nav is not None
    labels = re.findall(r">([^<>]+)</a>", nav.group(1))
    assert labels == ["Posts", "Tags", "Archive", "About", "Search", "Subscribe"]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    # A long page gets its toc, in a labelled nav.
    assert '<nav class="nb-toc" aria-label="On this page">' in html
    # Tables scroll in their own box.
    assert re.search(r'<div class="nb-table-wrap[^"]*">\s*<table', html)
    # Footer text and social links from the theme options.
    assert "Notes kept in public." in html
    assert '<a href="https://example.org/source" rel="me">Source</a>' in html
    assert "cdn.jsdelivr" not in html


@pytest.mark.sphinx("html", testroot="theme")
def test_mermaid_uses_the_vendored_copy_only_on_pages_with_a_diagram(app: Any) -> None:
    app.build()
    post = (app.outdir / "posts" / "gradient-descent.html").read_text(encoding="utf-8")
    about = (app.outdir / "about.html").read_text(encoding="utf-8")
    # A classic script (module imports fail on file:// pages) carrying mermaid's settings.
    script = re.search(r'<script data-config="([^"]*)" data-mermaid="([^"]*)" src="([^"]*)"></script>', post)
    assert script, post
    settings = json.loads(unescape(script.group(1)))
    assert settings["init"]["look"] == "handDrawn" and "nb-hand" in settings["font"]
    assert script.group(2) == "../_static/vendor/mermaid/mermaid.min.js"
    assert script.group(3).startswith("../_static/js/nb-mermaid.js")
    assert 'type="module"' not in post
    assert "nb-mermaid.js" not in about
    assert (app.outdir / "_static" / "vendor" / "mermaid" / "mermaid.min.js").is_file()
    assert app.config.mermaid_light_theme == "neutral"
    assert app.config.mermaid_dark_theme == "dark"


@pytest.mark.sphinx(
    "html",
    testroot="theme",
    confoverrides={
        "html_theme_options": {
            "accent_color": "#225588",
            "accent_color_dark": "not a colour!",
            "nav_links": [("Home", "index"), ("Elsewhere", "https://example.org/")],
        }
    },
)
def test_theme_options(app: Any, warning: Any) -> None:
    app.build()
    html = (app.outdir / "about.html").read_text(encoding="utf-8")
    assert "<style>:root{--nb-accent:#225588}</style>" in html
    assert '<a href="index.html">Home</a>' in html
    assert '<a href="https://example.org/">Elsewhere</a>' in html
    assert "html_theme_options['accent_color_dark']" in warning.getvalue()
    assert "not a CSS colour" in warning.getvalue()


@pytest.mark.sphinx("html", testroot="theme", confoverrides={"mermaid_use_local": "my/mermaid.js"})
def test_user_mermaid_settings_win(app: Any) -> None:
    app.build()
    post = (app.outdir / "posts" / "gradient-descent.html").read_text(encoding="utf-8")
    assert "my/mermaid.js" in post


@pytest.mark.sphinx("html", testroot="theme-alone", freshenv=True)
def test_theme_without_the_extension_says_what_to_add_and_uses_no_cdn(app, warning):
    app.build()
    text = warning.getvalue()
    assert text.count("[notebook.config]") == 1
    assert "add extensions = ['sphinx_notebook']" in text
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'class="katex"' in html  # rendered at build time by the math part
    assert "mathjax" not in html.lower()
    assert "cdn." not in html and "https://" not in html.split("<footer", 1)[0]
    static = app.outdir / "_static"
    assert not (static / "vendor" / "mathjax").exists()
    assert not (static / "vendor" / "mermaid").exists()
    assert not (static / "vendor" / "katex" / "katex.min.js").exists()
    size = sum(path.stat().st_size for path in static.rglob("*") if path.is_file())
    assert size < 1_000_000, size
