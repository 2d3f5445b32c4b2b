"""The attack corpus in Chromium: sanitized vectors fetch nothing, run nothing, change nothing outside.

All vectors go on one page, each in its own figure between two paragraphs,
as the sanitizer's output would be on a real page. The page's requests are
intercepted (``new_page`` blocks and records any that leave 127.0.0.1),
dialogs are recorded, and the computed style of everything outside the
figures is compared with the same page holding harmless drawings. A control
run with the raw vectors shows the harness does catch requests, scripts and
page-wide styles.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from html import escape
from pathlib import Path
from typing import Any

import pytest

import sphinx_notebook.diagram

_spec = importlib.util.spec_from_file_location("svg_attacks", Path(__file__).parent.parent / "svg_attacks.py")
assert _spec and _spec.loader
svg_attacks = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("svg_attacks", svg_attacks)
_spec.loader.exec_module(svg_attacks)

DIAGRAM_CSS = Path(sphinx_notebook.diagram.__file__).parent / "static" / "css" / "nb-diagram.css"
PLAIN = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="20" height="20"/></svg>'

SNAPSHOT = """() => {
  const props = ["display", "visibility", "color", "background-color", "background-image", "font-family",
                 "opacity", "filter", "transform", "position", "z-index", "color-scheme", "fill"];
  const outside = [document.documentElement, document.body, ...document.querySelectorAll("body > p"),
                   ...document.querySelectorAll("body > figure")];
  const style = el => props.map(p => getComputedStyle(el)[p]).join("|");
  return outside.map(el => el.tagName + "#" + el.id + " " + style(el));
}"""

CONTAINED = """() => [...document.querySelectorAll("body > figure")].flatMap(figure => {
  const outer = figure.getBoundingClientRect();
  const svg = figure.querySelector("svg");
  if (!svg) return [];
  const box = svg.getBoundingClientRect();
  const inside = box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1;
  return inside ? [] : [figure.id];
})"""

UNCOVERED = """() => [...document.querySelectorAll("body > p")].filter(p => {
  p.scrollIntoView({block: "center"});
  const box = p.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + 2, box.top + box.height / 2);
  return !(hit === p || p.contains(hit));
}).map(p => p.id)"""

LINKS = """() => [...document.querySelectorAll("figure a")]
  .map(a => a.href && a.href.baseVal !== undefined ? a.href.baseVal : a.getAttribute("href"))
  .filter(h => h && !/^(https?:|mailto:|#|[^:]*$)/i.test(h.trim()))"""


def _page(figures: list[tuple[str, str]]) -> str:
    """Figures as the visitor writes them, styled by the diagram part's own stylesheet."""
    body = "".join(
        f'<p id="before-{name}">Before {escape(name)}</p>\n<figure class="diagram" id="fig-{name}">'
        f'<div class="nb-diagram-body">{markup}</div></figure>\n'
        for name, markup in figures
    )
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>attacks</title>"
            '<link rel="stylesheet" href="nb-diagram.css">'
            "<style>body{font-family:serif;color:#111;background:#fff}</style>"
            f'</head><body>\n{body}<p id="after">After</p>\n</body></html>\n')


@pytest.fixture(scope="module")
def pages(site_dir: Path, site_server: str) -> dict[str, str]:
    folder = site_dir / "attacks"
    folder.mkdir(exist_ok=True)
    shutil.copy(DIAGRAM_CSS, folder / "nb-diagram.css")
    vectors = svg_attacks.load_vectors()
    sanitized = [(v.name, svg_attacks.sanitized(v.markup, scope=f"nbs-{v.name}")) for v in vectors]
    raw = [(v.name, v.markup) for v in vectors if v.name in
           ("svg-onload", "script-element", "css-import", "css-body-display-none", "image-remote")]
    written = {
        "sanitized": _page([(name, svg or "") for name, svg in sanitized]),
        "baseline": _page([(name, PLAIN if svg else "") for name, svg in sanitized]),
        "raw": _page(raw),
        "raw-baseline": _page([(name, PLAIN) for name, _ in raw]),
    }
    for name, html in written.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    return {name: f"{site_server}attacks/{name}.html" for name in written}


def _visit(new_page: Any, url: str) -> tuple[Any, list[str]]:
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    return page, dialogs


def test_sanitized_vectors_fetch_nothing_run_nothing_change_nothing_outside(pages: dict[str, str],
                                                                           new_page: Any) -> None:
    baseline, _ = _visit(new_page, pages["baseline"])
    expected = baseline.evaluate(SNAPSHOT)
    page, dialogs = _visit(new_page, pages["sanitized"])
    assert page.nb_offsite == []
    assert dialogs == []
    assert page.evaluate("document.title") == "attacks"
    assert page.evaluate(SNAPSHOT) == expected
    assert page.evaluate(CONTAINED) == []
    assert page.evaluate(UNCOVERED) == []
    assert page.evaluate(LINKS) == []
    # Painting is not hit-tested (a shadow, a stroke): every paragraph must look as on the baseline page.
    for paragraph in page.locator("body > p").all():
        name = paragraph.get_attribute("id")
        assert paragraph.screenshot() == baseline.locator(f"#{name}").screenshot(), name
    assert page.evaluate("document.querySelectorAll('figure svg').length") >= 150


def test_the_harness_catches_raw_vectors(pages: dict[str, str], new_page: Any) -> None:
    baseline, _ = _visit(new_page, pages["raw-baseline"])
    page, dialogs = _visit(new_page, pages["raw"])
    assert any("evil.example" in url for url in page.nb_offsite)
    assert dialogs
    assert page.evaluate(SNAPSHOT) != baseline.evaluate(SNAPSHOT)
