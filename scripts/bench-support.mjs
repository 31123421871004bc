// What every `make bench` script needs: the statistics it prints, the generated datasets it
// measures on, and a release build of the app to load in Chromium.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");

/** The median (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile: `fraction` 0.95 gives the p95. */
export function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1))];
}

/**
 * The `atlas-data generate --count size --seed seed` file in `targetDir/bench-data`, generated
 * by `atlasData` (default `targetDir/release/atlas-data`) the first time it is asked for.
 */
export function generatedDataset({ size, seed, targetDir = resolve(ROOT, "target"), atlasData }) {
  mkdirSync(resolve(targetDir, "bench-data"), { recursive: true });
  const file = resolve(targetDir, `bench-data/events-${size}-${seed}.json`);
  if (!existsSync(file)) {
    const generator = atlasData ?? resolve(targetDir, "release/atlas-data");
    execFileSync(generator, ["generate", "--count", String(size), "--seed", String(seed), "-o", file], { cwd: ROOT, stdio: "inherit" });
  }
  return file;
}

/** `existing` (a release build someone made) if given, else a fresh `trunk build` into `dist`. */
export function releaseBuild({ existing, dist }) {
  if (existing) return resolve(existing);
  execFileSync("trunk", ["build", "--release", "--offline", "--dist", dist], { cwd: ROOT, stdio: "inherit" });
  return dist;
}
