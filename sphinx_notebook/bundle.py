"""Load the extensions a notebook site needs and give them good defaults.

``extensions = ["sphinx_notebook"]`` is the whole setup: this module loads
myst-parser, ablog, sphinxcontrib-mermaid and sphinx-copybutton, and on
``config-inited`` fills in defaults for the values the user left unset. A value
counts as unset while it still equals the default its extension registered, so
anything written in conf.py (or passed with ``-D``) always wins. Which names
conf.py sets is read from its syntax tree (Sphinx has no public way to ask),
so a user's explicit ``numfig = False`` is kept even though it equals
Sphinx's own default.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

BUNDLED_EXTENSIONS: tuple[str, ...] = (
    "myst_parser",
    "ablog",
    "sphinxcontrib.mermaid",
    "sphinx_copybutton",
)

MYST_EXTENSIONS: tuple[str, ...] = (
    "dollarmath",
    "amsmath",
    "colon_fence",
    "deflist",
    "fieldlist",
    "attrs_inline",
)

# Prompts a reader should not copy: shell ($ and #), Python (>>> and ...),
# IPython (In [1]:) and continuation markers.
COPYBUTTON_PROMPTS = r"\$ |# |>>> |\.\.\. |In \[\d*\]: | {2,5}\.\.\.: | {5,8}: "

DefaultValue = Any | Callable[["Config"], Any]

DEFAULTS: Mapping[str, DefaultValue] = {
    "myst_enable_extensions": list(MYST_EXTENSIONS),
    "myst_heading_anchors": 3,
    "numfig": True,
    "copybutton_prompt_text": COPYBUTTON_PROMPTS,
    "copybutton_prompt_is_regexp": True,
    "copybutton_exclude": ".linenos, .gp, .go",
    "blog_post_pattern": ["posts/*.md", "posts/*.rst", "posts/*/*.md", "posts/*/*.rst"],
    "blog_feed_fulltext": True,
    "blog_feed_length": 20,
    "blog_title": lambda config: config.project,
    "blog_path": "blog",
}


def names_set_in_conf(conf_py: Path) -> tuple[frozenset[str], bool]:
    """Names conf.py assigns at module level, and whether it star-imports more."""
    try:
        tree = ast.parse(conf_py.read_bytes(), filename=str(conf_py))
    except (OSError, SyntaxError, ValueError):
        return frozenset(), True
    names: set[str] = set()
    star_import = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, ast.ImportFrom):
            star_import = star_import or any(alias.name == "*" for alias in node.names)
            names.update(alias.asname or alias.name for alias in node.names)
            continue
        else:
            continue
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name):
                    names.add(leaf.id)
    return frozenset(names), star_import


def equals_registered_default(config: Config, name: str) -> bool:
    """True while ``name`` still holds the default its extension registered."""
    default = config.values[name].default
    if callable(default):
        default = default(config)
    return bool(config[name] == default)


def apply_defaults(
    config: Config,
    defaults: Mapping[str, DefaultValue],
    user_names: frozenset[str],
    *,
    user_names_complete: bool = True,
) -> list[str]:
    """Set each default the user did not set themselves; return the names set.

    When conf.py star-imports another module (``user_names_complete`` false),
    a value that differs from its registered default is also taken as the
    user's.
    """
    applied = []
    for name, value in defaults.items():
        if name not in config or name in user_names or name in config.overrides:
            continue
        if not user_names_complete and not equals_registered_default(config, name):
            continue
        config[name] = value(config) if callable(value) else copy.deepcopy(value)
        applied.append(name)
    return applied


def user_set_names(app: Sphinx) -> tuple[frozenset[str], bool]:
    """Names the project's conf.py sets, and whether that list is complete.

    The list is incomplete when conf.py star-imports another module.
    """
    conf_py = Path(app.confdir) / "conf.py" if app.confdir is not None else None
    if conf_py is None or not conf_py.is_file():
        return frozenset(), True
    names, star_import = names_set_in_conf(conf_py)
    return names, not star_import


def apply_user_unset_defaults(app: Sphinx, config: Config, defaults: Mapping[str, DefaultValue]) -> list[str]:
    """Apply ``defaults`` for the values this project's user left unset."""
    user_names, complete = user_set_names(app)
    return apply_defaults(config, defaults, user_names, user_names_complete=complete)


def _apply_bundle_defaults(app: Sphinx, config: Config) -> None:
    apply_user_unset_defaults(app, config, DEFAULTS)


def setup_bundle(app: Sphinx) -> None:
    """Load the bundled extensions; defaults go in before they read their config."""
    for name in BUNDLED_EXTENSIONS:
        app.setup_extension(name)
    # Runs before the bundled extensions' own config-inited handlers (priority
    # 500), so ablog sees our blog_post_pattern when it globs for posts.
    app.connect("config-inited", _apply_bundle_defaults, priority=100)
