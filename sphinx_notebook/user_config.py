"""Which configuration values the user set, and defaults for the others.

Every default sphinx_notebook gives another package's value (``numfig``,
``myst_enable_extensions``, mermaid's look...) applies only where the user
left the value unset: in conf.py's namespace or with ``-D``. Sphinx has no
public way to ask what conf.py set, so this module is the one place that
reads Sphinx's private ``Config._raw_config`` (the namespace conf.py left
behind, tested on Sphinx 8.2 to 9.x). Without it, a value counts as the
user's when it differs from its registered default. A ``numfig = False``
inside a function in conf.py is not in that namespace and is not a setting.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.config import Config

DefaultValue = Any | Callable[["Config"], Any]


def _conf_namespace(config: Config) -> Mapping[str, Any] | None:
    """conf.py's namespace, or None if this Sphinx keeps it elsewhere."""
    # Private: Sphinx keeps the executed conf.py here (8.2 to 9.x) and offers
    # no public accessor; guarded so a future Sphinx falls back to comparing
    # values with their defaults.
    try:
        raw = config._raw_config
    except AttributeError:
        return None
    return raw if isinstance(raw, Mapping) else None


def equals_registered_default(config: Config, name: str) -> bool:
    """True while ``name`` still holds the default its extension registered."""
    default = config.values[name].default
    if callable(default):
        default = default(config)
    return bool(config[name] == default)


def is_user_set(config: Config, name: str) -> bool:
    """Did conf.py or a ``-D`` option set ``name``?"""
    if name in config.overrides:
        return True
    namespace = _conf_namespace(config)
    if namespace is None:
        return name in config and not equals_registered_default(config, name)
    return name in namespace


def user_value(config: Config, name: str, default: Any = None) -> Any:
    """What conf.py (or ``-D``) set ``name`` to, before any extension changed it."""
    if name in config.overrides:
        return config.overrides[name]
    namespace = _conf_namespace(config)
    if namespace is None:
        return config[name] if is_user_set(config, name) else default
    return namespace.get(name, default)


def apply_defaults(config: Config, defaults: Mapping[str, DefaultValue]) -> list[str]:
    """Set each default the user did not set themselves; return the names set.

    A name no loaded extension declares is skipped, so a part can list
    defaults for packages that may be absent.
    """
    applied = []
    for name, value in defaults.items():
        if name not in config or is_user_set(config, name):
            continue
        config[name] = value(config) if callable(value) else copy.deepcopy(value)
        applied.append(name)
    return applied
