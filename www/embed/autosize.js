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
  /** The iframe's src, when it is an atlas iframe page (…/embed.html). */
  const atlasSource = (frame) => {
    try {
      const src = new URL(frame.src, document.baseURI);
      return src.pathname.endsWith("/embed.html") ? src : null;
    } catch {
      return null;
    }
  };
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "health-atlas:height" || !Number.isFinite(data.height)) return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      if (atlasSource(frame)?.origin !== event.origin) return;
      frame.style.height = `${Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)))}px`;
      return;
    }
  });
  // A frame may have posted its height before this script ran: ask each one again, now and
  // whenever one (re)loads.
  // The request carries nothing, so it goes to whatever page the frame holds ("*"): one that has
  // not loaded yet is still about:blank, of this page's origin.
  const ask = (frame) => {
    if (atlasSource(frame)) frame.contentWindow?.postMessage({ type: "health-atlas:measure" }, "*");
  };
  document.querySelectorAll("iframe").forEach(ask);
  document.addEventListener("load", (event) => event.target instanceof HTMLIFrameElement && ask(event.target), true);
})();
