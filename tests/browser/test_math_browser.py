"""Math in a real browser: KaTeX output drawn with no math script; MathJax offline from the vendored copy."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def site(build_root: Any) -> str:
    return build_root("math")


def test_post_page_shows_katex_without_any_math_script(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + "posts/first.html", wait_until="networkidle")
    assert page.nb_errors == []
    assert page.nb_offsite == []
    assert not any("katex.min.js" in url or "mathjax" in url.lower() for url in page.nb_requests)
    assert page.locator("span.math.nb-math .katex-html").first.is_visible()
    display = page.locator("div.math.nb-math .katex-display .katex-html").first
    assert display.is_visible()
    box = display.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 20
    # KaTeX's stylesheet applies: MathML is there for screen readers but visually clipped
    assert page.evaluate("getComputedStyle(document.querySelector('.katex-mathml')).position") == "absolute"
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px KaTeX_Main'))")
    assert any(url.endswith(".woff2") and "/vendor/katex/fonts/" in url for url in page.nb_requests)


def test_theorem_block_and_equation_numbers(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + "theorems.html", wait_until="networkidle")
    heading = page.locator("#thm-conv .nb-theorem-title")
    assert heading.inner_text().startswith("Theorem 2 (Convergence)")
    formulas = new_page()
    formulas.goto(site + "formulas.html", wait_until="networkidle")
    assert formulas.locator("#equation-euler .eqno").inner_text().startswith("(1)")
    # a formula KaTeX could not parse shows its TeX in place
    assert formulas.locator("div.nb-math-error code").inner_text() == "\\frac{1}{"


def test_mathjax_renderer_works_offline(build_root: Any, new_page: Any) -> None:
    site = build_root("math-mathjax")
    page = new_page()
    page.goto(site + "index.html", wait_until="networkidle")
    page.wait_for_selector("mjx-container", timeout=15000)
    assert page.nb_offsite == []
    assert page.nb_errors == []
    assert any("/_static/vendor/mathjax/tex-mml-chtml.js?" in url for url in page.nb_requests)
    # fonts come from output/chtml/fonts/woff-v2/ next to the vendored script
    page.wait_for_function("[...document.fonts].some(f => f.family === 'MJXTEX' && f.status === 'loaded')")
    assert any("/_static/vendor/mathjax/output/chtml/fonts/woff-v2/" in url for url in page.nb_requests)
    assert page.locator("mjx-container").count() >= 3
    # the macros reached MathJax: no "undefined control sequence" box
    assert page.locator("mjx-merror").count() == 0


def test_mathjax_renderer_finds_every_extension_it_autoloads(build_root: Any, new_page: Any) -> None:
    """\\cancel, \\color, \\bra, \\enclose and \\href make MathJax fetch extensions: all must be there."""
    site = build_root("math-mathjax")
    page = new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(site + "index.html", wait_until="networkidle")
    page.wait_for_selector("mjx-container", timeout=15000)
    page.wait_for_function("document.querySelectorAll('mjx-container').length >= 8", timeout=15000)
    assert failed == []
    assert page.nb_errors == []
    extensions = [url for url in page.nb_requests if "/extensions/" in url]
    loaded = {url.split("/extensions/")[1].split(".js")[0] for url in extensions}
    assert {"cancel", "color", "braket", "enclose", "html"} <= loaded
    assert page.locator("mjx-merror").count() == 0


def test_build_time_mathjax_fallback_shows_without_any_script(build_root: Any, new_page: Any) -> None:
    """What KaTeX cannot render arrives as MathML that Chromium draws itself."""
    site = build_root("math-mathjax-era")
    page = new_page()
    page.goto(site + "fallback.html", wait_until="networkidle")
    assert page.nb_errors == []
    assert page.nb_offsite == []
    scripts = [url.removeprefix(site) for url in page.nb_requests if url.endswith(".js")]
    assert not any("mathjax" in url.lower() or "katex" in url.lower() for url in scripts)
    fallback = page.locator("span.math.nb-math .nb-mathjax math")
    assert fallback.count() == 7
    for index in range(fallback.count()):
        box = fallback.nth(index).bounding_box()
        assert box is not None and box["width"] > 5 and box["height"] > 5
    # \bbox[yellow]{y}: MathML Core draws mathbackground
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.nb-mathjax [mathbackground]')).backgroundColor"
    )
    assert background == "rgb(255, 255, 0)"
    # \enclose{circle}{x}: Chromium has no menclose; our stylesheet draws the circle
    circle = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector("
        "'.nb-mathjax [data-notation=\"circle\"]')); return [s.borderTopStyle, s.borderTopLeftRadius]; })()"
    )
    assert circle == ["solid", "50%"]
