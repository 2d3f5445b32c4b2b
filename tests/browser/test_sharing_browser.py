"""The Subscribe menu of several feed formats in a real browser: mouse, keyboard, axe."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="module")
def site(build_root: Any) -> str:
    return build_root("share")


def test_subscribe_menu_opens_and_lists_every_format(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + "about.html")
    menu = page.locator("details.nb-subscribe-menu")
    links = menu.locator("ul a")
    assert not links.first.is_visible()
    menu.locator("summary").click()
    assert [links.nth(i).inner_text() for i in range(links.count())] == ["Atom", "RSS", "JSON Feed"]
    assert links.nth(1).is_visible()
    assert links.nth(1).get_attribute("href") == "blog/rss.xml"
    assert page.nb_errors == [] and page.nb_offsite == []


def test_subscribe_menu_works_from_the_keyboard(site: str, new_page: Any) -> None:
    page = new_page()
    page.goto(site + "about.html")
    page.locator("details.nb-subscribe-menu summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details.nb-subscribe-menu ul a").first.is_visible()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_open_menu_has_no_axe_violations(
    site: str, new_page: Any, axe: Any, describe: Any, mode: str
) -> None:
    page = new_page(color_scheme=mode)
    page.goto(site + "about.html")
    page.locator("details.nb-subscribe-menu summary").click()
    violations = axe(page)
    assert violations == [], describe(violations)


def test_open_menu_fits_a_phone(site: str, new_page: Any) -> None:
    page = new_page(viewport={"width": 360, "height": 740})
    page.goto(site + "about.html")
    page.locator("details.nb-subscribe-menu summary").click()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    box = page.locator("details.nb-subscribe-menu ul").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
