"""Where a ``-j N`` build's main process spends its time, phase by phase.

Sphinx's parallel build keeps the main process busy: while reading it
unpickles and merges each forked reader's environment, while writing it
resolves every doctree and runs ``write_doc_serialized`` for every page
before the writer processes (N - 1 of them) get the page. Whatever the main
process does there limits how much ``-j 2`` gains, so this script times it:
CPU seconds of the main process and wall seconds per phase, and the CPU of
the forked workers that finished within each phase (``RUSAGE_CHILDREN``).

    python benchmarks/phases.py SITE -j 2 [--profile main.prof]

Each run is a cold build (doctrees and output removed first) in this
process; the figures are printed as a table. ``--profile`` profiles the main
process only (forked workers exit without writing a profile).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import resource
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

MAIN_PID = os.getpid()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Accumulates main-process CPU, wall and finished children's CPU per label."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self.children: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.order: list[str] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            if os.getpid() != MAIN_PID:
                return original(*args, **kwargs)
            cpu, wall, kids = time.process_time(), time.perf_counter(), _children_cpu()
            try:
                return original(*args, **kwargs)
            finally:
                self.cpu[label] += time.process_time() - cpu
                self.wall[label] += time.perf_counter() - wall
                self.children[label] += _children_cpu() - kids
                self.calls[label] += 1
                if label not in self.order:
                    self.order.append(label)

        setattr(owner, name, timed)


class _TimedPickle:
    """Stands in for ``pickle`` in sphinx.builders to time the readers' merges."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def __getattr__(self, name: str) -> Any:
        return getattr(pickle, name)

    def loads(self, data: bytes) -> Any:
        if os.getpid() != MAIN_PID:
            return pickle.loads(data)
        start = time.process_time()
        try:
            return pickle.loads(data)
        finally:
            self.clock.cpu["  read: unpickle reader env"] += time.process_time() - start
            self.clock.calls["  read: unpickle reader env"] += 1
            self.clock.children["bytes from readers"] += len(data)


