"""The theme in a real browser: no console errors, the dark/light toggle, mermaid, copy button, axe."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = {
    "home": "index.html",
    "post": "posts/gradient-descent.html",
    "tag": "blog/tag/math.html",
    "search": "search.html",
}

# Records data-theme at the moment <body> is created, i.e. before first paint.
RECORD_FIRST_PAINT_THEME = """
new MutationObserver((records, observer) => {
  if (document.body) {
    window.__nbThemeAtBody = document.documentElement.getAttribute("data-theme");
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def site(build_root: Any) -> str:
    return build_root("theme")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_load_clean(site: str, new_page: Any, name: str) -> None:
    page = new_page()
    page.goto(site + PAGES[name], wait_until="networkidle")
    assert page.nb_errors == []
    assert page.nb_offsite == []
    assert page.locator("header.nb-header").count() == 1
    assert page.locator("main#nb-main").count() == 1
    assert page.locator("footer.nb-footer").count() == 1


def test_toggle_switches_and_is_remembered_without_flash(site: str, new_page: Any) -> None:
    page = new_page(color_scheme="light")
    page.add_init_script(RECORD_FIRST_PAINT_THEME)
    page.goto(site + PAGES["post"])
    html = page.locator("html")
    toggle = page.locator("button.nb-theme-toggle")
    assert html.get_attribute("data-theme") == "light"
    assert toggle.get_attribute("aria-pressed") == "false"
    light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")

    toggle.click()
    assert html.get_attribute("data-theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light_bg
    # Dark code colours apply although the system is light.
    assert page.evaluate("document.getElementById('pygments_dark_css').media") == "all"

    page.reload()
    assert page.evaluate("window.__nbThemeAtBody") == "dark"
    assert html.get_attribute("data-theme") == "dark"
    page.locator("button.nb-theme-toggle").click()
    page.reload()
    assert page.evaluate("window.__nbThemeAtBody") == "light"


def test_follows_the_system_by_default(site: str, new_page: Any) -> None:
    page = new_page(color_scheme="dark")
    page.add_init_script(RECORD_FIRST_PAINT_THEME)
    page.goto(site + PAGES["home"])
    assert page.evaluate("window.__nbThemeAtBody") == "dark"
    assert page.locator("button.nb-theme-toggle").get_attribute("aria-pressed") == "true"


def test_mermaid_renders_from_the_vendored_copy_only_where_used(site: str, new_page: Any) -> None:
    home = new_page()
    home.goto(site + PAGES["home"], wait_until="networkidle")
    assert not any("mermaid" in url for url in home.nb_requests)

    page = new_page()
    page.goto(site + PAGES["post"], wait_until="load")
    diagram = page.locator("pre.mermaid")
    assert not any("mermaid.min.js" in url for url in page.nb_requests), "mermaid should load lazily"
    diagram.scroll_into_view_if_needed()
    diagram.locator("svg").wait_for(timeout=15_000)
    assert any(url.endswith("/_static/vendor/mermaid/mermaid.min.js") for url in page.nb_requests)

    # Re-drawn for the other mode after a toggle (clicking the header scrolled it away).
    page.locator("button.nb-theme-toggle").click()
    diagram.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('pre.mermaid[data-processed=\"true\"] svg') !== null", timeout=15_000
    )
    assert page.nb_offsite == []
    assert page.nb_errors == []


def test_copy_button_copies_the_code(site: str, new_page: Any) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(site + PAGES["post"], wait_until="networkidle")
    block = page.locator("div.highlight-python div.highlight").first
    block.hover()
    block.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("def descend(grad, x")
    assert "return x" in copied

    console = page.locator("div.highlight-console div.highlight").first
    console.hover()
    console.locator("button.copybtn").click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == "python descend.py --eta 0.1"


@pytest.mark.parametrize("width", [360, 390])
def test_no_sideways_scroll_on_a_phone(site: str, new_page: Any, width: int) -> None:
    page = new_page(viewport={"width": width, "height": 800}, is_mobile=True)
    for path in (PAGES["home"], PAGES["post"], PAGES["tag"]):
        page.goto(site + path, wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path


def test_wide_elements_grow_past_the_prose_column(site: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + PAGES["post"], wait_until="load")
    prose = page.evaluate("document.querySelector('.nb-article section > p').getBoundingClientRect().width")
    code = page.evaluate(
        "document.querySelector('.nb-article section > div.highlight-python').getBoundingClientRect().width"
    )
    assert 520 <= prose <= 680
    assert code > prose + 100


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_finds_no_violations(site: str, check_axe_in_mode: Any, name: str, mode: str) -> None:
    check_axe_in_mode(site + PAGES[name], mode)


def test_search_works_with_deferred_scripts(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + "search.html?q=gradient", wait_until="networkidle")
    page.locator("#search-results ul.search li").first.wait_for(timeout=10_000)
    assert "Gradient descent" in page.locator("#search-results").inner_text()
    assert page.nb_errors == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_on_a_phone(site: str, new_page: Any, axe: Any, describe: Any, mode: str) -> None:
    """On a phone, code and formulas scroll sideways: those boxes must be keyboard-reachable."""
    page = new_page(viewport={"width": 360, "height": 800}, is_mobile=True, color_scheme=mode)
    page.goto(site + PAGES["post"], wait_until="networkidle")
    assert page.locator("div.highlight pre[tabindex='0']").count() >= 1
    violations = axe(page)
    assert violations == [], describe(violations)
