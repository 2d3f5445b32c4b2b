"""Pygments styles made for the notebook's paper and ink colours.

The built-in Pygments styles fail WCAG AA contrast for some tokens (comments
mostly) on their own backgrounds, which axe reports on every code block. These
two keep every token at 4.5:1 or more on the code background; a unit test
checks it. theme.toml names them by dotted path, which Sphinx accepts for
``pygments_style``.
"""

from __future__ import annotations

from pygments.style import Style
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Token,
)

LIGHT_BACKGROUND = "#f4efe4"
DARK_BACKGROUND = "#262420"


class NotebookLight(Style):
    """Ink on paper: plum keywords, green strings, blue names, brown numbers."""

    name = "notebook-light"
    background_color = LIGHT_BACKGROUND
    highlight_color = "#e8dfc8"
    line_number_color = "#6b6358"
    line_number_background_color = LIGHT_BACKGROUND
    styles = {
        Token: "#24211c",
        Text: "#24211c",
        Comment: "italic #675f53",
        Comment.Preproc: "noitalic #7a3f00",
        Keyword: "bold #84296a",
        Keyword.Constant: "#84296a",
        Keyword.Type: "nobold #7a3f00",
        Operator: "#5a5249",
        Operator.Word: "bold #84296a",
        Punctuation: "#4a443c",
        Name.Builtin: "#7a3f00",
        Name.Builtin.Pseudo: "italic #7a3f00",
        Name.Function: "#1d4f86",
        Name.Class: "bold #1d4f86",
        Name.Namespace: "#1d4f86",
        Name.Decorator: "#7a3f00",
        Name.Exception: "#a3262b",
        Name.Tag: "bold #84296a",
        Name.Attribute: "#1d4f86",
        Name.Variable: "#2a5e4f",
        Name.Constant: "#2a5e4f",
        String: "#2c6534",
        String.Escape: "bold #7a3f00",
        String.Doc: "italic #2c6534",
        String.Interpol: "#7a3f00",
        String.Regex: "#7a3f00",
        Number: "#8a3f0a",
        Generic.Heading: "bold #1d4f86",
        Generic.Subheading: "bold #84296a",
        Generic.Deleted: "#a3262b",
        Generic.Inserted: "#2c6534",
        Generic.Error: "#a3262b",
        Generic.Emph: "italic",
        Generic.Strong: "bold",
        Generic.Prompt: "bold #5a5249",
        Generic.Output: "#4a443c",
        Generic.Traceback: "#a3262b",
        Error: "#a3262b",
    }


class NotebookDark(Style):
    """Chalk on a dark page, the same hues lightened."""

    name = "notebook-dark"
    background_color = DARK_BACKGROUND
    highlight_color = "#3a362f"
    line_number_color = "#a69e90"
    line_number_background_color = DARK_BACKGROUND
    styles = {
        Token: "#ebe6dc",
        Text: "#ebe6dc",
        Comment: "italic #aba293",
        Comment.Preproc: "noitalic #e8b86f",
        Keyword: "bold #eb9fd4",
        Keyword.Constant: "#eb9fd4",
        Keyword.Type: "nobold #e8b86f",
        Operator: "#cfc7b9",
        Operator.Word: "bold #eb9fd4",
        Punctuation: "#d6cfc2",
        Name.Builtin: "#e8b86f",
        Name.Builtin.Pseudo: "italic #e8b86f",
        Name.Function: "#93c1f0",
        Name.Class: "bold #93c1f0",
        Name.Namespace: "#93c1f0",
        Name.Decorator: "#e8b86f",
        Name.Exception: "#f39a8f",
        Name.Tag: "bold #eb9fd4",
        Name.Attribute: "#93c1f0",
        Name.Variable: "#8fd3bd",
        Name.Constant: "#8fd3bd",
        String: "#a9d99b",
        String.Escape: "bold #e8b86f",
        String.Doc: "italic #a9d99b",
        String.Interpol: "#e8b86f",
        String.Regex: "#e8b86f",
        Number: "#f2ae7a",
        Generic.Heading: "bold #93c1f0",
        Generic.Subheading: "bold #eb9fd4",
        Generic.Deleted: "#f39a8f",
        Generic.Inserted: "#a9d99b",
        Generic.Error: "#f39a8f",
        Generic.Emph: "italic",
        Generic.Strong: "bold",
        Generic.Prompt: "bold #cfc7b9",
        Generic.Output: "#d6cfc2",
        Generic.Traceback: "#f39a8f",
        Error: "#f39a8f",
    }
