"""Page-level TeX definitions, as MathJax and LaTeX treat them.

Posts written for MathJax define their notation inside formulas
(``\\newcommand``, ``\\def``, ``\\let``, ``\\DeclareMathOperator``,
``\\DeclarePairedDelimiter``) and expect it to hold for the rest of the page.
KaTeX forgets a definition at the end of each formula and lacks the last two
commands, so :func:`scan_page` reads a page's formulas in document order, cuts
the definitions out of each and gives every formula the table of KaTeX macros
in effect where it stands. Each formula then renders on its own (cacheable,
in any process, in any order) with the same result. Pure: no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_NEWCOMMANDS = {"newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"}
_DEFS = {"def", "gdef", "edef", "xdef"}
_DEFINERS = _NEWCOMMANDS | _DEFS | {"let", "DeclareMathOperator", "DeclarePairedDelimiter", "require"}
_CONTROL_WORD = re.compile(r"\\(?:[A-Za-z@]+|.)", re.S)
_PARAMETERS = re.compile(r"(?:#[1-9])*")


class DefinitionError(ValueError):
    """A definition this module cannot read; the message says what to change."""


@dataclass
class ScannedFormula:
    """One formula with its definitions cut out, and the macros in effect for it."""

    tex: str
    macros: dict[str, str]
    problems: list[str] = field(default_factory=list)
    defines: bool = False
    definitions_tex: str = ""
    """The page's definitions so far as written, for MathJax should KaTeX fail."""

    @property
    def definitions_only(self) -> bool:
        """Only definitions: the formula shows nothing."""
        return self.defines and not self.tex.strip()


def _skip_spaces(tex: str, position: int) -> int:
    while position < len(tex) and tex[position] in " \t\r\n":
        position += 1
    return position


def _group(tex: str, position: int) -> tuple[str, int]:
    """The balanced ``{...}`` starting at ``position`` (without its braces), and the end."""
    if position >= len(tex) or tex[position] != "{":
        raise DefinitionError("expected a {…} group")
    depth, index = 0, position
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return tex[position + 1 : index], index + 1
        index += 1
    raise DefinitionError("a { is never closed")


def _token(tex: str, position: int) -> tuple[str, int]:
    """One argument: a control sequence, a group (its content) or a character."""
    position = _skip_spaces(tex, position)
    if position >= len(tex):
        raise DefinitionError("the definition stops short")
    if tex[position] == "{":
        return _group(tex, position)
    if tex[position] == "\\":
        match = _CONTROL_WORD.match(tex, position)
        assert match is not None
        return match.group(), match.end()
    return tex[position], position + 1


def _name(tex: str, position: int) -> tuple[str, int]:
    """The name being defined, written ``\\foo`` or ``{\\foo}``."""
    text, end = _token(tex, position)
    name = text.strip()
    if not _CONTROL_WORD.fullmatch(name):
        raise DefinitionError(f"{name!r} is not a command name")
    return name, end


def _bracket(tex: str, position: int) -> tuple[str | None, int]:
    """An optional ``[...]`` argument, if one comes next."""
    start = _skip_spaces(tex, position)
    if start >= len(tex) or tex[start] != "[":
        return None, position
    end = tex.find("]", start)
    if end < 0:
        raise DefinitionError("a [ is never closed")
    return tex[start + 1 : end], end + 1


def with_arity(body: str, arity: int) -> str:
    """A KaTeX macro body that takes exactly ``arity`` arguments.

    KaTeX counts a macro's arguments from the ``#1``, ``#2``… its body uses,
    so a parameter the body ignores is consumed by a no-op instead.
    """
    used = body.replace("##", "")
    unused = [n for n in range(1, arity + 1) if f"#{n}" not in used]
    return body + "".join(f"\\@secondoftwo{{#{n}}}{{}}" for n in unused)


def paired_delimiter(name: str, left: str, right: str) -> dict[str, str]:
    """mathtools' ``\\name{x}``, ``\\name*{x}`` (growing) and ``\\name[\\big]{x}``."""
    stem = name[1:]
    return {
        name: f"\\@ifstar{{\\nbstar@{stem}}}{{\\nbplain@{stem}}}",
        f"\\nbstar@{stem}": f"\\left{left} #1 \\right{right}",
        f"\\nbplain@{stem}": f"\\@ifnextchar[{{\\nbsized@{stem}}}{{\\nbnatural@{stem}}}",
        # [ \big ] {x}: four arguments, the size being a single command.
        f"\\nbsized@{stem}": f"\\mathopen{{#2{left}}} #4 \\mathclose{{#2{right}}}\\@secondoftwo{{#1#3}}{{}}",
        f"\\nbnatural@{stem}": f"\\mathopen{{{left}}} #1 \\mathclose{{{right}}}",
    }


