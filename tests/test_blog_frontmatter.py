"""MyST front matter for blog posts: YAML lists, ``blogpost: false``, bad values."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_notebook.blog.values import (
    ValueProblem,
    frontmatter_line,
    parse_bool,
    parse_list,
    parse_post_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('["a", "b"]', ["a", "b"]),
        ("[a, b]", ["a", "b"]),
        ("[\"a b\", 'c']", ["a b", "c"]),
        ("a, b,", ["a", "b"]),
        ("python", ["python"]),
        ("[]", []),
        ('["a", "a"]', ["a"]),
        ("[2024, x]", ["2024", "x"]),
        ("[\u201cAda\u201d, \u201cAlan\u201d]", ["Ada", "Alan"]),
    ],
)
def test_parse_list(text, expected):
    assert parse_list(text) == expected


def test_nested_lists_are_refused():
    with pytest.raises(ValueProblem, match="flat list"):
        parse_list('[["a", "b"], "c"]')


def test_parse_bool_and_dates():
    assert parse_bool("False") is False
    assert parse_bool(" yes ") is True
    with pytest.raises(ValueProblem):
        parse_bool("maybe")
    assert parse_post_date("2024-01-10", "%d %B %Y") == datetime(2024, 1, 10)
    assert parse_post_date("10 January 2024", "%d %B %Y") == datetime(2024, 1, 10)
    with pytest.raises(ValueProblem, match="not a date"):
        parse_post_date("someday", "%d %B %Y")


def test_frontmatter_line():
    text = "---\nblogpost: true\ndate: x\n---\n# T\ndate: no\n"
    assert frontmatter_line(text, "date") == 3
    assert frontmatter_line(text, "tags") is None
    assert frontmatter_line("# no front matter\n", "date") is None


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_yaml_lists_give_separate_tags_authors_categories(app, warning):
    app.build()
    assert warning.getvalue() == ""
    out = app.outdir / "blog"
    for page in ("tag/python", "tag/numerical-methods", "author/ada-lovelace", "author/alan-turing",
                 "category/notes", "category/tutorials"):
        assert (out / f"{page}.html").is_file(), page
    # No label made of JSON debris such as ["python" or "tutorials"]
    for path in out.rglob("*"):
        assert not re.search(r"[\[\]\"'\u201c\u201d]", path.name), path
    header = (app.outdir / "posts" / "first.html").read_text(encoding="utf-8")
    header = header[header.index('class="nb-post-header"') :]
    assert ">Ada Lovelace</a>" in header and ">Alan Turing</a>" in header
    assert ">numerical methods</a>" in header


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_blogpost_false_is_not_a_post(app):
    app.build()
    page = (app.outdir / "posts" / "not-a-post.html").read_text(encoding="utf-8")
    assert "nb-post-header" not in page
    assert "Just a page in posts" not in (app.outdir / "blog.html").read_text(encoding="utf-8")
    assert "not-a-post" not in (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert not (app.outdir / "blog" / "tag" / "python.html").read_text(encoding="utf-8").count("not-a-post")


@pytest.mark.sphinx("html", testroot="blog-bad", freshenv=True)
def test_bad_front_matter_warns_at_the_line_and_the_build_goes_on(app, warning):
    app.build()
    assert app.statuscode == 0
    text = warning.getvalue()
    expected = [
        ("baddate.md:4", "front matter 'date': 'not-a-date' is not a date"),
        ("nested.md:4", "front matter 'tags': nested value"),
        ("nested.md:5", "front matter 'excerpt': 'many' is not a whole number"),
        ("maybe.md:2", "front matter 'blogpost': 'maybe' is not true or false"),
        ("broken.md:3", "front matter is not valid YAML"),
        ("untitled.md:1", "this post has no title"),
        ("update.md:7", "update: 'someday' is not a date"),
    ]
    for location, message in expected:
        line = next((line for line in text.splitlines() if message in line), "")
        assert location in line and "[notebook.blog]" in line, (location, message, text)
    assert "Traceback" not in text
    # The bad date makes an undated draft; the aware date is read in UTC.
    feed = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "Bad date" not in feed
    assert "<published>2024-01-05T08:00:00+00:00</published>" in feed
    assert "<title>Nested tags</title>" in feed  # still a post, without the unusable tags


@pytest.mark.sphinx(
    "html", testroot="blog-bad", freshenv=True, confoverrides={"suppress_warnings": ["myst.topmatter"]}
)
def test_silencing_myst_does_not_hide_a_lost_post(app, warning):
    """Our warning comes from reading the source, not from MyST's message."""
    app.build()
    text = warning.getvalue()
    line = next((line for line in text.splitlines() if "front matter is not valid YAML" in line), "")
    assert "broken.md:3" in line and "[notebook.blog]" in line, text
    assert "Malformed YAML" not in text


@pytest.mark.sphinx("html", testroot="blog-bad", freshenv=True)
def test_a_post_without_a_title_is_still_listed(app):
    app.build()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="posts/untitled.html"' in index
    assert ">untitled<" in index
    feed = (app.outdir / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "<title>untitled</title>" in feed
    assert "gradient clipping" in feed


names = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters=",\"'\u201c\u201d\u2018\u2019[]"
    ),
    min_size=1,
    max_size=12,
).map(str.strip).filter(bool)


@given(st.lists(names, max_size=6))
def test_any_yaml_list_of_names_reads_back_as_those_names(items):
    # MyST hands a YAML list over as JSON text.
    expected = list(dict.fromkeys(items))
    assert parse_list(json.dumps(items)) == expected
    assert parse_list(", ".join(items)) == expected
