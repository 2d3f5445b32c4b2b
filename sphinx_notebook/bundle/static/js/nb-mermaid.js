/* sphinx_notebook: an ES-module face for the vendored (UMD) mermaid.

   sphinxcontrib-mermaid's page script does `import mermaid from <this file>`,
   then calls mermaid.initialize(config) and mermaid.run({nodes}). The 5 MB
   mermaid file is fetched only when a diagram comes near the viewport, and
   each diagram renders with the mermaid theme that matches the page's
   data-theme at that moment (the page script re-initializes on toggle). */
const MERMAID_URL = new URL("../vendor/mermaid/mermaid.min.js", import.meta.url).href;

let config = { startOnLoad: false };
let loading = null;
const waiting = new Set();

const loadMermaid = () => {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = MERMAID_URL;
    script.onload = () => resolve(globalThis.mermaid);
    script.onerror = () => reject(new Error(`could not load ${MERMAID_URL}`));
    document.head.append(script);
  });
  return loading;
};

const render = async (nodes) => {
  const mermaid = await loadMermaid();
  mermaid.initialize(config);
  await mermaid.run({ nodes });
  for (const node of nodes) node.removeAttribute("data-mermaid-deferred");
};

// Serialised: mermaid.run must not run twice at once.
let queue = Promise.resolve();
const enqueue = (nodes) => {
  queue = queue.then(() => render(nodes)).catch((error) => console.error("mermaid:", error));
  return queue;
};

const observer =
  "IntersectionObserver" in globalThis
    ? new IntersectionObserver(
        (entries) => {
          const ready = entries.filter((e) => e.isIntersecting).map((e) => e.target);
          if (!ready.length) return;
          for (const node of ready) {
            observer.unobserve(node);
            waiting.delete(node);
          }
          enqueue(ready);
        },
        { rootMargin: "100px 0px" },
      )
    : null;

const facade = {
  initialize(options) {
    config = { ...options };
  },
  /* Marks the diagrams as deferred (the page script then stops waiting for
     them) and renders each one once it is close to the viewport. */
  run({ nodes } = {}) {
    const targets = [...(nodes || document.querySelectorAll(".mermaid"))];
    if (!observer) return enqueue(targets);
    for (const node of targets) {
      if (waiting.has(node)) continue;
      node.setAttribute("data-mermaid-deferred", "true");
      waiting.add(node);
      observer.observe(node);
    }
    return Promise.resolve();
  },
  registerLayoutLoaders(loaders) {
    return loadMermaid().then((mermaid) => mermaid.registerLayoutLoaders(loaders));
  },
  registerIconPacks(packs) {
    return loadMermaid().then((mermaid) => mermaid.registerIconPacks(packs));
  },
  registerExternalDiagrams(diagrams) {
    return loadMermaid().then((mermaid) => mermaid.registerExternalDiagrams(diagrams));
  },
};

export default facade;
