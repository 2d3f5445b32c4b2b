"""Post dates in the site's language: month names and the order its readers expect.

Babel formats them, from the Unicode CLDR data it ships: it knows each
language's month names, grammatical forms ("5. März 2024", "2024年3月5日",
"5 марта 2024") and order, whatever locales the build machine has
installed, and without ``locale.setlocale`` (process-wide, so unsafe
beside other extensions). Sphinx already depends on it, so it costs no
install. Feeds are not touched: they keep RFC 3339.

The rule: an English site (or one with no ``language``) keeps
``post_date_format`` as ``strftime`` writes it; any other language gets the
CLDR "long" date when ``post_date_format`` is ablog's default, and the
user's own pattern, with local month names, when they chose one.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from sphinx.util.i18n import format_date as sphinx_format_date

ABLOG_DATE_FORMAT = "%d %B %Y"
"""ablog's default ``post_date_format``: a user who kept it gets the language's own long date."""

def babel_locale(language: str | None) -> Locale | None:
    """The Babel locale for a Sphinx ``language`` (``pt_BR``, ``zh-CN``), None for English or unknown."""
    if not language or language.split("_")[0].split("-")[0].lower() == "en":
        return None
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def local_date(value: date | datetime, date_format: str, language: str | None) -> str:
    """``value`` as readers of ``language`` write a date (see the module docstring for the rule)."""
    locale = babel_locale(language)
    if locale is None:
        return value.strftime(date_format)
    if date_format == ABLOG_DATE_FORMAT:
        return format_date(value, "long", locale=locale)
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    return sphinx_format_date(date_format, date=moment, language=str(locale))


def local_year(year: int | str, language: str | None) -> str:
    """An archive heading's year as the language writes it alone ("2024", "2024年", "2024년")."""
    locale = babel_locale(language)
    if locale is None:
        return str(year)
    try:
        return format_skeleton("y", date(int(year), 1, 1), locale=locale)
    except ValueError:
        return str(year)

