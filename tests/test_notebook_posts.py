"""Notebook posts through myst-nb, whichever order conf.py lists the extensions in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sphinx_notebook.bundle.notebooks import lift_cell_front_matter, quote_front_matter_dates

ROOT = Path(__file__).parent / "roots" / "test-notebooks"
ORDERS = {
    "myst_nb first": '["myst_nb", "sphinx_notebook"]',
    "sphinx_notebook first": '["sphinx_notebook", "myst_nb"]',
}

pytest.importorskip("myst_nb")


@pytest.fixture(scope="module", params=list(ORDERS))
def site(request, tmp_path_factory):
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("notebooks") / "site"
    shutil.copytree(ROOT, srcdir)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(
        text.replace('extensions = ["myst_nb", "sphinx_notebook"]', f"extensions = {ORDERS[request.param]}"),
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, warningiserror=True)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def read(app, name: str) -> str:
    return (app.outdir / name).read_text(encoding="utf-8")


def test_myst_nb_is_the_only_markdown_parser(site):
    assert site.statuscode == 0
    assert site.warning.getvalue() == ""
    assert "myst_nb" in site.extensions
    assert "myst_parser" not in site.extensions


def test_both_kinds_of_notebook_are_listed_with_their_front_matter(site):
    index = read(site, "index.html")
    assert 'href="posts/arrays.html"' in index
    assert 'href="posts/text-notebook.html"' in index
    # Blog keys from the .ipynb's own metadata: date and tags.
    assert "01 March 2024" in index
    assert 'href="blog/tag/numpy.html"' in index
    # An unquoted YAML date in a text notebook no longer stops the build.
    assert "02 April 2024" in index
    # Front matter in a notebook's first Markdown cell, as in a MyST file.
    assert 'href="posts/cell-frontmatter.html"' in index
    assert "05 May 2024" in index
    assert 'href="blog/tag/cellmeta.html"' in index
    # Excerpts come from the first Markdown cell.
    assert "First paragraph about" in index
    assert "kept under version control" in index


def test_feed_carries_stored_outputs_with_absolute_image_links(site):
    feed = read(site, "blog/atom.xml")
    assert feed.count("<entry>") == 3
    assert "hello" in feed  # stdout
    assert "ZeroDivisionError" in feed  # a traceback
    assert 'src="https://nb.example.org/_images/' in feed
    assert 'src="../_images/' not in feed


def test_cell_outputs_are_on_the_post_page(site):
    page = read(site, "posts/arrays.html")
    assert "cell_output" in page
    assert "hello" in page
    assert '<img alt=' in page


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("date: 2024-04-02\n", 'date: "2024-04-02"\n'),
        ("date: 2024-04-02 10:30:00+02:00  # morning\n", 'date: "2024-04-02 10:30:00+02:00"  # morning\n'),
        ("update: 2024-5-1\n", 'update: "2024-5-1"\n'),
        ('date: "2024-04-02"\n', 'date: "2024-04-02"\n'),
        ("title: 2024-04-02 notes\n", "title: 2024-04-02 notes\n"),
    ],
)
def test_text_notebook_dates_are_quoted(before, after):
    head = "---\nkernelspec:\n  name: python3\n"
    assert quote_front_matter_dates(f"{head}{before}---\n# T\n") == f"{head}{after}---\n# T\n"


def test_plain_markdown_pages_are_left_alone():
    text = "---\ndate: 2024-04-02\n---\n# Title\n"
    assert quote_front_matter_dates(text) == text
    body_date = "---\nkernelspec:\n  name: python3\n---\ndate: 2024-04-02\n"
    assert quote_front_matter_dates(body_date) == body_date


def notebook(first_cell: str, metadata: dict | None = None) -> str:
    cells = [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": first_cell},
        {"cell_type": "markdown", "id": "b", "metadata": {}, "source": "# Title"},
    ]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": metadata or {}, "cells": cells})


def test_cell_front_matter_moves_into_the_notebook_metadata():
    first = "---\nblogpost: true\ndate: 2024-05-05\ntags: [a, b]\n---\n"
    lifted = json.loads(lift_cell_front_matter(notebook(first)))
    assert lifted["metadata"] == {"blogpost": True, "date": "2024-05-05", "tags": ["a", "b"]}
    assert [cell["id"] for cell in lifted["cells"]] == ["b"]  # the emptied cell is gone


def test_metadata_already_there_wins_and_the_rest_of_the_cell_stays():
    text = notebook("---\ndate: 2024-05-05\n---\nSome prose.", {"date": "2023-01-01"})
    lifted = json.loads(lift_cell_front_matter(text))
    assert lifted["metadata"]["date"] == "2023-01-01"
    assert lifted["cells"][0]["source"] == "Some prose."


@pytest.mark.parametrize("first", ["No front matter.", "---\n- a list\n---\n", "---\n[unclosed\n---\n"])
def test_other_notebooks_are_left_alone(first):
    text = notebook(first)
    assert lift_cell_front_matter(text) == text
    assert lift_cell_front_matter("not json") == "not json"
