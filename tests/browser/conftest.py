"""Browser test fixtures: build a root once, serve it on 127.0.0.1, one Chromium per session.

Uses the system Chromium (Debian package ``chromium``) through Python
Playwright's ``executable_path``; no browser is ever downloaded. Without
/usr/bin/chromium the tests are skipped, unless NOTEBOOK_REQUIRE_BROWSER=1
(as in CI), where a missing browser is a failure.

Pages come from ``new_page``: requests that leave 127.0.0.1 are blocked and
recorded in ``page.nb_offsite``; console errors and uncaught exceptions go to
``page.nb_errors``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOTS = Path(__file__).parent.parent / "roots"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything in tests/browser needs the browser: mark it so ``-m "not browser"`` works."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder served over HTTP; each built root lands in ``<site_dir>/<name>/``."""
    return tmp_path_factory.mktemp("browser-sites")


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[str]:
    """Base URL of a static server for ``site_dir`` on 127.0.0.1 (free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def build_root(
    site_dir: Path, site_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], str]:
    """``build_root("theme")`` builds tests/roots/test-theme once and returns its base URL."""
    built: dict[str, str] = {}

    def build(name: str) -> str:
        if name not in built:
            src = tmp_path_factory.mktemp(f"src-{name}") / "src"
            shutil.copytree(ROOTS / f"test-{name}", src)
            out = site_dir / name
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(out)],
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                pytest.fail(f"building test-{name} failed:\n{result.stderr}")
            built[name] = f"{site_server}{name}/"
        return built[name]

    return build


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless system Chromium for the whole session."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found (install the Debian package 'chromium')"
        if os.environ.get("NOTEBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """A factory of pages that record console errors and block off-site requests."""
    contexts = []

    def make(**context_options: Any) -> Any:
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.nb_errors = []
        page.nb_offsite = []
        page.nb_requests = []

        def route(route: Any) -> None:
            url = route.request.url
            if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:", "file:")):
                page.nb_requests.append(url)
                route.continue_()
            else:
                page.nb_offsite.append(url)
                route.abort("internetdisconnected")

        page.route("**/*", route)
        page.on("console", lambda msg: msg.type == "error" and page.nb_errors.append(msg.text))
        page.on("pageerror", lambda exc: page.nb_errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core violations on the current page (its default rules: WCAG A/AA and best practices)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document)).violations")


@pytest.fixture(scope="session")
def axe() -> Callable[[Any], list[dict[str, Any]]]:
    """``axe(page)``: inject the vendored axe-core and return its violations."""
    return run_axe


@pytest.fixture(scope="session")
def describe() -> Callable[[list[dict[str, Any]]], str]:
    """``describe(violations)``: a readable assertion message."""
    return describe_violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per rule with the first offending elements, for assertion messages."""
    lines = []
    for v in violations:
        targets = ", ".join(str(node["target"]) for node in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.fixture
def check_axe_in_mode(new_page: Callable[..., Any]) -> Callable[[str, str], None]:
    """``check_axe_in_mode(url, mode)``: open ``url`` in light or dark and assert axe finds nothing."""

    def check(url: str, mode: str) -> None:
        page = new_page(color_scheme=mode)
        page.goto(url, wait_until="networkidle")
        assert page.locator("html").get_attribute("data-theme") == mode
        violations = run_axe(page)
        assert violations == [], describe_violations(violations)

    return check
