// <health-atlas>: Health Atlas as a custom element. A host page loads this file as a module
// script (<script type="module" src="…/embed/health-atlas.js">) and writes the element
// wherever the atlas should appear. See docs/embedding.md for attributes and events.
//
// This file only does what must happen before the wasm has arrived: it defines the element,
// gives each instance a Shadow DOM (host CSS cannot reach in, ours cannot leak out) with the
// stylesheets linked and a skeleton shown, then loads the wasm once for the whole page and
// hands each instance to Rust (src/embed/), which renders, reads the attributes and sends
// the events. Nothing here is inline or uses eval, so a strict CSP
// (script-src 'self' 'wasm-unsafe-eval'; style-src 'self') allows it.
import { glue, wasm, styles } from "./build.js";

// Every attribute Rust reads; `theme` is read by the stylesheet alone (:host([theme=dark])).
const ATTRIBUTES = ["src", "basemap", "lang", "theme", "height", "view", "filters", "link", "font", "dataset-errors", "feeds", "limit", "link-to", "story", "step"];

let atlas;
/** The wasm module, fetched and started once however many instances the page has. */
function loadAtlas() {
  atlas ??= import(glue).then(async (bindings) => {
    await bindings.default({ module_or_path: wasm });
    // Marks for the first-render benchmark (tests/e2e/embed.test.mjs prints the measure).
    performance.mark("health-atlas:wasm-ready");
    return bindings;
  });
  return atlas;
}

function skeleton() {
  const box = document.createElement("div");
  box.className = "ha-skeleton";
  box.setAttribute("role", "status");
  box.setAttribute("aria-label", "Loading Health Atlas…");
  for (const part of ["header", "timeline", "row", "row", "row"]) {
    const bar = document.createElement("div");
    bar.className = `ha-skeleton-${part}`;
    box.append(bar);
  }
  return box;
}

class HealthAtlasElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #root;
  #instance = null;
  #loading = false;
  #ready = null;
  #resolveReady = null;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "open" });
    for (const href of styles) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      shadow.append(link);
    }
    this.#root = document.createElement("div");
    this.#root.className = "ha-embed-root";
    this.#root.append(skeleton());
    shadow.append(this.#root);
  }

  connectedCallback() {
    if (this.#instance || this.#loading) return;
    this.#loading = true;
    loadAtlas().then(
      (bindings) => {
        this.#loading = false;
        if (!this.isConnected || this.#instance) return;
        this.#root.replaceChildren();
        // The card's permalinks open the build's standalone page (the host page cannot show a view).
        this.#instance = bindings.mountHealthAtlas(this, this.#root, new URL("../index.html", import.meta.url).href);
        // The app's first render runs in a microtask; a task later the API can read its state.
        setTimeout(() => this.#resolveReady?.(this), 0);
        if (!performance.getEntriesByName("health-atlas:first-render").length) {
          requestAnimationFrame(() => performance.mark("health-atlas:first-render"));
        }
      },
      (error) => {
        this.#loading = false;
        const message = document.createElement("p");
        message.className = "ha-embed-failed";
        message.textContent = "Health Atlas could not start.";
        this.#root.replaceChildren(message);
        console.error("Health Atlas could not start:", error);
      },
    );
  }

  disconnectedCallback() {
    // A node moved within the page is disconnected and reconnected at once: keep it then.
    queueMicrotask(() => {
      if (!this.isConnected && this.#instance) {
        this.#instance.destroy();
        this.#instance.free();
        this.#instance = null;
        this.#ready = null;
        this.#root.replaceChildren(skeleton());
      }
    });
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after) this.#instance?.update(name, after);
  }

  /** The current view as a link (`v=1&cat=forum&event=…`), the same as `health-atlas-link`. */
  get link() {
    return this.#instance ? this.#instance.link() : (this.getAttribute("link") ?? "");
  }

  set link(value) {
    this.setAttribute("link", String(value));
  }

  // The JavaScript API: documented in embed/health-atlas.d.ts (one place), done in
  // src/embed/api.rs; a bad argument throws a TypeError naming the method and the key.
  get ready() {
    if (!this.#ready) {
      this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
      if (this.#instance) setTimeout(() => this.#resolveReady(this), 0);
    }
    return this.#ready;
  }

  getFilters() {
    return this.#started("getFilters").getFilters();
  }

  setFilters(filters) {
    this.#started("setFilters").setFilters(filters);
  }

  selectEvent(id) {
    this.#started("selectEvent").selectEvent(id);
  }

  visibleEvents() {
    return this.#started("visibleEvents").visibleEvents();
  }

  onChange(listener) {
    if (typeof listener !== "function") {
      throw new TypeError(`onChange: expected a function, got ${listener === null ? "null" : typeof listener}`);
    }
    const handler = (event) => listener(event.detail);
    this.addEventListener("health-atlas-change", handler);
    return () => this.removeEventListener("health-atlas-change", handler);
  }

  #started(method) {
    if (!this.#instance) throw new Error(`${method}: Health Atlas has not started yet (await element.ready)`);
    return this.#instance;
  }
}

if (!customElements.get("health-atlas")) customElements.define("health-atlas", HealthAtlasElement);
