"""sphinxcontrib-mermaid's page script, without compiling its templates for every page.

sphinxcontrib-mermaid's ``html-page-context`` handler (``install_js``) builds
the module script of each page with a chart from three Jinja templates, and
compiles them from their source strings every time: three compiles per page,
about a tenth of a serial build's writing. It also runs in full for pages
without a doctree (search, indices, ablog's archives), whose script
:mod:`.mermaid_local` then removes again.

This module takes the handler's place in Sphinx's listener list (same
position, so the order of every page's scripts is unchanged) and

- compiles each template source once per process, handing the handler the
  compiled template while it runs: the rendered script is the same text;
- skips pages without a doctree when :mod:`.mermaid_local` would drop their
  script anyway (the vendored loader, no d3 zoom script).

Pages whose doctree has no chart were already skipped by the handler itself.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sphinx_notebook.bundle.mermaid_local import SHIM

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

EVENT = "html-page-context"
Handler = Callable[..., Any]


class CompiledTemplates:
    """``jinja2.Template(source)`` compiled once per source, for one process.

    jinja2 keeps one shared environment for templates made from a string, so
    a template compiled once renders the same text as one compiled again.
    """

    def __init__(self, template_class: type) -> None:
        self._template_class = template_class
        self._compiled: dict[str, Any] = {}
        self.compiles = 0

    def __call__(self, source: str, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:  # options change the environment: compile as asked
            return self._template_class(source, *args, **kwargs)
        found = self._compiled.get(source)
        if found is None:
            found = self._compiled[source] = self._template_class(source)
            self.compiles += 1
        return found


class ChartPageScripts:
    """The replacement ``html-page-context`` handler, wrapping sphinxcontrib-mermaid's."""

    def __init__(self, module: Any, handler: Handler) -> None:
        self._module = module
        self._handler = handler
        self._lock = threading.Lock()
        self.templates = CompiledTemplates(module.Template)

    def __call__(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        if doctree is None and self._script_dropped_anyway(app):
            return
        # findall with a class walks fast; next_node(cls) tests each node through a function.
        if doctree is not None and next(doctree.findall(self._module.mermaid), None) is None:
            return
        with self._compiled_templates():
            self._handler(app, pagename, templatename, context, doctree)

    @staticmethod
    def _script_dropped_anyway(app: Sphinx) -> bool:
        """What :mod:`.mermaid_local` removes from generated pages is all the handler would add."""
        config = app.config
        return config.mermaid_use_local == SHIM and not config.mermaid_d3_zoom

    @contextlib.contextmanager
    def _compiled_templates(self) -> Iterator[None]:
        """The module's ``Template`` is the compiling cache while the handler runs."""
        with self._lock:
            original = self._module.Template
            self._module.Template = self.templates
            try:
                yield
            finally:
                self._module.Template = original


def replace_install_js(app: Sphinx) -> ChartPageScripts | None:
    """Put a :class:`ChartPageScripts` where sphinxcontrib-mermaid's handler is listened to.

    Does nothing (returns None) when the extension is not loaded or no longer
    has the handler and template this module knows.
    """
    try:
        from sphinxcontrib import mermaid as module
    except ImportError:
        return None
    handler = getattr(module, "install_js", None)
    if handler is None or not isinstance(getattr(module, "Template", None), type):
        return None
    listeners = app.events.listeners.get(EVENT, [])
    for index, listener in enumerate(listeners):
        if listener.handler is handler:
            wrapper = ChartPageScripts(module, handler)
            listeners[index] = listener._replace(handler=wrapper)
            return wrapper
    return None


def setup_mermaid_pages(app: Sphinx) -> None:
    """Call after ``sphinxcontrib.mermaid`` is set up."""
    replace_install_js(app)
