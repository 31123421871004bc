// The iframe page's loader (embed.html): the same start as trunk's inline script in
// index.html, as a file, because a strict CSP forbids inline scripts. The app reads its
// options from the page's query and fragment (src/app/mod.rs, mount_in_page).
import { glue, wasm } from "./build.js";

const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });

// The page's height, for a host page that lets the iframe grow to fit (embed/autosize.js):
// posted to the parent whenever it changes, and again when the parent asks (its script may
// start after the first post). Only a number leaves the frame, so any parent may hear it
// ("*"); the host script checks which frame sent it, and from where.
if (window.parent !== window) {
  let posted = 0;
  const post = (again) => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== posted || again) {
      posted = height;
      window.parent.postMessage({ type: "health-atlas:height", height }, "*");
    }
  };
  new ResizeObserver(() => post(false)).observe(document.body);
  // Chromium does not run the observer in a cross-origin frame that is out of view: post the
  // first height anyway, once the app has rendered.
  setTimeout(() => post(false), 0);
  window.addEventListener("message", (event) => {
    if (event.source === window.parent && event.data?.type === "health-atlas:measure") post(true);
  });
}
