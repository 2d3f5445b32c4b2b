"""Which links and HTML extensions a formula may carry, as KaTeX's ``trust`` option.

MathJax-era posts write ``\\href{https://…}{text}`` and ``\\url{…}`` inside
formulas; KaTeX draws them only when trusted, and otherwise shows red TeX with
no error at all. The policy here makes them real links when they point at
http, https, mailto or a relative URL (``#anchor``, ``../post.html``) and
refuses anything else (``javascript:``, ``data:``, ``file:``) with a message
the build turns into a ``notebook.math`` warning. KaTeX's own parser works
out each URL's protocol, so this check sees exactly what a browser would.

``\\htmlClass``, ``\\htmlId``, ``\\htmlStyle`` and ``\\htmlData`` are kept:
the post's author wrote them, KaTeX escapes their values and none can run a
script. ``\\includegraphics`` is refused: an image in a formula would be
fetched from wherever it points and never copied by Sphinx; use a figure.
Pure: the trust function is JavaScript run next to KaTeX.
"""

from __future__ import annotations

import html
import re

from sphinx_notebook.jsengine import to_js

LINK_COMMANDS = ("\\href", "\\url")
LINK_PROTOCOLS = ("http", "https", "mailto", "_relative")
"""KaTeX's names: ``_relative`` is a URL with no scheme."""
HTML_COMMANDS = ("\\htmlClass", "\\htmlId", "\\htmlStyle", "\\htmlData")
REFUSED_COMMANDS = ("\\includegraphics",)


def refusal(command: str, protocol: str | None, url: str | None) -> str | None:
    """Why ``command`` is refused (the warning text), or None when it is allowed."""
    if command in LINK_COMMANDS:
        if protocol in LINK_PROTOCOLS:
            return None
        return f"refused {command} to {url!r}: only http, https, mailto and relative links are allowed"
    if command in REFUSED_COMMANDS:
        return f"refused {command}: put images in a figure, not inside a formula"
    return None


_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]")
_PROTOCOL = re.compile(r"^([^\\/#?]*?):", re.S)
_MATHML_HREF = re.compile(r'\shref="([^"]*)"')


def url_protocol(url: str) -> str:
    """The protocol a browser would see in ``url`` (``_relative`` when it has none), as KaTeX computes it."""
    cleaned = _CONTROL_AND_SPACE.sub("", html.unescape(url))
    match = _PROTOCOL.match(cleaned)
    return match.group(1).lower() if match else "_relative"


def police_mathml_links(mathml: str) -> tuple[str, list[str]]:
    """Drop ``href`` attributes the policy refuses from MathML (MathJax's output); say which."""
    refusals: list[str] = []

    def check(match: re.Match[str]) -> str:
        url = match.group(1)
        reason = refusal("\\href", url_protocol(url), html.unescape(url))
        if reason is None:
            return match.group(0)
        refusals.append(reason)
        return ""

    return _MATHML_HREF.sub(check, mathml), refusals


TRUST_SCRIPT = f"""
var nbLinkPolicy = {{
  links: {to_js(list(LINK_COMMANDS))},
  protocols: {to_js(list(LINK_PROTOCOLS))},
  refused: {to_js(list(REFUSED_COMMANDS))}
}};
function nbTrust(refusals) {{
  return function (context) {{
    var command = context.command;
    if (nbLinkPolicy.links.indexOf(command) >= 0) {{
      if (nbLinkPolicy.protocols.indexOf(context.protocol) >= 0) {{
        return true;
      }}
      refusals.push("refused " + command + " to '" + context.url +
        "': only http, https, mailto and relative links are allowed");
      return false;
    }}
    if (nbLinkPolicy.refused.indexOf(command) >= 0) {{
      refusals.push("refused " + command + ": put images in a figure, not inside a formula");
      return false;
    }}
    return true;
  }};
}}
"""
"""Defines ``nbTrust(refusals)``: KaTeX's ``trust`` option, noting each refusal."""
