"""Regenerate the screenshots of the German, Japanese and Arabic test sites on the docs' Theme page.

Builds tests/roots/test-i18n-{de,ja,ar}, serves each on 127.0.0.1 and
photographs a post (desktop 1280x800) with the system Chromium: light for
all three, dark too for Arabic, the right-to-left one. Same palette
quantising as scripts/screenshots.py, whose helpers it uses.

    .venv/bin/python scripts/screenshots_languages.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import CHROMIUM, CHROMIUM_ARGS, OUT, REPO, save_small_png, serve

SHOTS = {  # language -> (page, modes)
    "de": ("posts/gradient.html", ("light",)),
    "ja": ("index.html", ("light",)),
    "ar": ("posts/gradient.html", ("light", "dark")),
}


def build(language: str, dest: Path) -> Path:
    import shutil
    import subprocess

    src = dest / f"src-{language}"
    shutil.copytree(REPO / "tests" / "roots" / f"test-i18n-{language}", src)
    html = dest / f"html-{language}"
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(html)]
    subprocess.run(command, check=True)
    return html


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, (path, modes) in SHOTS.items():
            with serve(build(language, Path(tmp))) as base:
                for mode in modes:
                    context = browser.new_context(
                        viewport={"width": 1280, "height": 800}, color_scheme=mode, device_scale_factor=1
                    )
                    page = context.new_page()
                    page.goto(base + path, wait_until="networkidle")
                    page.wait_for_timeout(300)
                    target = args.out / f"language-{language}-{mode}.png"
                    save_small_png(page.screenshot(), target)
                    written.append(target)
                    context.close()
        browser.close()
    total = sum(f.stat().st_size for f in written)
    print(f"{len(written)} screenshots, {total / 1024:.0f} KB, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
