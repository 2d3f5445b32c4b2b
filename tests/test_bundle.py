"""The bundle: one extension line loads everything, with defaults a user can override."""

from __future__ import annotations

import pytest


@pytest.mark.sphinx("html", testroot="bundle")
def test_bundle_loads_the_stack(app):
    app.build()
    for name in ("myst_parser", "ablog", "sphinxcontrib.mermaid", "sphinx_copybutton"):
        assert name in app.extensions
    assert set(app.config.myst_enable_extensions) >= {
        "dollarmath", "amsmath", "colon_fence", "deflist", "fieldlist", "attrs_inline",
    }
    assert app.config.numfig is True
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<dl" in html  # deflist
    assert 'class="admonition note"' in html  # colon_fence
    assert (app.outdir / "page.html").exists()  # .rst next to .md
    assert (app.outdir / "posts" / "hello.html").exists()


@pytest.mark.sphinx("html", testroot="bundle-user")
def test_user_values_win(app):
    app.build()
    assert list(app.config.myst_enable_extensions) == ["colon_fence"]
    assert app.config.numfig is False
    assert app.config.copybutton_prompt_text == ">>> "
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "$x$" in html  # dollarmath stayed off, as the user asked


@pytest.mark.sphinx("html", testroot="bundle-user", confoverrides={"numfig": True})
def test_command_line_overrides_win(app):
    assert app.config.numfig is True


@pytest.mark.sphinx("html", testroot="bundle", confoverrides={"notebook_math_renderer": "mathml-please"})
def test_bad_notebook_value_falls_back_with_warning(app, warning):
    assert app.config.notebook_math_renderer == "katex"
    assert "notebook_math_renderer: 'mathml-please' is not one of 'katex', 'mathjax'" in warning.getvalue()


def test_second_build_finds_nothing_changed(make_app, tmp_path, rootdir):
    """copybutton and myst-parser change config values late; rebuilds must not call that a change."""
    import shutil

    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-blog", srcdir)
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    assert first.statuscode == 0
    second = make_app("html", srcdir=srcdir)
    second.build()
    status = second._status.getvalue()
    assert "configuration has changed" not in status, status
    assert "0 added, 0 changed, 0 removed" in status


@pytest.mark.sphinx("epub", testroot="bundle")
def test_epub_without_a_version_is_warning_free(app, warning):
    app.build()
    assert app.config.version == "1.0"
    assert 'conf value "version"' not in warning.getvalue()


def test_our_domains_answer_myst_any_reference_lookups(make_app, tmp_path, rootdir):
    """myst-parser asks every domain about a link it cannot resolve; ours must answer, not warn."""
    import shutil

    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-bundle", srcdir)
    (srcdir / "links.md").write_text("---\norphan: true\n---\n# Links\n\nSee [this](no-such-target).\n")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    text = app.warning.getvalue()
    assert "no-such-target" in text  # myst-parser's own warning stays
    assert "myst.domains" not in text
    assert "resolve_any_xref" not in text
