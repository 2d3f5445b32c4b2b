"""Build the same generated corpus with several themes and measure them side by side.

Uses the sitecheck tool (../shared/tools/sitecheck, copied and set up as its
README says) for page weight, HTML validity, axe-core, console errors,
off-site requests and, with --lighthouse, Lighthouse. Adds what a reader's
browser really transfers: the gzip size of the files Chromium fetched for each
page (fonts and images counted raw, as servers send them).

    python benchmarks/compare_themes.py --sitecheck /tmp/sc/sitecheck/sitecheck --out /tmp/bench
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate

THEMES = ("sphinx_notebook", "furo", "alabaster")
PAGES = (
    "index.html",
    "posts/note-004.html",  # math + JSON diagram
    "posts/note-005.html",  # math + mermaid
    "posts/note-007.html",  # math only
    "blog/tag/math.html",
    "blog.html",
    "search.html",
    "about.html",
)
LH_SCORES = ("lh_performance", "lh_accessibility", "lh_best_practices")
RAW_SUFFIXES = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp")


def build(theme: str, out: Path, n: int) -> tuple[Path, float]:
    """Generate and build the corpus for ``theme``; return the HTML folder and seconds taken."""
    src = generate(out / f"site-{theme}", n, theme=theme)
    html = src / "_build" / "html"
    start = time.perf_counter()
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", "2", str(src), str(html)]
    subprocess.run(command, check=True)
    return html, time.perf_counter() - start


def fetched_gzip(html: Path, requests: list[dict[str, object]]) -> int:
    """Bytes a gzip-serving host would send for the files a page fetched."""
    total = 0
    for request in requests:
        path = unquote(urlsplit(str(request["url"])).path).lstrip("/")
        file = html / path
        if not file.is_file():
            continue
        data = file.read_bytes()
        total += len(data) if path.endswith(RAW_SUFFIXES) else len(gzip.compress(data, 6))
    return total


def measure(theme: str, html: Path, out: Path, sitecheck: str, lighthouse: bool) -> dict[str, dict[str, Any]]:
    report = out / f"{theme}.json"
    artifacts = out / f"out-{theme}"
    args = [sitecheck, str(html), "--json", str(report), "--out", str(artifacts)]
    for page in PAGES:
        args += ["--page", page]
    if not lighthouse:
        args += ["--skip", "lighthouse"]
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL)
    data = json.loads(report.read_text())
    browser = json.loads((artifacts / "browser-result.json").read_text())
    rows = {}
    for page, row in data["page_rows"].items():
        desktop = browser["pages"].get(page, {}).get("desktop", {})
        rows[page] = {**row, "fetched_gzip": fetched_gzip(html, desktop.get("requests", []))}
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitecheck", required=True, help="path to the sitecheck executable")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--lighthouse", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, object]] = {}
    for theme in args.themes.split(","):
        html, seconds = build(theme, args.out, args.n)
        pages = measure(theme, html, args.out, args.sitecheck, args.lighthouse)
        results[theme] = {"build_seconds": round(seconds, 1), "pages": pages}
    (args.out / "comparison.json").write_text(json.dumps(results, indent=1))

    themes = list(results)
    print("build seconds (-j 2): " + ", ".join(f"{t} {results[t]['build_seconds']}" for t in themes))
    columns = [
        ("fetched gz KB", lambda r: f"{r['fetched_gzip'] / 1024:.0f}"),
        ("static gz KB", lambda r: f"{r['gzip'] / 1024:.0f}"),
        ("req", lambda r: str(r["browser_requests"])),
        ("axe", lambda r: str(r["axe_nodes"])),
        ("vnu err", lambda r: str(r["vnu_errors"])),
        ("ext", lambda r: str(r["external"])),
        ("LH p/a/bp", lambda r: "/".join(str(r.get(k, "-")) for k in LH_SCORES)),
    ]
    for title, value in columns:
        print(f"\n{title}")
        print("| page | " + " | ".join(themes) + " |")
        print("|---|" + "---|" * len(themes))
        for page in PAGES:
            cells = [value(results[t]["pages"][page]) if page in results[t]["pages"] else "-" for t in themes]  # type: ignore[index,operator]
            print(f"| {page} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
