"""Write a new notebook site or a new post from the templates in ``templates/``.

Pure file handling with no Sphinx import, so the command line stays quick and
these functions are tested alone. Problems a user can fix (a folder that is not
empty, a post that already exists, no ``conf.py`` found) raise
:class:`ScaffoldError` with a one-line message for the command line to print.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sphinx_notebook import __version__

POSTS_DIR = "posts"
DEFAULT_TITLE = "My notebook"

# YAML reads these bare words as booleans, nulls or numbers, so tags spelled
# like them are written quoted.
_YAML_SPECIAL = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}
_BARE_TAG = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Letters NFKD does not split into an ASCII base letter plus accents.
_ASCII_SPELLING = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"}
)


class ScaffoldError(Exception):
    """A problem the user can fix; the message is one line meant for them."""


@dataclass(frozen=True)
class NewSite:
    """What ``sphinx-notebook new`` was asked to write."""

    directory: Path
    title: str = DEFAULT_TITLE
    author: str | None = None
    baseurl: str | None = None
    today: dt.date | None = None
    notebooks: bool = False
    """Read Jupyter notebooks (``.ipynb``, MyST text notebooks) as posts, through myst-nb."""


POST_PATTERN = ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"]
NOTEBOOK_PATTERN = ["posts/*.ipynb", "posts/*/*.ipynb"]
NOTEBOOK_SETTINGS = (
    "# Notebooks show the outputs saved in them; \"cache\" runs them at build time\n"
    "# (install a kernel and jupyter-cache), see myst-nb's nb_execution_mode.\n"
    'nb_execution_mode = "off"\n'
    'exclude_patterns = ["_build", "**.ipynb_checkpoints"]\n'
)


def template(name: str, **values: str) -> str:
    """Fill ``{{name}}`` placeholders of a packaged template."""
    text = resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def py_string(text: str) -> str:
    """A double-quoted Python literal (JSON strings are valid Python)."""
    return json.dumps(text, ensure_ascii=False)


def yaml_scalar(text: str) -> str:
    """A YAML flow scalar: bare when that reads back as the same string."""
    if _BARE_TAG.fullmatch(text) and text.lower() not in _YAML_SPECIAL:
        return text
    return json.dumps(text, ensure_ascii=False)


def split_tags(text: str) -> list[str]:
    """``"a, b,,a"`` gives ``["a", "b"]``: trimmed, no empties, no repeats."""
    tags: list[str] = []
    for tag in (part.strip() for part in text.split(",")):
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def slugify(title: str, max_length: int = 60) -> str:
    """A file-name and URL friendly form of a title, ASCII only."""
    spelled = unicodedata.normalize("NFKD", title.translate(_ASCII_SPELLING))
    ascii_text = spelled.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "post"


def normalise_baseurl(url: str) -> str:
    """Check a site address and give it the trailing slash feed links need."""
    if not re.match(r"https?://[^/\s]+", url) or any(ch.isspace() for ch in url):
        raise ScaffoldError(f"the base URL must start with http:// or https://, got {url!r}")
    return url if url.endswith("/") else url + "/"


def one_line(text: str, what: str) -> str:
    """Refuse text that would break the single line it is written on."""
    text = text.strip()
    if not text or "\n" in text or "\r" in text:
        raise ScaffoldError(f"the {what} must be a single, non-empty line")
    return text


def write_site(request: NewSite) -> list[Path]:
    """Write a site that builds warning-free at once; return the files written."""
    directory = request.directory
    if directory.exists() and not directory.is_dir():
        raise ScaffoldError(f"{directory} exists and is not a folder")
    if directory.is_dir() and any(directory.iterdir()):
        raise ScaffoldError(f"{directory} is not empty; choose a new or empty folder")
    title = one_line(request.title, "title")
    author_line = f"author = {py_string(one_line(request.author, 'author'))}\n" if request.author else ""
    # No placeholder address: a feed whose ids point at someone else's site is
    # worse than none. Without --url, Read the Docs' own address is used there,
    # and elsewhere the build says (at info level) what the address would add.
    if request.baseurl:
        baseurl_lines = (
            "# The address readers find the site at: feeds, canonical links and\n"
            "# social cards use it for absolute links.\n"
            f"blog_baseurl = {py_string(normalise_baseurl(request.baseurl))}\n"
        )
    else:
        baseurl_lines = (
            "# On Read the Docs the site's address is known without configuration.\n"
            "# Hosting elsewhere? Set blog_baseurl to the address readers find the\n"
            "# site at, for an Atom feed, canonical links and social cards.\n"
        )
    today = (request.today or dt.date.today()).isoformat()
    first_post = f"{today}-hello-notebook.md"

    files = {
        "conf.py": template(
            "conf.py.txt",
            project=py_string(title),
            author_line=author_line,
            baseurl_lines=baseurl_lines,
            extensions=json.dumps((["myst_nb"] if request.notebooks else []) + ["sphinx_notebook"]),
            post_pattern=json.dumps(POST_PATTERN + (NOTEBOOK_PATTERN if request.notebooks else [])),
            notebook_settings=NOTEBOOK_SETTINGS if request.notebooks else "",
        ),
        "index.md": template("index.md", title=title),
        f"{POSTS_DIR}/{first_post}": template("first-post.md", date=today, filename=first_post),
        ".readthedocs.yaml": template("readthedocs.yaml"),
        "requirements.txt": template(
            "requirements.txt", version=__version__, extra="[notebooks]" if request.notebooks else ""
        ),
        ".gitignore": template("gitignore.txt"),
    }
    if request.notebooks:
        files[f"{POSTS_DIR}/{today}-first-notebook.ipynb"] = template("first-notebook.ipynb", date=today)
    written = []
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def find_site(start: Path) -> Path:
    """The nearest folder holding ``conf.py``: ``start`` or one of its parents."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder
    raise ScaffoldError(f"no conf.py in {start} or its parents; run this inside a site or pass --dir")


def write_post(site: Path, title: str, tags: list[str], date: dt.date) -> Path:
    """Write ``posts/<date>-<slug>.md`` with front matter; never overwrite."""
    title = one_line(title, "title")
    path = site / POSTS_DIR / f"{date.isoformat()}-{slugify(title)}.md"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; pick another title or --date")
    tags_line = f"tags: [{', '.join(yaml_scalar(tag) for tag in tags)}]\n" if tags else ""
    text = template("post.md", title=title, date=date.isoformat(), tags_line=tags_line)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path
