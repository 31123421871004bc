// The WordPress plugin in a real WordPress (Debian's 6.1, Apache, MariaDB), started by
// tests/wordpress/run.sh, which installed the plugin from its zip and had an Author (no
// unfiltered_html: kses applies) write the posts listed in WP_TEST_STATE. Each post is read
// as a visitor and as that Author, in the block theme and in a classic theme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { launchBrowser, watchForErrors } from "../e2e/support.mjs";

const state = JSON.parse(readFileSync(process.env.WP_TEST_STATE, "utf8"));
const site = process.env.WP_TEST_SITE;
const posts = state.posts;
const SCRIPT = "script[type=module][src*='/plugins/health-atlas/atlas/embed/health-atlas.js']";
const THEMES = [
  { slug: "twentytwentythree", column: ".wp-block-post-content" },
  { slug: "atlas-classic", column: ".entry-content" },
];
const wp = (...args) => execFileSync("php", [fileURLToPath(new URL("./wp.php", import.meta.url)), ...args], { encoding: "utf8" });

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A fresh browser tab, as a visitor or (`as: "author"`) logged in as the Author. */
async function open(url, { as = "visitor", width = 1280 } = {}) {
  const context = await browser.newContext({ locale: "en-US", viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  // Failed requests by address (the console only says "Failed to load resource").
  const missing = [];
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) missing.push(`${response.status()} ${response.url()}`);
  });
  if (as === "author") {
    await page.goto(`${site}/wp-login.php`);
    await page.fill("#user_login", state.author.user_login);
    await page.fill("#user_pass", state.author.user_pass);
    await Promise.all([page.waitForURL(/wp-admin/), page.click("#wp-submit")]);
  }
  await page.goto(url);
  return { page, errors, missing, close: () => context.close() };
}

const rows = (scope) => scope.locator("health-atlas .ha-table tbody tr");
const shadowCount = (page, selector) =>
  page.evaluate((selector) => document.querySelector("health-atlas")?.shadowRoot?.querySelectorAll(selector).length ?? -1, selector);

/** Waits until the atlas has asked for its dataset file and is no longer loading it. */
async function datasetSettled(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector("health-atlas")?.shadowRoot;
    return root && !root.querySelector(".ha-skeleton") && !root.querySelector("progress");
  });
}

let builtInEvents;

for (const theme of THEMES) {
  test(`${theme.slug}: the block and the shortcode render an interactive atlas that fits the column`, async () => {
    const switched = wp("theme", theme.slug);
    assert.match(switched, new RegExp(`theme: ${theme.slug}`));
    for (const name of ["block", "shortcode"]) {
      const { page, errors, missing, close } = await open(posts[name].url);
      await rows(page).first().waitFor();
      assert.equal(await page.locator(SCRIPT).count(), 1, `${name}: the element's module script, once`);
      const all = await rows(page).count();
      builtInEvents ??= all;
      assert.equal(all, builtInEvents, `${name}: the built-in events`);

      // A 650 px column gets the compact layout (views as tabs, filters in a drawer).
      assert.equal(await page.locator("health-atlas .ha-app.ha-compact").count(), 1, `${name}: the compact layout`);

      // Interactive: a category filter, from the drawer, narrows the list.
      await page.locator("health-atlas .ha-filters-button").click();
      await page.locator("health-atlas .ha-drawer .ha-facet input[data-facet='cat'][data-key='forum']").check();
      await page.locator("health-atlas .ha-show-results").click();
      await page.locator("health-atlas #ha-tab-list").click();
      await page.waitForFunction(
        (all) => {
          const shown = document.querySelector("health-atlas").shadowRoot.querySelectorAll(".ha-table tbody tr").length;
          return shown > 0 && shown < all;
        },
        all,
      );

      // Fits the theme's content column (650 px in both themes), and the page does not scroll sideways.
      const fit = await page.evaluate((column) => {
        const element = document.querySelector("health-atlas");
        const box = element.getBoundingClientRect();
        const content = element.closest(column);
        const style = getComputedStyle(content);
        const area = content.getBoundingClientRect();
        return {
          inColumn: Boolean(content),
          width: box.width,
          height: box.height,
          left: box.left - (area.left + parseFloat(style.paddingLeft)),
          right: area.right - parseFloat(style.paddingRight) - box.right,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          ownOverflow: (({ scrollWidth, clientWidth }) => scrollWidth - clientWidth)(element.shadowRoot.querySelector(".ha-embed-root")),
        };
      }, theme.column);
      assert.ok(fit.inColumn, `${name}: inside ${theme.column}`);
      assert.ok(fit.width > 300 && fit.width <= 650.5, `${name}: ${fit.width} px wide, the column is 650 px`);
      assert.ok(fit.left >= -0.5 && fit.right >= -0.5, `${name}: within the column (${JSON.stringify(fit)})`);
      assert.equal(fit.pageOverflow, 0, `${name}: no horizontal scrolling`);
      assert.equal(fit.ownOverflow, 0, `${name}: nothing scrolls sideways inside the atlas`);
      assert.ok(Math.abs(fit.height - 560) < 1, `${name}: height="560" (${fit.height})`);
      assert.deepEqual(missing, [], `${name}: failed requests`);
      assert.deepEqual(errors.filter((error) => !/^Failed to load resource/.test(error)), [], `${name}: console errors`);
      await close();
    }

    // Pages without an atlas do not load its script.
    const { page, close } = await open(posts.plain.url);
    await page.getByText("Just text.").waitFor();
    assert.equal(await page.locator(`${SCRIPT}, health-atlas`).count(), 0, "no atlas, no script");
    await close();
  });
}

