"""On Read the Docs, point feed and canonical links at the served version.

Read the Docs sets ``READTHEDOCS_CANONICAL_URL`` (for example
``https://name.readthedocs.io/en/latest/``) during builds. It becomes the
default of ``blog_baseurl`` and ``html_baseurl``, applied like every bundle
default: only where conf.py (or ``-D``) did not set the value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from sphinx_notebook.user_config import apply_defaults

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

ENV_NAME = "READTHEDOCS_CANONICAL_URL"
BASEURL_NAMES = ("blog_baseurl", "html_baseurl")


def canonical_defaults(environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The defaults Read the Docs' canonical URL implies (none when it is not set)."""
    url = environ.get(ENV_NAME, "").strip()
    if not url:
        return {}
    url = url if url.endswith("/") else url + "/"
    return dict.fromkeys(BASEURL_NAMES, url)


def apply_readthedocs_defaults(app: Sphinx, config: Config) -> None:
    """``config-inited``: fill in the base URLs from Read the Docs where unset."""
    defaults = canonical_defaults()
    if not defaults:
        return
    apply_defaults(config, defaults)


def setup_readthedocs(app: Sphinx) -> None:
    # After the bundle's defaults (100), before ablog reads its config (500).
    app.connect("config-inited", apply_readthedocs_defaults, priority=150)
