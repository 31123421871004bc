// The embed (issue #8): the <health-atlas> element and the iframe page under the strict CSP
// an association's site may send, hostile host CSS, several instances, attributes, host
// events, hostile datasets, and the standalone page's Embed button.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { serveDist, useServedAtlas, watchForErrors } from "./support.mjs";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const ALL_EVENTS = 16;

const page = (body, stylesheets = []) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>host page</title>
${["/fixtures/base.css", ...stylesheets].map((href) => `<link rel="stylesheet" href="${href}">`).join("\n")}
<script type="module" src="/embed/health-atlas.js"></script></head>
<body>${body}</body></html>`;
const source = { file: "hostile.txt", language: "en", quote: "Quoted." };
const hostileDataset = {
  schema_version: 1,
  events: [
    {
      id: "hostile",
      title: { en: "<img src=x onerror=\"window.__pwned=1\">Hostile<script>window.__pwned=2</script>" },
      category: "forum",
      start: "2020-01-02",
      precision: "exact",
      organisations: [{ name: { en: "<b onmouseover=\"window.__pwned=3\">Org</b>" }, role: "organiser" }],
      sources: [{ ...source, quote: "<img src=x onerror=\"window.__pwned=4\">", url: "https://example.org/a?b=\"><script>" }],
    },
  ],
};
const javascriptLinkDataset = {
  schema_version: 1,
  events: [{ id: "js", title: { en: "JS" }, category: "forum", start: "2020-01-02", precision: "exact", sources: [{ ...source, url: "javascript:alert(1)" }] }],
};

const atlas = useServedAtlas({
  headers: { "content-security-policy": CSP },
  ...(process.env.ATLAS_DIST ? { dist: process.env.ATLAS_DIST } : {}),
  extraFiles: {
    // Browsers ask every page for one; the fixture pages have no icon of their own.
    "/favicon.ico": "",
    "/fixtures/base.css": "body { margin: 0; }",
    "/fixtures/hostile.css": "* { all: unset } svg { display: none } div { color: red !important; font-size: 40px !important } html { font-size: 62.5% !important }",
    "/fixtures/plain.html": page('<health-atlas height="600" lang="en" theme="light"></health-atlas>'),
    "/fixtures/hostile.html": page('<health-atlas height="600" lang="en" theme="light"></health-atlas>', ["/fixtures/hostile.css"]),
    "/fixtures/two.html": page('<health-atlas id="a" lang="en" height="500"></health-atlas><health-atlas id="b" lang="en" height="500"></health-atlas>'),
    "/fixtures/hostile-data.html": page('<health-atlas id="data" lang="en" src="/fixtures/hostile.json"></health-atlas><health-atlas id="js" lang="en" src="/fixtures/javascript.json"></health-atlas>'),
    "/fixtures/themes.html": page('<health-atlas id="auto" lang="en" height="400"></health-atlas><health-atlas id="light" theme="light" lang="en" height="400"></health-atlas><health-atlas id="dark" theme="dark" lang="en" height="400"></health-atlas>'),
    "/fixtures/hostile.json": JSON.stringify(hostileDataset),
    "/fixtures/javascript.json": JSON.stringify(javascriptLinkDataset),
  },
});

/** A page that records console errors and CSP violations (in every frame and shadow root). */
async function open(path, { viewport = { width: 1280, height: 900 }, colorScheme = "light" } = {}) {
  const context = await atlas.browser.newContext({ locale: "en-US", viewport, colorScheme });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const tab = await context.newPage();
  const errors = watchForErrors(tab);
  await tab.goto(atlas.server.url + path.replace(/^\//, ""));
  return { context, tab, errors };
}

const rows = (scope) => scope.locator(".ha-table tbody tr");
async function rowCount(locator, count) {
  await locator.locator(".ha-table").waitFor();
  await assert.doesNotReject(
    locator.page().waitForFunction(
      ([selector, expected]) => {
        const host = document.querySelector(selector);
        return host?.shadowRoot?.querySelectorAll(".ha-table tbody tr").length === expected;
      },
      [await locator.evaluate((host) => `#${host.id}`), count],
      { timeout: 10_000 },
    ),
  );
}

