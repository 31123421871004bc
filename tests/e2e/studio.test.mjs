// The studio page (studio.html, issue #19) as a maintainer uses it: open the seed events as
// JSON, as CSV (UTF-8 and GB18030) and as workbooks (the studio's own and one written by
// Python's openpyxl), fix a broken file by following its problem list, edit an event through
// the form with undo, keep it over a reload, preview the atlas (beside the form on a wide
// window, a tab on a phone) and save; roles chosen from a list; the description and the
// stories' words edited, the rest of the stories kept; a kept draft never replaced without
// asking; a file over the size limit refused; axe on each view in each language; a 390×844
// phone. The other program's files come from target/python (openpyxl, installed by
// scripts/ensure-tools.sh), written here, not committed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp, rm, truncate } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after } from "node:test";
import { useServedAtlas, watchForErrors } from "./support.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const atlas = useServedAtlas({ dist: process.env.ATLAS_DIST });
const AXE_SOURCE = await readFile(resolve(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SEED_TEXT = await readFile(resolve(ROOT, "data/events.json"), "utf8");
const SEED = JSON.parse(SEED_TEXT);
const PYTHON = process.env.ATLAS_PYTHON ?? resolve(ROOT, "target/python/bin/python");
const work = await mkdtemp(join(tmpdir(), "atlas-studio-"));
after(() => rm(work, { recursive: true, force: true }));

/** Runs a Python snippet with `args` (sys.argv[1:]); openpyxl must be installed there. */
function python(script, ...args) {
  return execFileSync(PYTHON, ["-c", script, ...args], { encoding: "utf8" });
}

async function openStudio({ lang = "en", viewport = { width: 1280, height: 900 }, phone = false } = {}) {
  const context = await atlas.browser.newContext({
    locale: "en-US",
    viewport,
    acceptDownloads: true,
    ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(`${atlas.server.url}studio.html?lang=${lang}`);
  await page.locator(".st-drop").waitFor();
  return { page, errors, context };
}

/** Gives the file picker a file, as a maintainer choosing one. */
async function openFile(page, name, buffer) {
  await page.locator(".st-file-input").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
}

/** Clicks a save button and returns the downloaded file. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

async function status(page) {
  return (await page.locator(".st-status").textContent()).trim();
}

async function problemsCount(page) {
  const heading = await page.locator("#st-problems-heading").textContent();
  return Number(/\((\d+)\)/.exec(heading)[1]);
}

async function expectNoViolations(page, state) {
  // Evaluated, not added as a <script>: the page's CSP refuses inline scripts, as it should.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  // With the preview's <health-atlas> on the page, axe's preload of the stylesheets (for the
  // one rule that reads CSS, css-orientation-lock) parses the shadow root's sheets through
  // inline <style> elements, which this page's CSP rightly refuses: it is left out then,
  // and that rule is checked in the states without the preview.
  const preload = (await page.locator("health-atlas").count()) === 0;
  const violations = await page.evaluate(async ({ tags, preload }) => {
    const results = await window.axe.run(document, { preload, runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      rule: violation.id,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary.replace(/\s+/g, " ")}`),
    }));
  }, { tags: WCAG_22_AA, preload });
  assert.deepEqual(violations, [], `${state}:\n${JSON.stringify(violations, null, 2)}`);
}

const EVENTS = SEED.events.length;

test("opens the seed events as JSON, as CSV in UTF-8 and GB18030, and as workbooks from this studio and from openpyxl", async () => {
  const { page, errors, context } = await openStudio();
  await openFile(page, "events.json", Buffer.from(SEED_TEXT));
  await page.getByText(`Opened events.json (JSON): ${EVENTS} events.`).waitFor();
  assert.equal(await problemsCount(page), 0);

  const csv = await download(page, "CSV");
  assert.equal(csv.name, "events.csv");
  assert.match(csv.bytes.toString("utf8"), /^id,title_en,title_zh,title_fr,/);
  await openFile(page, "events.csv", csv.bytes);
  await page.getByText(`Opened events.csv (CSV, read as UTF-8): ${EVENTS} events.`).waitFor();
  assert.equal(await problemsCount(page), 0);

  // What Excel on a Chinese Windows saves: GB18030.
  const utf8Path = join(work, "seed.csv");
  const gbPath = join(work, "seed-gb18030.csv");
  await writeFile(utf8Path, csv.bytes);
  python("import sys; open(sys.argv[2], 'wb').write(open(sys.argv[1], encoding='utf-8').read().encode('gb18030'))", utf8Path, gbPath);
  const gb = await readFile(gbPath);
  assert.notDeepEqual(gb, csv.bytes);
  await openFile(page, "events-gb.csv", gb);
  await page.getByText(`Opened events-gb.csv (CSV, read as GB18030): ${EVENTS} events.`).waitFor();
  assert.equal(await problemsCount(page), 0);
  // The Chinese titles came through: the list shows one in Chinese when the page is in Chinese.
  const chineseTitle = SEED.events.find((event) => event.title.zh).title.zh;
  await page.locator(".st-lang select").selectOption("zh");
  await page.locator(".st-events").getByText(chineseTitle, { exact: true }).first().waitFor();
  await page.locator(".st-lang select").selectOption("en");

  const xlsx = await download(page, "Excel (.xlsx)");
  assert.equal(xlsx.name, "events-gb.xlsx");
  await openFile(page, "events.xlsx", xlsx.bytes);
  await page.getByText(`Opened events.xlsx (workbook, sheet events): ${EVENTS} events.`).waitFor();
  assert.equal(await problemsCount(page), 0);

  // A workbook another program wrote: openpyxl, from the CSV, with the days as real date
  // cells (what Excel makes of a typed date) and an extra sheet first.
  const openpyxlPath = join(work, "openpyxl.xlsx");
  python(
    `import csv, datetime, sys, openpyxl
book = openpyxl.Workbook()
book.active.title = "notes"
book.active["A1"] = "written by openpyxl"
sheet = book.create_sheet("events")
with open(sys.argv[1], encoding="utf-8", newline="") as source:
    for index, row in enumerate(csv.reader(source)):
        if index == 0:
            start = row.index("start")
        elif row[start]:
            row[start] = datetime.date.fromisoformat(row[start])
        sheet.append(row)
book.save(sys.argv[2])`,
    utf8Path,
    openpyxlPath,
  );
  await openFile(page, "openpyxl.xlsx", await readFile(openpyxlPath));
  await page.getByText(`Opened openpyxl.xlsx (workbook, sheet events): ${EVENTS} events.`).waitFor();
  assert.equal(await problemsCount(page), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a broken file is fixed by following its problem list, and bad files get a clear answer", async () => {
  const { page, errors, context } = await openStudio();
  const broken = structuredClone(SEED);
  const placed = broken.events.findIndex((event) => event.places?.length);
  broken.events[placed].places[0].lat = 95;
  const other = placed === 0 ? 1 : 0;
  broken.events[other].relations = [...(broken.events[other].relations ?? []), { kind: "related", target: "no-such-event" }];
  const relation = broken.events[other].relations.length - 1;
  await openFile(page, "broken.json", Buffer.from(JSON.stringify(broken, null, 2)));
  await page.getByText(`Opened broken.json (JSON): ${EVENTS} events.`).waitFor();
  assert.equal(await problemsCount(page), 2);
  const table = page.locator(".st-problems table");
  await table.getByText(/95 is outside -90\.\.90/).waitFor();
  await table.getByText(/no-such-event/).waitFor();

  // Each problem opens its field; fixing it there clears it.
  await table.getByRole("button", { name: "places[0].lat" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "f-place-lat-0");
  assert.equal(await page.locator("#f-place-lat-0").getAttribute("aria-invalid"), "true");
  await page.locator("#f-place-lat-0").fill("31.5");
  await page.waitForFunction(() => /\(1\)/.test(document.querySelector("#st-problems-heading").textContent));
  await table.getByRole("button", { name: `relations[${relation}].target` }).click();
  const target = `#f-relation-target-${relation}`;
  await page.waitForFunction((id) => document.activeElement?.id === id, target.slice(1));
  await page.locator(target).selectOption(SEED.events[placed].id);
  await page.getByText("No problems: the events are valid.").waitFor();

  const saved = await download(page, "events.json");
  const fixed = JSON.parse(saved.bytes.toString("utf8"));
  assert.equal(fixed.events[placed].places[0].lat, 31.5);
  assert.equal(fixed.events[other].relations[relation].target, SEED.events[placed].id);
  await page.getByText("All changes saved.").waitFor();

  // A file whose shape is wrong: the lines and what was expected, nothing replaced.
  await openFile(page, "misspelt.json", Buffer.from(SEED_TEXT.replace('"category"', '"categry"')));
  const failure = page.locator(".st-open-error");
  await failure.getByText("misspelt.json could not be opened:").waitFor();
  await failure.getByText(/categry/).first().waitFor();
  await failure.getByText(/^line \d+$/).first().waitFor();
  assert.match(await status(page), /broken\.json/);

  // A CSV row with an unknown category: its row and column.
  const header = "id,title_en,category,start,precision,sources";
  await openFile(page, "bad.csv", Buffer.from(`${header}\r\na,A,picnic,2024-01-02,exact,file=f | language=en | quote=q\r\n`));
  await failure.getByText("row 2").waitFor();
  await failure.getByRole("cell", { name: "category", exact: true }).waitFor();
  // A binary file.
  await openFile(page, "photo.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await failure.getByText(/not a text file/).waitFor();
  // A file of two encodings: UTF-8 rows pasted into a GB18030 file.
  const mixedPath = join(work, "mixed.csv");
  python(
    "import sys; open(sys.argv[1], 'wb').write('id,title_zh\\na,无锡健康论坛\\n'.encode('utf-8') + 'b,上海健康论坛\\n'.encode('gb18030'))",
    mixedPath,
  );
  await openFile(page, "mixed.csv", await readFile(mixedPath));
  await failure.getByText("the file mixes encodings: line 2 is UTF-8 but line 3 is not; save it again as UTF-8 (nothing was read)").waitFor();
  // A workbook that is not one.
  await openFile(page, "fake.xlsx", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(64, 1)]));
  await failure.getByText(/not a workbook the studio can read/).waitFor();
  // The events being edited are still there.
  assert.match(await status(page), /broken\.json/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an event is edited through the form with undo and redo, kept over a reload, previewed and saved as xlsx", async () => {
  const { page, errors, context } = await openStudio();
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Start from the built-in events" }).click();
  const index = 2;
  const event = SEED.events[index];
  await page.locator(".st-events li").nth(index).getByRole("button").click();
  await page.locator("#st-form-heading").getByText(event.id).waitFor();
  const title = "Edited in the studio";
  await page.locator("#f-title-en").fill(title);
  await page.locator("#f-title-zh").fill("在编辑室中修改");
  // A day that is not one is shown with its message, and not taken.
  await page.locator("#f-start").fill("2024-13-01");
  await page.locator("#f-start-error").getByText("expected a day, YYYY-MM-DD").waitFor();
  await page.locator("#f-start").fill(event.start);
  assert.equal(await page.locator("#f-start-error").count(), 0);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("button", { name: "Undo" }).click();
  assert.equal(await page.locator("#f-title-en").inputValue(), title);
  assert.equal(await page.locator("#f-title-zh").inputValue(), event.title.zh ?? "");
  await page.getByRole("button", { name: "Redo" }).click();
  assert.equal(await page.locator("#f-title-zh").inputValue(), "在编辑室中修改");

  // Add, duplicate and delete.
  await page.getByRole("button", { name: "Add an event" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "f-id");
  assert.equal(await page.locator("#f-id").inputValue(), "new-event");
  assert.ok((await problemsCount(page)) > 0, "the new, empty event has problems to fill in");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  assert.equal(await problemsCount(page), 0);
  await page.locator(".st-events li").nth(index).getByRole("button").click();
  await page.getByRole("button", { name: "Duplicate" }).click();
  assert.equal(await page.locator("#f-id").inputValue(), `${event.id}-copy`);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByText(/^Unsaved changes/).waitFor();

  // The work is kept over a reload and offered back.
  await page.reload();
  await page.getByText(`Unsaved work from an earlier visit was kept: events.json, ${EVENTS} events.`).waitFor();
  await page.getByRole("button", { name: "Restore it" }).click();
  await page.locator(".st-events li").nth(index).getByRole("button").click();
  assert.equal(await page.locator("#f-title-en").inputValue(), title);

  // The preview, beside the form at this width, is the atlas with the edited events.
  await page.locator("health-atlas").getByText(title).first().waitFor({ state: "attached", timeout: 30_000 });

  const xlsx = await download(page, "Excel (.xlsx)");
  const xlsxPath = join(work, "edited.xlsx");
  await writeFile(xlsxPath, xlsx.bytes);
  const read = JSON.parse(
    python(
      `import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheet = book["events"]
header = [cell.value for cell in sheet[1]]
rows = [dict(zip(header, [cell.value for cell in row])) for row in sheet.iter_rows(min_row=2)]
lists = [v.formula1 for v in sheet.data_validations.dataValidation]
print(json.dumps({"sheets": book.sheetnames, "rows": rows, "lists": lists,
  "guide": [[cell.value for cell in row] for row in book["guide"].iter_rows(max_row=3)]}))`,
      xlsxPath,
    ),
  );
  assert.deepEqual(read.sheets, ["events", "stories", "dataset", "guide"]);
  assert.equal(read.rows.length, EVENTS);
  const row = read.rows.find((candidate) => candidate.id === event.id);
  assert.equal(row.title_en, title);
  assert.equal(row.title_zh, "在编辑室中修改");
  assert.ok(read.lists.some((list) => list.includes("conference")), `a category drop-down: ${read.lists}`);
  assert.ok(read.lists.some((list) => list.includes("approximate")), `a precision drop-down: ${read.lists}`);
  assert.deepEqual(read.guide[0], ["column", "English", "中文", "Français"]);
  assert.equal(read.guide[1][0], "id");

  // Saved: the leave-page prompt is gone; an unsaved edit brings it back.
  await page.locator("#f-note").fill("one more change");
  const prompt = new Promise((done) => page.once("dialog", (dialog) => done(dialog.type())));
  await page.close({ runBeforeUnload: true });
  assert.equal(await prompt, "beforeunload");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a place is put where the offline map is clicked, in one undo step", async () => {
  const { page, errors, context } = await openStudio();
  await page.getByRole("button", { name: "Start from the built-in events" }).click();
  const index = SEED.events.findIndex((event) => event.places?.length);
  const place = SEED.events[index].places[0];
  await page.locator(".st-events li").nth(index).getByRole("button").click();
  const map = page.locator(".st-map").first();
  await map.locator(".st-land").first().waitFor({ state: "attached" });
  assert.ok((await map.locator(".st-land").count()) > 5, "the basemap's countries and provinces around the place are drawn");
  // The map opens on the place: a click right of it moves the place east, at the same latitude.
  await map.scrollIntoViewIfNeeded();
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width / 2 + box.width / 8, y: box.height / 2 } });
  const lon = Number(await page.locator("#f-place-lon-0").inputValue());
  const lat = Number(await page.locator("#f-place-lat-0").inputValue());
  assert.ok(lon > place.lon + 1, `${lon} is east of ${place.lon}`);
  assert.ok(Math.abs(lat - place.lat) < 0.1, `${lat} is about ${place.lat}`);
  await page.getByRole("button", { name: "Undo" }).click();
  assert.equal(Number(await page.locator("#f-place-lon-0").inputValue()), place.lon);
  assert.equal(Number(await page.locator("#f-place-lat-0").inputValue()), place.lat);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the blank templates download from the studio and read back", async () => {
  const { page, errors, context } = await openStudio({ lang: "fr" });
  const csv = await download(page, "Modèle (CSV)");
  assert.equal(csv.name, "events-template.csv");
  assert.equal(csv.bytes.toString("utf8"), await readFile(resolve(ROOT, "data/templates/events-template.csv"), "utf8"));
  const xlsx = await download(page, "Modèle (.xlsx)");
  await openFile(page, "events-template.xlsx", xlsx.bytes);
  await page.getByText("events-template.xlsx ouvert (classeur, feuille events) : 0 événements.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

for (const lang of ["en", "zh", "fr"]) {
  test(`axe finds nothing on the studio's views in ${lang}`, async () => {
    const { page, errors, context } = await openStudio({ lang });
    await expectNoViolations(page, `${lang}: the page as it opens`);
    await openFile(page, "photo.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    await page.locator(".st-open-error").waitFor();
    await expectNoViolations(page, `${lang}: a file that did not open`);
    const broken = structuredClone(SEED);
    const placed = broken.events.findIndex((event) => event.places?.length);
    broken.events[placed].places[0].lat = 95;
    await openFile(page, "broken.json", Buffer.from(JSON.stringify(broken)));
    await page.locator(".st-problems table").waitFor();
    await page.locator(".st-problems table button").first().click();
    await page.locator("#f-place-lat-0[aria-invalid='true']").waitFor();
    // A story unfolded too, so its fields are checked.
    await page.locator(".st-story summary").first().click();
    await page.locator("#s-0-step-0-narrative-en").waitFor();
    await expectNoViolations(page, `${lang}: problems listed, the form open on one, a story unfolded`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang === "zh" ? "zh-Hans" : lang);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the studio works on a 390×844 phone", async () => {
  const { page, errors, context } = await openStudio({ viewport: { width: 390, height: 844 }, phone: true });
  await openFile(page, "events.json", Buffer.from(SEED_TEXT));
  await page.getByText(`Opened events.json (JSON): ${EVENTS} events.`).waitFor();
  await page.locator(".st-events li").nth(1).getByRole("button").click();
  await page.locator("#f-title-en").fill("On a phone");
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  assert.ok(await noSideScroll(), "no horizontal scroll in the editor");
  await expectNoViolations(page, "phone: the editor");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  // On a phone the element opens on one view; the edited title is in it, shown or not.
  await page.locator("health-atlas").getByText("On a phone").first().waitFor({ state: "attached", timeout: 30_000 });
  assert.ok(await noSideScroll(), "no horizontal scroll in the preview");
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a wide window the live preview is beside the form; on a phone it is a tab", async () => {
  const { page, errors, context } = await openStudio({ viewport: { width: 1400, height: 900 } });
  await page.getByRole("button", { name: "Start from the built-in events" }).click();
  const index = 2;
  await page.locator(".st-events li").nth(index).getByRole("button").click();
  const form = page.locator(".st-form");
  const preview = page.locator(".st-preview health-atlas");
  await preview.waitFor();
  assert.equal(await page.locator(".st-tabs").count(), 0, "no tabs on a wide window");
  // Both in view at once, the preview right of the form: at least 200 px of each.
  const inView = async (locator) => {
    const box = await locator.boundingBox();
    const shown = box && Math.min(box.y + box.height, 900) - Math.max(box.y, 0);
    return Boolean(box) && box.width > 200 && shown > 200 && box.x >= 0 && box.x + box.width <= 1400;
  };
  await page.locator("#st-form-heading").scrollIntoViewIfNeeded();
  assert.ok(await inView(form), "the form is in view");
  assert.ok(await inView(preview), "the preview's atlas is in view");
  assert.ok((await form.boundingBox()).x + (await form.boundingBox()).width <= (await preview.boundingBox()).x, "side by side");
  await page.locator("health-atlas").getByText(SEED.events[index].title.en).first().waitFor({ state: "attached", timeout: 30_000 });
  // Typing in the form updates the same element (a new src, not a new atlas), shortly after.
  await preview.evaluate((element) => (element.studioMark = "first"));
  const title = "Beside the form";
  await page.locator("#f-title-en").fill(title);
  await page.locator("health-atlas").getByText(title).first().waitFor({ state: "attached", timeout: 30_000 });
  assert.equal(await preview.evaluate((element) => element.studioMark), "first");
  // Still in view after scrolling the long form down: the preview stays beside it.
  await page.locator("#f-note").scrollIntoViewIfNeeded();
  const note = await page.locator("#f-note").boundingBox();
  assert.ok(note.y >= 0 && note.y < 900, "the form's last field is in view");
  assert.ok(await inView(preview), "the preview stays in view");

  // The same page turned into a phone: one pane at a time, by tabs.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator(".st-tabs").waitFor();
  assert.equal(await page.locator("health-atlas").count(), 0, "the editor alone");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.locator("health-atlas").getByText(title).first().waitFor({ state: "attached", timeout: 30_000 });
  assert.equal(await page.locator(".st-form").count(), 0, "the preview alone");
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  assert.equal(await page.locator("#f-title-en").inputValue(), title);
  assert.deepEqual(errors, []);
  await context.close();
});

test("roles, precisions and the qualifier are drop-downs with translated labels", async () => {
  const { page, errors, context } = await openStudio({ lang: "zh" });
  await page.getByRole("button", { name: "从内置事件开始" }).click();
  const index = SEED.events.findIndex((event) => event.organisations?.length && event.people?.length);
  await page.locator(".st-events li").nth(index).getByRole("button").click();
  for (const id of ["f-category", "f-precision", "f-organisation-role-0", "f-person-role-0", "f-place-precision-0"]) {
    const tag = await page.locator(`#${id}`).evaluate((element) => element.tagName);
    assert.equal(tag, "SELECT", `#${id} is a drop-down`);
  }
  const role = page.locator("#f-organisation-role-0");
  assert.equal(await role.inputValue(), SEED.events[index].organisations[0].role);
  const labels = await role.locator("option").allTextContents();
  assert.ok(labels.includes("主办方 (organiser)"), labels.join(" / "));
  assert.ok(labels.includes("（选择角色）"), labels.join(" / "));
  const people = await page.locator("#f-person-role-0 option").allTextContents();
  assert.ok(people.includes("演讲嘉宾 (speaker)"), people.join(" / "));
  await role.selectOption("signatory");
  // A person's and an organisation's lists differ: no "speaker" for an organisation.
  assert.ok(!labels.some((label) => label.includes("(speaker)")));
  // An empty role is asked for, as the validator says.
  await page.locator("#f-person-role-0").selectOption("");
  await page.locator("#f-person-role-0-error").waitFor();
  await page.locator("#f-person-role-0").selectOption("guest");
  const saved = JSON.parse((await download(page, "events.json")).bytes.toString("utf8"));
  assert.equal(saved.events[index].organisations[0].role, "signatory");
  assert.equal(saved.events[index].people[0].role, "guest");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the file's description and its stories' words are edited, and the rest of the stories comes out of each save as it went in", async () => {
  assert.ok(SEED.stories?.length, "the seed has stories");
  const { page, errors, context } = await openStudio();
  await openFile(page, "events.json", Buffer.from(SEED_TEXT));
  await page.getByText(`${SEED.stories.length} stories, saved with the events.`).waitFor();
  await page.locator("#f-description").fill("Edited description");
  await page.locator(".st-events li").nth(1).getByRole("button").click();
  await page.locator("#f-summary-fr").fill("Résumé modifié");
  // A story, folded until opened: its title in the three languages, a step's narrative.
  await page.locator(".st-story summary").first().click();
  await page.locator("#s-0-title-zh").fill("编辑过的故事");
  await page.locator("#s-0-step-1-narrative-fr").fill("Étape réécrite.");
  await page.locator("#s-0-step-1-events").fill(SEED.events[0].id);
  const saved = JSON.parse((await download(page, "events.json")).bytes.toString("utf8"));
  assert.equal(saved.description, "Edited description");
  assert.equal(saved.events[1].summary.fr, "Résumé modifié");
  const expected = structuredClone(SEED.stories);
  expected[0].title.zh = "编辑过的故事";
  expected[0].steps[1].narrative.fr = "Étape réécrite.";
  expected[0].steps[1].events = [SEED.events[0].id];
  assert.deepEqual(saved.stories, expected);
  // Undo takes back the last story edit, one field at a time.
  await page.getByRole("button", { name: "Undo" }).click();
  assert.deepEqual(await page.locator("#s-0-step-1-events").inputValue(), (SEED.stories[0].steps[1].events ?? []).join("; "));
  await page.getByRole("button", { name: "Redo" }).click();
  // Through the workbook and back.
  const xlsx = await download(page, "Excel (.xlsx)");
  await openFile(page, "events.xlsx", xlsx.bytes);
  await page.getByText(`Opened events.xlsx (workbook, sheet events): ${EVENTS} events.`).waitFor();
  assert.equal(await page.locator("#f-description").inputValue(), "Edited description");
  const again = JSON.parse((await download(page, "events.json")).bytes.toString("utf8"));
  assert.deepEqual(again, saved);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a kept draft is not replaced by another file or a new start without asking", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await openStudio();
  // Every question the page asks, answered as the next `answering` says (no by default);
  // the leave-page prompt of a reload is accepted.
  const questions = [];
  let reply = null;
  page.on("dialog", async (dialog) => {
    if (dialog.type() === "beforeunload") return dialog.accept();
    questions.push(dialog.message());
    const next = reply;
    reply = null;
    await (next?.accept ? dialog.accept() : dialog.dismiss());
    next?.done();
  });
  const answering = (accept) => new Promise((done) => (reply = { accept, done }));
  await page.getByRole("button", { name: "Start from the built-in events" }).click();
  await page.locator("#f-title-en").fill("Kept work");
  await page.reload();
  const offer = page.getByText(`Unsaved work from an earlier visit was kept: events.json, ${EVENTS} events.`);
  await offer.waitFor();
  // Declined: nothing opens, the draft is still on offer, and still kept over a reload.
  let asked = answering(false);
  await page.getByRole("button", { name: "New, empty" }).click();
  await asked;
  asked = answering(false);
  await openFile(page, "events.json", Buffer.from(SEED_TEXT));
  await asked;
  assert.equal(questions.length, 2, questions.join("\n"));
  for (const question of questions) {
    assert.match(question, /Unsaved work from an earlier visit is still kept \(events\.json, \d+ events\)/);
  }
  assert.equal(await page.locator(".st-form").count(), 0, "nothing was opened");
  await offer.waitFor();
  // A file that does not open asks nothing and keeps the draft too.
  await openFile(page, "photo.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  await page.locator(".st-open-error").waitFor();
  assert.equal(questions.length, 2);
  await page.reload();
  await offer.waitFor();
  // Accepted: the other events open and the draft is gone, as the maintainer chose.
  asked = answering(true);
  await openFile(page, "events.json", Buffer.from(SEED_TEXT));
  await asked;
  await page.getByText(`Opened events.json (JSON): ${EVENTS} events.`).waitFor();
  assert.equal(questions.length, 3);
  assert.equal(await offer.count(), 0);
  await page.reload();
  await page.locator(".st-drop").waitFor();
  assert.equal(await page.locator(".st-draft").count(), 0, "the discarded draft is not offered again");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a file over the size limit is refused with a message in the reader's language, and a 50 MB one gets an answer; the work stays", async () => {
  // The studio's limit is the model's cap on a dataset (crates/model/src/limits.rs).
  const limits = await readFile(resolve(ROOT, "crates/model/src/limits.rs"), "utf8");
  const factors = /MAX_DATASET_BYTES: u64 = ([\d_ *]+);/.exec(limits)[1].split("*");
  const limit = factors.reduce((product, factor) => product * Number(factor.trim().replaceAll("_", "")), 1);
  const megabytes = limit / (1024 * 1024);
  // Sparse files: their size is what counts, and they take no room on the disk.
  const huge = join(work, "huge.json");
  await writeFile(huge, "");
  await truncate(huge, limit + 1);
  const fifty = join(work, "fifty.csv");
  await writeFile(fifty, "");
  await truncate(fifty, 50 * 1024 * 1024);
  try {
    const { page, errors, context } = await openStudio({ lang: "fr" });
    await page.getByRole("button", { name: "Partir des événements intégrés" }).click();
    await page.locator("#f-title-en").fill("Travail en cours");
    const failure = page.locator(".st-open-error");
    let asked = 0;
    page.on("dialog", (dialog) => {
      asked += 1;
      return dialog.dismiss();
    });
    await page.locator(".st-file-input").setInputFiles(huge);
    await failure.getByText("Impossible d'ouvrir huge.json :").waitFor();
    await failure.getByText(`le fichier dépasse ${megabytes} Mo, le maximum que l'atelier lit`).waitFor();
    assert.equal(await page.locator("#f-title-en").inputValue(), "Travail en cours");
    // 50 MB under the limit: read, and answered (not text), with nothing replaced.
    await page.locator(".st-file-input").setInputFiles(fifty);
    await failure.getByText("Impossible d'ouvrir fifty.csv :").waitFor({ timeout: 60_000 });
    await failure.getByText(/ce n'est pas un fichier texte/).waitFor();
    assert.equal(await page.locator("#f-title-en").inputValue(), "Travail en cours");
    assert.equal(asked, 0, "a file that does not open asks nothing");
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await rm(huge, { force: true });
    await rm(fifty, { force: true });
  }
});
