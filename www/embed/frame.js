// The iframe page's loader (embed.html): the same start as trunk's inline script in
// index.html, as a file, because a strict CSP forbids inline scripts. The app reads its
// options from the page's query and fragment (src/app/mod.rs, mount_in_page).
import { glue, wasm } from "./build.js";

const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });

// The page's height, for a host page that lets the iframe grow to fit (embed/autosize.js):
// posted to the parent whenever it changes. Only a number leaves the frame, so any parent
// may hear it ("*"); the host script checks which frame sent it, and from where.
if (window.parent !== window) {
  let posted = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== posted) {
      posted = height;
      window.parent.postMessage({ type: "health-atlas:height", height }, "*");
    }
  }).observe(document.body);
}
