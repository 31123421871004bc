// Shared set-up for the end-to-end tests: a static server over the release build in dist/
// on 127.0.0.1, and Debian's Chromium driven by playwright-core (browsers cannot be
// downloaded here, so we never use Playwright's own).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import assert from "node:assert/strict";

// E2E_DIST lets parallel work test its own build (trunk build --dist elsewhere) without
// overwriting dist/.
const DIST = resolve(process.env.E2E_DIST ?? resolve(import.meta.dirname, "../../dist"));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

/**
 * Serves dist/ (or the build in `dist`) on an ephemeral loopback port; `headers` are added to
 * every response and `extraFiles` maps extra paths ("/fixtures/bad.json") to their contents.
 * With `prefix` ("/atlas/") the build is served under that folder only, as a site would
 * serve an uploaded bundle, and anything else is a 404; `url` then ends with it.
 */
export async function serveDist({ headers = {}, extraFiles = {}, dist = DIST, prefix = "/" } = {}) {
  const root = resolve(dist);
  if (!existsSync(join(root, "index.html"))) {
    throw new Error(`${root}/index.html is missing: run 'make build' (trunk build --release) first`);
  }
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (Object.hasOwn(extraFiles, url.pathname)) {
      response.writeHead(200, { "content-type": TYPES[extname(url.pathname)] ?? "text/plain", ...headers });
      response.end(extraFiles[url.pathname]);
      return;
    }
    if (!url.pathname.startsWith(prefix)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    let path = normalize(decodeURIComponent(url.pathname.slice(prefix.length - 1))).replace(/^([/\\])+/, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    const file = join(root, path);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...headers });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}${prefix}`, origin, close: () => new Promise((done) => server.close(done)) };
}

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error("Chromium not found: install Debian's chromium (make test does) or set CHROMIUM");
}

/** Launches headless Chromium with the flags this machine's closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Collects console errors and uncaught exceptions so a test can assert there were none. */
export function watchForErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

/**
 * Registers, for the calling test file, a server over dist/ and a browser started before its
 * tests and closed after them. Returns an object whose `server` and `browser` are set once
 * the tests run, and whose `open` starts the app in a fresh context: language, colour
 * scheme, size, (for phones) touch and the reduced-motion preference (none by default),
 * resolving once the app is up (its event list has a row, and on phones the view tabs are
 * there).
 */
export function useServedAtlas(serverOptions = {}) {
  const atlas = { server: undefined, browser: undefined };
  atlas.open = async ({
    locale = "en-US",
    colorScheme = "light",
    viewport = { width: 1280, height: 900 },
    phone = false,
    reducedMotion = "no-preference",
  } = {}) => {
    const context = await atlas.browser.newContext({
      locale,
      colorScheme,
      viewport,
      reducedMotion,
      ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
    });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(atlas.server.url);
    if (phone) await page.getByRole("tablist").waitFor();
    await page.locator(".ha-table tbody tr").first().waitFor();
    return { page, errors, context, close: () => context.close() };
  };
  before(async () => {
    atlas.server = await serveDist(serverOptions);
    atlas.browser = await launchBrowser();
  });
  after(async () => {
    await atlas.browser?.close();
    await atlas.server?.close();
  });
  return atlas;
}

const AXE_SOURCE = await readFile(resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");
/** The rules every page, view and state is checked against: WCAG 2.2 AA. */
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * Runs axe (npm axe-core, added to the page once) on the whole document, open shadow roots
 * included, and fails with a readable list of what it found; `state` names what was on screen.
 */
export async function expectNoViolations(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const violations = await page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      rule: violation.id,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary.replace(/\s+/g, " ")}`),
    }));
  }, WCAG_22_AA);
  assert.deepEqual(violations, [], `${state}:\n${JSON.stringify(violations, null, 2)}`);
}
