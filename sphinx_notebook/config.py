"""Every ``notebook_*`` configuration value, declared once.

The table below is the single source of truth: each part registers its own
rows with ``setup_settings`` (so ``sphinx_notebook.diagram`` alone declares
only the diagram values), they are checked on ``config-inited`` (a bad value
falls back to its default with a ``notebook.config`` warning), and the docs'
configuration reference is generated from the whole table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sphinx_notebook.warning_types import WarningSubtype, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = get_logger(__name__)


@dataclass(frozen=True)
class Setting:
    """One configuration value: its name, default, accepted types and help text."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    part: str
    """The extension that declares it: ``diagram``, ``math`` or ``blog``."""
    rebuild: str = "env"
    choices: tuple[Any, ...] = ()
    check: Callable[[Any], str | None] | None = field(default=None, compare=False)
    """Extra validation: returns a message when the value is unusable."""


def _check_macros(value: Any) -> str | None:
    for name, body in value.items():
        if not isinstance(name, str) or not name.isalpha():
            return f"macro name {name!r} must be letters only (write it without the backslash)"
        if isinstance(body, str):
            continue
        if (
            isinstance(body, (list, tuple))
            and len(body) == 2
            and isinstance(body[0], str)
            and isinstance(body[1], int)
            and 0 <= body[1] <= 9
        ):
            continue
        return f"macro {name!r} must be a TeX string or [body, number_of_arguments]"
    return None


def _check_timezone(value: Any) -> str | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r} (use an IANA name such as 'Europe/Paris')"
    return None


FEED_FORMATS = ("atom", "rss", "json")


def _check_feed_formats(value: Any) -> str | None:
    unknown = [name for name in value if name not in FEED_FORMATS]
    if unknown or not value:
        options = ", ".join(repr(name) for name in FEED_FORMATS)
        return f"{unknown[0]!r} is not a feed format (use {options})" if unknown else "no feed format given"
    return None


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "notebook_math_renderer",
        "katex",
        (str,),
        "How HTML math is rendered: 'katex' renders at build time (no script on the page); "
        "'mathjax' serves the vendored MathJax for TeX that KaTeX does not support.",
        rebuild="html",
        choices=("katex", "mathjax"),
        part="math",
    ),
    Setting(
        "notebook_math_macros",
        {},
        (dict,),
        "TeX macros shared by KaTeX, MathJax and LaTeX output: {'R': r'\\mathbb{R}'} or, "
        "with arguments, {'norm': [r'\\lVert #1 \\rVert', 1]}.",
        check=_check_macros,
        part="math",
    ),
    Setting(
        "notebook_timezone",
        "UTC",
        (str,),
        "IANA time zone for post dates without one, used in feeds and on pages.",
        check=_check_timezone,
        part="blog",
    ),
    Setting(
        "notebook_diagram_seed",
        1,
        (int,),
        "Base seed for hand-drawn strokes when a diagram sets none; change it to re-wobble every diagram.",
        part="diagram",
    ),
    Setting(
        "notebook_diagram_roughness",
        1.0,
        (int, float),
        "Default rough.js roughness of diagram strokes (0 draws straight lines, 3 is very sketchy).",
        part="diagram",
    ),
    Setting(
        "notebook_words_per_minute",
        220,
        (int,),
        "Reading speed used for the reading time shown on posts and listings.",
        rebuild="html",
        part="blog",
    ),
    Setting(
        "notebook_feed_formats",
        ["atom"],
        (list, tuple),
        "Feed formats written for the blog and each archive: any of 'atom', 'rss' (RSS 2.0) "
        "and 'json' (JSON Feed 1.1); each is announced in the page head and the Subscribe menu.",
        rebuild="html",
        part="blog",
        check=_check_feed_formats,
    ),
    Setting(
        "notebook_social_cards",
        True,
        (bool,),
        "Draw a 1200x630 hand-drawn preview picture (og:image) for each post when the site's "
        "base URL is known; False turns them off. A post's front matter 'image:' wins.",
        rebuild="html",
        part="blog",
    ),
    Setting(
        "notebook_social_card_fonts",
        [],
        (list, tuple),
        "Font files (TrueType, OpenType or WOFF2, paths relative to conf.py) for card titles in scripts the "
        "hand-written font lacks, such as CJK; the system's fonts are tried after them.",
        rebuild="html",
        part="blog",
    ),
    Setting(
        "notebook_sitemap",
        True,
        (bool,),
        "Write sitemap.xml and a robots.txt pointing at it when the site's base URL is known "
        "(a robots.txt of your own in html_extra_path wins).",
        rebuild="html",
        part="blog",
    ),
)


def setting_named(name: str) -> Setting:
    """Look a declared setting up by name."""
    for setting in SETTINGS:
        if setting.name == name:
            return setting
    raise KeyError(name)


def problem_with(setting: Setting, value: Any) -> str | None:
    """Say what is wrong with ``value`` for ``setting``, or None when it is fine."""
    if not isinstance(value, setting.types) or (isinstance(value, bool) and bool not in setting.types):
        expected = " or ".join(t.__name__ for t in setting.types)
        return f"expected {expected}, got {type(value).__name__}"
    if setting.choices and value not in setting.choices:
        options = ", ".join(repr(c) for c in setting.choices)
        return f"{value!r} is not one of {options}"
    if setting.check is not None:
        return setting.check(value)
    return None


def settings_of(part: str) -> tuple[Setting, ...]:
    """The settings one part declares."""
    return tuple(setting for setting in SETTINGS if setting.part == part)


def validate_settings(config: Config, settings: tuple[Setting, ...]) -> None:
    """Replace unusable ``notebook_*`` values by their defaults, with a typed warning."""
    for setting in settings:
        value = config[setting.name]
        problem = problem_with(setting, value)
        if problem:
            warn(
                logger,
                WarningSubtype.config,
                "%s: %s; using the default %r",
                setting.name,
                problem,
                setting.default,
            )
            config[setting.name] = setting.default


def setup_settings(app: Sphinx, part: str) -> None:
    """Declare one part's settings and check them once conf.py is read."""
    settings = settings_of(part)
    for setting in settings:
        if setting.name in app.config:
            continue  # a second load of the same part
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,  # type: ignore[arg-type]
            types=setting.types,
            description=setting.help,
        )

    def validate(app: Sphinx, config: Config) -> None:
        validate_settings(config, settings)

    app.connect("config-inited", validate, priority=400)
