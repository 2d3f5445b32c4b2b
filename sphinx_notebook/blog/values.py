"""Read blog front matter values the way a person writes them.

Pure helpers (no Sphinx imports). MyST hands non-string YAML values over as
JSON text (``tags: [a, b]`` arrives as ``["a", "b"]``) and ablog splits every
value on commas, so lists, booleans and dates need reading before ablog sees
them.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, tzinfo

import yaml
from dateutil.parser import ParserError
from dateutil.parser import parse as parse_date_text

TRUE_WORDS = frozenset({"true", "yes", "on", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "0"})
QUOTES = "\"'\u201c\u201d\u2018\u2019"
# ``YYYY-MM-DD`` with an optional time and offset: the dates people write in
# front matter, which datetime reads as dateutil does.
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
# Front matter keys myst-parser does not copy into a page's metadata, and the
# metadata it writes there itself.
MYST_OWN_KEYS = frozenset({"myst", "mystnb", "substitutions", "html_meta", "wordcount", "myst_slugs"})
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?")


class ValueProblem(ValueError):
    """A front matter value that cannot be used; the message says what to write."""


def parse_list(text: str) -> list[str]:
    """Items of a list-valued field: ``a, b``, ``[a, b]`` or ``["a", 'b']``.

    Empty items and repeats are dropped, so ``tags: []`` gives no tag at all
    (ablog would make a tag with an empty name).
    """
    text = text.strip()
    items: list[object]
    if text.startswith("[") and text.endswith("]"):
        try:
            loaded = json.loads(text)
        except ValueError:
            try:
                loaded = yaml.safe_load(text)
            except yaml.YAMLError:
                loaded = None
        if not isinstance(loaded, list):
            loaded = [part.strip().strip(QUOTES) for part in text[1:-1].split(",")]
        items = loaded
    else:
        items = list(text.split(","))
    result: list[str] = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise ValueProblem(f"nested value {json.dumps(item)} is not allowed; write a flat list of names")
        name = str(item).strip().strip(QUOTES).strip() if item is not None else ""
        if name and name not in result:
            result.append(name)
    return result


def parse_bool(text: str) -> bool:
    """A YAML-ish boolean (``true``/``false``, ``yes``/``no``, ``1``/``0``)."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueProblem(f"{text.strip()!r} is not true or false")


def parse_post_date(text: str, date_format: str) -> datetime:
    """A post date as ablog reads it: ``post_date_format`` first, then any common form."""
    text = text.strip()
    try:
        return datetime.strptime(text, date_format)
    except ValueError:
        pass
    if ISO_DATE.fullmatch(text):
        # What dateutil would give (the same instant), without its general parser.
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    try:
        return parse_date_text(text)
    except (ParserError, ValueError, OverflowError) as error:
        raise ValueProblem(
            f"{text!r} is not a date (write it as YYYY-MM-DD, optionally with a time)"
        ) from error


def to_local_naive(value: datetime, zone: tzinfo) -> datetime:
    """Express an aware time in ``zone`` without tzinfo, as ablog's naive dates are.

    ablog compares post dates with naive datetimes and fails on aware ones
    (``2024-01-05T10:00:00+02:00`` in front matter), so every date becomes
    wall-clock time in ``notebook_timezone``.
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(zone).replace(tzinfo=None)


def format_naive(value: datetime) -> str:
    """Text ablog parses back to exactly ``value``."""
    return value.isoformat(sep=" ")


def frontmatter_line(source_text: str, key: str) -> int | None:
    """Line number (1-based) of ``key:`` in a Markdown file's YAML front matter."""
    lines = source_text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            return None
        if line.startswith(f"{key}:"):
            return number
    return None


def front_matter_block(source_text: str) -> tuple[str, int] | None:
    """The YAML between a Markdown file's opening ``---`` and its closing line, and where it ends.

    None when the file has no front matter; an unclosed block runs to the end.
    """
    lines = source_text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:number]), number + 1
    return "\n".join(lines[1:]), len(lines)


def front_matter_problem(source_text: str) -> tuple[str, int] | None:
    """What makes the front matter unreadable, and its line (1-based); None when it reads.

    Read from the source itself, so the answer does not depend on which of
    myst-parser's warnings the user silenced.
    """
    block = front_matter_block(source_text)
    if block is None:
        return None
    text, _end = block
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening ---, +1 one-based
        problem = getattr(error, "problem", None) or "not valid YAML"
        return str(problem), line
    if data is not None and not isinstance(data, dict):
        return "it is not a set of key: value pairs", 2
    return None


def front_matter_keys(source_text: str) -> list[str]:
    """The top-level keys a Markdown file's front matter sets, as written (``key: value`` lines).

    Leaves out the keys myst-parser keeps for itself or writes into a
    page's metadata on its own (so their presence there proves nothing).
    """
    block = front_matter_block(source_text)
    if block is None:
        return []
    keys = (match.group(1) for match in TOP_LEVEL_KEY.finditer(block[0]))
    return [key for key in keys if key not in MYST_OWN_KEYS]


def says_blogpost(source_text: str) -> bool:
    """Does the (possibly broken) front matter say ``blogpost: true``?"""
    block = front_matter_block(source_text)
    if block is None:
        return False
    return any(
        line.split(":", 1)[1].strip().strip("\"'").lower() in ("true", "yes", "on")
        for line in block[0].splitlines()
        if line.startswith("blogpost:")
    )
