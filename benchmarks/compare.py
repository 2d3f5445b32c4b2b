"""Build one generated corpus with the plain stack and with sphinx_notebook; print ratios.

The plain stack is what a user would assemble by hand: alabaster,
myst-parser with dollarmath, ablog, sphinxcontrib-mermaid, sphinx-copybutton
and MathJax (diagrams are hand-exported SVG figures). sphinx_notebook renders
math with KaTeX and draws the JSON diagrams at build time. Every build is its
own ``python -m sphinx`` process, so the numbers include start-up and
nothing is cached between builds except what Sphinx itself keeps on disk.

    python benchmarks/compare.py --posts 50 200 1000 [--out results.md] [--repeat 2]

Each full build (``-j 1`` and ``-j 2``) runs ``--repeat`` times, alternating,
and the fastest counts; the no-op and one-post rebuilds follow the last
``-j 1`` build.

Ratios are printed rather than seconds alone because a shared machine makes
absolute times noisy; both stacks run back to back under the same load.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate

STACKS = ("plain", "notebook")
# note-020 has math, code, a mermaid chart and a diagram (every 5th and 4th post).
WEIGHED_POST = "posts/note-020.html"
ASSET_RE = re.compile(
    r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"|<script\b[^>]*\bsrc="([^"]+)"', re.IGNORECASE
)


@dataclass
class Run:
    """One sphinx-build process: wall seconds, CPU seconds and peak resident memory."""

    wall: float
    cpu: float
    max_rss_mb: float
    warnings: int


@dataclass
class Weight:
    """What a reader downloads for one post: gzip bytes, and the off-site files not counted."""

    gzip_bytes: int
    files: int
    off_site: list[str] = field(default_factory=list)


@dataclass
class StackResult:
    full: Run
    noop: Run
    edit: Run
    full_j2: Run
    weight: Weight


def sphinx_build(src: Path, out: Path, doctrees: Path, jobs: int) -> Run:
    """Run one build in a child process and read its resource usage with wait4."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs), "-d", str(doctrees)]
    cmd += [str(src), str(out)]
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)
        # wait4 gives this child's usage, including the -j workers it reaped.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{errors}")
    warnings = sum(1 for line in errors.splitlines() if "WARNING" in line)
    # ru_maxrss is in kilobytes on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, warnings)


def page_weight(outdir: Path, page: str) -> Weight:
    """gzip bytes of ``page`` plus the same-origin stylesheets and scripts it references."""
    path = outdir / page
    html = path.read_text(encoding="utf-8")
    total, files, off_site = len(gzip.compress(html.encode("utf-8"))), 1, []
    seen: set[Path] = set()
    for css, js in ASSET_RE.findall(html):
        url = css or js
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            off_site.append(parts.netloc or url)
            continue
        asset = (path.parent / parts.path).resolve()
        if asset in seen or not asset.is_file():
            continue
        seen.add(asset)
        total += len(gzip.compress(asset.read_bytes()))
        files += 1
    return Weight(total, files, sorted(set(off_site)))


def edit_one_post(src: Path, n: int) -> None:
    """Append a sentence to the post in the middle, as a writer fixing a typo would."""
    post = src / "posts" / f"note-{max(1, n // 2):03d}.md"
    with post.open("a", encoding="utf-8") as handle:
        handle.write("\nOne more sentence, added after the first build.\n")