def _definition(
    tex: str, command: str, position: int, known: Mapping[str, str]
) -> tuple[dict[str, str], int]:
    """Read one definition whose command name ends at ``position``."""
    star = position < len(tex) and tex[position] == "*"
    if star:
        position += 1
    if command == "require":
        _text, end = _token(tex, position)
        return {}, end
    name, position = _name(tex, position)
    if command in _NEWCOMMANDS:
        count, position = _bracket(tex, position)
        default, position = _bracket(tex, position)
        if default is not None:
            raise DefinitionError(f"{name} has an optional argument, which KaTeX cannot take")
        if count is not None and not count.strip().isdigit():
            raise DefinitionError(f"{name} has [{count}] where a number of arguments belongs")
        body, position = _group(tex, _skip_spaces(tex, position))
        if command == "providecommand" and name in known:
            return {}, position
        return {name: with_arity(body, int(count or 0))}, position
    if command in _DEFS:
        start = position
        brace = tex.find("{", start)
        parameters = tex[start:brace].replace(" ", "") if brace >= 0 else ""
        if brace < 0 or not _PARAMETERS.fullmatch(parameters):
            raise DefinitionError(f"{name} has delimited parameters, which page definitions cannot carry")
        body, position = _group(tex, brace)
        return {name: with_arity(body, len(parameters) // 2)}, position
    if command == "let":
        position = _skip_spaces(tex, position)
        if position < len(tex) and tex[position] == "=":
            position += 1
        target, position = _token(tex, position)
        return {name: known.get(target, target)}, position
    if command == "DeclareMathOperator":
        body, position = _token(tex, position)
        return {name: f"\\operatorname{'*' if star else ''}{{{body}}}"}, position
    left, position = _token(tex, position)  # DeclarePairedDelimiter
    right, position = _token(tex, position)
    return paired_delimiter(name, left, right), position


def cut_definitions(tex: str, known: Mapping[str, str]) -> tuple[str, dict[str, str], list[str]]:
    """``tex`` without its definitions, the macros they define (in order), and problems."""
    rest, defined, problems, _sources = cut_definitions_with_sources(tex, known)
    return rest, defined, problems


def cut_definitions_with_sources(
    tex: str, known: Mapping[str, str]
) -> tuple[str, dict[str, str], list[str], str]:
    """As ``cut_definitions``, plus the definitions as written (MathJax reads them).

    A definition that cannot be read stays in the TeX (so KaTeX reports it
    where it stands) and gives a problem message.
    """
    pieces: list[str] = []
    sources: list[str] = []
    defined: dict[str, str] = {}
    problems: list[str] = []
    position = copied = 0
    while True:
        position = tex.find("\\", position)
        if position < 0:
            break
        match = _CONTROL_WORD.match(tex, position)
        assert match is not None
        command = match.group()[1:]
        if command not in _DEFINERS:
            position = match.end()
            continue
        try:
            macros, end = _definition(tex, command, match.end(), {**known, **defined})
        except DefinitionError as error:
            problems.append(f"cannot read \\{command}: {error}")
            position = match.end()
            continue
        pieces.append(tex[copied:position])
        sources.append(tex[position:end])
        defined.update(macros)
        position = copied = end
    pieces.append(tex[copied:])
    return "".join(pieces), defined, problems, "".join(sources)


def scan_page(formulas: Iterable[str], site_macros: Mapping[str, str] | None = None) -> list[ScannedFormula]:
    """Each formula of a page, in document order, with the macros in effect for it.

    Formulas after the same definitions share one macro table (a page of
    thousands of formulas keeps one copy, also when pickled).
    """
    table: dict[str, str] = {}
    written = ""
    scanned: list[ScannedFormula] = []
    for tex in formulas:
        rest, defined, problems, sources = cut_definitions_with_sources(tex, {**(site_macros or {}), **table})
        if defined:
            table = {**table, **defined}
        if sources:
            written += sources
        defines = bool(defined) or rest != tex
        scanned.append(ScannedFormula(rest if defines else tex, table, problems, defines, written))
    return scanned
