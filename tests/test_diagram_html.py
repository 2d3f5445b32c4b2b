"""The seed's figure syntax: raw HTML ``<figure class="diagram">`` with a pasted SVG or JSON."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_builds import build_site

ROOTS = Path(__file__).parent / "roots"


def _figures(html: str) -> list[str]:
    return re.findall(r"<figure[^>]*>.*?</figure>", html, flags=re.DOTALL)


def _svg(figure: str) -> str:
    match = re.search(r"<svg.*</svg>", figure, flags=re.DOTALL)
    assert match, figure
    return match.group(0)


@dataclass
class Built:
    srcdir: Path
    outdir: Path
    warnings: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = build_site(tmp_path_factory.mktemp("diagram-html") / "src", copy_from=ROOTS / "test-diagram-html")
    return Built(site.srcdir, site.outdir, site.warnings)


def test_a_pasted_svg_is_sanitized_like_an_svg_file(built) -> None:
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    pasted = next(f for f in _figures(html) if 'id="fig-pasted"' in f)
    assert pasted.startswith('<figure class="diagram wide')
    assert 'class="nb-excalidraw"' in pasted and "<title>A box saying hello</title>" in pasted
    assert "onload" not in pasted and "excalidraw.com" not in pasted and "svg-source" not in pasted
    assert "&quot;nb-hand&quot;, &quot;Virgil&quot;" in pasted
    assert re.search(r'<span class="caption-number">Fig\. \d+ </span><span class="caption-text">'
                     r"A pasted Excalidraw export</span>", pasted)


def test_json_in_a_figure_is_drawn_exactly_like_the_directive(built) -> None:
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    drawn = [_svg(f) for f in _figures(html) if "Three cells" in f]
    assert len(drawn) == 3  # JSON as text, JSON in a script element, the directive
    assert drawn[0] == drawn[1] == drawn[2]
    assert "<text" in drawn[0]


def test_figcaption_is_a_numbered_caption_that_numref_reaches(built) -> None:
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    for name in ("fig-pasted", "fig-json"):
        number = re.search(rf'<figure[^>]*id="{name}".*?caption-number">(Fig\. \d+) ', html, flags=re.DOTALL)
        assert number, name
        assert re.search(rf'href="#{name}"><span class="std std-numref">{number.group(1)}</span>', html)
    assert '<figure class="picture">\n<p>Other HTML figures are left alone.</p>\n</figure>' in html


def test_raw_html_in_rest_works_too(built) -> None:
    html = (built.outdir / "page.html").read_text(encoding="utf-8")
    figure = next(f for f in _figures(html) if 'id="fig-rst"' in f)
    assert "<svg" in figure and "From a raw directive" in figure
    assert re.search(r'href="#fig-rst"><span class="std std-numref">Fig\. \d+</span>', html)


def test_warnings_point_at_the_line_in_the_source_file(built) -> None:
    warnings = built.warnings
    errors = Path(built.srcdir) / "errors.md"
    lines = errors.read_text(encoding="utf-8").splitlines()

    def line(marker: str) -> int:
        return next(i for i, text in enumerate(lines, start=1) if marker in text)

    assert f"errors.md:{line('cels')}: WARNING: diagram blocks[0].cels: unknown key 'cels'" in warnings
    assert (f"errors.md:{line('<rect></svg>')}: WARNING: diagram: the pasted SVG cannot be embedded: "
            "not well-formed XML") in warnings
    unclosed = [i for i, text in enumerate(lines, start=1) if '"alt": "x",' in text][1] - 1
    assert f"errors.md:{unclosed}: WARNING: diagram: the <figure> is not closed in the same HTML block" \
        in warnings
    empty = line('<figure class="diagram"></figure>')
    assert f"errors.md:{empty}: WARNING: diagram: the diagram figure is empty" in warnings
    options = line('data-roughness="9"')
    assert f"errors.md:{options}: WARNING: diagram: data-seed='x' must be a number 1 or more; ignored" \
        in warnings
    assert f"errors.md:{options}: WARNING: diagram: data-roughness='9' must be a number from 0.0 to 3.0" \
        in warnings
    no_alt = line('id="no-alt"')
    assert (f"errors.md:{no_alt}: WARNING: diagram the pasted SVG has no alt text: add a data-alt attribute "
            "describing what the drawing shows") in warnings
    index = (Path(built.srcdir) / "index.md").read_text(encoding="utf-8").splitlines()
    svg_line = next(i for i, text in enumerate(index, start=1) if text.startswith("<svg"))
    assert f"index.md:{svg_line}: WARNING: diagram the pasted SVG: removed unsafe content: onload attribute" \
        in warnings
    assert "Traceback" not in warnings
    html = (built.outdir / "errors.html").read_text(encoding="utf-8")
    assert html.count('class="nb-diagram-error"') == 4
    assert "After the broken ones, the page goes on." in html


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    pages = []
    for name, seed, jobs in (("one", "1", "1"), ("two", "2", "2")):
        src = tmp_path / name / "site"
        shutil.copytree(ROOTS / "test-diagram-html", src)
        out = tmp_path / name / "html"
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1780000000"}
        command = [sys.executable, "-m", "sphinx", "-q", "-E", "-j", jobs, "-b", "html", str(src), str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        pages.append({p: (out / p).read_bytes() for p in ("index.html", "page.html", "errors.html")})
    assert pages[0] == pages[1]
