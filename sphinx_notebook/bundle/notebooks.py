"""Notebook posts through myst-nb: what breaks when ablog-style front matter meets it.

A MyST text notebook (``.md`` with ``kernelspec`` or ``jupytext`` in its
front matter) is read by myst-nb with a YAML parser that turns
``date: 2024-04-02`` into a ``datetime.date``; myst-nb then writes the
notebook as JSON and the build stops with "Object of type date is not JSON
serializable". Every blog post has a date, so on ``source-read`` the
front matter's unquoted timestamps are written as quoted strings, which is
what ablog reads anyway. Plain Markdown pages and ``.ipynb`` files (JSON,
where dates are already strings) are left as they are.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?)(\r?\n---[ \t]*(?:\r?\n|\Z))", re.S)
NOTEBOOK_KEYS = re.compile(r"^(kernelspec|jupytext)\s*:", re.M)
# A top-level key whose plain (unquoted) value YAML reads as a date or a time stamp.
TIMESTAMP_LINE = re.compile(
    r"^(?P<key>[A-Za-z_][\w-]*)(?P<colon>\s*:[ \t]+)"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?)"
    r"(?P<rest>[ \t]*(?:#.*)?)$",
    re.M,
)


def quote_front_matter_dates(text: str) -> str:
    """The text notebook with its front matter's dates quoted; anything else unchanged."""
    match = FRONT_MATTER.match(text)
    if match is None or not NOTEBOOK_KEYS.search(match.group(2)):
        return text

    def quoted(line: re.Match[str]) -> str:
        return f"{line['key']}{line['colon']}{json.dumps(line['value'])}{line['rest']}"

    body = TIMESTAMP_LINE.sub(quoted, match.group(2))
    return match.group(1) + body + match.group(3) + text[match.end() :]


def _quote_dates(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: only for documents myst-nb reads as notebooks."""
    if source and docname:
        source[0] = quote_front_matter_dates(source[0])


def setup_notebooks(app: Sphinx) -> None:
    """Connect the front matter fix when myst-nb is the Markdown parser."""
    if "myst_nb" in app.extensions:
        app.connect("source-read", _quote_dates)
