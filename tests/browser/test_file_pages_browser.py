"""Pages opened from disk (file://), as many users open ``_build/html/index.html``.

Module scripts, font preloads with ``crossorigin`` and anything fetched with
CORS fail on file:// pages; every page must still draw its mermaid charts,
load its fonts and log no console error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PAGES = [
    ("theme", "index.html"),
    ("theme", "posts/gradient-descent.html"),
    ("theme", "posts/hash-tables.html"),
    ("theme", "about.html"),
    ("theme", "search.html"),
    ("theme", "blog/tag/math.html"),
    ("diagram", "index.html"),
    ("diagram-html", "index.html"),
]

CHART = "pre.mermaid[data-processed='true'] svg"


@pytest.fixture(scope="module")
def folders(build_root: Any, site_dir: Path) -> dict[str, Path]:
    for name in {name for name, _ in PAGES}:
        build_root(name)
    return {name: site_dir / name for name, _ in PAGES}


def _open(new_page: Any, path: Path, **options: Any) -> Any:
    page = new_page(**options)
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


@pytest.mark.parametrize("root, page_path", PAGES, ids=[f"{r}/{p}" for r, p in PAGES])
def test_every_page_opens_from_disk_without_console_errors(folders: dict[str, Path], new_page: Any,
                                                           root: str, page_path: str) -> None:
    page = _open(new_page, folders[root] / page_path)
    for chart in page.locator("pre.mermaid").all():
        chart.scroll_into_view_if_needed()
    if page.locator("pre.mermaid").count():
        page.wait_for_function(f"() => document.querySelectorAll(\"{CHART}\").length === "
                               "document.querySelectorAll('pre.mermaid').length", timeout=20_000)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.nb_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_mermaid_draws_from_disk_in_the_hand_font(folders: dict[str, Path], new_page: Any,
                                                  scheme: str) -> None:
    page = _open(new_page, folders["theme"] / "posts/gradient-descent.html", color_scheme=scheme)
    page.locator("pre.mermaid").first.scroll_into_view_if_needed()
    page.locator(CHART).first.wait_for(timeout=20_000)
    family = page.evaluate(f"getComputedStyle(document.querySelector(\"{CHART} text, {CHART} .nodeLabel\"))"
                           ".fontFamily")
    assert "nb-hand" in family
    assert page.evaluate("document.fonts.check('16px nb-hand')")
    dark_chart = page.evaluate(f"document.querySelector(\"{CHART}\").outerHTML.includes('#1f2020')")
    assert page.nb_errors == []
    page.locator("button.nb-theme-toggle").click()
    page.locator("pre.mermaid").first.scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelector(\"{CHART}\") !== null", timeout=20_000)
    assert page.evaluate(f"document.querySelector(\"{CHART}\").outerHTML.includes('#1f2020')") != dark_chart
    assert page.nb_errors == []


def test_diagram_fonts_load_from_disk(folders: dict[str, Path], new_page: Any) -> None:
    page = _open(new_page, folders["diagram"] / "index.html")
    assert page.evaluate("document.fonts.check('16px nb-hand')")
    assert page.evaluate("[...document.fonts].some(f => f.family === 'nb-hand' && f.status === 'loaded')")
    assert page.nb_errors == []
