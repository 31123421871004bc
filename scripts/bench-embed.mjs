// `make bench`, embed part (issue #8): how soon the <health-atlas> element on the demo
// association page (www/demo/) shows its first render, under the strict CSP header, in headless
// Debian Chromium. The budget is 300 ms from the wasm being ready to the first rendered frame.
//
// Each round opens the demo page in a fresh browser context (nothing cached) and reads the marks
// www/embed/health-atlas.js sets: `health-atlas:wasm-ready` (the wasm is fetched, compiled and
// started) and `health-atlas:first-render` (the frame after the first instance mounted), plus
// the navigation start, so the wasm's own share is visible too. Then the app's own page
// (index.html) as many times, for its navigation start → wasm started (trunk's
// `TrunkApplicationStarted` event, marked by an init script). The loopback server has no
// network latency: these are the page's CPU costs, not a download over a real connection.
//
// Prints medians and 95th percentiles in milliseconds and the budget ratio. Measured here, not
// asserted in a test: frame times depend on the machine's load.
//
// Environment: BENCH_EMBED_ROUNDS (default 15), BENCH_EMBED_DIST (an existing release build;
// default BENCH_TIMELINE_DIST or target/bench-timeline-dist, which the timeline bench builds
// just before this one).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { launchBrowser, serveDist } from "../tests/e2e/support.mjs";
import { median, percentile, ROOT } from "./bench-support.mjs";

const DIST = resolve(process.env.BENCH_EMBED_DIST ?? process.env.BENCH_TIMELINE_DIST ?? `${ROOT}/target/bench-timeline-dist`);
const ROUNDS = Number(process.env.BENCH_EMBED_ROUNDS ?? 15);
const BUDGET_MS = 300;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

if (!existsSync(`${DIST}/demo/index.html`)) {
  throw new Error(`${DIST}/demo/index.html is missing: run 'trunk build --release --dist ${DIST}' first`);
}

const server = await serveDist({ dist: DIST, headers: { "content-security-policy": CSP } });
const browser = await launchBrowser();
const rounds = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(`${server.url}demo/`);
    await tab.waitForFunction(() => performance.getEntriesByName("health-atlas:first-render").length > 0, null, {
      timeout: 60_000,
    });
    rounds.push(
      await tab.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0].startTime;
        return {
          wasmReady: at("health-atlas:wasm-ready"),
          firstRender: at("health-atlas:first-render") - at("health-atlas:wasm-ready"),
        };
      }),
    );
    await context.close();
  }
  // The app's own page (index.html), for the same figure without the element: trunk's loader
  // dispatches `TrunkApplicationStarted` once the wasm is instantiated and its start function
  // has run; a script Playwright adds before the page's own marks it. Served without the CSP
  // header: trunk's loader is an inline script.
  const appServer = await serveDist({ dist: DIST });
  for (let round = 0; round < ROUNDS; round++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() =>
      addEventListener("TrunkApplicationStarted", () => performance.mark("health-atlas:app-wasm-started"), { once: true }),
    );
    const tab = await context.newPage();
    await tab.goto(appServer.url);
    await tab.waitForFunction(() => performance.getEntriesByName("health-atlas:app-wasm-started").length > 0, null, {
      timeout: 60_000,
    });
    rounds[round].appWasmStarted = await tab.evaluate(() => performance.getEntriesByName("health-atlas:app-wasm-started")[0].startTime);
    await context.close();
  }
  appServer.close();
} finally {
  await browser.close();
  server.close();
}

const column = (key) => rounds.map((round) => round[key]);
const row = (label, values) =>
  console.log(`${label.padEnd(52)} ${median(values).toFixed(1).padStart(8)} ${percentile(values, 0.95).toFixed(1).padStart(8)}`);
console.log(`\nEmbed on the demo page (strict CSP, ${ROUNDS} fresh loads, ms)`);
console.log(`${"".padEnd(52)} ${"median".padStart(8)} ${"p95".padStart(8)}`);
row("navigation start → wasm ready", column("wasmReady"));
row("app page (no CSP): navigation → wasm started", column("appWasmStarted"));
row("wasm ready → first render (budget 300)", column("firstRender"));
const firstRender = median(column("firstRender"));
console.log(`first render: ${(BUDGET_MS / firstRender).toFixed(1)}× under the ${BUDGET_MS} ms budget (median)`);
