"""Editors' exports in Chromium: their text shows, in the hand font where they used one, in both modes."""

from __future__ import annotations

from typing import Any

import pytest

FIGURES = """() => Object.fromEntries([...document.querySelectorAll("figure.diagram")].map(figure => {
  const svg = figure.querySelector("svg");
  const texts = [...svg.querySelectorAll("text")].filter(t => t.getBBox().width > 0);
  return [figure.id, {
    texts: texts.length,
    font: texts.length ? getComputedStyle(texts[0]).fontFamily : "",
    fill: texts.length ? getComputedStyle(texts[0]).fill : "",
    filter: getComputedStyle(svg).filter,
  }];
}))"""


@pytest.fixture(scope="module")
def site(build_root: Any) -> str:
    return build_root("diagram-exports")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_exports_draw_their_text_and_follow_the_mode(site: str, new_page: Any, scheme: str) -> None:
    page = new_page(color_scheme=scheme)
    page.goto(site + "index.html", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    figures = page.evaluate(FIGURES)
    assert page.nb_offsite == [] and page.nb_errors == []
    assert {name: info["texts"] for name, info in figures.items()} == {
        "fig-excalidraw-embedded": 1, "fig-excalidraw-dark": 1, "fig-drawio": 2, "fig-tldraw": 1,
        "fig-tldraw-dark": 1, "fig-inkscape": 1,
    }
    assert figures["fig-drawio"]["font"].replace('"', "").startswith("nb-hand")
    assert figures["fig-inkscape"]["font"].replace('"', "").startswith("nb-hand")
    assert figures["fig-tldraw"]["font"].replace('"', "").startswith("nbs-")  # its embedded font, scoped
    inverted = {name for name, info in figures.items() if "invert" in info["filter"]}
    if scheme == "light":
        assert inverted == set()
        assert figures["fig-drawio"]["fill"] == "rgb(0, 0, 0)"
    else:
        assert inverted == {"fig-excalidraw-embedded", "fig-excalidraw-dark", "fig-tldraw", "fig-inkscape"}
        assert figures["fig-drawio"]["fill"] == "rgb(255, 255, 255)"  # light-dark() follows the page


@pytest.mark.parametrize("root", ["diagram-exports", "diagram-html"])
def test_pasted_and_embedded_drawings_have_no_axe_violations(build_root: Any, new_page: Any, axe: Any,
                                                             describe: Any, root: str) -> None:
    page = new_page()
    page.goto(build_root(root) + "index.html", wait_until="networkidle")
    violations = axe(page)
    assert violations == [], describe(violations)
