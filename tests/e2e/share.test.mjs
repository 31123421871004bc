// Sharing and taking away: the address is the view (reload and back/forward), malformed links,
// the card's copy-link button, CSV / iCalendar / JSON downloads, and the printed page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const atlas = useServedAtlas();

const rowIds = (page) => page.locator(".ha-table tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.eventId));

async function openAtlas(hash = "") {
  const context = await atlas.browser.newContext({ locale: "en-US", acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url + hash);
  await page.locator(".ha-table").waitFor();
  return { context, page, errors };
}

test("filters and a selected event go into the address; reloading it restores the same view", async () => {
  const { context, page, errors } = await openAtlas();
  await page.locator(".ha-search input").fill("wuxi");
  await page.locator(".ha-facet input[data-facet='cat'][data-key='signing']").check();
  await page.locator("tr[data-event-id='tbhc-2023-signings'] button").click();
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes("event=tbhc-2023-signings"));
  const hash = decodeURIComponent(new URL(page.url()).hash);
  assert.match(hash, /q=wuxi/);
  assert.match(hash, /cat=signing/);

  await page.reload();
  await page.locator(".ha-card[data-event-id='tbhc-2023-signings']").waitFor();
  assert.equal(await page.locator(".ha-search input").inputValue(), "wuxi");
  assert.ok(await page.locator(".ha-facet input[data-facet='cat'][data-key='signing']").isChecked());
  assert.deepEqual(await rowIds(page), ["tbhc-2023-signings"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the back button undoes a filter, and forward redoes it", async () => {
  const { context, page, errors } = await openAtlas();
  const all = (await rowIds(page)).length;
  await page.locator(".ha-facet input[data-facet='cat'][data-key='forum']").check();
  await page.waitForFunction(() => location.hash.includes("cat=forum"));
  assert.equal((await rowIds(page)).length, 2);
  await page.goBack();
  await page.waitForFunction((count) => document.querySelectorAll(".ha-table tbody tr").length === count, all);
  assert.ok(!(await page.locator(".ha-facet input[data-facet='cat'][data-key='forum']").isChecked()));
  await page.goForward();
  await page.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a malformed or outdated link restores what it can and says what it ignored", async () => {
  const { context, page, errors } = await openAtlas("#v=1&cat=forum&from=2023-13-01&event=no-such-event&zoom=9");
  await page.locator(".ha-link-notes").waitFor();
  const notes = await page.locator(".ha-link-notes").textContent();
  assert.match(notes, /2023-13-01/);
  assert.match(notes, /no-such-event/);
  // An unknown key is counted, never quoted: a link cannot put its own words on the page.
  assert.match(notes, /1 unrecognised link setting was ignored/);
  assert.doesNotMatch(notes, /zoom/);
  assert.equal((await rowIds(page)).length, 2, "the forum filter was kept");
  await page.getByRole("button", { name: "Dismiss" }).click();
  await page.locator(".ha-link-notes").waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the card's copy-link button copies a permalink that opens that event", async () => {
  const { context, page, errors } = await openAtlas();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: atlas.server.url });
  await page.locator("tr[data-event-id='changchun-medicine-forum-2021'] button").click();
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.locator(".ha-copy-link", { hasText: "Link copied" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(decodeURIComponent(new URL(copied).hash), "#v=1&event=changchun-medicine-forum-2021");
  const other = await context.newPage();
  await other.goto(copied);
  await other.locator(".ha-card[data-event-id='changchun-medicine-forum-2021']").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("downloads: CSV, iCalendar and JSON of the filtered events, named by date", async () => {
  const { context, page, errors } = await openAtlas("#q=wuxi");
  const visible = await rowIds(page);
  assert.equal(visible.length, 4);
  const fetchDownload = async (extension) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-export='${extension}']`).click()]);
    assert.match(download.suggestedFilename(), new RegExp(`^health-atlas-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
    return readFile(await download.path(), "utf8");
  };

  const json = JSON.parse(await fetchDownload("json"));
  assert.equal(json.schema_version, 2);
  assert.deepEqual(json.events.map((event) => event.id).sort(), [...visible].sort());

  const ics = await fetchDownload("ics");
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n"), ics.slice(0, 40));
  assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 4);
  assert.match(ics, /UID:tbhc-2023-signings@health-atlas/);
  assert.match(ics, /DTSTART;VALUE=DATE:20230518\r\nDTEND;VALUE=DATE:20230519/);
  assert.ok(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75), "lines are folded at 75 octets");

  const csv = await fetchDownload("csv");
  const lines = csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  assert.match(lines[0], /^id,/);
  for (const id of visible) assert.ok(csv.includes(id), id);
  assert.deepEqual(errors, []);
  await context.close();
});

test("printing shows the list with sources and hides the controls", async () => {
  const { context, page, errors } = await openAtlas();
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".ha-filters").isVisible(), false);
  assert.equal(await page.locator(".ha-timeline").isVisible(), false);
  assert.equal(await page.locator(".ha-downloads").isVisible(), false);
  const sources = page.locator("tr[data-event-id='changchun-medicine-forum-2021'] .ha-cell-sources");
  assert.ok(await sources.isVisible());
  assert.match(await sources.textContent(), /\d{4}-\d{2}-\d{2}|http/);
  assert.deepEqual(errors, []);
  await context.close();
});
