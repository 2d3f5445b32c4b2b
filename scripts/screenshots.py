"""Regenerate the theme screenshots shown on the docs' Theme page.

Builds the theme test site (tests/roots/test-theme) unless --build points at
an existing HTML build, serves it on 127.0.0.1, and photographs the home page,
a post and a tag page at desktop (1280x800) and phone (390x844) sizes in light
and dark modes with the system Chromium. The PNGs are quantised to a small
palette so the set stays well under 1.5 MB.

    /work/venv/bin/python scripts/screenshots.py [--build DIR] [--out DIR] [--full-page]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "test-theme"
OUT = REPO / "docs" / "_static" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAGES = {"home": "index.html", "post": "posts/gradient-descent.html", "tag": "blog/tag/math.html"}
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
MODES: tuple[Literal["light"], Literal["dark"]] = ("light", "dark")


def build_site(dest: Path) -> Path:
    """Build the theme test root into ``dest`` and return the HTML folder."""
    src = dest / "src"
    shutil.copytree(ROOT, src)
    html = dest / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(html)], check=True)
    return html


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free loopback port for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def save_small_png(data: bytes, target: Path, colors: int = 128) -> None:
    """Quantise a screenshot to a palette PNG: a fraction of the size, same look."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        target, optimize=True
    )


def shoot(html: Path, out: Path, *, full_page: bool = False) -> list[Path]:
    """Take every page x viewport x mode screenshot; return the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(html) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for mode in MODES:
            for device, (width, height) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    color_scheme=mode,
                    is_mobile=device == "phone",
                    device_scale_factor=1,
                )
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    page.wait_for_timeout(300)
                    target = out / f"{name}-{device}-{mode}.png"
                    save_small_png(page.screenshot(full_page=full_page), target)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, help="an existing HTML build of tests/roots/test-theme")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--full-page", action="store_true", help="whole pages, for reviewing the look")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        html = args.build or build_site(Path(tmp))
        files = shoot(html, args.out, full_page=args.full_page)
    total = sum(f.stat().st_size for f in files)
    print(f"{len(files)} screenshots, {total / 1024:.0f} KB, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
