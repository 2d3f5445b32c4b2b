"""Reading a post costs what it must: counted work, and not a byte of output changed.

What is counted: the blog part parses no front matter MyST already read,
ablog copies no post's doctree the registry would drop, and the math
transforms find formulas as docutils would. Each saving is switched off in
a second build, in its own process, and both sites must be byte-identical.
"""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.parser import parse as dateutil_parse
from docutils import nodes
from site_builds import build_in_subprocess, listeners_of

from sphinx_notebook.blog.values import front_matter_keys, parse_post_date, to_local_naive
from sphinx_notebook.math.page_macros import find_math, is_math

EPOCH = "1780000000"
# The same build with every saving of this round switched off.
WITHOUT_SAVINGS = textwrap.dedent(
    """
    import re, sys
    import sphinx_notebook.blog.frontmatter as frontmatter
    import sphinx_notebook.blog.parallel as parallel
    import sphinx_notebook.blog.values as values
    frontmatter.NormalizeFrontMatter.read_by_myst = lambda self, source: False
    parallel.skip_post_doctree_copies = lambda app: None
    values.ISO_DATE = re.compile("(?!)")
    from sphinx.cmd.build import main
    sys.exit(main(sys.argv[1:]))
    """
)


def _build(src: Path, out: Path, *, savings: bool) -> None:
    doctrees = out.parent / f"{out.name}-doctrees"
    build_in_subprocess(src, out, doctrees, epoch=EPOCH, script=None if savings else WITHOUT_SAVINGS)


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "_static" not in p.parts and p.suffix != ".pickle"
    }


def test_savings_change_no_byte(rootdir, tmp_path):
    src = tmp_path / "site"
    shutil.copytree(rootdir / "test-reading", src)
    _build(src, tmp_path / "with", savings=True)
    _build(src, tmp_path / "without", savings=False)
    saved, plain = _outputs(tmp_path / "with"), _outputs(tmp_path / "without")
    assert "blog/atom.xml" in saved and "posts/first.html" in saved
    assert sorted(saved) == sorted(plain)
    differing = [name for name in saved if saved[name] != plain[name]]
    assert not differing, f"{len(differing)} files differ: {', '.join(differing)}"


def count_front_matter_parses(monkeypatch) -> list[str]:
    """Each source the front matter check parses with YAML, from now on."""
    import sphinx_notebook.blog.frontmatter as frontmatter

    parsed: list[str] = []
    real = frontmatter.front_matter_problem

    def counting(source: str):
        parsed.append(source)
        return real(source)

    monkeypatch.setattr(frontmatter, "front_matter_problem", counting)
    return parsed


@pytest.mark.sphinx("html", testroot="reading", freshenv=True)
def test_front_matter_myst_read_is_not_parsed_again(app, warning, monkeypatch):
    parsed = count_front_matter_parses(monkeypatch)
    app.build()
    # several.md (posts by directive) has no front matter to parse; the others MyST read.
    assert [source.split("\n", 1)[0] for source in parsed] == ["# Several posts"]
    assert "front matter" not in warning.getvalue()
    feed = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    # The offset date is read as before: 09:30 at +02:00 is 08:30 in Paris.
    assert "<published>2026-01-12T08:30:00+01:00</published>" in feed


@pytest.mark.sphinx("html", testroot="blog-bad", freshenv=True)
def test_broken_front_matter_is_still_parsed_and_located(app, warning, monkeypatch):
    parsed = count_front_matter_parses(monkeypatch)
    app.build()
    # Only the page whose YAML MyST could not read is parsed again, to find the line.
    assert len(parsed) == 1 and "[unclosed" in parsed[0]
    line = next(line for line in warning.getvalue().splitlines() if "front matter is not valid YAML" in line)
    assert "broken.md:3" in line


def test_front_matter_keys_leave_out_what_myst_writes_itself():
    source = "---\nblogpost: true\nmyst:\n  enable_extensions: []\nwordcount: 3\n  nested: 1\n"
    source += "tags: [a]\n---\n# T\n"
    assert front_matter_keys(source) == ["blogpost", "tags"]
    assert front_matter_keys("# No front matter\n") == []


@pytest.mark.sphinx("html", testroot="reading", freshenv=True)
def test_ablog_copies_no_single_post_doctree(app):
    from sphinx_notebook.blog.ablog_adapter import PostsWithoutDoctreeCopy

    app.build()
    wrappers = listeners_of(app, "doctree-read", PostsWithoutDoctreeCopy)
    assert len(wrappers) == 1
    # first.md and second.md are one post each; several.md copies its own two sections.
    assert wrappers[0].copies_skipped == 2
    feed = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    for title in ("First post", "Second post", "Part one", "Part two"):
        assert f"<title>{title}</title>" in feed
    assert "A correction." in (app.outdir / "posts" / "second.html").read_text(encoding="utf-8")


def test_find_math_finds_what_findall_finds():
    doc = nodes.paragraph()
    doc += nodes.Text("a ")
    doc += nodes.math("x", "x")
    inner = nodes.emphasis()
    inner += nodes.math("y", "y")
    doc += inner
    block = nodes.math_block("z", "z")
    section = nodes.section()
    section += doc
    section += block
    section += nodes.paragraph("", "no math")
    assert find_math(section) == list(section.findall(is_math))
    assert [n.astext() for n in find_math(section)] == ["x", "y", "z"]
    assert find_math(block) == [block]


@pytest.mark.parametrize(
    "text",
    [
        "2026-01-10",
        "2026-01-10 10:30",
        "2026-01-10T10:30:05",
        "2026-01-10T10:30:05.25",
        "2026-01-10T10:30:05+02:00",
        "2026-01-10T10:30Z",
        "2026-06-10 23:59:59.999999-05:30",
    ],
)
def test_iso_dates_read_as_dateutil_reads_them(text):
    zone = ZoneInfo("Europe/Paris")
    ours, theirs = parse_post_date(text, "%b %d, %Y"), dateutil_parse(text)
    assert (ours.tzinfo is None) == (theirs.tzinfo is None)
    assert to_local_naive(ours, zone) == to_local_naive(theirs, zone)


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "2026-01-10T25:00"])
def test_impossible_iso_dates_still_refused(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_post_date(text, "%b %d, %Y")


def test_post_date_format_still_comes_first():
    assert parse_post_date("Jan 10, 2026", "%b %d, %Y") == datetime(2026, 1, 10)
