"""``sphinx-notebook new --url``: the site's address, or none at all (never a placeholder)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from sphinx_notebook.blog.baseurlnotice import NOTICE
from sphinx_notebook.cli import main

RTD_URL = "https://field-notes.readthedocs.io/en/latest/"


def build(site: Path, env: dict[str, str] | None = None) -> tuple[Path, str]:
    """Build as a user would (-W, its own process: ablog's registry is class-level); return out, stdout."""
    out = site / "_build" / "html"
    environ = {key: value for key, value in os.environ.items() if not key.startswith("READTHEDOCS")}
    environ.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-b", "html", str(site), str(out)],
        capture_output=True, text=True, env=environ,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return out, result.stdout


def test_url_is_written_to_conf(tmp_path):
    assert main(["new", str(tmp_path / "s"), "--url", "https://notes.example.net"]) == 0
    conf = (tmp_path / "s" / "conf.py").read_text(encoding="utf-8")
    assert 'blog_baseurl = "https://notes.example.net/"' in conf


def test_without_url_no_placeholder_and_one_info_line(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    conf = (site / "conf.py").read_text(encoding="utf-8")
    assert "example.org" not in conf
    assert "blog_baseurl =" not in conf
    out, stdout = build(site)
    assert stdout.count(NOTICE) == 1  # info level: shown, and -W still passes
    assert not (out / "blog" / "atom.xml").exists()
    assert "example.org" not in (out / "index.html").read_text(encoding="utf-8")


def test_on_read_the_docs_feeds_use_its_address(tmp_path):
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    out, stdout = build(site, {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": RTD_URL})
    assert NOTICE not in stdout
    feed = (out / "blog" / "atom.xml").read_text(encoding="utf-8")
    today = dt.date.today().isoformat()
    assert f"<id>{RTD_URL}blog/atom.xml</id>" in feed
    assert f"<id>{RTD_URL}posts/{today}-hello-notebook.html</id>" in feed
    assert f'href="{RTD_URL}posts/{today}-hello-notebook.html"' in feed
    assert "example.org" not in feed
