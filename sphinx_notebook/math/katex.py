"""Render TeX with the vendored KaTeX inside this process's QuickJS engine.

Free of Sphinx imports so feeds and tests can call it directly. KaTeX runs
at build time: pages get HTML + MathML and never load a math script. Results
are cached per process (same TeX, mode, output and macros give the same
markup), which matters because posts repeat the same symbols over and over.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sphinx_notebook.jsengine import JSError, get_engine, vendored_file
from sphinx_notebook.math.link_policy import TRUST_SCRIPT
from sphinx_notebook.math.mathjax_fallback import enclosures_for_css, tex_to_mathml, with_tex_annotation
from sphinx_notebook.render_cache import active as active_cache
from sphinx_notebook.render_cache import cached_batch

KATEX_SCRIPT = "katex/katex.min.js"

HTML_AND_MATHML = "htmlAndMathml"
MATHML = "mathml"

# amsmath environments KaTeX lacks, mapped to the closest one it has.
_ENVIRONMENT_SUBSTITUTES = {
    "multline": "gather*",
    "multline*": "gather*",
    "flalign": "align*",
    "flalign*": "align*",
    "eqnarray": "align*",
    "eqnarray*": "align*",
}
# Numbered environments become starred: Sphinx numbers the whole block itself
# (the ``eqno`` span), and KaTeX's own CSS counters would number it twice.
_NUMBERED = ("equation", "align", "alignat", "gather")
_BEGIN_END = re.compile(r"\\(begin|end)\{([a-zA-Z]+\*?)\}")
_LABEL = re.compile(r"\\(?:label\{[^{}]*\}|nonumber\b|notag\b)")


@dataclass(frozen=True)
class Rendered:
    """KaTeX's markup for one formula, or the reason it could not parse it.

    Both are set when the formula rendered but something in it was refused
    (a ``javascript:`` link): the page gets the markup, the build a warning.
    """

    html: str | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


Key = tuple[str, bool, str, str, str]
"""What fixes a rendering: TeX, display mode, macros (as sorted JSON), output, and
the page's definitions as written (for MathJax, should KaTeX fail)."""

_RENDER_MANY_JS = """
dukpy.items.map(function (item) {
  var refusals = [];
  var options = item[1];
  options.trust = nbTrust(refusals);
  try {
    var markup = katex.renderToString(item[0], options);
    return [markup, refusals.length ? refusals.join("; ") : null];
  } catch (e) {
    if (e instanceof katex.ParseError) {
      return [null, e.rawMessage || e.message];
    }
    return [null, String(e && e.message || e)];
  }
})
"""


def cache_key(
    tex: str,
    display: bool,
    macros: dict[str, str] | None = None,
    output: str = HTML_AND_MATHML,
    definitions: str = "",
) -> Key:
    """The cache key of a rendering (macros as KaTeX's option, see ``katex_macros``)."""
    return (tex, display, json.dumps(macros or {}, sort_keys=True, ensure_ascii=False), output, definitions)


class _RenderCache:
    """A bounded, thread-safe LRU of renderings (what ``functools.lru_cache`` keeps, fillable)."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[Key, Rendered] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Key) -> Rendered | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Key, value: Rendered) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_cache = _RenderCache(8192)


BATCH_SIZE = 200
"""Formulas per engine call: enough to amortise the call, far below QuickJS's memory limit."""


def render_many(keys: list[Key]) -> list[tuple[str | None, str | None]]:
    """Render several formulas, a batch per engine call: ``(html, error)`` for each.

    One call costs about half a millisecond on top of KaTeX's own work, so
    a document's formulas go together, ``BATCH_SIZE`` at a time. Runs in the
    prefetch helper too (see ``prefetch``), hence plain tuples.
    """
    results: list[tuple[str | None, str | None]] = []
    for start in range(0, len(keys), BATCH_SIZE):
        results.extend(_render_batch(keys[start : start + BATCH_SIZE]))
    return _fall_back_to_mathjax(keys, results)


def _fall_back_to_mathjax(
    keys: list[Key], results: list[tuple[str | None, str | None]]
) -> list[tuple[str | None, str | None]]:
    """MathML from MathJax for each formula KaTeX could not render; KaTeX's error if neither can."""
    failed = [index for index, (markup, _error) in enumerate(results) if markup is None]
    if not failed:
        return results
    fallback = tex_to_mathml([(keys[i][4] + keys[i][0], keys[i][1]) for i in failed])
    results = list(results)
    for index, (mathml, message) in zip(failed, fallback, strict=True):
        if mathml is not None:  # the message, if any, names a refused link
            mathml = with_tex_annotation(mathml, keys[index][0])
            if keys[index][3] == HTML_AND_MATHML:
                mathml = enclosures_for_css(mathml)
            results[index] = (f'<span class="nb-mathjax">{mathml}</span>', message)
        else:
            results[index] = (None, f"{results[index][1]} (MathJax: {message})")
    return results


def _render_batch(keys: list[Key]) -> list[tuple[str | None, str | None]]:
    """One engine call; when the engine itself fails (memory, stack), halve and retry.

    Only a formula that fails alone keeps the engine's error, so one
    pathological formula never costs its neighbours their rendering.
    """
    items = [_item(key) for key in keys]
    try:
        salt, assets = _RENDER_MANY_JS + TRUST_SCRIPT, (vendored_file(KATEX_SCRIPT),)
        rendered = cached_batch("katex", items, _evaluate, salt=salt, assets=assets)
        return [(html, error) for html, error in rendered]
    except JSError as error:  # the engine itself failed, not a formula
        if len(keys) == 1:
            return [(None, str(error).splitlines()[0])]
        middle = len(keys) // 2
        return _render_batch(keys[:middle]) + _render_batch(keys[middle:])


