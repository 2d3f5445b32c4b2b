/* sphinx_notebook: the light/dark toggle and the wide-screen page toc.
   The inline script in <head> has already set data-theme before first paint;
   this file only reacts to clicks and to changes of the system setting. */
(() => {
  "use strict";
  const root = document.documentElement;
  const KEY = "nb-theme";
  const system = matchMedia("(prefers-color-scheme: dark)");

  const stored = () => {
    try {
      const value = localStorage.getItem(KEY);
      return value === "light" || value === "dark" ? value : null;
    } catch (e) {
      return null; // storage disabled: follow the system
    }
  };
  const systemMode = () => (system.matches ? "dark" : "light");

  // Only touch what changes: re-setting data-theme, even to the same value,
  // makes the browser restyle the whole page (costly on long archive pages).
  const apply = (mode) => {
    if (root.getAttribute("data-theme") !== mode) root.setAttribute("data-theme", mode);
    // Sphinx binds pygments_dark.css to the system setting; follow our choice instead.
    const pygments = document.getElementById("pygments_dark_css");
    const media = mode === "dark" ? "all" : "not all";
    if (pygments && pygments.media !== media) pygments.media = media;
    for (const button of document.querySelectorAll(".nb-theme-toggle")) {
      button.setAttribute("aria-pressed", String(mode === "dark"));
    }
  };

  const toggle = () => {
    const next = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(KEY, next);
    } catch (e) {
      /* not remembered, still switched */
    }
    apply(next);
  };

  apply(stored() || systemMode());
  for (const button of document.querySelectorAll(".nb-theme-toggle")) {
    button.addEventListener("click", toggle);
  }
  system.addEventListener("change", () => {
    if (!stored()) apply(systemMode());
  });
  // Another tab switched: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) apply(stored() || systemMode());
  });

  // Print in ink: drop the dark code colours for the printout.
  window.addEventListener("beforeprint", () => {
    const pygments = document.getElementById("pygments_dark_css");
    if (pygments) pygments.media = "not all";
  });
  window.addEventListener("afterprint", () => apply(root.getAttribute("data-theme") || systemMode()));

  // A box that scrolls sideways (long code lines or formulas on a phone) must
  // be reachable by keyboard, so give it a tab stop while it scrolls.
  const SCROLLERS =
    "div.highlight pre, div.math, .katex-display, div.nb-table-wrap, pre.mermaid, .nb-diagram-body";
  const markScrollers = () => {
    for (const box of document.querySelectorAll(SCROLLERS)) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.nbScroller = "";
      } else if (!scrolls && "nbScroller" in box.dataset) {
        box.removeAttribute("tabindex");
        delete box.dataset.nbScroller;
      }
    }
  };
  markScrollers();
  let resizing = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(markScrollers);
  });

  // The page toc sits in the margin on wide screens (open) and folds above
  // the article on narrow ones.
  const toc = document.querySelector(".nb-toc details");
  if (toc) {
    const wide = matchMedia("(min-width: 90rem)");
    const sync = () => {
      toc.open = wide.matches;
    };
    sync();
    wide.addEventListener("change", sync);
  }
})();