def fresh_build(src: Path, out: Path, doctrees: Path, jobs: int) -> Run:
    """A full build from nothing (output and doctrees removed first)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(doctrees, ignore_errors=True)
    return sphinx_build(src, out, doctrees, jobs)


def measure(stack: str, n: int, work: Path, repeat: int) -> StackResult:
    """Generate the corpus for ``stack`` and time the four builds on it.

    The full builds run ``repeat`` times each, -j 2 and -j 1 alternating so
    a slow spell of the machine hits both; the fastest of each counts.
    """
    src = generate(work / f"{stack}-{n}", n, stack=stack)
    out2, doctrees2 = src / "_build" / "html-j2", src / "_build" / "doctrees-j2"
    out, doctrees = src / "_build" / "html", src / "_build" / "doctrees"
    j2_runs, j1_runs = [], []
    for _ in range(repeat):
        j2_runs.append(fresh_build(src, out2, doctrees2, 2))
        j1_runs.append(fresh_build(src, out, doctrees, 1))
    full_j2 = min(j2_runs, key=lambda run: run.wall)
    full = min(j1_runs, key=lambda run: run.wall)
    # The no-op and one-post rebuilds follow the last -j 1 build.
    noop = sphinx_build(src, out, doctrees, 1)
    edit_one_post(src, n)
    edit = sphinx_build(src, out, doctrees, 1)
    weight = page_weight(out, WEIGHED_POST)
    shutil.rmtree(src, ignore_errors=True)
    return StackResult(full, noop, edit, full_j2, weight)


def machine() -> list[str]:
    """A description of where the numbers were taken."""
    import sphinx

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()[1]
        memory = " ".join(memory.split()[1:2])
    except (OSError, IndexError):
        pass
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores (nproc)",
        f"Memory: {memory} total (free -h)",
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, "
        f"{platform.system()} {platform.release()}",
    ]


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def tables(results: dict[int, dict[str, StackResult]]) -> str:
    """The ratio table (with targets) and the raw figures it comes from, as Markdown."""
    rows = [
        "| posts | full build, notebook / plain | no-op rebuild, notebook / plain "
        "| one-post rebuild / no-op (notebook) | -j 1 / -j 2 (notebook) "
        "| peak memory (notebook) | post page weight, notebook / plain |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, by_stack in results.items():
        nb, plain = by_stack["notebook"], by_stack["plain"]
        rows.append(
            f"| {n} | {_ratio(nb.full.wall, plain.full.wall)} | {_ratio(nb.noop.wall, plain.noop.wall)} "
            f"| {_ratio(nb.edit.wall, nb.noop.wall)} | {_ratio(nb.full.wall, nb.full_j2.wall)} "
            f"| {nb.full.max_rss_mb:.0f} MB | {_ratio(nb.weight.gzip_bytes, plain.weight.gzip_bytes)} |"
        )
    largest = max(results)
    nb, plain = results[largest]["notebook"], results[largest]["plain"]
    targets = [
        "",
        f"Targets at {largest} posts:",
        f"- full build at most 1.3x the plain stack: {_ratio(nb.full.wall, plain.full.wall)} "
        f"(CPU time {_ratio(nb.full.cpu, plain.full.cpu)}), {_mark(nb.full.wall <= 1.3 * plain.full.wall)}",
        f"- one-post rebuild at most 2x a no-op rebuild: {_ratio(nb.edit.wall, nb.noop.wall)}, "
        f"{_mark(nb.edit.wall <= 2 * nb.noop.wall)}",
        f"- -j 2 at least 1.4x faster than -j 1: {_ratio(nb.full.wall, nb.full_j2.wall)}, "
        f"{_mark(nb.full.wall >= 1.4 * nb.full_j2.wall)}",
        f"- peak memory under 1 GB: {nb.full.max_rss_mb:.0f} MB, {_mark(nb.full.max_rss_mb < 1024)}",
        "",
        "Raw figures (wall seconds; CPU seconds in brackets; peak resident memory of the build "
        "process; gzip bytes of the post page with its same-origin CSS and JS):",
        "",
        "| posts | stack | full -j 1 | no-op | one post edited | full -j 2 | peak memory "
        "| post weight | off-site files not counted | warnings |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows += targets
    for n, by_stack in results.items():
        for stack in STACKS:
            r = by_stack[stack]
            off_site = ", ".join(r.weight.off_site) or "none"
            warnings = r.full.warnings + r.noop.warnings + r.edit.warnings + r.full_j2.warnings
            runs = (r.full, r.noop, r.edit, r.full_j2)
            times = " | ".join(f"{run.wall:.1f} ({run.cpu:.1f})" for run in runs)
            weight = f"{r.weight.gzip_bytes / 1024:.0f} KiB in {r.weight.files} files"
            memory = f"{r.full.max_rss_mb:.0f} MB"
            rows.append(f"| {n} | {stack} | {times} | {memory} | {weight} | {off_site} | {warnings} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[50, 200, 1000], help="corpus sizes")
    parser.add_argument("--work", type=Path, help="where to generate and build (default: a temporary folder)")
    parser.add_argument("--out", type=Path, help="also write the Markdown tables to this file")
    parser.add_argument(
        "--repeat", type=int, default=2, help="full builds per setting; the fastest counts (default 2)"
    )
    args = parser.parse_args(argv)
    if min(args.posts) < 20:
        parser.error("--posts: at least 20, so the weighed post (note-020) exists")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
        work = args.work or Path(tmp)
        results: dict[int, dict[str, StackResult]] = {}
        for n in args.posts:
            results[n] = {}
            for stack in STACKS:
                print(f"{n} posts, {stack} stack ...", file=sys.stderr, flush=True)
                results[n][stack] = measure(stack, n, work, max(1, args.repeat))
    elapsed = f"Whole comparison: {time.perf_counter() - started:.0f} s."
    report = "\n".join(["\n".join(f"- {line}" for line in machine()), "", tables(results), "", elapsed])
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
