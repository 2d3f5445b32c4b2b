"""Incremental builds that do not report a configuration change when nothing changed.

Sphinx compares the configuration it pickled with the new one right after
``config-inited``. Two bundled extensions change values later, at
``builder-inited``: sphinx-copybutton appends its static folder to
``html_static_path`` and myst-parser fills in ``mathjax4_config``
(``mathjax3_config`` on Sphinx 8). The pickled copy had those changes and
the fresh one not yet, so every rebuild said "The configuration has changed
(html_static_path, mathjax4_config)" and re-read every document. Here the
same values are set on ``config-inited``, and the duplicate static folder
copybutton adds later is dropped, so both copies agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def copybutton_static(app: Sphinx) -> str | None:
    """The folder sphinx-copybutton adds to ``html_static_path`` (as it spells it)."""
    if "sphinx_copybutton" not in app.extensions:
        return None
    module = app.extensions["sphinx_copybutton"].module
    return str(Path(module.__file__).parent.joinpath("_static").absolute())


def myst_mathjax_target(config: Config) -> str:
    """The MathJax setting myst-parser will update (its own rule, in its order)."""
    has_v4 = "mathjax4_config" in config
    if has_v4 and config.mathjax4_config:
        return "mathjax4_config"
    if config.mathjax3_config:
        return "mathjax3_config"
    return "mathjax4_config" if has_v4 else "mathjax3_config"


def settle_late_values(app: Sphinx, config: Config) -> None:
    """``config-inited``: set now what the extensions will set at ``builder-inited``."""
    static = copybutton_static(app)
    if static is not None and static not in config.html_static_path:
        config.html_static_path.append(static)
    if "myst_update_mathjax" not in config or "mathjax3_config" not in config:
        return
    if not config.myst_update_mathjax or "dollarmath" not in config.myst_enable_extensions:
        return
    target = myst_mathjax_target(config)
    value: dict[str, Any] = dict(config[target] or {})
    value["options"] = {**value.get("options", {}), "processHtmlClass": config.myst_mathjax_classes}
    config[target] = value


def drop_duplicate_static_paths(app: Sphinx) -> None:
    """``builder-inited`` (after copybutton): its folder is listed once, as on ``config-inited``."""
    paths = app.config.html_static_path
    unique = list(dict.fromkeys(str(path) for path in paths))
    if len(unique) != len(paths):
        paths[:] = unique


def setup_stable_config(app: Sphinx) -> None:
    """Connect after every extension's own ``config-inited`` and ``builder-inited`` handlers."""
    app.connect("config-inited", settle_late_values, priority=950)
    app.connect("builder-inited", drop_duplicate_static_paths, priority=950)
