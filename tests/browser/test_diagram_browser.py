"""Diagrams in a real browser: drawn, legible in both themes, nothing fetched off-site, axe-clean."""

from __future__ import annotations

from typing import Any

import pytest

INK_OF_FIRST_DIAGRAM = """() => {
  const group = document.querySelector("figure.diagram svg.nb-diagram-svg g[stroke]");
  return getComputedStyle(group).stroke;
}"""


@pytest.fixture(scope="module")
def site(build_root: Any) -> str:
    return build_root("diagram")


def test_every_diagram_is_drawn_with_the_vendored_font(site: str, new_page: Any) -> None:
    page = new_page(color_scheme="light")
    page.goto(site + "index.html", wait_until="networkidle")
    assert page.nb_errors == []
    assert page.nb_offsite == []
    sizes = page.evaluate(
        """() => [...document.querySelectorAll("figure.diagram svg")].map(svg => {
             const box = svg.getBoundingClientRect();
             return [box.width, box.height];
           })"""
    )
    assert len(sizes) == 7
    assert all(width > 40 and height > 20 for width, height in sizes)
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px nb-hand'))")
    assert any(url.endswith("architects-daughter-latin-400-normal.woff2") for url in page.nb_requests)


def test_colours_follow_the_theme(site: str, new_page: Any) -> None:
    page = new_page(color_scheme="light")
    page.goto(site + "index.html")
    light_ink = page.evaluate(INK_OF_FIRST_DIAGRAM)
    assert page.evaluate("getComputedStyle(document.querySelector('svg.nb-excalidraw')).filter") == "none"
    page.locator("button.nb-theme-toggle").click()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.evaluate(INK_OF_FIRST_DIAGRAM) != light_ink
    assert "invert" in page.evaluate("getComputedStyle(document.querySelector('svg.nb-excalidraw')).filter")

    system_dark = new_page(color_scheme="dark")
    system_dark.goto(site + "index.html")
    assert system_dark.evaluate(INK_OF_FIRST_DIAGRAM) != light_ink


def test_wide_diagrams_scroll_inside_their_figure_on_a_phone(site: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(site + "index.html")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_page_has_no_axe_violations(site: str, new_page: Any, axe: Any, describe: Any,
                                            scheme: str) -> None:
    page = new_page(color_scheme=scheme)
    page.goto(site + "index.html", wait_until="networkidle")
    violations = axe(page)
    assert violations == [], describe(violations)
