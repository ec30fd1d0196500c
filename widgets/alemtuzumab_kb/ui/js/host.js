// A lean host for anywidget front ends on static pages: no require.js, no widget manager.
//
// myst-nb embeds each executed notebook's widget state in the page as JSON and leaves a
// widget-view script where each widget was displayed. For every view whose model carries an
// anywidget ESM (`_esm`), this host builds a small model (get/set/on/off/save_changes), imports
// the ESM from a Blob URL and calls its render(). Other widget kinds are left alone.
// Traits named in `_url_params` are read from the query string at start and written back to it
// as they change, on a book page as on a standalone embed page, so a link reproduces a case.
// Each calculator gets a key (its stem, then stem-2, ...): its element ids start with it, and on
// a page with more than one calculator its URL parameters do too ("washout-2.prior"), so two
// calculators on one page never share an id or a parameter. Whatever the browser restores
// (back/forward with or without its cache, a reload), the result follows the inputs on show.
(function () {
  "use strict";
  performance.mark("widget-host");

  const STATE_TYPE = "application/vnd.jupyter.widget-state+json";
  const VIEW_TYPE = "application/vnd.jupyter.widget-view+json";

  const own = (object, name) => Object.prototype.hasOwnProperty.call(object, name);

  /**
   * The model: its state is a Map, so no trait name (a URL may carry "__proto__",
   * "constructor" or "toString") ever reaches an object's prototype.
   */
  class StaticModel {
    constructor(state) {
      this.state = new Map(Object.keys(state).map((name) => [name, state[name]]));
      this.listeners = new Map();
    }
    get(name) {
      return this.state.get(name);
    }
    set(name, value) {
      const old = this.state.get(name);
      this.state.set(name, value);
      if (old !== value) {
        this.emit("change:" + name, value);
        this.emit("change", name);
      }
    }
    on(event, callback) {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      this.listeners.get(event).add(callback);
    }
    off(event, callback) {
      if (!event) this.listeners.clear();
      else if (!callback) this.listeners.delete(event);
      else if (this.listeners.has(event)) this.listeners.get(event).delete(callback);
    }
    emit(event, value) {
      for (const callback of this.listeners.get(event) || []) callback(value);
    }
    save_changes() {}
    send() {}
  }

  let states = null;

  /** The embedded widget state (in the head, so parsed before any view in the body). */
  function readStates() {
    if (states) return states;
    const scripts = document.querySelectorAll('script[type="' + STATE_TYPE + '"]');
    if (!scripts.length) return new Map();
    states = new Map();
    for (const script of scripts) {
      const found = JSON.parse(script.textContent).state || {};
      for (const id of Object.keys(found)) states.set(id, found[id]);
    }
    return states;
  }

  /** How many calculators (models with URL inputs) the page holds. */
  function calculatorCount() {
    let count = 0;
    for (const entry of readStates().values()) {
      const state = entry && own(entry, "state") ? entry.state : {};
      if (Array.isArray(state._url_params) && state._url_params.length) count += 1;
    }
    return count;
  }

  const keys = new Map();

  /** The calculator's key: its stem, then stem-2, stem-3 for more of the same on the page. */
  function calculatorKey(model) {
    const stem = String(model.get("_stem") || "calculator").replace(/[^a-z0-9-]/gi, "");
    const seen = (keys.get(stem) || 0) + 1;
    keys.set(stem, seen);
    return seen === 1 ? stem : stem + "-" + seen;
  }

  function bindUrl(model) {
    const names = Array.isArray(model.get("_url_params")) ? model.get("_url_params").map(String) : [];
    const prefix = calculatorCount() > 1 ? model.get("_key") + "." : "";
    model.state.set("_url_prefix", prefix);
    const params = new URLSearchParams(window.location.search);
    for (const name of names) {
      if (params.has(prefix + name)) model.state.set(name, params.get(prefix + name));
    }
    model.on("change", (name) => {
      if (!names.includes(name)) return;
      const next = new URLSearchParams(window.location.search);
      next.set(prefix + name, String(model.get(name)));
      window.history.replaceState(window.history.state, "", "?" + next.toString() + window.location.hash);
    });
  }

  const roots = [];

  /**
   * After a page comes back from the back/forward cache, read every calculator's inputs as
   * shown and let its view recompute. (A page loaded again, on Back without that cache or on a
   * reload, takes its inputs from its address: the views' fields have autocomplete="off", so the
   * browser puts back no typed value of its own.)
   */
  function resync(event) {
    if (!event.persisted) return;
    for (const root of roots) {
      for (const field of root.querySelectorAll("input, select, textarea")) {
        if (field.readOnly || field.type === "button") continue;
        field.dispatchEvent(new Event(field.tagName === "SELECT" ? "change" : "input", { bubbles: true }));
      }
    }
  }
  window.addEventListener("pageshow", resync);

  /**
   * Evaluate a widget's ES module. The project's bundles (esbuild, widgets/alemtuzumab_kb/ui/esm.py, readable or
   * minified) are plain declarations and one `export { name as default };` at the end; run as a
   * function body they evaluate at once, while the page is still busy with the theme's scripts,
   * instead of waiting for a module task. Any other module is imported from a Blob URL.
   */
  function loadModule(esm) {
    const body = esm
      .replace(/^export default /m, "return ")
      .replace(/(^|[;}\s])export\s*\{\s*([\w$]+)\s+as\s+default\s*\};?\s*$/, "$1return $2;")
      .replace(/^export (?=(?:async\s+)?function\b|const\b|let\b|class\b)/gm, "");
    if (!/^\s*(?:import|export)\b/m.test(body)) {
      try {
        return Promise.resolve({ default: new Function(body)() });
      } catch (error) {
        // Not a plain bundle after all: fall through to a real module import.
      }
    }
    const url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
    return import(url);
  }

  async function mount(view, modelId) {
    const entry = readStates().get(modelId);
    if (!entry || !own(entry, "state") || typeof entry.state._esm !== "string") return;
    const model = new StaticModel(entry.state);
    // Links start from this page to the book's root (Sphinx's data-content_root); the state
    // carries the published book's address, which live Jupyter uses.
    const contentRoot = document.documentElement.dataset.content_root;
    if (contentRoot !== undefined && model.state.has("site_root")) model.state.set("site_root", contentRoot);
    model.state.set("_key", calculatorKey(model));
    bindUrl(model);
    if (entry.state._css) {
      const style = document.createElement("style");
      style.textContent = entry.state._css;
      document.head.appendChild(style);
    }
    const module = await loadModule(entry.state._esm);
    const widget = typeof module.default === "function" ? await module.default() : module.default;
    const el = document.createElement("div");
    el.className = "static-anywidget";
    el.id = "calc-" + model.get("_key");
    view.after(el);
    roots.push(el);
    if (widget.initialize) await widget.initialize({ model });
    await widget.render({ model, el });
  }

  // Views are mounted as soon as the parser reaches them, not after the page's deferred
  // scripts (the theme's are large): the host loads async and watches the document.
  const mounted = new WeakSet();

  function scan() {
    for (const view of document.querySelectorAll('script[type="' + VIEW_TYPE + '"]')) {
      if (mounted.has(view)) continue;
      let modelId;
      try {
        modelId = JSON.parse(view.textContent).model_id;
      } catch (error) {
        continue; // still being parsed; a later scan takes it
      }
      mounted.add(view);
      mount(view, modelId).catch((error) => console.error("widget failed to render:", error));
    }
  }

  if (document.readyState === "loading") {
    const observer = new MutationObserver(scan);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", () => {
      observer.disconnect();
      scan();
    });
  } else {
    scan();
  }
})();
