"""The ``sphinx-notebook`` command line: new, post, serve, and its error messages."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from sphinx_notebook import __version__
from sphinx_notebook.cli import main
from sphinx_notebook.scaffold import slugify, split_tags, yaml_scalar

SPHINX_ARGS = ["-W", "-q", "-j", "2", "-b", "html"]


def build(site: Path) -> Path:
    """Build ``site`` as a user would, failing on any warning.

    A separate process, because ablog keeps its post registry in class-level
    state that would leak from one in-process build into the next.
    """
    out = site / "_build" / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", *SPHINX_ARGS, str(site), str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return out


def test_new_writes_a_site_that_builds_warning_free(tmp_path, capsys):
    site = tmp_path / "notebook"
    assert main(["new", str(site), "--title", 'Ann\'s "notes"', "--author", "Ann",
                 "--url", "https://notes.example.org"]) == 0
    today = dt.date.today().isoformat()
    for name in ("conf.py", "index.md", f"posts/{today}-hello-notebook.md", ".readthedocs.yaml",
                 "requirements.txt", ".gitignore"):
        assert (site / name).is_file(), name
    conf = (site / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["sphinx_notebook"]' in conf
    assert 'blog_baseurl = "https://notes.example.org/"' in conf
    assert "fail_on_warning: true" in (site / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "sphinx-notebook-theme" in (site / "requirements.txt").read_text(encoding="utf-8")
    assert "Wrote 6 files" in capsys.readouterr().out

    out = build(site)
    post = (out / "posts" / f"{today}-hello-notebook.html").read_text(encoding="utf-8")
    assert "Hello, notebook" in post
    assert 'id="equation-eq-first-integral"' in post  # labelled display math
    assert 'href="#equation-eq-first-integral"' in post  # and its {eq} reference
    assert "mermaid" in post
    assert '<figure class="diagram' in post and "<desc" in post  # the JSON diagram, with its alt text
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'Ann&#39;s &#34;notes&#34;' in index or "Ann's" in index
    assert f'href="posts/{today}-hello-notebook.html"' in index  # the recent-posts listing
    feed = (out / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert "<entry>" in feed
    assert f"https://notes.example.org/posts/{today}-hello-notebook.html" in feed
    for tag in ("notebook", "math", "diagrams"):
        assert (out / "blog" / "tag" / f"{tag}.html").is_file()


def test_new_notebooks_site_reads_a_notebook_post(tmp_path):
    pytest.importorskip("myst_nb")
    site = tmp_path / "nbsite"
    assert main(["new", str(site), "--notebooks", "--baseurl", "https://nb.example.org/"]) == 0
    today = dt.date.today().isoformat()
    conf = (site / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["myst_nb", "sphinx_notebook"]' in conf
    assert '"posts/*.ipynb"' in conf
    assert 'nb_execution_mode = "off"' in conf
    assert "sphinx-notebook-theme[notebooks]" in (site / "requirements.txt").read_text(encoding="utf-8")
    notebook = site / "posts" / f"{today}-first-notebook.ipynb"
    assert json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["date"] == today

    out = build(site)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="posts/{today}-first-notebook.html"' in index
    assert f'href="posts/{today}-hello-notebook.html"' in index
    feed = (out / "blog" / "atom.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2
    assert "55" in feed  # the stored output


@pytest.mark.parametrize("existing", ["file", "non-empty folder"])
def test_new_refuses_an_existing_target(tmp_path, capsys, existing):
    target = tmp_path / "site"
    if existing == "file":
        target.write_text("x", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sphinx-notebook: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    if existing == "non-empty folder":
        assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"
        assert not (target / "conf.py").exists()


def test_new_into_an_empty_folder_works(tmp_path):
    assert main(["new", str(tmp_path)]) == 0
    assert (tmp_path / "conf.py").is_file()


def test_new_rejects_a_bad_baseurl(tmp_path, capsys):
    assert main(["new", str(tmp_path / "s"), "--baseurl", "notes.example.org"]) == 1
    assert "base URL must start with http:// or https://" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


def test_post_writes_a_dated_post_that_builds(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    main(["new", str(site), "--url", "https://notes.example.org/"])
    monkeypatch.chdir(site / "posts")  # the site is found from a subfolder too
    assert main(["post", "Gradient descent, by hand!", "--tags", "math, optimisation,,math",
                 "--date", "2026-01-05"]) == 0
    path = site / "posts" / "2026-01-05-gradient-descent-by-hand.md"
    assert f"Wrote {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\nblogpost: true\ndate: 2026-01-05\ntags: [math, optimisation]\n---\n")
    assert "# Gradient descent, by hand!" in text

    out = build(site)
    assert (out / "posts" / "2026-01-05-gradient-descent-by-hand.html").is_file()
    assert (out / "blog" / "tag" / "optimisation.html").is_file()
    assert "gradient-descent-by-hand" in (out / "blog" / "atom.xml").read_text(encoding="utf-8")


def test_post_dated_in_the_future_says_it_is_a_draft(tmp_path, capsys):
    main(["new", str(tmp_path)])
    assert main(["post", "Soon", "--dir", str(tmp_path), "--date", "2999-01-01"]) == 0
    assert "until then it is a draft" in capsys.readouterr().out


def test_post_refuses_to_overwrite(tmp_path, capsys):
    main(["new", str(tmp_path)])
    args = ["post", "Twice", "--dir", str(tmp_path), "--date", "2026-02-01"]
    assert main(args) == 0
    path = tmp_path / "posts" / "2026-02-01-twice.md"
    path.write_text("my words", encoding="utf-8")
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "my words"


def test_post_without_a_site_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["post", "Lost"]) == 1
    err = capsys.readouterr().err
    assert "no conf.py" in err and err.count("\n") == 1
    assert main(["post", "Lost", "--dir", str(tmp_path)]) == 1
    assert "no conf.py" in capsys.readouterr().err


def test_bad_arguments_give_one_line_and_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["post", "x", "--date", "2026-13-01"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "YYYY-MM-DD" in err


def test_serve_without_autobuild_says_how_to_install(tmp_path, monkeypatch, capsys):
    main(["new", str(tmp_path)])
    monkeypatch.setitem(sys.modules, "sphinx_autobuild", None)  # makes the import fail
    monkeypatch.setitem(sys.modules, "sphinx_autobuild.__main__", None)
    assert main(["serve", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert 'pip install "sphinx-notebook-theme[serve]"' in err
    assert err.count("\n") == 1


def test_serve_runs_autobuild_on_the_site(tmp_path, monkeypatch):
    main(["new", str(tmp_path)])
    calls: list[list[str]] = []
    fake = types.ModuleType("sphinx_autobuild.__main__")
    fake.main = lambda argv: calls.append(list(argv))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sphinx_autobuild", types.ModuleType("sphinx_autobuild"))
    monkeypatch.setitem(sys.modules, "sphinx_autobuild.__main__", fake)
    monkeypatch.chdir(tmp_path / "posts")
    assert main(["serve", "--port", "0"]) == 0
    assert calls == [[str(tmp_path), str(tmp_path / "_build" / "html"), "--host", "127.0.0.1", "--port", "0"]]


def test_python_dash_m_reports_the_version():
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_notebook", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"sphinx-notebook {__version__}"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello, World!", "hello-world"),
        ("Über die Straße", "uber-die-strasse"),
        ("  --  ", "post"),
        ("日本語", "post"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_tags_and_yaml_scalars():
    assert split_tags(" a, b,,a ,") == ["a", "b"]
    tags = ("python", "yes", "c++", "2026")
    assert [yaml_scalar(t) for t in tags] == ["python", '"yes"', '"c++"', '"2026"']


def test_every_template_ships_in_the_wheel():
    """The package-data patterns in pyproject.toml cover each site template."""
    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sphinx_notebook"]
    templates = root / "sphinx_notebook" / "scaffold" / "templates"
    names = [p.relative_to(root / "sphinx_notebook").as_posix() for p in templates.iterdir()]
    assert names
    for name in names:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


HELP_IMPORTS = """
import sys
before = set(sys.modules)
from sphinx_notebook.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print("\\n".join(sorted(set(sys.modules) - before)), file=sys.stderr)
"""


def test_help_imports_only_the_command_line():
    """``sphinx-notebook --help`` stays quick: it imports no Sphinx, no scaffold, few modules.

    Counted, not timed: a fresh interpreter, and every module the help added.
    """
    result = subprocess.run([sys.executable, "-c", HELP_IMPORTS], capture_output=True, text=True, check=True)
    imported = result.stderr.split()
    assert "usage: sphinx-notebook" in result.stdout
    libraries = {"sphinx", "docutils", "jinja2", "yaml", "dukpy"}
    heavy = [name for name in imported if name.split(".")[0] in libraries]
    assert heavy == []
    assert "sphinx_notebook.scaffold" not in imported
    # Only the command line of ours, nothing from other packages; the standard library's
    # count depends on what the interpreter loaded at start-up (an editable install's
    # .pth files load more), so it only has a loose bound.
    ours_and_others = [name for name in imported if name.split(".")[0] not in sys.stdlib_module_names]
    assert sorted(ours_and_others) == ["sphinx_notebook", "sphinx_notebook.cli"], ours_and_others
    assert len(imported) < 60, imported


def test_help_shows_the_scaffold_default_title():
    from sphinx_notebook import cli, scaffold

    assert cli.DEFAULT_TITLE == scaffold.DEFAULT_TITLE