test("the shortcode's initial filters and view apply", async () => {
  const { page, close } = await open(posts.filtered.url);
  await rows(page).first().waitFor();
  assert.ok((await rows(page).count()) < builtInEvents, "filters=cat=forum narrows the list");
  assert.equal(await page.locator("health-atlas").getAttribute("view"), "list");
  await close();
});

test("unknown options and unusable values are listed to the Author, not to visitors", async () => {
  const visitor = await open(posts.unknownOption.url);
  await rows(visitor.page).first().waitFor();
  assert.equal(await visitor.page.locator(".health-atlas-notice").count(), 0, "visitors see the atlas only");
  await visitor.close();

  const author = await open(posts.unknownOption.url, { as: "author" });
  const notice = author.page.locator(".health-atlas-notice");
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /colour: not an option/);
  assert.match(text, /view="satellite": expected one of combined, timeline, map, list/);
  await rows(author.page).first().waitFor();

  await author.page.goto(posts.unknownBlock.url);
  assert.match(await author.page.locator(".health-atlas-notice").textContent(), /colour: not an option/, "the block too");
  await author.close();
});

test("a Media Library dataset that is not valid: located errors for the Author, the built-in events (or nothing) for visitors", async () => {
  assert.equal(state.datasetMime, "application/json", "the Author could upload a .json dataset");
  assert.match(state.notJsonRefused, /not-json\.json is not valid JSON \(Syntax error\)/, "a .json that is not JSON is refused, saying why");

  const visitor = await open(posts.badDataset.url);
  await rows(visitor.page).first().waitFor();
  await datasetSettled(visitor.page);
  assert.equal(await shadowCount(visitor.page, ".ha-alert"), 0, "no errors for visitors");
  assert.equal(await rows(visitor.page).count(), builtInEvents, "the built-in events");
  await visitor.close();

  const nothing = await open(posts.badDatasetNone.url);
  await nothing.page.getByText("After.").waitFor();
  await nothing.page.waitForFunction(() => document.querySelector("health-atlas")?.shadowRoot?.querySelector(".ha-app-hidden"));
  const box = await nothing.page.locator("health-atlas").boundingBox();
  assert.equal(box.height, 0, "dataset_errors=\"empty\": nothing at all");
  assert.equal(await shadowCount(nothing.page, ".ha-alert"), 0);
  await nothing.close();

  for (const post of [posts.badDataset, posts.badDatasetNone]) {
    const author = await open(post.url, { as: "author" });
    const alert = author.page.locator("health-atlas .ha-alert");
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /invalid-dataset\.json/);
    assert.match(text, /events\[0\]\.category: unknown variant `meeting`/, "where and what");
    await author.close();
  }
});

test("the block editor: a live preview, options in the sidebar, unknown options listed", async () => {
  const { page, close } = await open(`${site}/wp-admin/post.php?post=${posts.unknownBlock.id}&action=edit`, { as: "author" });
  const guide = page.locator(".edit-post-welcome-guide");
  if (await guide.isVisible().catch(() => false)) await page.keyboard.press("Escape");
  // The preview is the server's rendering with the element running in the editor.
  const preview = page.locator("[data-type='health-atlas/atlas']");
  await rows(preview).first().waitFor({ timeout: 60_000 });
  assert.match(await preview.locator(".health-atlas-notice").textContent(), /colour: not an option/);

  await preview.click({ position: { x: 5, y: 5 } });
  const settings = page.locator(".interface-complementary-area");
  if (!(await settings.isVisible().catch(() => false))) await page.getByRole("button", { name: "Settings" }).first().click();
  await page.getByRole("tab", { name: "Block" }).click().catch(() => {});
  await settings.getByText("Options not used").waitFor();
  await settings.locator(".health-atlas-unknown").getByText("colour").waitFor();

  await settings.getByLabel("View", { exact: true }).selectOption("list");
  await preview.locator("health-atlas[view='list']").waitFor();
  await rows(preview).first().waitFor();

  // The invalid Media Library dataset: the located errors in the preview.
  await page.goto(`${site}/wp-admin/post.php?post=${posts.badDataset.id}&action=edit`);
  const alert = page.locator("[data-type='health-atlas/atlas'] health-atlas .ha-alert");
  await alert.waitFor({ timeout: 60_000 });
  assert.match(await alert.textContent(), /events\[0\]\.category: unknown variant `meeting`/);
  await close();
});

test("the plugin wrote nothing to PHP's error log", () => {
  const log = (() => {
    try {
      return readFileSync(process.env.WP_TEST_DEBUG_LOG, "utf8");
    } catch {
      return "";
    }
  })();
  const ours = log.split("\n").filter((line) => /plugins\/health-atlas\//.test(line));
  assert.deepEqual(ours, []);
});
