"""Build one generated corpus with sphinx_notebook and with what a user would use instead; print ratios.

Four stacks build the same posts (prose, inline and display math, code, a
mermaid chart every 5th post, a diagram every 4th):

- ``notebook``: sphinx_notebook, KaTeX and diagrams rendered at build time,
  full-text feeds;
- ``bare``: Sphinx and myst-parser alone (basic theme, MathJax in the browser,
  no blog, charts as code): the floor of any Sphinx site;
- ``mkdocs``: Material for MkDocs with its blog plugin (MathJax and mermaid in
  the browser, fonts from a CDN), converted by ``to_mkdocs.py``; needs the
  ``bench`` extra;
- ``plain``: the Sphinx stack a user would assemble by hand (alabaster,
  myst-parser, ablog, sphinxcontrib-mermaid, sphinx-copybutton, MathJax).

Every build is its own process, so the numbers include start-up. The
notebook stack is also built again from a clean output folder with the render
caches of its first build (``warm``), rebuilt with nothing changed (no-op) and
with one post edited, and built with ``-j 2``.

    python benchmarks/compare.py --posts 50 200 1000 [--out results.md] [--repeat 2]
    python benchmarks/compare.py --quick      # 50 posts, one run each, no plain stack

Each full build runs ``--repeat`` times, the stacks alternating so that a slow
spell of a shared machine hits all of them, and the fastest counts. Ratios
are printed rather than seconds alone because absolute times on a shared
machine are noisy; CPU seconds (in brackets) are steadier still.
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
from to_mkdocs import generate as generate_mkdocs

STACKS = ("notebook", "bare", "mkdocs", "plain")
# note-020 has math, code, a mermaid chart and a diagram (every 5th and 4th post).
WEIGHED_POST = "posts/note-020.html"
# Material's blog puts a post at blog/<date>/<slug>/: the same post, found by its date.
MKDOCS_POST = "blog/2025/03/02/*/index.html"
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
    """Every build of one stack; the ones a stack does not have are None."""

    full: Run
    weight: Weight
    noop: Run | None = None
    edit: Run | None = None
    full_j2: Run | None = None
    warm: Run | None = None


def sphinx_build(src: Path, out: Path, doctrees: Path, jobs: int, *, fresh_env: bool = False) -> Run:
    """Run one Sphinx build in a child process."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs), "-d", str(doctrees)]
    if fresh_env:
        cmd.append("-E")
    return run_build([*cmd, str(src), str(out)], src)


def mkdocs_build(src: Path, out: Path) -> Run:
    """Run one MkDocs build (it has no incremental mode: every build is full)."""
    shutil.rmtree(out, ignore_errors=True)
    config = str(src / "mkdocs.yml")
    return run_build([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(out)], src)


def run_build(cmd: list[str], src: Path) -> Run:
    """Run ``cmd`` and read its resource usage with wait4."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
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
    path = next(outdir.glob(page))
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


def _fastest(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.wall)


def measure(n: int, work: Path, repeat: int, stacks: tuple[str, ...]) -> dict[str, StackResult]:
    """Generate the corpus of every stack and time its builds.

    Full builds run ``repeat`` rounds, each round building every stack once
    (notebook -j 2, -j 1, warm, then the others), so a slow spell of the
    machine hits all of them; the fastest of each counts.
    """
    sources: dict[str, Path] = {}
    for stack in stacks:
        dest = work / f"{stack}-{n}"
        sources[stack] = generate_mkdocs(dest, n) if stack == "mkdocs" else generate(dest, n, stack=stack)
    runs: dict[str, list[Run]] = {}
    for _ in range(repeat):
        for stack in stacks:
            src = sources[stack]
            print(f"  {n} posts, {stack} ...", file=sys.stderr, flush=True)
            if stack == "mkdocs":
                runs.setdefault(stack, []).append(mkdocs_build(src, src / "site"))
                continue
            out, doctrees = src / "_build" / "html", src / "_build" / "doctrees"
            if stack == "notebook":
                out2, doctrees2 = src / "_build" / "html-j2", src / "_build" / "doctrees-j2"
                runs.setdefault("j2", []).append(fresh_build(src, out2, doctrees2, 2))
            runs.setdefault(stack, []).append(fresh_build(src, out, doctrees, 1))
            if stack == "notebook":
                # A clean output folder and a fresh environment; the render caches stay.
                shutil.rmtree(out)
                runs.setdefault("warm", []).append(sphinx_build(src, out, doctrees, 1, fresh_env=True))
    results: dict[str, StackResult] = {}
    for stack in stacks:
        src = sources[stack]
        if stack == "mkdocs":
            results[stack] = StackResult(_fastest(runs[stack]), page_weight(src / "site", MKDOCS_POST))
            continue
        out, doctrees = src / "_build" / "html", src / "_build" / "doctrees"
        # The no-op and one-post rebuilds follow the last -j 1 (or warm) build.
        noop = sphinx_build(src, out, doctrees, 1)
        edit_one_post(src, n)
        edit = sphinx_build(src, out, doctrees, 1)
        result = StackResult(_fastest(runs[stack]), page_weight(out, WEIGHED_POST), noop, edit)
        if stack == "notebook":
            result.full_j2, result.warm = _fastest(runs["j2"]), _fastest(runs["warm"])
        results[stack] = result
    for src in sources.values():
        shutil.rmtree(src, ignore_errors=True)
    return results


def help_time(repeat: int = 5) -> float:
    """Fastest wall seconds of ``sphinx-notebook --help`` (a fresh interpreter each time)."""
    cmd = [sys.executable, "-m", "sphinx_notebook", "--help"]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


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


def _row(n: int, name: str, target: str, value: float, bound: float, detail: str = "") -> str:
    return f"| {n} | {name} | {target} | {value:.3f}x | {_mark(value <= bound)} | {detail} |"


def targets(n: int, by_stack: dict[str, StackResult]) -> list[str]:
    """Issue 16's targets at ``n`` posts, as table rows (wall-time ratios; CPU in the detail)."""
    nb = by_stack["notebook"]
    rows = []
    for stack, bound in (("bare", 1.15), ("mkdocs", 1.0)):
        if stack in by_stack:
            other = by_stack[stack].full
            detail = f"{nb.full.wall:.1f} s / {other.wall:.1f} s; CPU {_ratio(nb.full.cpu, other.cpu)}"
            name = f"full build, cold / {stack}"
            rows.append(_row(n, name, f"<= {bound}", nb.full.wall / other.wall, bound, detail))
    if "bare" in by_stack and nb.warm:
        bare = by_stack["bare"]
        detail = f"{nb.warm.wall:.1f} s / {bare.full.wall:.1f} s; CPU {_ratio(nb.warm.cpu, bare.full.cpu)}"
        ratio = nb.warm.wall / bare.full.wall
        rows.append(_row(n, "full build, warm caches / bare", "<= 1.0", ratio, 1.0, detail))
        if nb.noop and bare.noop:
            rows.append(_row(n, "no-op rebuild / bare no-op", "<= 1.0", nb.noop.wall / bare.noop.wall, 1.0,
                             f"{nb.noop.wall:.1f} s / {bare.noop.wall:.1f} s"))
    if nb.edit and nb.noop:
        rows.append(_row(n, "one-post rebuild / no-op", "<= 1.5", nb.edit.wall / nb.noop.wall, 1.5,
                         f"{nb.edit.wall:.1f} s / {nb.noop.wall:.1f} s"))
    if nb.full_j2:
        bound = 1 / 1.5 if n >= 1000 else 1.0
        rows.append(_row(n, "-j 2 / -j 1", f"<= {bound:.2f}", nb.full_j2.wall / nb.full.wall, bound,
                         f"{nb.full_j2.wall:.1f} s / {nb.full.wall:.1f} s"))
    rows.append(f"| {n} | peak memory, -j 1 | < 300 MB | {nb.full.max_rss_mb:.0f} MB "
                f"| {_mark(nb.full.max_rss_mb < 300)} | |")
    return rows