def _item(key: Key) -> list[Any]:
    """What the engine (and the render cache's key) gets for ``key``."""
    tex, display, macros_key, output, _definitions = key
    options = {
        "displayMode": display,
        "output": output,
        "throwOnError": True,
        # Sphinx reports what matters; strict-mode notes would only go to the console.
        "strict": "ignore",
        "macros": json.loads(macros_key),
    }
    return [tex, options]


def _evaluate(items: list[Any]) -> Any:
    """KaTeX on ``items`` in this process's engine (what the render cache does not have).

    KaTeX is loaded here, not before the cache is asked: a build whose
    formulas are all in the cache never starts QuickJS for them.
    """
    engine = get_engine()
    engine.load_vendor(KATEX_SCRIPT)
    engine.load("sphinx_notebook/link_policy", TRUST_SCRIPT)
    return engine.evaluate(_RENDER_MANY_JS, items=items)


def stored(key: Key) -> Rendered | None:
    """The rendering of ``key`` in the build's render cache on disk, now remembered; no engine needed.

    A formula KaTeX failed on is left to ``render_key``, which adds the MathJax fallback.
    """
    cache = active_cache()
    if cache is None:
        return None
    salt, assets = _RENDER_MANY_JS + TRUST_SCRIPT, (vendored_file(KATEX_SCRIPT),)
    value = cache.get("katex", cache.key("katex", salt, assets, _item(key)))
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str):
        return None
    rendered = Rendered(value[0], value[1])
    _cache.put(key, rendered)
    return rendered


def cached(key: Key) -> Rendered | None:
    """The rendering of ``key`` if this process has it."""
    return _cache.get(key)


def remember(key: Key, rendered: Rendered) -> None:
    """Keep a rendering made elsewhere (a batch, a helper process)."""
    _cache.put(key, rendered)


def render(
    tex: str, *, display: bool, macros: dict[str, str] | None = None, output: str = HTML_AND_MATHML
) -> Rendered:
    """Render ``tex``; ``macros`` maps ``"\\R"`` style names to bodies (KaTeX's option)."""
    return render_key(cache_key(tex, display, macros, output))


def render_key(key: Key) -> Rendered:
    """Render (or recall) the formula ``key`` describes."""
    found = _cache.get(key)
    if found is None:
        found = Rendered(*render_many([key])[0])
        _cache.put(key, found)
    return found


def render_mathml(tex: str, display: bool, macros: dict[str, str] | None = None) -> str:
    """MathML only (no CSS needed), for feeds and epub; falls back to the escaped TeX."""
    rendered = render(tex, display=display, macros=macros, output=MATHML)
    if rendered.html is None:
        return f'<code class="nb-math-error">{html.escape(tex)}</code>'
    return rendered.html


_MATHML_PART = re.compile(r'<span class="katex-mathml">(<math\b.*?</math>)</span>', re.S)


def katex_to_mathml(markup: str) -> str:
    """Replace every KaTeX ``htmlAndMathml`` rendering in ``markup`` by its MathML alone.

    Feed readers drop stylesheets, so the HTML half of KaTeX's output would show
    as a jumble; its MathML half reads fine on its own. Used on feed entries.
    """
    pieces: list[str] = []
    position = 0
    for match in re.finditer(r'<span class="katex(?:-display)?">', markup):
        if match.start() < position:
            continue
        start = match.start()
        end = _matching_span_end(markup, start)
        if end is None:
            continue
        mathml = _MATHML_PART.search(markup, start, end)
        if mathml is None:
            continue
        pieces.append(markup[position:start])
        pieces.append(mathml.group(1))
        position = end
    pieces.append(markup[position:])
    return "".join(pieces)


_SPAN_TAG = re.compile(r"<span\b|</span>")


def _matching_span_end(markup: str, start: int) -> int | None:
    """Index just past the ``</span>`` closing the ``<span`` at ``start``."""
    depth = 0
    for tag in _SPAN_TAG.finditer(markup, start):
        depth += 1 if tag.group() == "<span" else -1
        if depth == 0:
            return tag.end()
    return None


def prepare_environment(tex: str) -> str:
    """Make an amsmath environment (MyST's ``nowrap`` blocks) renderable by KaTeX.

    Labels and ``\\nonumber`` go (KaTeX has no ``\\label``; the block's number
    comes from Sphinx), numbered environments become starred and the few
    environments KaTeX lacks become their nearest relative.
    """
    tex = _LABEL.sub("", tex)

    def substitute(match: re.Match[str]) -> str:
        kind, name = match.group(1), match.group(2)
        if name in _ENVIRONMENT_SUBSTITUTES:
            name = _ENVIRONMENT_SUBSTITUTES[name]
        elif name in _NUMBERED:
            name += "*"
        return f"\\{kind}{{{name}}}"

    return _BEGIN_END.sub(substitute, tex).strip()


def wrap_display(tex: str) -> str:
    """Join Sphinx display math the way LaTeX output does: blank lines split equations."""
    parts = [part.strip() for part in tex.split("\n\n") if part.strip()]
    if len(parts) > 1:
        return "\\begin{aligned}" + " \\\\ ".join(parts) + "\\end{aligned}"
    if parts and "\\\\" in parts[0]:
        return "\\begin{aligned}" + parts[0] + "\\end{aligned}"
    return parts[0] if parts else ""
