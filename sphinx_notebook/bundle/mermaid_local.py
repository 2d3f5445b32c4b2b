"""Mermaid without a CDN: the vendored copy, loaded lazily, hand-drawn, light and dark.

sphinxcontrib-mermaid adds its script only to pages that contain a diagram,
and that script does ``import mermaid from <mermaid_use_local>``. The vendored
mermaid 12 is a UMD file, not an ES module, so ``mermaid_use_local`` points at
our small module ``js/nb-mermaid.js`` which fetches the vendored file only
when a diagram comes near the viewport and picks the light or dark mermaid
theme from the page's ``data-theme`` at that moment.
"""

from __future__ import annotations

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


def _drop_from_generated_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Pages without a doctree (search, indices, ablog archives) show no chart.

    sphinxcontrib-mermaid only skips pages whose doctree has no diagram, so
    it adds its module script to every generated page.
    """
    if doctree is not None or app.config.mermaid_use_local != SHIM:
        return
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = [js for js in scripts if SHIM not in str(getattr(js, "attributes", {}).get("body", ""))]


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
    app.connect("html-page-context", _drop_from_generated_pages, priority=600)
    app.add_post_transform(MermaidSourceWithoutRenderer)
