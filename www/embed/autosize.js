// Optional, for host pages: lets each Health Atlas iframe (…/embed.html) grow to its content's
// height instead of scrolling inside a fixed box, as responsive chart embeds do. Include it
// once, anywhere on the page, as a file (a strict CSP allows it; no inline script needed):
//
//   <script src="https://atlas.example.org/embed/autosize.js" defer></script>
//
// The iframe page (embed/frame.js) posts { type: "health-atlas:height", height } to its parent.
// A message is used only when it comes from an iframe of this page (event.source) whose src
// is an embed.html on the origin the message claims (event.origin): another frame, or a page
// the iframe navigated to elsewhere, cannot resize anything. The height is clamped.
(() => {
  const MIN_HEIGHT = 320;
  const MAX_HEIGHT = 20000;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "health-atlas:height" || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      let src;
      try {
        src = new URL(frame.src, document.baseURI);
      } catch {
        return;
      }
      if (src.origin !== event.origin || !src.pathname.endsWith("/embed.html")) return;
      frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)))}px`;
      return;
    }
  });
})();
