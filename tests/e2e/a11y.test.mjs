// Accessibility (issue #9): npm axe-core with the WCAG 2.2 AA rule tags on every view and
// state — the page as it opens, filters in use, a card open, the list sorted, each language,
// both themes and both phone sizes (views as tabs, filters in a drawer) — must report no
// violation. axe does not measure text drawn in SVG, so the timeline's and map's labels are
// checked against their backgrounds here too. And on phones: no horizontal page scroll and
// every control at least 44 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import { expectNoViolations, useServedAtlas } from "./support.mjs";

// ATLAS_DIST lets a contributor test their own build (trunk build --dist …); make e2e uses dist/.
const atlas = useServedAtlas({ dist: process.env.ATLAS_DIST });
const PHONES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
];

/**
 * Contrast of the text axe cannot see: SVG <text> against what is painted behind it (the
 * timeline's canvas, a cluster's disc, a map label's halo). Returns the pairs below 4.5:1.
 */
function lowContrastSvgText(page) {
  return page.evaluate(() => {
    const parse = (color) => {
      const match = color.match(/rgba?\(([^)]+)\)/);
      if (!match) return null;
      const [r, g, b, a = 1] = match[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, bottom, alpha) => ({
      r: top.r * alpha + bottom.r * (1 - alpha),
      g: top.g * alpha + bottom.g * (1 - alpha),
      b: top.b * alpha + bottom.b * (1 - alpha),
    });
    const luminance = ({ r, g, b }) => {
      const channel = (value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (first, second) => {
      const [light, dark] = [luminance(first), luminance(second)].sort((x, y) => y - x);
      return (light + 0.05) / (dark + 0.05);
    };
    const opacity = (element) => {
      let value = 1;
      for (let node = element; node && node instanceof Element; node = node.parentElement) {
        value *= Number(getComputedStyle(node).opacity);
      }
      return value;
    };
    const low = [];
    for (const text of document.querySelectorAll(".ha-timeline-svg text, .ha-map-svg text")) {
      if (!text.textContent.trim() || text.getBBox().width === 0) continue;
      const style = getComputedStyle(text);
      const fill = parse(style.fill);
      if (!fill) continue;
      let behind;
      const cluster = text.closest(".ha-cluster");
      if (cluster) {
        // The disc over the land or sea (the lighter of the two is the worst case for light text).
        const disc = parse(getComputedStyle(cluster.querySelector("circle")).fill);
        const discOpacity = Number(getComputedStyle(cluster.querySelector("circle")).fillOpacity);
        const canvas = parse(getComputedStyle(text.closest(".ha-map-canvas")).backgroundColor);
        behind = over(disc, canvas, discOpacity);
      } else if (style.paintOrder.startsWith("stroke") && style.stroke !== "none") {
        behind = parse(style.stroke); // a halo drawn under the letters
      } else {
        const canvas = text.closest(".ha-timeline-canvas, .ha-map-canvas");
        behind = parse(getComputedStyle(canvas).backgroundColor);
        const bin = text.closest(".ha-bin");
        if (bin) behind = parse(getComputedStyle(bin.querySelector("rect")).fill);
      }
      const shown = over(fill, behind, opacity(text) * Number(style.fillOpacity));
      const value = ratio(shown, behind);
      if (value < 4.5) low.push(`${text.textContent.trim().slice(0, 30)} (${[...text.classList, text.parentElement.getAttribute("class")].join(" ")}): ${value.toFixed(2)}:1`);
    }
    return [...new Set(low)];
  });
}

async function useFilters(page) {
  await page.locator(".ha-search input").fill("wuxi");
  await page.locator(".ha-facet input[data-facet='cat'][data-key='signing']").check();
  await page.waitForFunction(() => document.querySelectorAll(".ha-table tbody tr").length === 1);
}

async function openCard(page, id = "tbhc-2023") {
  await page.locator(`tr[data-event-id='${id}'] .ha-link-button`).click();
  await page.locator(`.ha-card[data-event-id='${id}']`).waitFor();
}

for (const colorScheme of ["light", "dark"]) {
  test(`desktop, ${colorScheme}: the page, filters in use, a card open and a sorted list have no WCAG 2.2 AA violations`, async () => {
    const { page, errors, close } = await atlas.open({ colorScheme });
    await page.locator(".ha-timeline-svg text").first().waitFor();
    await page.locator(".ha-map-svg .ha-cluster, .ha-map-svg .ha-map-marker").first().waitFor();
    await expectNoViolations(page, `initial page (${colorScheme})`);
    assert.deepEqual(await lowContrastSvgText(page), [], `SVG text (${colorScheme})`);

    await openCard(page);
    await expectNoViolations(page, `card open (${colorScheme})`);

    await page.keyboard.press("Escape");
    await useFilters(page);
    await page.locator(".ha-date-from").fill("2023-01-01");
    await expectNoViolations(page, `filters in use (${colorScheme})`);
    assert.deepEqual(await lowContrastSvgText(page), [], `SVG text, filtered (${colorScheme})`);

    await page.locator(".ha-clear").click();
    await page.locator(".ha-table th[data-sort-key='title'] button").click();
    await page.locator(".ha-table th[data-sort-key='title'][aria-sort='ascending']").waitFor();
    await expectNoViolations(page, `list sorted (${colorScheme})`);
    assert.deepEqual(errors, []);
    await close();
  });
}

for (const [locale, lang, colorScheme] of [["zh-CN", "zh", "light"], ["fr-FR", "fr", "dark"], ["en-GB", "en", "light"]]) {
  test(`language ${lang} (${colorScheme}): page, filters and card have no violations`, async () => {
    const { page, errors, close } = await atlas.open({ locale, colorScheme });
    assert.equal(await page.locator(".ha-app").getAttribute("lang"), lang);
    await expectNoViolations(page, `${lang} initial`);
    await useFilters(page);
    await expectNoViolations(page, `${lang} filters`);
    await openCard(page, "tbhc-2023-signings");
    await expectNoViolations(page, `${lang} card`);
    assert.deepEqual(errors, []);
    await close();
  });
}

for (const viewport of PHONES) {
  for (const colorScheme of ["light", "dark"]) {
    test(`phone ${viewport.width}×${viewport.height}, ${colorScheme}: tabs, drawer, card and each view have no violations; no sideways scroll; 44 px targets`, async () => {
      const { page, errors, close } = await atlas.open({ viewport, colorScheme, phone: true });
      const noSidewaysScroll = async (state) => {
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth, `${state}: page is ${scrollWidth}px wide in a ${innerWidth}px window`);
      };
      const smallTargets = () =>
        page.evaluate(() => {
          const controls = document.querySelectorAll(
            ".ha-app button, .ha-app select, .ha-app input:not([type='checkbox']), .ha-facet-value label, .ha-toggle",
          );
          return [...controls]
            .filter((control) => control.getClientRects().length > 0 && !control.closest(".ha-print-only"))
            .map((control) => ({ control, box: control.getBoundingClientRect() }))
            .filter(({ box }) => box.height < 44 || box.width < 44)
            .map(({ control, box }) => `${control.className || control.tagName} "${control.textContent.trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        });

      // The list tab is shown first; the views are tabs.
      const tabs = page.getByRole("tablist");
      await tabs.waitFor();
      assert.equal(await page.getByRole("tab", { selected: true }).getAttribute("id"), "ha-tab-list");
      assert.equal(await page.locator(".ha-filters").isVisible(), false, "filters wait in the drawer");
      await expectNoViolations(page, `phone list`);
      await noSidewaysScroll("list");
      assert.deepEqual(await smallTargets(), [], "list: controls under 44 px");

      // The filter drawer: opened by its button, focus inside, Escape closes and focus returns.
      const opener = page.locator(".ha-filters-button");
      await opener.click();
      await page.locator(".ha-drawer .ha-filters").waitFor();
      assert.equal(await opener.getAttribute("aria-expanded"), "true");
      assert.equal(await page.evaluate(() => document.activeElement.closest(".ha-drawer") !== null), true);
      await useFilters(page);
      await expectNoViolations(page, `phone drawer open with filters`);
      await noSidewaysScroll("drawer");
      assert.deepEqual(await smallTargets(), [], "drawer: controls under 44 px");
      await page.keyboard.press("Escape");
      await page.locator(".ha-drawer").waitFor({ state: "hidden" });
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains("ha-filters-button")), true);
      assert.match(await opener.textContent(), /\(2\)/, "the button counts the filters set");

      await openCard(page, "tbhc-2023-signings");
      await expectNoViolations(page, `phone card`);
      await noSidewaysScroll("card");
      await page.locator(".ha-card .ha-close").click();
      await page.locator(".ha-card").waitFor({ state: "detached" });

      for (const view of ["timeline", "map"]) {
        await page.locator(`#ha-tab-${view}`).click();
        await page.locator(`#ha-panel-${view} .ha-${view}`).waitFor();
        assert.equal(await page.locator("#ha-panel-list").isVisible(), false);
        await expectNoViolations(page, `phone ${view} tab`);
        await noSidewaysScroll(view);
        assert.deepEqual(await smallTargets(), [], `${view}: controls under 44 px`);
      }
      assert.deepEqual(await lowContrastSvgText(page), [], "SVG text on the phone's map");
      assert.deepEqual(errors, []);
      await close();
    });
  }
}
