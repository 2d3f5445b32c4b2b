"""An Arabic site in a real browser.

The layout mirrors; code, math and diagrams stay left to right; axe finds nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

PAGES = {"home": "index.html", "post": "posts/gradient.html", "diagram": "posts/stack.html"}


@pytest.fixture(scope="module")
def site(build_root: Any) -> str:
    return build_root("i18n-ar")


def box(page: Any, selector: str) -> dict[str, float]:
    return page.evaluate(f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
                         " return {left: r.left, right: r.right, width: r.width}; })()")


def style(page: Any, selector: str, prop: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}))[{prop!r}]")


def test_the_layout_mirrors(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + PAGES["post"], wait_until="networkidle")
    assert page.nb_errors == [] and page.nb_offsite == []
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert style(page, ".nb-article p", "direction") == "rtl"
    # The site title starts the header on the right, the navigation follows to its left.
    assert box(page, ".nb-site-title")["left"] > box(page, ".nb-nav")["right"]
    # Headings and paragraphs hug the right edge of the reading column.
    column = box(page, ".nb-article")
    assert abs(box(page, ".nb-article h1")["right"] - column["right"]) < 2
    # Theorem blocks carry their rule on the start side: the right.
    assert style(page, "div.nb-theorem", "borderRightWidth") != "0px"
    assert style(page, "div.nb-theorem", "borderLeftWidth") == "0px"
    # Links to the other post sit at the start (right) too; the skip link appears on the right.
    page.keyboard.press("Tab")
    assert box(page, ".nb-skip-link")["left"] > column["left"]


def test_code_math_and_diagrams_stay_left_to_right(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + PAGES["post"], wait_until="networkidle")
    assert style(page, "div.highlight pre", "direction") == "ltr"
    assert style(page, "div.highlight pre", "textAlign") == "left"
    code = box(page, "div.highlight pre")
    first_word = page.evaluate("(() => { const r = document.createRange();"
                               " const pre = document.querySelector('div.highlight pre');"
                               " r.selectNodeContents(pre.querySelector('span.k') || pre);"
                               " return r.getBoundingClientRect().left; })()")
    assert first_word - code["left"] < 40  # "def" starts at the left edge of the box
    assert style(page, "div.math .katex", "direction") == "ltr"
    assert style(page, "span.math .katex, p .katex", "direction") == "ltr"
    page.goto(site + PAGES["diagram"], wait_until="networkidle")
    assert style(page, ".nb-diagram-body", "direction") == "ltr"


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_no_violations_in_arabic(site: str, check_axe_in_mode: Any, name: str, mode: str) -> None:
    check_axe_in_mode(site + PAGES[name], mode)
