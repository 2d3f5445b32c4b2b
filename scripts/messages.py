"""Keep the ``sphinx_notebook`` message catalog in step with the code.

    python scripts/messages.py extract   # sphinx_notebook/locale/sphinx_notebook.pot from code + templates
    python scripts/messages.py update    # merge the .pot into every <lang>/LC_MESSAGES/sphinx_notebook.po
    python scripts/messages.py compile   # .po -> .mo (committed, so installs need no tools)
    python scripts/messages.py all       # the three in order

Babel's extractors read the Python (``_``, ``N_``, ``ngettext``) and the
theme's Jinja templates (``_()``, ``ngettext()``). Output is deterministic
(no creation date, sorted by first location) so reruns change nothing.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sphinx_notebook"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "sphinx_notebook"
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "Link": (1,)}
METHODS = [
    ("**/static/**", "ignore"),
    ("**.py", "python"),
    ("**.html", "jinja2.ext:babel_extract"),  # the theme's and the blog part's templates
]
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
"""Stamped in every .mo header instead of "now", so compiling twice gives the same bytes."""
HEADER = """\
# Messages of sphinx_notebook, the notebook-style blog for Sphinx.
# This file is distributed under the same license as the sphinx-notebook-theme package.
#"""


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract() -> Catalog:
    """The catalog template as the code and templates stand."""
    catalog = Catalog(project="sphinx-notebook-theme", header_comment=HEADER, charset="utf-8", fuzzy=False)
    found = extract_from_dir(
        str(PACKAGE),
        METHODS,
        keywords=KEYWORDS,
        options_map={"**.html": {"extensions": "jinja2.ext.do"}},
    )
    for filename, lineno, message, comments, context in found:
        location = (f"sphinx_notebook/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _write(path: Path, catalog: Catalog, **options: object) -> None:
    buffer = BytesIO()
    # No line numbers: they would change with every edit of the code around a message.
    write_po(buffer, catalog, width=100, omit_header=False, sort_by_file=True, include_lineno=False,
             **options)  # type: ignore[arg-type]
    # No creation/revision dates: reruns must not change committed files.
    lines = [
        line for line in buffer.getvalue().decode("utf-8").splitlines(keepends=True)
        if not line.startswith(('"POT-Creation-Date:', '"PO-Revision-Date:'))
    ]
    path.write_text("".join(lines), encoding="utf-8")


def write_pot() -> None:
    _write(POT, extract())
    print(f"wrote {POT.relative_to(ROOT)}")


def update() -> None:
    """Merge the template into each language's catalog, keeping translations."""
    with POT.open("rb") as handle:
        template = read_po(handle)
    for path in po_files():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        catalog.update(template, update_header_comment=False)
        _write(path, catalog, ignore_obsolete=True)
        print(f"updated {path.relative_to(ROOT)}")


def compile_all() -> None:
    """Each ``.po`` to the ``.mo`` Sphinx loads (fuzzy entries left out, as gettext does)."""
    for path in po_files():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        catalog.creation_date = catalog.revision_date = FIXED_DATE
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        print(f"compiled {path.with_suffix('.mo').relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    commands = {"extract": [write_pot], "update": [update], "compile": [compile_all],
                "all": [write_pot, update, compile_all]}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    for command in commands[argv[0]]:
        command()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
