/* sphinx_notebook: draws mermaid charts with the vendored mermaid, from a classic script.

   sphinxcontrib-mermaid's own page script is an ES module that imports
   mermaid; browsers refuse module imports on pages opened from disk
   (file://), so charts never drew there. This classic script replaces it
   (theme/mermaid.py swaps the tags) and does the same job: it loads the
   vendored mermaid (a UMD file, so a plain <script> tag works everywhere)
   only when a chart comes near the viewport, draws with the light or dark
   mermaid theme matching the page's data-theme (or the system setting),
   in the hand-written font, and draws again when the theme changes.

   Settings come from the script tag: data-mermaid (the vendored file's URL)
   and data-config (JSON: init, light, dark, font, width, height). */
(() => {
  "use strict";
  const tag = document.currentScript;
  if (!tag) return;
  const settings = JSON.parse(tag.dataset.config || "{}");
  const mermaidUrl = tag.dataset.mermaid;
  const drawn = new Set();
  let loading = null;
  let queue = Promise.resolve();

  const loadMermaid = () => {
    loading ??= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = mermaidUrl;
      script.onload = () => resolve(window.mermaid);
      script.onerror = () => reject(new Error(`could not load ${mermaidUrl}`));
      document.head.append(script);
    });
    return loading;
  };

  const systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const isDark = () => {
    const theme = document.documentElement.dataset.theme;
    if (theme === "dark" || theme === "light") return theme === "dark";
    return Boolean(systemDark && systemDark.matches);
  };

  const configFor = (dark) => {
    const init = { ...(settings.init || {}), startOnLoad: false, darkMode: dark };
    init.theme = dark ? settings.dark || "dark" : settings.light || "default";
    if (settings.font) {
      init.fontFamily ??= settings.font;
      init.themeVariables = { fontFamily: settings.font, ...(init.themeVariables || {}) };
    }
    return init;
  };

  const fontReady = () => {
    if (!settings.font || !document.fonts) return Promise.resolve();
    const first = settings.font.split(",")[0].trim();
    return document.fonts.load(`16px ${first}`).catch(() => undefined);
  };

  /* Draws the given charts; mermaid.run must never run twice at once, so calls queue up. */
  const draw = (nodes) => {
    queue = queue
      .then(async () => {
        const [mermaid] = await Promise.all([loadMermaid(), fontReady()]);
        mermaid.initialize(configFor(isDark()));
        for (const node of nodes) {
          if (node.dataset.nbSource === undefined) node.dataset.nbSource = node.innerHTML;
          else node.innerHTML = node.dataset.nbSource;
          node.removeAttribute("data-processed");
          drawn.add(node);
        }
        await mermaid.run({ nodes });
      })
      .catch((error) => console.error("mermaid:", error));
    return queue;
  };

  const addStyles = () => {
    const style = document.createElement("style");
    style.textContent =
      `pre.mermaid{display:block;width:${settings.width || "100%"}}` +
      `pre.mermaid>svg{height:${settings.height || "auto"};width:100%;max-width:100%!important}`;
    document.head.prepend(style);
  };

  const start = () => {
    const charts = [...document.querySelectorAll(".mermaid")];
    if (!charts.length) return;
    addStyles();
    if (!("IntersectionObserver" in window)) {
      draw(charts);
    } else {
      const observer = new IntersectionObserver(
        (entries) => {
          const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
          for (const node of near) observer.unobserve(node);
          if (near.length) draw(near);
        },
        { rootMargin: "100px 0px" },
      );
      for (const chart of charts) observer.observe(chart);
    }
    let dark = isDark();
    const redraw = () => {
      if (isDark() === dark) return;
      dark = isDark();
      if (drawn.size) draw([...drawn]);
    };
    new MutationObserver(redraw).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ["data-theme"],
    });
    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", redraw);
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
