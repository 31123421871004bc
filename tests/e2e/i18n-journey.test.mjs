// Languages and the keyboard (issue #9): switching language changes the UI, the dates and the
// event texts (with a visible marker where a text is missing); a keyboard-only journey from
// the search box to an event's sources and back; and a screenshot per language at desktop
// size and at both phone sizes, written to target/screenshots/ for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { useServedAtlas, watchForErrors } from "./support.mjs";

// ATLAS_DIST lets a contributor test their own build (trunk build --dist …); make e2e uses dist/.
const atlas = useServedAtlas({ dist: process.env.ATLAS_DIST });
const SCREENSHOTS = resolve(import.meta.dirname, "../../target/screenshots");

const cellText = (page, id, cell) => page.locator(`tr[data-event-id='${id}'] .ha-cell-${cell}`).innerText();

test("switching language changes the UI strings, the dates and the event texts", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  await page.locator(".ha-table tbody tr").first().waitFor();

  const expected = {
    en: {
      name: "Health Atlas",
      column: "Date",
      count: "16 of 16 events",
      range: "Mar 22–24, 2024",
      day: "Nov 28, 2017",
      approximate: "about Dec 9–10, 2023",
      title: /^AIIA delegation's three-day/,
      timeline: "Timeline",
    },
    zh: {
      name: "健康产业地图",
      column: "日期",
      count: "共 16 个事件，显示 16 个",
      range: "2024年3月22日至24日",
      day: "2017年11月28日",
      approximate: "约2023年12月9日至10日",
      title: /^国际人工智能产业联盟（AIIA）代表团/,
      timeline: "时间轴",
    },
    fr: {
      name: "Atlas de la santé",
      column: "Date",
      count: "16 sur 16 événements",
      range: "22–24 mars 2024",
      day: "28 nov. 2017",
      approximate: "vers le 9–10 déc. 2023",
      // No French title in the data: the English one, marked as such.
      title: /^AIIA delegation's three-day.*\bEN$/s,
      timeline: "Frise chronologique",
    },
  };
  for (const lang of ["zh", "fr", "en"]) {
    if (lang !== "en" || (await page.locator(".ha-app").getAttribute("lang")) !== "en") {
      await page.locator(".ha-lang select").selectOption(lang);
    }
    const want = expected[lang];
    await page.locator(".ha-title", { hasText: want.name }).waitFor();
    assert.equal(await page.locator(".ha-app").getAttribute("lang"), lang);
    assert.equal((await page.locator(".ha-table th[data-sort-key='date'] button").innerText()).replace(/\s*[▲▼↕]$/, ""), want.column);
    assert.equal(await page.locator(".ha-result-count").innerText(), want.count);
    assert.equal(await page.locator("#ha-timeline-heading").innerText(), want.timeline);
    assert.equal(await cellText(page, "aiia-china-visit-2024", "date"), want.range);
    assert.equal(await cellText(page, "zhangjiang-health-roundtable-2017", "date"), want.day);
    assert.equal(await cellText(page, "yrd-balkan-biomed-center-launch-2023", "date"), want.approximate);
    assert.match(await cellText(page, "aiia-china-visit-2024", "title"), want.title);
  }

  // The fallback marker is visible and says, in French, what it stands for.
  await page.locator(".ha-lang select").selectOption("fr");
  const marker = page.locator("tr[data-event-id='aiia-china-visit-2024'] .ha-fallback");
  assert.equal(await marker.isVisible(), true);
  assert.equal(await marker.getAttribute("aria-label"), "Non disponible en français ; affiché en anglais");
  assert.equal(await page.locator("tr[data-event-id='aiia-china-visit-2024'] .ha-cell-title span[lang='en']").count(), 1);
  // A text the data has in French is shown in French, without a marker; and in the card too.
  assert.match(await cellText(page, "tbhc-2023", "title"), /^Conférence de Taihu Bay 2023/);
  assert.equal(await page.locator("tr[data-event-id='tbhc-2023'] .ha-fallback").count(), 0);
  await page.locator("tr[data-event-id='tbhc-2023-signings'] .ha-link-button").click();
  const card = page.locator(".ha-card");
  await card.waitFor();
  assert.match(await card.locator(".ha-card-dates").innerText(), /^vers le 18 mai 2023/);
  assert.match(await card.locator(".ha-sources").innerText(), /Publié le 23 mai 2023/);
  await page.locator(".ha-lang select").selectOption("zh");
  await card.locator(".ha-sources", { hasText: "发布日期 2023年5月23日" }).waitFor();
  assert.match(await card.locator(".ha-card-title").innerText(), /^2023 TBHC期间62个生物医药基金/);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Presses Tab until `selector` has focus; fails after `limit` presses. Returns the presses. */
async function tabTo(page, selector, limit = 250, key = "Tab") {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press(key);
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return presses;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  assert.fail(`${selector} not reached in ${limit} presses of ${key}; focus is on ${focused}`);
}

/** The focused element shows a focus ring of at least 2 px. */
async function expectVisibleFocus(page, what) {
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), visible: document.activeElement.matches(":focus-visible") };
  });
  assert.ok(ring.visible && ring.style !== "none" && ring.width >= 2, `${what}: focus ring ${JSON.stringify(ring)}`);
}

