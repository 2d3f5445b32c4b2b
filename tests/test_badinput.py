"""Bad input: the build reaches the end with one clear warning per mistake, at its line.

tests/roots/test-badinput holds one mistake of each kind a writer makes:
broken JSON and a dangling pointer in diagrams, a formula KaTeX rejects,
front matter that is not YAML, a reference to a theorem nobody wrote, and an
Excalidraw export with a script in it. Each must give exactly one warning
naming the file and the line to fix, the page must still be written, and no
script from the drawing may reach the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from site_builds import build_site


@dataclass
class Build:
    outdir: Path
    warnings: list[str]


@pytest.fixture(scope="module")
def build(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    site = build_site(tmp_path_factory.mktemp("badinput") / "site", copy_from=rootdir / "test-badinput")
    return Build(site.outdir, site.warning_lines)


def _warnings_about(build: Build, location: str) -> list[str]:
    return [line for line in build.warnings if f"{location}:" in line]


def _one_warning(build: Build, location: str, *fragments: str) -> str:
    """The single warning at ``location`` (``posts/x.md:12``) containing every fragment."""
    matching = [line for line in _warnings_about(build, location) if all(f in line for f in fragments)]
    assert len(matching) == 1, f"expected one warning at {location} with {fragments}, got:\n" + "\n".join(
        build.warnings
    )
    return matching[0]


def test_broken_json_points_at_the_missing_comma(build: Build) -> None:
    line = _one_warning(build, "posts/diagrams.md:16", "invalid JSON", "[notebook.diagram]")
    assert "comma is missing" in line


def test_dangling_pointer_names_the_path_and_the_known_ids(build: Build) -> None:
    line = _one_warning(build, "posts/diagrams.md:27", "'missing'", "[notebook.diagram]")
    assert "blocks[0].cells[0].ptr" in line and "known: n" in line


def test_broken_diagrams_leave_an_error_box_and_the_page_goes_on(build: Build) -> None:
    html = (build.outdir / "posts" / "diagrams.html").read_text(encoding="utf-8")
    assert html.count('class="nb-diagram-error"') == 2
    assert "The text after the diagrams is still here." in html


def test_excalidraw_script_is_removed_with_one_warning(build: Build) -> None:
    line = _one_warning(build, "posts/diagrams.md:34", "drawing.svg", "[notebook.excalidraw]")
    assert "<script>" in line
    html = (build.outdir / "posts" / "diagrams.html").read_text(encoding="utf-8")
    figure = html[html.rindex('<figure class="diagram') :]
    figure = figure[: figure.index("</figure>")]
    assert "<svg" in figure and "<rect" in figure
    assert "<script" not in figure.lower() and "pwned" not in figure and "onmouseover" not in figure


def test_no_script_from_the_drawing_anywhere_in_the_output(build: Build) -> None:
    for path in build.outdir.rglob("*"):
        if path.suffix in {".html", ".xml", ".svg", ".js"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "pwned" not in text and "steal()" not in text, path


def test_formula_katex_rejects_warns_and_shows_its_tex(build: Build) -> None:
    _one_warning(build, "posts/formula.md:13", "KaTeX", "notacommand", "[notebook.math]")
    html = (build.outdir / "posts" / "formula.html").read_text(encoding="utf-8")
    assert r"\frac{1}{2} \notacommand{x}" in html
    assert 'class="katex"' in html  # the good formula on the same page still renders
    assert "The text after the formula is still here." in html


def test_malformed_front_matter_gives_one_warning(build: Build) -> None:
    _one_warning(build, "posts/frontmatter.md:4", "front matter", "[notebook.blog]")
    assert len(_warnings_about(build, "posts/frontmatter.md")) == 1


def test_malformed_front_matter_on_a_page_keeps_myst_warning(build: Build) -> None:
    """Only posts get the blog warning instead of myst-parser's; other pages keep it."""
    _one_warning(build, "notes.md:1", "Malformed YAML", "[myst.topmatter]")
    assert len(_warnings_about(build, "notes.md")) == 1


def test_malformed_front_matter_page_is_still_written(build: Build) -> None:
    assert _warnings_about(build, "posts/frontmatter.md")
    html = (build.outdir / "posts" / "frontmatter.html").read_text(encoding="utf-8")
    assert "never closes its list" in html


def test_unknown_theorem_label_warns_once(build: Build) -> None:
    _one_warning(build, "posts/theorems.md:15", "undefined label", "thm-imaginary")


def test_known_theorem_reference_still_resolves(build: Build) -> None:
    html = (build.outdir / "posts" / "theorems.html").read_text(encoding="utf-8")
    assert "Theorem 1 (Existing)" in html


def test_every_warning_is_one_of_the_expected(build: Build) -> None:
    """Nothing else goes wrong: no traceback, no warning about a file we did not break."""
    posts = ("diagrams.md", "formula.md", "frontmatter.md", "theorems.md")
    broken = (*(f"posts/{name}" for name in posts), "notes.md")
    assert build.warnings
    assert all(any(f"{name}:" in line for name in broken) for line in build.warnings), build.warnings
    assert not any("Traceback" in line or "Exception" in line for line in build.warnings)
