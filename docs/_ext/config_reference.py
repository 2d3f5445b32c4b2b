"""The configuration reference, generated from the code it documents.

The ``notebook-config-reference`` directive renders one table row per
setting of ``sphinx_notebook.config.SETTINGS`` (name, type, default, choices,
help) and registers each name as a ``confval`` object, so any page can link to
it with ``{confval}``. ``notebook-defaults-reference`` lists the defaults the
bundle gives other extensions (``sphinx_notebook.bundle.DEFAULTS``), and
``notebook-warning-reference`` lists the warning
subtypes with the docstrings written next to them in ``warning_types.py``.
The docs can then never disagree with the code.
"""

from __future__ import annotations

import ast
import inspect
import re
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from sphinx_notebook import warning_types
from sphinx_notebook.bundle import DEFAULTS, MYST_PARSER, OTHER_EXTENSIONS
from sphinx_notebook.config import SETTINGS, Setting

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains.std import StandardDomain
    from sphinx.util.typing import ExtensionMetadata

COLUMNS = (("Name", 22), ("Type", 10), ("Default", 12), ("Choices", 14), ("Description", 42))


def type_name(setting: Setting) -> str:
    """``str``, ``int or float``: how the accepted types read in prose."""
    return " or ".join(t.__name__ for t in setting.types)


def subtype_docs() -> list[tuple[str, str]]:
    """(subtype, docstring) pairs of ``WarningSubtype``, read from its source.

    Enum members keep no docstring at run time, so the attribute docstrings
    are taken from the syntax tree.
    """
    tree = ast.parse(inspect.getsource(warning_types))
    pairs: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ClassDef) and node.name == "WarningSubtype"):
            continue
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(statement, ast.Assign)
                and isinstance(statement.value, ast.Constant)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
            ):
                pairs.append((str(statement.value.value), inspect.cleandoc(str(following.value.value))))
    return pairs


def _table(columns: tuple[tuple[str, int], ...], rows: list[list[nodes.entry]], cls: str) -> nodes.table:
    table = nodes.table(classes=[cls])
    group = nodes.tgroup(cols=len(columns))
    table += group
    for _title, width in columns:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(_cell(nodes.Text(title)) for title, _width in columns))
    group += head
    body = nodes.tbody()
    body.extend(nodes.row("", *cells) for cells in rows)
    group += body
    return table


def _cell(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry += nodes.paragraph("", "", *children)
    return entry


def _prose(text: str) -> nodes.entry:
    """A cell of help text: ````code```` becomes a literal, and quotes stay straight.

    Help texts quote Python values (``'katex'``); curly quotes would make
    them wrong to copy, so smart quotes are switched off for the cell.
    """
    parts = re.split(r"``(.+?)``", text)
    children = [
        nodes.literal(text=part) if index % 2 else nodes.Text(part)
        for index, part in enumerate(parts)
        if part
    ]
    cell = _cell(*children)
    cell["support_smartquotes"] = False
    return cell


def _literal(value: Any) -> nodes.literal:
    return nodes.literal(text=repr(value))


class ConfigReference(SphinxDirective):
    """Render every ``notebook_*`` setting as a row of one table."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        rows = []
        std = cast("StandardDomain", self.env.get_domain("std"))
        for setting in SETTINGS:
            node_id = make_id(self.env, self.state.document, "confval", setting.name)
            name_cell = _cell(nodes.literal(text=setting.name))
            name_cell["ids"].append(node_id)
            self.state.document.note_explicit_target(name_cell)
            std.note_object("confval", setting.name, node_id, location=name_cell)
            choices = (
                [_literal(choice) for choice in setting.choices] if setting.choices else [nodes.Text("any")]
            )
            separated: list[nodes.Node] = []
            for index, choice in enumerate(choices):
                if index:
                    separated.append(nodes.Text(", "))
                separated.append(choice)
            rows.append(
                [
                    name_cell,
                    _cell(nodes.Text(type_name(setting))),
                    _cell(_literal(setting.default)),
                    _cell(*separated),
                    _prose(setting.help),
                ]
            )
        return [_table(COLUMNS, rows, "nb-config-reference")]


class DefaultsReference(SphinxDirective):
    """Render the defaults the bundle applies where conf.py leaves a value unset."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        rows = []
        for name, value in DEFAULTS.items():
            computed = nodes.emphasis(text="computed from the rest of conf.py")
            shown: nodes.Node = computed if callable(value) else _literal(value)
            rows.append([_cell(nodes.literal(text=name)), _cell(shown)])
        loaded = nodes.paragraph("", "Extensions loaded: ")
        for index, extension in enumerate((MYST_PARSER, *OTHER_EXTENSIONS)):
            if index:
                loaded += nodes.Text(", ")
            loaded += nodes.literal(text=extension)
        loaded += nodes.Text(".")
        return [loaded, _table((("Setting", 30), ("Default", 70)), rows, "nb-defaults-reference")]


class WarningReference(SphinxDirective):
    """Render the ``notebook.<subtype>`` warnings users can silence."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        rows = [
            [_cell(nodes.literal(text=f"notebook.{name}")), _prose(doc)]
            for name, doc in subtype_docs()
        ]
        return [_table((("Warning type", 30), ("Raised when", 70)), rows, "nb-warning-reference")]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("notebook-config-reference", ConfigReference)
    app.add_directive("notebook-defaults-reference", DefaultsReference)
    app.add_directive("notebook-warning-reference", WarningReference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