def tables(results: dict[int, dict[str, StackResult]], help_seconds: float | None) -> str:
    """The targets table and the raw figures it comes from, as Markdown."""
    rows = ["| posts | target | bound | measured | verdict | figures |", "|---|---|---|---|---|---|"]
    for n, by_stack in results.items():
        rows += targets(n, by_stack)
    if help_seconds is not None:
        rows.append(f"| - | `sphinx-notebook --help` | < 150 ms | {help_seconds * 1000:.0f} ms "
                    f"| {_mark(help_seconds < 0.150)} | fastest of 5 |")
    rows += [
        "",
        "Raw figures (wall seconds; CPU seconds of the build and its workers in brackets; peak resident "
        "memory of the -j 1 build; gzip bytes of the weighed post with its same-origin CSS and JS):",
        "",
        "| posts | stack | full -j 1 | warm caches | no-op | one post edited | full -j 2 | peak memory "
        "| post weight | off-site files not counted | warnings |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, by_stack in results.items():
        for stack, r in by_stack.items():
            off_site = ", ".join(r.weight.off_site) or "none"
            runs = (r.full, r.warm, r.noop, r.edit, r.full_j2)
            warnings = sum(run.warnings for run in runs if run)
            times = " | ".join(f"{run.wall:.1f} ({run.cpu:.1f})" if run else "-" for run in runs)
            weight = f"{r.weight.gzip_bytes / 1024:.0f} KiB in {r.weight.files} files"
            rows.append(f"| {n} | {stack} | {times} | {r.full.max_rss_mb:.0f} MB | {weight} | {off_site} "
                        f"| {warnings} |")
    return "\n".join(rows)


def compile_package() -> None:
    """Byte-compile sphinx_notebook, as installing its wheel does.

    An editable install has no ``.pyc`` files until Python writes them, and
    with ``PYTHONDONTWRITEBYTECODE`` set it never does: every build would
    compile the package's hundred modules from source (about 0.06 s a
    build), which no installed site pays. The other stacks' packages were
    compiled by pip.
    """
    import compileall

    import sphinx_notebook

    compileall.compile_dir(Path(sphinx_notebook.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[50, 200, 1000], help="corpus sizes")
    parser.add_argument("--work", type=Path, help="where to generate and build (default: a temporary folder)")
    parser.add_argument("--out", type=Path, help="also write the Markdown tables to this file")
    parser.add_argument(
        "--repeat", type=int, default=2, help="full builds per setting; the fastest counts (default 2)"
    )
    parser.add_argument("--stacks", nargs="+", choices=STACKS, default=list(STACKS), help="stacks to build")
    parser.add_argument(
        "--quick", action="store_true", help="50 posts, one run each, no plain stack: a check in a minute"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.posts, args.repeat = [50], 1
        args.stacks = [stack for stack in args.stacks if stack != "plain"]
    if min(args.posts) < 20:
        parser.error("--posts: at least 20, so the weighed post (note-020) exists")
    stacks = tuple(dict.fromkeys(["notebook", *args.stacks]))
    compile_package()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nb-bench-") as tmp:
        work = args.work or Path(tmp)
        results = {n: measure(n, work, max(1, args.repeat), stacks) for n in args.posts}
    help_seconds = help_time()
    elapsed = f"Whole comparison: {time.perf_counter() - started:.0f} s."
    report = "\n".join(
        ["\n".join(f"- {line}" for line in machine()), "", tables(results, help_seconds), "", elapsed]
    )
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