test("keyboard only: search, tick a filter, open an event, read its sources, Escape back", async () => {
  const page = await atlas.browser.newPage({ locale: "en-US", viewport: { width: 1280, height: 900 } });
  const errors = watchForErrors(page);
  await page.goto(atlas.server.url);
  await page.locator(".ha-table tbody tr").first().waitFor();

  // The first stop is the skip link, shown when focused.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "ha-skip-link");
  assert.equal(await page.locator(".ha-skip-link").isVisible(), true);

  await tabTo(page, ".ha-search input");
  await expectVisibleFocus(page, "search box");
  await page.keyboard.type("wuxi");
  await page.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 4);
  assert.equal(await page.locator(".ha-result-count").innerText(), "4 of 16 events");
  assert.equal(await page.locator(".ha-result-count").getAttribute("role"), "status", "announced");

  await tabTo(page, "input[data-facet='cat'][data-key='signing']");
  await expectVisibleFocus(page, "category checkbox");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 1);
  assert.equal(await page.locator("input[data-facet='cat'][data-key='signing']").isChecked(), true);

  // On through the timeline and the map to the list; the sort buttons are on the way.
  await tabTo(page, ".ha-table th[data-sort-key='date'] .ha-sort");
  await expectVisibleFocus(page, "sort button");
  await tabTo(page, "tr[data-event-id='tbhc-2023-signings'] .ha-link-button");
  await expectVisibleFocus(page, "event button");
  await page.keyboard.press("Enter");
  await page.locator(".ha-card[data-event-id='tbhc-2023-signings']").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "ha-card-title", "focus moves to the card");

  await tabTo(page, ".ha-card .ha-sources", 30);
  await expectVisibleFocus(page, "sources");
  assert.equal(await page.locator(".ha-card .ha-sources").getAttribute("aria-labelledby"), "ha-card-sources-heading");
  const sources = await page.locator(".ha-card .ha-sources").innerText();
  assert.match(sources, /^Sources\n/);
  assert.match(sources, /62/, "the quote is there to read");
  assert.ok(await page.locator(".ha-card .ha-sources").evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top < window.innerHeight && box.bottom > 0;
  }), "the sources are scrolled into view");

  await page.keyboard.press("Escape");
  await page.locator(".ha-card").waitFor({ state: "detached" });
  assert.equal(
    await page.evaluate(() => document.activeElement.closest("tr")?.dataset.eventId),
    "tbhc-2023-signings",
    "focus returns to the event that was opened",
  );
  await expectVisibleFocus(page, "back on the event");
  assert.deepEqual(errors, []);
  await page.close();
});

test("screenshots per language at desktop and phone sizes (target/screenshots/)", async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const sizes = [
    { name: "desktop", viewport: { width: 1280, height: 900 } },
    { name: "phone-360x640", viewport: { width: 360, height: 640 }, phone: true },
    { name: "phone-390x844", viewport: { width: 390, height: 844 }, phone: true },
  ];
  for (const { name, viewport, phone } of sizes) {
    for (const [lang, locale] of [["en", "en-US"], ["zh", "zh-CN"], ["fr", "fr-FR"]]) {
      const { page, errors, context } = await atlas.open({ locale, viewport, phone });
      assert.equal(await page.locator(".ha-app").getAttribute("lang"), lang);
      if (phone) await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${lang}-list.png`) });
      // A card with long texts in every language, to see Chinese and French wrap.
      await page.locator("tr[data-event-id='tbhc-2023'] .ha-link-button").click();
      await page.locator(".ha-card[data-event-id='tbhc-2023']").waitFor();
      if (!phone) await page.locator(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").first().waitFor();
      await page.evaluate(() => document.activeElement?.blur());
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${lang}.png`) });
      if (phone) {
        await page.locator(".ha-card .ha-close").click();
        await page.locator(".ha-filters-button").click();
        await page.locator(".ha-drawer .ha-filters").waitFor();
        await page.screenshot({ path: resolve(SCREENSHOTS, `${name}-${lang}-filters.png`) });
      }
      // Long Chinese and French texts wrap inside the card and the page: nothing sticks out sideways.
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        card: [...document.querySelectorAll(".ha-card")].map((card) => card.scrollWidth - card.clientWidth)[0] ?? 0,
      }));
      assert.deepEqual(overflow, { page: 0, card: 0 }, `${name} ${lang}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});
