"""With SOURCE_DATE_EPOCH set, two clean builds give byte-identical pages and feeds.

The two builds differ in everything that should not matter: source folder,
hash seed, local time zone and ``-j``. Each runs in its own process, so no
cache inside one Python process can hide a difference.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# 2026-05-28, after the posts in test-quality: a post dated later than the build
# clock would be a draft.
EPOCH = "1780000000"


def _build(src: Path, out: Path, *, hash_seed: str, tz: str, jobs: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": hash_seed, "TZ": tz}
    cmd = [sys.executable, "-m", "sphinx", "-q", "-E", "-j", jobs, "-b", "html"]
    cmd += ["-d", str(out.parent / "doctrees"), str(src), str(out)]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.suffix in {".html", ".xml"} and p.is_file()
    }


def _explain(name: str, first: bytes, second: bytes) -> str:
    lines = difflib.unified_diff(
        first.decode("utf-8", "replace").splitlines(),
        second.decode("utf-8", "replace").splitlines(),
        f"first/{name}",
        f"second/{name}",
        n=1,
        lineterm="",
    )
    return "\n".join(list(lines)[:40])


@pytest.fixture(scope="module")
def two_builds(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("reproducible")
    outs = []
    for name, seed, tz, jobs in (("one", "1", "UTC", "1"), ("two", "2", "Pacific/Kiritimati", "2")):
        src = base / name / "site"
        shutil.copytree(rootdir / "test-quality", src)
        out = base / name / "html"
        _build(src, out, hash_seed=seed, tz=tz, jobs=jobs)
        outs.append(out)
    return outs[0], outs[1]


def test_pages_and_feeds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (_outputs(out) for out in two_builds)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    if differing:
        detail = _explain(differing[0], first[differing[0]], second[differing[0]])
        pytest.fail(f"{len(differing)} files differ: {', '.join(differing)}\n{detail}")


def test_the_compared_build_has_every_feature(two_builds: tuple[Path, Path]) -> None:
    """Guards the test itself: an empty feed or a page without math proves nothing."""
    out = two_builds[0]
    feed = (out / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2
    assert (out / "blog" / "tag" / "math" / "atom.xml").is_file()
    post = (out / "posts" / "descent.html").read_text(encoding="utf-8")
    assert 'class="katex"' in post
    assert "<svg" in post and "mermaid" in post
    assert "Theorem 1" in post
