"""Command-line tool: ``sphinx-notebook new | post | serve``.

Also reachable as ``python -m sphinx_notebook``. Mistakes a user can fix end
in one line on stderr and a non-zero exit status (1 for problems found while
working, 2 for bad arguments, as argparse does), never in a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sphinx_notebook import __version__

PROG = "sphinx-notebook"
# scaffold.DEFAULT_TITLE, spelled here so ``--help`` imports nothing but argparse
# (the scaffold is imported by the command that runs; tests/test_cli.py checks both agree).
DEFAULT_TITLE = "My notebook"
SERVE_INSTALL_HINT = 'pip install "sphinx-notebook-theme[serve]"'


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535; 0 picks a free one): {text!r}")
    return port


class _Parser(argparse.ArgumentParser):
    """Reports bad arguments in one line (usage stays one ``--help`` away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per task."""
    parser = _Parser(
        prog=PROG,
        description="Start, write and preview a notebook-style blog built with Sphinx.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = commands.add_parser(
        "new", help="write a new site that builds at once", description="Write a new notebook site into DIR."
    )
    new.add_argument("directory", metavar="DIR", type=Path, help="a new or empty folder")
    new.add_argument("--title", default=DEFAULT_TITLE, help=f"site title (default: {DEFAULT_TITLE!r})")
    new.add_argument("--author", help="author name, shown in the footer and feed")
    new.add_argument(
        "--url",
        "--baseurl",
        dest="baseurl",
        metavar="URL",
        help="address the site will be published at (for feeds, canonical links, social cards; "
        "not needed on Read the Docs)",
    )
    new.add_argument(
        "--notebooks",
        action="store_true",
        help="read Jupyter notebooks as posts (myst-nb; install sphinx-notebook-theme[notebooks])",
    )
    new.set_defaults(handler=_cmd_new)

    post = commands.add_parser(
        "post",
        help="write a new dated post",
        description="Write posts/<date>-<slug>.md with front matter into the site.",
    )
    post.add_argument("title", metavar="TITLE", help="the post's title")
    post.add_argument("--tags", default="", help="comma-separated tags, e.g. python,math")
    post.add_argument("--date", type=_iso_date, help="post date as YYYY-MM-DD (default: today)")
    post.add_argument(
        "--dir", type=Path, dest="site", help="the site folder (default: the nearest folder with conf.py)"
    )
    post.set_defaults(handler=_cmd_post)

    serve = commands.add_parser(
        "serve",
        help="preview the site, rebuilt and reloaded on every change",
        description=f"Preview the site with sphinx-autobuild (install it with: {SERVE_INSTALL_HINT}).",
    )
    serve.add_argument(
        "directory",
        metavar="DIR",
        type=Path,
        nargs="?",
        help="the site folder (default: the nearest folder with conf.py)",
    )
    serve.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000; 0 = any)")
    serve.set_defaults(handler=_cmd_serve)
    return parser


def _cmd_new(args: argparse.Namespace) -> int:
    from sphinx_notebook.scaffold import NewSite, write_site

    request = NewSite(
        args.directory, title=args.title, author=args.author, baseurl=args.baseurl, notebooks=args.notebooks
    )
    written = write_site(request)
    print(f"Wrote {len(written)} files into {args.directory}. Build the site with:")
    print(f"  sphinx-build -W {args.directory} {args.directory / '_build' / 'html'}")
    return 0


def _cmd_post(args: argparse.Namespace) -> int:
    from sphinx_notebook.scaffold import ScaffoldError, find_site, split_tags, write_post

    site = args.site if args.site is not None else find_site(Path.cwd())
    if not (site / "conf.py").is_file():
        raise ScaffoldError(f"no conf.py in {site}; pass the folder of a site made by '{PROG} new'")
    today = dt.date.today()
    date = args.date or today
    path = write_post(site, args.title, split_tags(args.tags), date)
    print(f"Wrote {path}")
    if date > today:
        print(f"It is dated {date.isoformat()}: until then it is a draft, kept out of listings and feeds.")
    return 0


def _load_autobuild() -> Callable[[Sequence[str]], object]:
    """sphinx-autobuild's entry point, or a ScaffoldError saying how to install it."""
    from sphinx_notebook.scaffold import ScaffoldError

    try:
        from sphinx_autobuild.__main__ import main as autobuild_main
    except ImportError:
        raise ScaffoldError(f"serve needs sphinx-autobuild; install it with: {SERVE_INSTALL_HINT}") from None
    return autobuild_main  # type: ignore[no-any-return]


def _cmd_serve(args: argparse.Namespace) -> int:
    from sphinx_notebook.scaffold import ScaffoldError, find_site

    site = args.directory if args.directory is not None else find_site(Path.cwd())
    if not (site / "conf.py").is_file():
        raise ScaffoldError(f"no conf.py in {site}; pass the folder of a site made by '{PROG} new'")
    autobuild_main = _load_autobuild()
    argv = [str(site), str(site / "_build" / "html"), "--host", "127.0.0.1", "--port", str(args.port)]
    try:
        autobuild_main(argv)
    except KeyboardInterrupt:
        return 130
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from sphinx_notebook.scaffold import ScaffoldError

    try:
        return int(args.handler(args))
    except ScaffoldError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
    except OSError as error:
        reason = error.strerror or str(error)
        where = f": {error.filename}" if error.filename else ""
        print(f"{PROG}: error: {reason}{where}", file=sys.stderr)
    return 1
