"""Copy the pinned browser assets from ``node_modules`` into the package.

Run ``npm ci --ignore-scripts`` first, then ``python scripts/vendor_assets.py``.
The copies are committed, so installing sphinx_notebook never needs Node; the
manifest records name, version, licence and sha256 of every copied file, and
``tests/test_vendor.py`` fails when the files and the manifest disagree.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_notebook"
TEST_VENDOR = ROOT / "tests" / "browser" / "vendor"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Asset:
    """One npm package and the files of it that we ship."""

    package: str
    part: str  # the part that ships it: sphinx_notebook/<part>/static/vendor/ ("" for tests)
    target: str  # folder name under the vendor root
    files: tuple[str, ...]  # globs relative to the package folder
    licence_file: str = "LICENSE"
    for_tests_only: bool = False
    trims: tuple[tuple[str, str], ...] = ()
    """(file, regex) pairs: matches are cut from that copied file."""


# KaTeX's stylesheet offers .woff and .ttf after .woff2; every browser we
# support takes .woff2, so we ship only those and cut the other candidates
# (otherwise each page references 40 files that do not exist).
KATEX_LEGACY_FONTS = r',url\(fonts/[A-Za-z0-9_-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)'


ASSETS: tuple[Asset, ...] = (
    Asset("roughjs", "diagram", "roughjs", ("bundled/rough.js",)),
    Asset(
        "katex",
        "math",
        "katex",
        ("dist/katex.min.js", "dist/katex.min.css", "dist/fonts/*.woff2"),
        trims=(("katex.min.css", KATEX_LEGACY_FONTS),),
    ),
    Asset(
        "mathjax",
        "math",
        "mathjax",
        # Every TeX extension, so what a page autoloads (cancel, color, braket,
        # enclose, html...) or asks for with require is there.
        # core, startup, tex-full and liteDOM run at build time for what KaTeX
        # cannot render (sphinx_notebook.math.mathjax_fallback).
        (
            "es5/tex-mml-chtml.js",
            "es5/output/chtml/fonts/woff-v2/*.woff",
            "es5/input/tex/extensions/*.js",
            "es5/core.js",
            "es5/startup.js",
            "es5/input/tex-full.js",
            "es5/adaptors/liteDOM.js",
        ),
    ),
    Asset("mermaid", "bundle", "mermaid", ("dist/mermaid.min.js",)),
    Asset(
        "@fontsource/architects-daughter",
        "diagram",
        "fonts/architects-daughter",
        ("files/architects-daughter-latin-400-normal.woff2",),
    ),
    Asset("axe-core", "", "axe-core", ("axe.min.js",), for_tests_only=True),
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def destination_root(asset: Asset) -> Path:
    """Each part ships its own assets, so it works under any theme."""
    return TEST_VENDOR if asset.for_tests_only else PACKAGE / asset.part / "static" / "vendor"


def copy_asset(asset: Asset, node_modules: Path) -> dict[str, object]:
    """Copy one package's shipped files and licence; return its manifest entry."""
    source = node_modules / asset.package
    package_json = json.loads((source / "package.json").read_text(encoding="utf-8"))
    target = destination_root(asset) / asset.target
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    copied: dict[str, str] = {}
    sources = [asset.licence_file] + [
        str(p.relative_to(source)) for pattern in asset.files for p in sorted(source.glob(pattern))
    ]
    for relative in sources:
        src = source / relative
        if not src.is_file():
            raise SystemExit(f"{asset.package}: missing {relative} (run 'npm ci --ignore-scripts')")
        # Keep sub-folders where a stylesheet refers to them (katex's fonts/).
        build_folders = ("dist/", "files/", "bundled/", "es5/")
        keep = relative.split("/", 1)[1] if relative.startswith(build_folders) else relative
        dest = target / keep
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        for trimmed_file, pattern in asset.trims:
            if keep == trimmed_file:
                text = dest.read_text(encoding="utf-8")
                dest.write_text(re.sub(pattern, "", text), encoding="utf-8")
        copied[dest.relative_to(target).as_posix()] = sha256(dest)
    return {
        "name": asset.package,
        "version": package_json["version"],
        "licence": package_json.get("license", "see LICENSE"),
        "folder": asset.target,
        "trimmed": sorted(name for name, _ in asset.trims),
        "files": copied,
    }


def write_manifests(entries: list[tuple[Asset, dict[str, object]]]) -> None:
    for root in sorted({destination_root(asset) for asset, _ in entries}):
        mine = [entry for asset, entry in entries if destination_root(asset) == root]
        root.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"assets": mine}, indent=2, sort_keys=True) + "\n"
        (root / MANIFEST_NAME).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args(argv)
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    entries = []
    for asset in ASSETS:
        entry = copy_asset(asset, args.node_modules)
        if entry["version"] != pins.get(asset.package):
            pinned = pins.get(asset.package)
            raise SystemExit(f"{asset.package}: installed {entry['version']}, package.json pins {pinned}")
        entries.append((asset, entry))
        print(f"vendored {asset.package} {entry['version']} ({len(entry['files'])} files)")  # type: ignore[arg-type]
    write_manifests(entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
