"""Mermaid without a CDN: the vendored copy, loaded lazily, hand-drawn, light and dark.

sphinxcontrib-mermaid adds an inline ES-module script to pages with a chart,
doing ``import mermaid from <mermaid_use_local>``. Browsers refuse module
imports on pages opened from disk (file://), so charts never drew there.
With ``mermaid_use_local`` left at our ``js/nb-mermaid.js``, that module
script is swapped for ``js/nb-mermaid.js`` as a classic script, carrying
the same settings in data attributes; it loads the vendored (UMD) mermaid
only when a chart comes near the viewport, in the hand-written font, with the
light or dark mermaid theme of the moment.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_notebook.static_assets import StaticFiles, part_static_dir, ship_static
from sphinx_notebook.user_config import apply_defaults

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SHIM = "js/nb-mermaid.js"
VENDORED = "vendor/mermaid/mermaid.min.js"
MERMAID_FILES = StaticFiles(part_static_dir("bundle"), (SHIM, "vendor/mermaid"))
HAND_FONT = '"nb-hand", "Architects Daughter", "Comic Sans MS", cursive'
"""Mermaid's text font: the hand-written face our diagrams use (declared by the theme and diagram CSS)."""

MERMAID_DEFAULTS: dict[str, Any] = {
    "mermaid_use_local": SHIM,
    "mermaid_init_config": {"startOnLoad": False, "look": "handDrawn", "securityLevel": "strict"},
    "mermaid_light_theme": "neutral",
    "mermaid_dark_theme": "dark",
    # The full-screen viewer adds a button and a modal to every diagram;
    # diagrams here fit the (wide) column, so keep the page simple.
    "mermaid_fullscreen": False,
    # sphinxcontrib-mermaid's default fixes every diagram at 500px high.
    "mermaid_height": "auto",
}


def _apply_mermaid_defaults(app: Sphinx, config: Config) -> None:
    apply_defaults(config, MERMAID_DEFAULTS)


def _mermaid_files(app: Sphinx) -> list[StaticFiles]:
    """The loader and the vendored mermaid, unless the user points mermaid elsewhere."""
    return [MERMAID_FILES] if app.config.mermaid_use_local == SHIM else []


def _script_body(js: Any) -> str:
    return str(getattr(js, "attributes", {}).get("body", ""))


def _use_classic_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Swap sphinxcontrib-mermaid's module script for ours, a classic script that works on file://.

    Pages without a doctree (search, indices, ablog archives) show no chart,
    but sphinxcontrib-mermaid adds its script to them too: there it is only dropped.
    """
    if app.config.mermaid_use_local != SHIM:
        return
    scripts = context.get("script_files")
    if not isinstance(scripts, list) or not any(SHIM in _script_body(js) for js in scripts):
        return
    scripts[:] = [js for js in scripts if SHIM not in _script_body(js)]
    if doctree is None:
        return
    config = app.config
    settings = {
        "init": config.mermaid_init_config,
        "light": config.mermaid_light_theme,
        "dark": config.mermaid_dark_theme,
        "font": HAND_FONT,
        "width": config.mermaid_width,
        "height": config.mermaid_height,
    }
    app.add_js_file(SHIM, priority=config.mermaid_js_priority, **{
        "data-mermaid": context["pathto"]("_static/" + VENDORED, resource=True),
        "data-config": json.dumps(settings, sort_keys=True),
    })


class MermaidSourceWithoutRenderer(SphinxPostTransform):
    """Show a chart's source in LaTeX and Texinfo output when ``mmdc`` is missing.

    sphinxcontrib-mermaid renders those formats with the mermaid CLI (a Node
    program); without it every chart is a warning that fails ``-W`` builds
    and leaves a hole in the PDF. Mermaid source is written to be read, so a
    literal block keeps the content.
    """

    default_priority = 200
    builders = ("latex", "texinfo")

    def run(self, **kwargs: Any) -> None:
        if shutil.which(str(self.config.mermaid_cmd)):
            return
        from sphinxcontrib.mermaid import mermaid as mermaid_node

        for node in list(self.document.findall(mermaid_node)):
            code = str(node.get("code", ""))
            literal = nodes.literal_block(code, code, language="text")
            literal["classes"].append("nb-mermaid-source")
            node.replace_self(literal)


def setup_mermaid_local(app: Sphinx) -> None:
    """Set mermaid defaults before sphinxcontrib-mermaid reads them; ship the vendored copy."""
    if "mermaid_use_local" not in app.config:
        return
    app.connect("config-inited", _apply_mermaid_defaults, priority=100)
    ship_static(app, _mermaid_files)
    app.connect("html-page-context", _use_classic_script, priority=600)
    app.add_post_transform(MermaidSourceWithoutRenderer)
