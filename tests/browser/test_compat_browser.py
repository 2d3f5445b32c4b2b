"""A post under furo, pydata-sphinx-theme, sphinx-book-theme and alabaster, and a
page using popular extensions under our theme, in light and dark, in Chromium.

Each root is built once per session (``build_root``). Every page is
screenshotted (into the test's temporary folder, or NOTEBOOK_SCREENSHOTS=DIR)
and checked with axe-core. Under other themes axe is scoped to our markup:
the themes have findings of their own that we do not control (furo: Sphinx's
toctree caption without aria-level; pydata/book: the search button's label;
alabaster: its footer's contrast). Under our theme the whole page is checked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("furo")
pytest.importorskip("pydata_sphinx_theme")
pytest.importorskip("sphinx_book_theme")

POSTS = {
    "furo": "posts/step-size.html",
    "pydata": "posts/btree-fanout.html",
    "book": "posts/eigenvalues.html",
    "alabaster": "posts/infinitely-many-primes.html",
}
# Themes with a dark mode of their own; alabaster is light only.
DARK_THEMES = {"furo", "pydata", "book"}
OUR_MARKUP = [
    ["figure.diagram"],
    [".nb-theorem"],
    [".nb-proof"],
    ["div.math.nb-math"],
    [".nb-post-header"],
    [".nb-post-nav"],
]
LIGHT_YELLOW, DARK_YELLOW = "#e8a50c", "#f5c451"

DIAGRAM_COLOURS = """() => {
  const svg = document.querySelector("figure.diagram svg");
  const text = svg.querySelector("text");
  return {
    ink: getComputedStyle(text).fill,
    text: getComputedStyle(svg).color,
    yellow: getComputedStyle(svg).getPropertyValue("--nb-hl-yellow").trim(),
  };
}"""


def _screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("NOTEBOOK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _axe(page: Any, axe_path: Path, context: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe_path))
    return page.evaluate("async (context) => (await axe.run(context)).violations", context)


@pytest.fixture(scope="module")
def axe_path() -> Path:
    return Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("theme", sorted(POSTS))
def test_post_under_theme(
    build_root: Any, new_page: Any, describe: Any, axe_path: Path, tmp_path: Path, theme: str, mode: str
) -> None:
    site = build_root(f"compat-theme-{theme}")
    page = new_page(color_scheme=mode)
    page.goto(site + POSTS[theme], wait_until="networkidle")
    # pydata-sphinx-theme logs this itself on a first visit (nothing stored yet).
    assert [e for e in page.nb_errors if "invalid theme mode" not in e] == []
    assert page.nb_offsite == []
    _screenshot(page, tmp_path, f"compat-{theme}-{mode}")

    colours = page.evaluate(DIAGRAM_COLOURS)
    # Ink is the page's text colour, whatever the theme and mode.
    assert colours["ink"] == colours["text"]
    # Highlights switch with the theme's own dark mode; alabaster stays light
    # even when the system is dark.
    dark = mode == "dark" and theme in DARK_THEMES
    assert colours["yellow"] == (DARK_YELLOW if dark else LIGHT_YELLOW)

    violations = _axe(page, axe_path, {"include": OUR_MARKUP})
    assert violations == [], describe(violations)


def test_furo_switch_wins_over_the_system(build_root: Any, new_page: Any) -> None:
    """furo's toggle stored "dark" while the system is light: the diagram goes dark."""
    site = build_root("compat-theme-furo")
    page = new_page(color_scheme="light")
    page.add_init_script('localStorage.setItem("theme", "dark")')
    page.goto(site + POSTS["furo"], wait_until="networkidle")
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert page.evaluate(DIAGRAM_COLOURS)["yellow"] == DARK_YELLOW


EXTENSION_PAGES = {
    "toolkit": ("compat-extension-styles", "posts/toolkit.html"),
    "notebook": ("compat-extension-styles", "posts/fitting.html"),
    "nbsphinx": ("compat-nbsphinx", "histogram.html"),
}


# pandas leaves the corner header of a table empty: the notebook's stored
# content, not our markup, so that one cell is left out of the scan.
STORED_TABLE_CORNER = [["div.cell_output table.dataframe thead th:empty"]]


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(EXTENSION_PAGES))
def test_extensions_under_our_theme(
    build_root: Any, new_page: Any, describe: Any, axe_path: Path, tmp_path: Path, name: str, mode: str
) -> None:
    root, path = EXTENSION_PAGES[name]
    site = build_root(root)
    page = new_page(color_scheme=mode)
    page.goto(site + path, wait_until="networkidle")
    assert page.nb_errors == []
    assert page.nb_offsite == []
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    _screenshot(page, tmp_path, f"compat-extension-styles-{name}-{mode}")
    violations = _axe(page, axe_path, {"exclude": STORED_TABLE_CORNER})
    assert violations == [], describe(violations)


def test_prf_blocks_look_like_ours(build_root: Any, new_page: Any) -> None:
    """sphinx-proof's theorem: a rule on the left in the accent colour, no box, bold number."""
    site = build_root("compat-extension-styles")
    page = new_page()
    page.goto(site + EXTENSION_PAGES["toolkit"][1], wait_until="networkidle")
    style = page.evaluate("""() => {
      const block = getComputedStyle(document.querySelector("div.proof.theorem"));
      const number = getComputedStyle(document.querySelector("div.proof.theorem span.caption-number"));
      const accent = getComputedStyle(document.documentElement).getPropertyValue("--nb-accent").trim();
      const probe = document.createElement("span");
      probe.style.color = accent;
      document.body.append(probe);
      return {left: block.borderLeftWidth, leftColour: block.borderLeftColor, top: block.borderTopWidth,
              background: block.backgroundColor, weight: number.fontWeight,
              accent: getComputedStyle(probe).color};
    }""")
    assert style["left"] == "3px" and style["top"] == "0px"
    assert style["leftColour"] == style["accent"]
    assert style["background"] == "rgba(0, 0, 0, 0)"
    assert style["weight"] == "700"


@pytest.fixture(scope="module")
def furo_error_sites(site_dir: Path, site_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """test-diagram-errors and test-math (both with broken input) built under furo."""
    import shutil
    import subprocess
    import sys

    roots = Path(__file__).parent.parent / "roots"
    for name in ("diagram-errors", "math"):
        src = tmp_path_factory.mktemp(f"furo-{name}") / "src"
        shutil.copytree(roots / f"test-{name}", src)
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D", "html_theme=furo",
             str(src), str(site_dir / f"furo-{name}")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    return site_server


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_error_boxes_read_under_furo(
    furo_error_sites: str, new_page: Any, describe: Any, axe_path: Path, tmp_path: Path, mode: str
) -> None:
    """A diagram that could not be drawn and TeX KaTeX could not parse stay legible in both modes."""
    for path, selector in (("furo-diagram-errors/index.html", ".nb-diagram-error"),
                           ("furo-math/formulas.html", ".nb-math-error")):
        page = new_page(color_scheme=mode)
        page.goto(furo_error_sites + path, wait_until="networkidle")
        assert page.locator(selector).count() > 0
        _screenshot(page, tmp_path, f"compat-furo-errors-{selector.strip('.')}-{mode}")
        violations = _axe(page, axe_path, {"include": [[selector]]})
        assert violations == [], describe(violations)
