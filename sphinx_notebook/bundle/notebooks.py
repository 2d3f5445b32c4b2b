"""Notebook posts through myst-nb: what breaks when ablog-style front matter meets it.

A Jupyter notebook keeps its blog keys in its own metadata (as Jupyter users
set them), or in YAML front matter at the top of its first Markdown cell, as
MyST files do. myst-nb reads only the first; the second became a stray
horizontal rule and the notebook was no post. On ``source-read`` that front
matter moves into the notebook's metadata (keys already there win).

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

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

import yaml

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


def _json_safe(value: Any) -> Any:
    """YAML values as JSON can hold them (dates as ISO text, as ablog reads them)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    return value


def lift_cell_front_matter(text: str) -> str:
    """The ``.ipynb`` JSON with its first Markdown cell's front matter moved into its metadata.

    Anything that is not such a notebook, or whose front matter is not a YAML
    mapping, comes back unchanged (myst-nb then reports what it finds).
    """
    try:
        notebook = json.loads(text)
        cells = notebook["cells"]
        first = cells[0]
    except (ValueError, KeyError, IndexError, TypeError):
        return text
    if not isinstance(first, dict) or first.get("cell_type") != "markdown":
        return text
    source = first.get("source", "")
    cell_text = "".join(source) if isinstance(source, list) else str(source)
    match = FRONT_MATTER.match(cell_text)
    if match is None:
        return text
    try:
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError:
        return text
    if not isinstance(data, dict):
        return text
    metadata = notebook.setdefault("metadata", {})
    for key, value in data.items():
        metadata.setdefault(str(key), _json_safe(value))
    rest = cell_text[match.end() :]
    if rest.strip():
        first["source"] = rest
    else:
        del cells[0]
    return json.dumps(notebook, ensure_ascii=False)


def _fix_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: notebooks and text notebooks, as myst-nb will read them."""
    if not source or not docname:
        return
    if str(app.env.doc2path(docname)).endswith(".ipynb"):
        source[0] = lift_cell_front_matter(source[0])
    else:
        source[0] = quote_front_matter_dates(source[0])


def setup_notebooks(app: Sphinx) -> None:
    """Connect the front matter fix when myst-nb is the Markdown parser."""
    if "myst_nb" in app.extensions:
        app.connect("source-read", _fix_front_matter)
