"""Vendored browser assets: the committed files match their manifests and pins."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each part ships its own vendored files (sphinx_notebook/<part>/static/vendor).
PART_VENDOR_ROOTS = tuple(sorted((ROOT / "sphinx_notebook").glob("*/static/vendor")))
VENDOR_ROOTS = (*PART_VENDOR_ROOTS, ROOT / "tests" / "browser" / "vendor")
PINS = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]


def manifest_entries():
    for root in VENDOR_ROOTS:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["assets"]:
            yield pytest.param(root, entry, id=entry["name"])


@pytest.mark.parametrize(("root", "entry"), list(manifest_entries()))
def test_files_match_manifest(root: Path, entry: dict) -> None:
    folder = root / entry["folder"]
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == set(entry["files"]), "files added or removed without re-running the vendor script"
    for name, digest in entry["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert "LICENSE" in entry["files"]
    assert entry["version"] == PINS[entry["name"]], "manifest and package.json pins disagree"


def test_vendored_files_live_in_parts_not_the_theme() -> None:
    """The theme alone copies no vendored files (they belong to the parts using them)."""
    assert len(PART_VENDOR_ROOTS) >= 3
    assert not (ROOT / "sphinx_notebook" / "theme" / "sphinx_notebook" / "static" / "vendor").exists()


def test_every_pin_is_vendored() -> None:
    vendored = {entry.values[1]["name"] for entry in manifest_entries()}
    assert vendored == set(PINS)


def test_lock_file_matches_pins() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in PINS.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_vendored_stylesheets_reference_only_shipped_files() -> None:
    import re

    css_files = [css for root in PART_VENDOR_ROOTS for css in root.rglob("*.css")]
    assert css_files
    for css in css_files:
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            url = url.strip("'\"")
            if url.startswith("data:"):
                continue
            assert (css.parent / url).is_file(), f"{css.name} refers to missing {url}"