test("the demo page renders two elements and an iframe under the strict CSP, with no errors or violations", async () => {
  const { context, tab, errors } = await open("/demo/");
  await rows(tab.locator("#atlas")).first().waitFor();
  assert.equal(await rows(tab.locator("#atlas")).count(), ALL_EVENTS);
  assert.equal(await rows(tab.locator("#forums")).count(), 2, "filters=cat=forum");
  assert.equal(await tab.locator("#forums .ha-app").getAttribute("lang"), "en");
  const frame = tab.frameLocator("#atlas-frame");
  await rows(frame).first().waitFor();
  assert.equal(await frame.locator(".ha-app").getAttribute("lang"), "fr", "?lang=fr");
  assert.ok(await frame.locator(".ha-views-list, .ha-app").count());
  // The pre-rendered list is the element's light DOM: in the page for crawlers, not shown.
  assert.equal(await tab.locator("#atlas > ul.ha-prerendered > li").count(), ALL_EVENTS);
  assert.equal(await tab.locator("#atlas > ul.ha-prerendered").isVisible(), false);
  // The demo's own script hears the select event.
  await rows(tab.locator("#atlas")).first().locator("button").click();
  await tab.locator("#atlas-status", { hasText: "Selected event: " }).waitFor();
  const violations = await tab.evaluate(() => window.__violations);
  const frameViolations = await tab.frames()[1].evaluate(() => window.__violations);
  assert.deepEqual([...violations, ...frameViolations], []);
  assert.deepEqual(errors, []);
  assert.equal(new URL(tab.url()).hash, "", "an element never writes the host's address");
  // The first-render benchmark (budget 300 ms after the wasm is ready), printed, not asserted:
  // a loaded CI machine must not fail the suite over it.
  const firstRender = await tab.evaluate(
    () => performance.measure("first-render", "health-atlas:wasm-ready", "health-atlas:first-render").duration,
  );
  console.log(`# embed first render after wasm ready: ${firstRender.toFixed(0)} ms (budget 300 ms)`);
  await context.close();
});

/** How many pixels of two same-sized PNGs differ, counted by Chromium on a blank page. */
async function differingPixels(first, second) {
  const tab = await atlas.browser.newPage();
  const count = await tab.evaluate(async ([a, b]) => {
    const decode = async (base64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext("2d");
      context.drawImage(bitmap, 0, 0);
      return context.getImageData(0, 0, bitmap.width, bitmap.height);
    };
    const [x, y] = [await decode(a), await decode(b)];
    if (x.width !== y.width || x.height !== y.height) return Infinity;
    let differing = 0;
    for (let index = 0; index < x.data.length; index += 4) {
      const delta = Math.max(...[0, 1, 2].map((channel) => Math.abs(x.data[index + channel] - y.data[index + channel])));
      if (delta > 16) differing += 1;
    }
    return differing;
  }, [first.toString("base64"), second.toString("base64")]);
  await tab.close();
  return count;
}

/** A screenshot once two in a row agree (the timeline and map measure themselves after the
 * first paint), as Playwright's toHaveScreenshot waits for a stable picture. */
async function settledScreenshot(locator) {
  let previous = await locator.screenshot({ animations: "disabled", caret: "hide" });
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const next = await locator.screenshot({ animations: "disabled", caret: "hide" });
    if (next.equals(previous)) return next;
    previous = next;
  }
  throw new Error("the element never stopped changing");
}

test("host CSS (* { all: unset }, svg { display: none }, html { font-size: 62.5% }) does not change the element's pixels", async () => {
  const shots = [];
  for (const path of ["/fixtures/plain.html", "/fixtures/hostile.html"]) {
    const { context, tab, errors } = await open(path);
    const root = tab.locator("health-atlas .ha-embed-root");
    await rows(tab.locator("health-atlas")).first().waitFor();
    await tab.locator("health-atlas .ha-timeline svg").first().waitFor();
    assert.equal(await root.evaluate((node) => node.getBoundingClientRect().height), 600);
    shots.push(await settledScreenshot(root));
    assert.deepEqual(errors, []);
    await context.close();
  }
  // Rasterising the map's SVG is not always bit-identical between two loads, so allow a few
  // stray anti-aliased pixels (a leaked host rule changes thousands).
  const differing = await differingPixels(shots[0], shots[1]);
  if (differing > 50) {
    const folder = join(import.meta.dirname, "artifacts");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "embed-plain.png"), shots[0]);
    await writeFile(join(folder, "embed-hostile.png"), shots[1]);
    assert.fail(`${differing} pixels differ (tests/e2e/artifacts/embed-*.png)`);
  }
});

