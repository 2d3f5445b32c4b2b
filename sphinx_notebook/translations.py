"""Our message catalog: every word the notebook shows, in the site's language.

The catalog is ``sphinx_notebook`` (sources in ``locale/<lang>/LC_MESSAGES/``,
the template in ``locale/sphinx_notebook.pot``, made by
``scripts/messages.py``). Python code calls :func:`_` and :func:`ngettext`;
templates call ``_()`` and ``ngettext()`` as in any Sphinx theme, and get our
catalog first, then Sphinx's own (which holds ablog's words too), then the
English text. A language we have no catalog for falls back to English, with
no warning: that is what gettext does.

Used as an extension (``app.setup_extension("sphinx_notebook.translations")``)
so that every part can ask for it and it is set up once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translator

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

CATALOG = "sphinx_notebook"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; translate it with :func:`_` where shown."""
    return message


def _(message: str) -> str:
    """``message`` in the site's language: our catalog, else Sphinx's (and ablog's), else English."""
    ours = get_translator(CATALOG).gettext(message)
    if ours != message:
        return ours
    return get_translator().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` (``"%d min read"``), with the language's plural rules."""
    return get_translator(CATALOG).ngettext(singular, plural, count)


def install_template_gettext(app: Sphinx) -> None:
    """``builder-inited``: templates' ``_()`` and ``ngettext()`` look in our catalog first.

    Sphinx installs its own catalog in the template environment; we put a
    gettext in front of it rather than merging our catalog into Sphinx's
    (which would change ``sphinx.locale``'s shared translator for every
    extension in the process).
    """
    environment: Any = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or not hasattr(environment, "install_gettext_callables"):
        return  # a template bridge of the user's own, or a builder without templates
    environment.install_gettext_callables(_, ngettext, newstyle=False)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the catalog (for the configured language), the template gettext, RTL pages."""
    from sphinx_notebook.textdirection import set_direction

    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    app.connect("builder-inited", install_template_gettext)
    # Late, so that an ``html_tag`` set by another extension gets the attribute too.
    app.connect("html-page-context", set_direction, priority=900)
    return {"version": "builtin", "parallel_read_safe": True, "parallel_write_safe": True}
