"""Read a raw HTML ``<figure class="diagram">`` into its parts (pure: no Sphinx).

The seed's way of writing figures is HTML: a ``<figure class="diagram">``
holding either a pasted SVG export, or the diagram's JSON (as text, or inside
``<script type="application/json">``), and an optional ``<figcaption>``.
``read_figure`` finds those parts by position in the source text, so the SVG
and JSON are taken exactly as written (not re-serialized by an HTML parser)
and each part knows the line it starts on, for warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

FIGURE_START = re.compile(r"\s*<figure\b[^>]*\bclass\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


@dataclass
class Part:
    """A slice of the figure's text and the 0-based line (within the text) it starts on."""

    text: str
    line: int


@dataclass
class FigureMarkup:
    """What one ``<figure class="diagram">`` holds."""

    attributes: dict[str, str]
    svg: Part | None = None
    json: Part | None = None
    caption: str | None = None
    rest: str = ""
    """HTML after ``</figure>`` in the same block, to keep as it was."""
    problems: list[str] = field(default_factory=list)


def is_diagram_figure(text: str) -> bool:
    """Does this raw HTML start with ``<figure class="... diagram ...">``?"""
    match = FIGURE_START.match(text)
    return match is not None and "diagram" in match.group(1).strip("\"'").split()


class _Scanner(HTMLParser):
    """Records where the figure's direct children start and end (offsets into the text)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.figure_attributes: dict[str, str] | None = None
        self.inner_start = self.figure_end = self.after = -1
        # Direct children: tag, start of the start tag, start of the content, start of the end tag.
        self.children: list[tuple[str, int, int, int, dict[str, str]]] = []
        self._open: tuple[str, int, int, dict[str, str]] | None = None
        self._nested = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        attributes = {name.lower(): value or "" for name, value in attrs}
        if self.figure_attributes is None:
            if tag == "figure":
                self.figure_attributes, self.inner_start = attributes, end
            return
        if self.figure_end >= 0:
            return
        if self._open is not None:  # inside a child: only count nested tags of its own name
            if tag == self._open[0] and not closed:
                self._nested += 1
            return
        if closed:
            self.children.append((tag, start, end, end, attributes))
        else:
            self._open = (tag, start, end, attributes)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if self.figure_attributes is None or self.figure_end >= 0:
            return
        start = self._offset()
        end = self.text.find(">", start) + 1
        if self._open is not None and tag == "figure" and not self._nested:
            # </figure> closes a child left open (an unclosed <svg>): its text ends here.
            name, begin, inner, attributes = self._open
            self.children.append((name, begin, inner, start, attributes))
            self._open = None
        if self._open is not None:
            if tag == self._open[0]:
                if self._nested:
                    self._nested -= 1
                    return
                name, begin, inner, attributes = self._open
                self.children.append((name, begin, inner, start, attributes))
                self._open = None
            return
        if tag == "figure":
            self.figure_end = start
            self.after = end

    def line_of(self, offset: int) -> int:
        return max(i for i, begin in enumerate(self.line_starts) if begin <= offset)


def _text_of(html: str) -> str:
    """The text of an HTML fragment (tags dropped, entities decoded, spaces collapsed)."""
    return " ".join(unescape(re.sub(r"<[^>]*>", "", html)).split())


def read_figure(text: str) -> FigureMarkup:
    """The attributes, SVG or JSON, caption and trailing HTML of one raw figure block."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    figure = FigureMarkup(scanner.figure_attributes or {})
    if scanner.figure_end < 0:
        if re.search(r"</figure\s*>", text, re.IGNORECASE):
            figure.problems.append(
                "the figure's content could not be read as HTML: a '<' in JSON written as text starts a "
                'tag; put the JSON inside <script type="application/json"> instead')
        else:
            figure.problems.append(
                "the <figure> is not closed in the same HTML block: Markdown ends an HTML block at a blank "
                "line, so remove blank lines inside the figure (or close it with </figure>)")
        return figure
    figure.rest = text[scanner.after:]
    loose, cursor = [], scanner.inner_start
    for tag, start, inner, end, attributes in scanner.children:
        loose.append((cursor, text[cursor:start]))
        closing = re.match(r"</[^>]*>", text[end:])
        cursor = end + closing.end() if end != inner and closing else end
        if tag == "svg":
            if figure.svg is None:
                closed = re.match(r"</svg\s*>", text[end:], re.IGNORECASE)
                figure.svg = Part(text[start:end + (closed.end() if closed else 0)], scanner.line_of(start))
            else:
                figure.problems.append("the figure holds more than one <svg>; only the first is used")
        elif tag == "script":
            if attributes.get("type", "").lower() == "application/json":
                figure.json = Part(text[inner:end], scanner.line_of(inner))
            else:
                figure.problems.append("a <script> in a diagram figure is not run; use "
                                       '<script type="application/json"> for the diagram\'s JSON')
        elif tag == "figcaption":
            figure.caption = _text_of(text[inner:end]) or None
        elif tag not in {"br", "p"}:
            figure.problems.append(f"<{tag}> inside a diagram figure is ignored")
    loose.append((cursor, text[cursor:scanner.figure_end]))
    written = [(offset, chunk) for offset, chunk in loose if chunk.strip()]
    if written and figure.json is None and figure.svg is None:
        offset, _ = written[0]
        first = offset + len(written[0][1]) - len(written[0][1].lstrip())
        body = "".join(chunk for _, chunk in written)
        figure.json = Part(body.strip(), scanner.line_of(first))
    elif written:
        figure.problems.append("text beside the SVG or JSON script in a diagram figure is ignored")
    return figure