test("two instances filter independently; attributes apply live; events reach the host", async () => {
  const { context, tab, errors } = await open("/fixtures/two.html");
  const [a, b] = [tab.locator("#a"), tab.locator("#b")];
  await rows(a).first().waitFor();
  await rows(b).first().waitFor();
  const historyLength = await tab.evaluate(() => history.length);
  await tab.evaluate(() => {
    window.__events = [];
    for (const host of document.querySelectorAll("health-atlas")) {
      for (const name of ["health-atlas-select", "health-atlas-link"]) {
        host.addEventListener(name, (event) => window.__events.push([host.id, name, event.detail]));
      }
    }
  });
  await a.locator(".ha-facet input[data-facet='cat'][data-key='forum']").check();
  await rowCount(a, 2);
  assert.equal(await rows(b).count(), ALL_EVENTS, "the other instance is unchanged");
  assert.equal(await a.evaluate((host) => host.link), "v=1&cat=forum");

  await rows(b).first().locator("button").click();
  const id = await rows(b).first().getAttribute("data-event-id");
  await tab.waitForFunction(() => window.__events.some(([host, name]) => host === "b" && name === "health-atlas-select"));
  const events = await tab.evaluate(() => window.__events);
  assert.deepEqual(events.find(([, name]) => name === "health-atlas-select"), ["b", "health-atlas-select", { id }]);
  assert.deepEqual(events.find(([host, name]) => host === "a" && name === "health-atlas-link"), ["a", "health-atlas-link", { link: "v=1&cat=forum" }]);

  assert.equal(await b.locator(".ha-card .ha-permalink").getAttribute("href"), `${new URL(tab.url()).origin}/index.html#v=1&event=${id}`);

  // Escape closes only the card of the instance the visitor is in.
  await rows(a).first().locator("button").click();
  await a.locator(".ha-card").waitFor();
  await tab.keyboard.press("Escape");
  await a.locator(".ha-card").waitFor({ state: "detached" });
  assert.equal(await b.locator(".ha-card").count(), 1, "the other instance's card stays open");

  await b.evaluate((host) => host.setAttribute("filters", "cat=forum"));
  await rowCount(b, 2);
  await b.evaluate((host) => host.setAttribute("lang", "zh"));
  await b.locator(".ha-app[lang='zh']").waitFor();
  assert.equal(await b.locator(".ha-title").textContent(), "健康产业地图");
  await b.evaluate((host) => host.setAttribute("view", "map"));
  await tab.waitForFunction(() => document.querySelector("#b").link.includes("view=map"));
  await b.evaluate((host) => host.setAttribute("height", "420"));
  assert.equal(await b.locator(".ha-embed-root").evaluate((node) => node.getBoundingClientRect().height), 420);
  assert.equal(await a.locator(".ha-app").getAttribute("lang"), "en");

  assert.equal(new URL(tab.url()).hash, "");
  assert.equal(await tab.evaluate(() => history.length), historyLength, "no history entries were pushed on the host");
  assert.deepEqual(await tab.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("theme follows the system unless the attribute forces it, for the whole UI and the map", async () => {
  for (const system of ["light", "dark"]) {
    const { context, tab, errors } = await open("/fixtures/themes.html", { colorScheme: system });
    const colours = async (id) => {
      const host = tab.locator(`#${id}`);
      await host.locator(".ha-map-canvas").waitFor();
      return {
        app: await host.locator(".ha-app").evaluate((node) => getComputedStyle(node).backgroundColor),
        sea: await host.locator(".ha-map-canvas").evaluate((node) => getComputedStyle(node).backgroundColor),
      };
    };
    const light = { app: "rgb(255, 255, 255)", sea: "rgb(223, 233, 241)" };
    const dark = { app: "rgb(13, 17, 23)", sea: "rgb(15, 27, 38)" };
    assert.deepEqual(await colours("auto"), system === "dark" ? dark : light, `auto on a ${system} system`);
    assert.deepEqual(await colours("light"), light, `theme=light on a ${system} system`);
    assert.deepEqual(await colours("dark"), dark, `theme=dark on a ${system} system`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a hostile src= dataset in an element renders as text; javascript: links are refused", async () => {
  const { context, tab, errors } = await open("/fixtures/hostile-data.html");
  const element = tab.locator("health-atlas").first();
  const title = element.locator("tr[data-event-id='hostile'] button");
  await title.waitFor();
  assert.equal(await title.textContent(), hostileDataset.events[0].title.en);
  await title.click();
  await element.locator(".ha-card .ha-quote").waitFor();
  assert.equal(await element.locator(".ha-card .ha-quote").textContent(), hostileDataset.events[0].sources[0].quote);
  assert.equal(await element.locator("img, script, b").count(), 0);
  assert.equal(await element.locator(".ha-card a[href^='https://example.org/a']").count(), 1);
  // The card's permalink opens the build's own page with this dataset, not the host page.
  const origin = new URL(tab.url()).origin;
  const permalink = element.locator(".ha-card .ha-permalink");
  assert.equal(
    await permalink.getAttribute("href"),
    `${origin}/index.html?src=${encodeURIComponent(`${origin}/fixtures/hostile.json`)}#v=1&event=hostile`,
  );
  assert.equal(await permalink.getAttribute("target"), "_blank");

  const refused = tab.locator("#js");
  await refused.locator(".ha-alert").waitFor();
  assert.match(await refused.locator(".ha-alert").textContent(), /javascript:alert\(1\)/);
  assert.equal(await tab.locator("health-atlas a[href^='javascript:' i]").count(), 0);
  assert.equal(await tab.evaluate(() => window.__pwned), undefined);

  // Removing src brings the embedded events back.
  await element.evaluate((host) => host.removeAttribute("src"));
  await rowCount(element, ALL_EVENTS);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the iframe page takes lang, theme, view and filters from its URL", async () => {
  const { context, tab, errors } = await open("/embed.html?lang=zh&theme=dark&view=list&filters=cat%3Dforum");
  await rows(tab).first().waitFor();
  assert.equal(await rows(tab).count(), 2);
  assert.equal(await tab.locator(".ha-app").getAttribute("lang"), "zh");
  assert.match(await tab.locator("html").getAttribute("class"), /\bha-theme-dark\b/);
  assert.equal(await tab.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor), "rgb(13, 17, 23)");
  assert.equal(await tab.locator(".ha-embed").count(), 0, "no Embed button inside an embed");
  assert.deepEqual(await tab.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

// The standalone page is served without the CSP (trunk's loader there is an inline script).
let plain;
before(async () => {
  plain = await serveDist(process.env.ATLAS_DIST ? { dist: process.env.ATLAS_DIST } : {});
});
after(() => plain?.close());

test("the Embed button gives element and iframe snippets of the current view, with copy buttons", async () => {
  const context = await atlas.browser.newContext({ locale: "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: plain.url });
  const tab = await context.newPage();
  const errors = watchForErrors(tab);
  await tab.goto(plain.url);
  await tab.locator(".ha-facet input[data-facet='cat'][data-key='forum']").check();
  await tab.locator(".ha-embed summary").click();
  const snippets = tab.locator(".ha-snippet textarea");
  await snippets.first().waitFor();
  const [element, iframe] = await snippets.evaluateAll((areas) => areas.map((area) => area.value));
  assert.equal(
    element,
    `<script type="module" src="${plain.url}embed/health-atlas.js"></script>\n<health-atlas lang="en" link="v=1&amp;cat=forum" height="720"></health-atlas>`,
  );
  assert.equal(
    iframe,
    `<iframe src="${plain.url}embed.html?lang=en#v=1&amp;cat=forum" title="Health Atlas" width="100%" height="720" loading="lazy"></iframe>`,
  );
  await tab.locator(".ha-snippet button").first().click();
  await tab.locator(".ha-snippet", { hasText: "Copied" }).waitFor();
  assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), element);
  assert.deepEqual(errors, []);
  await context.close();
});

test("downloads work from inside the element's Shadow DOM and from the iframe, under the strict CSP", async () => {
  const downloads = await atlas.browser.newContext({ locale: "en-US", acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await downloads.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.violatedDirective));
  });
  const page = await downloads.newPage();
  const pageErrors = watchForErrors(page);
  await page.goto(atlas.server.url + "fixtures/two.html");
  await rows(page.locator("#a")).first().waitFor();
  const [fromElement] = await Promise.all([page.waitForEvent("download"), page.locator("#a [data-export='ics']").click()]);
  assert.match(fromElement.suggestedFilename(), /^health-atlas-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = await readFile(await fromElement.path(), "utf8");
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, ALL_EVENTS);

  await page.goto(atlas.server.url + "embed.html?lang=en#q=wuxi");
  await page.locator(".ha-table tbody tr").first().waitFor();
  const [fromFrame] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export='json']").click()]);
  const json = JSON.parse(await readFile(await fromFrame.path(), "utf8"));
  assert.equal(json.events.length, 4);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(pageErrors, []);
  await downloads.close();
});
