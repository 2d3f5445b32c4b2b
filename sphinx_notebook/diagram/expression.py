"""A small, safe parser for the functions a ``plot`` draws: expressions in x.

Numbers, ``x``, ``+ - * / ^``, parentheses, ``sin cos tan exp log sqrt abs``
and the constants ``pi`` and ``e``; nothing else. The text is parsed into a
tree of tuples by recursive descent and evaluated by walking it, never by
Python ``eval``, so a diagram cannot run code. Pure Python, no Sphinx.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

MAX_LENGTH = 200
MAX_DEPTH = 40
FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sin": math.sin, "cos": math.cos, "tan": math.tan, "exp": math.exp, "log": math.log,
    "sqrt": math.sqrt, "abs": abs,
}
CONSTANTS = {"pi": math.pi, "e": math.e}
_TOKEN = re.compile(
    r"\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)"  # a number
    r"|([A-Za-z_]\w*)|(\*\*|[-+*/^()])|(\S))"  # a name, an operator, anything else
)

# A parsed expression: ("num", v) | ("x",) | ("neg", a) | (op, a, b) | ("call", name, a)
Node = tuple


class ExpressionError(ValueError):
    """The text is not an expression this parser accepts; the message says what to change."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only trailing spaces are left
            break
        number, name, op, other = match.groups()
        if other is not None:
            raise ExpressionError(f"{other!r} is not allowed (use numbers, x, + - * / ^, parentheses, "
                                  f"{', '.join(FUNCTIONS)}, pi, e)")
        if number is not None:
            out.append(("num", number))
        elif name is not None:
            out.append(("name", name))
        elif op is not None:
            out.append(("op", "^" if op == "**" else op))
        pos = match.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] == value:
            self.pos += 1
            return True
        return False

    def expr(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"nested more than {MAX_DEPTH} deep")
        node = self.term()
        while True:
            if self.take("+"):
                node = ("+", node, self.term())
            elif self.take("-"):
                node = ("-", node, self.term())
            else:
                break
        self.depth -= 1
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            if self.take("*"):
                node = ("*", node, self.unary())
            elif self.take("/"):
                node = ("/", node, self.unary())
            else:
                token = self.peek()
                if token is not None and (token[0] != "op" or token[1] == "("):
                    raise ExpressionError("two values side by side: write the multiplication, as in 2*x")
                return node

    def unary(self) -> Node:
        if self.take("-"):
            return ("neg", self.unary())
        if self.take("+"):
            return self.unary()
        base = self.atom()
        if self.take("^"):
            return ("^", base, self.unary())  # right-associative; -x^2 is -(x^2)
        return base

    def atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise ExpressionError("the expression ends too early")
        self.pos += 1
        kind, text = token
        if kind == "num":
            return ("num", float(text))
        if kind == "name":
            if text == "x":
                return ("x",)
            if text in CONSTANTS:
                return ("num", CONSTANTS[text])
            if text in FUNCTIONS:
                if not self.take("("):
                    raise ExpressionError(f"write {text}(...) with parentheses")
                inner = self.expr()
                if not self.take(")"):
                    raise ExpressionError(f"a ')' is missing after {text}(")
                return ("call", text, inner)
            raise ExpressionError(f"unknown name {text!r}: the variable is x; functions are "
                                  f"{', '.join(FUNCTIONS)}; constants pi and e")
        if text == "(":
            inner = self.expr()
            if not self.take(")"):
                raise ExpressionError("a ')' is missing")
            return inner
        raise ExpressionError(f"unexpected {text!r}")


def parse(text: str) -> Node:
    """The expression tree of ``text``, or ExpressionError saying what is wrong."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH} characters")
    tokens = _tokens(text)
    if not tokens:
        raise ExpressionError("the expression is empty")
    parser = _Parser(tokens)
    node = parser.expr()
    if parser.pos != len(tokens):
        raise ExpressionError(f"unexpected {tokens[parser.pos][1]!r}")
    return node


def evaluate(node: Node, x: float) -> float:
    """The value at ``x``; NaN where the function is undefined or overflows."""
    try:
        return _eval(node, x)
    except (ArithmeticError, ValueError):
        return math.nan


def _eval(node: Node, x: float) -> float:
    kind = node[0]
    if kind == "num":
        return float(node[1])
    if kind == "x":
        return x
    if kind == "neg":
        return -_eval(node[1], x)
    if kind == "call":
        return float(FUNCTIONS[node[1]](_eval(node[2], x)))
    a, b = _eval(node[1], x), _eval(node[2], x)
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return a * b
    if kind == "/":
        return a / b
    result = a**b
    if isinstance(result, complex):
        return math.nan
    return float(result)
