"""Figures written in HTML reach the Atom feed as the same sanitized, inline SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from site_builds import build_site

ROOT = Path(__file__).parent / "roots" / "test-diagram-feed"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_content_carries_the_sanitized_figures(tmp_path: Path) -> None:
    site = build_site(tmp_path / "src", copy_from=ROOT)
    warnings = site.warning_lines
    assert len(warnings) == 1
    assert "drawing.md:9: WARNING: diagram the pasted SVG: removed unsafe content: CSS rule for body, " \
           "onload attribute [notebook.excalidraw]" in warnings[0]
    feed = ET.parse(site.outdir / "blog" / "atom.xml").getroot()
    content = feed.find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and content.text
    html = content.text
    page = (site.outdir / "posts" / "drawing.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.DOTALL)
    assert len(svgs) == 2 and all(svg in page for svg in svgs)  # the same markup as on the page
    assert re.search(r'<svg [^>]*id="nbs-[0-9a-f]{10}" class="nb-excalidraw" role="img">', svgs[0])
    assert "onload" not in html and "body" not in svgs[0] and "display" not in svgs[0]
    assert "<title>A box saying hello</title>" in svgs[0] and ">hello</text>" in svgs[0]
    assert "An array holding 1 and 2." in svgs[1]
