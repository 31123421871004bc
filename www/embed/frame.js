// The iframe page's loader (embed.html): the same start as trunk's inline script in
// index.html, as a file, because a strict CSP forbids inline scripts. The app reads its
// options from the page's query and fragment (src/app/mod.rs, mount_in_page).
import { glue, wasm } from "./build.js";

const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });
