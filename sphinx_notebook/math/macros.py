"""``notebook_math_macros`` translated for KaTeX, MathJax and LaTeX.

One table in conf.py, three dialects: KaTeX wants ``{"\\\\R": body}`` (it
counts ``#1`` arguments itself), MathJax 3 wants ``tex.macros`` with
``[body, n]`` for macros taking arguments, and LaTeX output wants
``\\newcommand`` lines in the preamble. Pure functions; the config hook at the
bottom only adds to the user's values, never replaces them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

MacroTable = Mapping[str, "str | list[Any] | tuple[Any, ...]"]


def _body_and_arity(value: str | list[Any] | tuple[Any, ...]) -> tuple[str, int]:
    if isinstance(value, str):
        return value, 0
    return str(value[0]), int(value[1])


def katex_macros(macros: MacroTable) -> dict[str, str]:
    """KaTeX's ``macros`` option: names with their backslash, bodies as written."""
    return {f"\\{name}": _body_and_arity(value)[0] for name, value in macros.items()}


def mathjax_macros(macros: MacroTable) -> dict[str, str | list[Any]]:
    """MathJax 3's ``tex.macros``: a body, or ``[body, arity]`` when it takes arguments."""
    result: dict[str, str | list[Any]] = {}
    for name, value in macros.items():
        body, arity = _body_and_arity(value)
        result[name] = [body, arity] if arity else body
    return result


def latex_definitions(macros: MacroTable) -> str:
    """Preamble lines defining each macro, overriding a same-named existing command.

    ``\\providecommand`` first, so ``\\renewcommand`` never fails on a name
    LaTeX does not know yet and never clashes with one it does.
    """
    lines = []
    for name, value in macros.items():
        body, arity = _body_and_arity(value)
        args = f"[{arity}]" if arity else ""
        lines.append(f"\\providecommand{{\\{name}}}{{}}\\renewcommand{{\\{name}}}{args}{{{body}}}")
    return "\n".join(lines)


def merge_mathjax_config(user_config: Mapping[str, Any] | None, macros: MacroTable) -> dict[str, Any] | None:
    """The user's ``mathjax3_config`` with our macros added under ``tex.macros``.

    A macro the user already defines in ``mathjax3_config`` keeps their body.
    """
    if not macros:
        return dict(user_config) if user_config is not None else None
    merged: dict[str, Any] = copy.deepcopy(dict(user_config or {}))
    tex = merged.setdefault("tex", {})
    user_macros = tex.get("macros") or {}
    tex["macros"] = {**mathjax_macros(macros), **user_macros}
    return merged


def append_to_preamble(latex_elements: Mapping[str, Any], addition: str) -> dict[str, Any]:
    """A copy of ``latex_elements`` whose ``preamble`` ends with ``addition``."""
    elements = dict(latex_elements)
    preamble = str(elements.get("preamble", ""))
    if addition and addition not in preamble:
        elements["preamble"] = f"{preamble}\n{addition}\n" if preamble else f"{addition}\n"
    return elements


def apply_macros(app: Sphinx, config: Config) -> None:
    """Hand ``notebook_math_macros`` to MathJax and to the LaTeX preamble."""
    macros = config.notebook_math_macros
    if not macros:
        return
    if "mathjax3_config" in config:
        config.mathjax3_config = merge_mathjax_config(config.mathjax3_config, macros)
    if "latex_elements" in config:
        config.latex_elements = append_to_preamble(config.latex_elements, latex_definitions(macros))