def instrument(clock: Clock) -> None:
    import sphinx.builders
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.environment import BuildEnvironment

    clock.wrap(Builder, "read", "read (incl. env-updated)")
    clock.wrap(Builder, "_read_parallel", "  read: parallel readers")
    clock.wrap(Builder, "_read_serial", "  read: serial reader")
    clock.wrap(BuildEnvironment, "merge_info_from", "  read: merge_info_from")
    clock.wrap(BuildEnvironment, "check_dependents", "post-read: check_dependents")
    clock.wrap(BuildEnvironment, "check_consistency", "post-read: check_consistency")
    clock.wrap(Builder, "write", "write")
    clock.wrap(StandaloneHTMLBuilder, "prepare_writing", "  write: prepare_writing")
    clock.wrap(StandaloneHTMLBuilder, "copy_assets", "  write: copy_assets")
    clock.wrap(Builder, "write_documents", "  write: write_documents")
    clock.wrap(BuildEnvironment, "get_and_resolve_doctree", "    get_and_resolve_doctree")
    clock.wrap(StandaloneHTMLBuilder, "write_doc_serialized", "    write_doc_serialized")
    clock.wrap(StandaloneHTMLBuilder, "write_doc", "    write_doc (in main)")
    clock.wrap(StandaloneHTMLBuilder, "finish", "finish")
    clock.wrap(Builder, "build", "build")
    from sphinx.events import EventManager

    original_emit = EventManager.emit

    def emit(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        if os.getpid() != MAIN_PID:
            return original_emit(self, name, *args, **kwargs)
        cpu, wall, kids = time.process_time(), time.perf_counter(), _children_cpu()
        try:
            return original_emit(self, name, *args, **kwargs)
        finally:
            if name in ("env-updated", "build-finished", "html-collect-pages", "write-started"):
                label = f"event {name}"
                clock.cpu[label] += time.process_time() - cpu
                clock.wall[label] += time.perf_counter() - wall
                clock.children[label] += _children_cpu() - kids
                clock.calls[label] += 1

    EventManager.emit = emit  # type: ignore[method-assign]
    sphinx.builders.pickle = _TimedPickle(clock)  # type: ignore[assignment]


def profile_workers(folder: Path) -> None:
    """Each forked worker writes its own profile into ``folder`` (reader-N, writer-N)."""
    from sphinx.util.parallel import ParallelTasks

    original = ParallelTasks._process
    folder.mkdir(parents=True, exist_ok=True)

    def profiled(self: Any, pipe: Any, func: Any, arg: Any) -> None:
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            original(self, pipe, func, arg)
        finally:
            profiler.disable()
            kind = "reader" if func.__name__ == "read_process" else "writer"
            profiler.dump_stats(folder / f"{kind}-{os.getpid()}.prof")

    ParallelTasks._process = profiled  # type: ignore[method-assign]


def record_worker_spans(log: Path) -> None:
    """Each forked worker appends "kind start end" (``perf_counter``, shared by all processes) to ``log``."""
    from sphinx.util.parallel import ParallelTasks

    original = ParallelTasks._process

    def timed(self: Any, pipe: Any, func: Any, arg: Any) -> None:
        start = time.perf_counter()
        kind = "reader" if func.__name__ == "read_process" else "writer"
        try:
            original(self, pipe, func, arg)
        finally:
            with open(log, "a", encoding="utf-8") as stream:
                stream.write(f"{kind} {start} {time.perf_counter()}\n")

    ParallelTasks._process = timed  # type: ignore[method-assign]


def worker_report(log: Path, jobs: int) -> list[str]:
    """Per kind: how many workers, the span they covered, and slot-seconds no worker of that kind ran."""
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in log.read_text(encoding="utf-8").splitlines():
        kind, start, end = line.split()
        spans[kind].append((float(start), float(end)))
    lines = []
    for kind, found in sorted(spans.items()):
        slots = jobs if kind == "reader" else jobs - 1
        first, last = min(s for s, _ in found), max(e for _, e in found)
        busy = sum(e - s for s, e in found)
        lines.append(f"{kind}s: {len(found)} forked, {last - first:.2f} s from the first start to the "
                     f"last end, {(last - first) * slots - busy:.2f} slot-seconds with no {kind} running")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--profile-workers", type=Path, help="folder for one profile per worker")
    parser.add_argument("--keep", action="store_true", help="keep the output (for diff -r)")
    parser.add_argument("--out", type=Path, help="build folder (default SITE/_build)")
    args = parser.parse_args()
    out = args.out or args.site / "_build"
    shutil.rmtree(out, ignore_errors=True)

    from sphinx.application import Sphinx

    clock = Clock()
    instrument(clock)
    if args.profile_workers:
        profile_workers(args.profile_workers)
    span_log = out.with_name(out.name + "-workers.log")
    span_log.unlink(missing_ok=True)
    record_worker_spans(span_log)
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    wall0, cpu0 = time.perf_counter(), time.process_time()
    kids0 = _children_cpu()
    if profiler:
        profiler.enable()
    init_cpu = time.process_time()
    app = Sphinx(
        str(args.site), str(args.site), str(out / "html"), str(out / "doctrees"), "html",
        status=None, warning=sys.stderr, freshenv=True, parallel=args.j,
    )
    clock.cpu["init (Sphinx())"] = time.process_time() - init_cpu
    clock.calls["init (Sphinx())"] = 1
    app.build()
    if profiler:
        profiler.disable()
        if os.getpid() == MAIN_PID:
            profiler.dump_stats(args.profile)
    wall, cpu, kids = time.perf_counter() - wall0, time.process_time() - cpu0, _children_cpu() - kids0
    load = os.getloadavg()
    print(f"-j {args.j}: wall {wall:.2f} s, main CPU {cpu:.2f} s, children CPU {kids:.2f} s, "
          f"total CPU {cpu + kids:.2f} s, load {load[0]:.2f} {load[1]:.2f}")
    print(f"{'phase':40} {'main CPU':>9} {'wall':>8} {'kids CPU':>9} {'calls':>6}")
    labels = clock.order + [k for k in clock.cpu if k not in clock.order]
    for label in labels:
        print(f"{label:40} {clock.cpu[label]:9.2f} {clock.wall.get(label, 0):8.2f} "
              f"{clock.children.get(label, 0):9.2f} {clock.calls[label]:6d}")
    if span_log.exists():
        print("\n".join(worker_report(span_log, args.j)))
        span_log.unlink()
    if "bytes from readers" in clock.children:
        print(f"bytes from readers: {clock.children['bytes from readers'] / 1e6:.1f} MB")
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
