"""Warn about ``$$`` display math that is never closed.

myst-parser's dollarmath leaves an unmatched ``$$`` in the text as it is, so a
forgotten closing ``$$`` shows its TeX on the page and the build stays quiet.
``UnclosedDisplayMath`` looks for ``$$`` left in the text of a MyST page and
warns at the paragraph's line; a ``\\$\\$`` the author escaped on purpose is
told apart by reading that line of the source.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)

_UNESCAPED = re.compile(r"(?<!\\)\$\$")
_LITERAL = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.math, nodes.math_block)


def unescaped_dollars(lines: list[str]) -> bool:
    """Whether ``lines`` of Markdown hold a ``$$`` not written as ``\\$\\$``."""
    return any(_UNESCAPED.search(line.replace("\\$", "")) for line in lines)


class UnclosedDisplayMath(SphinxTransform):
    """One warning per paragraph where a ``$$`` was left open."""

    default_priority = 890

    def apply(self, **kwargs: Any) -> None:
        if "dollarmath" not in (getattr(self.config, "myst_enable_extensions", None) or ()):
            return
        source = str(self.document.get("source") or "")
        if not source.endswith(".md"):
            return
        lines: list[str] | None = None
        for paragraph in self.document.findall(nodes.paragraph):
            text = "".join(
                str(node) for node in paragraph.findall(nodes.Text) if not isinstance(node.parent, _LITERAL)
            )
            if "$$" not in text or paragraph.line is None:
                continue
            if lines is None:
                lines = Path(source).read_text(encoding="utf-8").splitlines()
            start = paragraph.line - 1
            span = lines[max(start - 1, 0) : start + text.count("\n") + 1]
            if unescaped_dollars(span):
                warn(
                    logger,
                    WarningSubtype.math,
                    "display math opened with $$ is never closed: add a closing $$",
                    location=paragraph,
                )


def setup_unclosed_dollars(app: Sphinx) -> None:
    app.add_transform(UnclosedDisplayMath)
