// The real engine with small windows: every text over 4 K characters is restored in pieces of about 4 K
// (src/restore/windows.ts), so the CLI's streaming of long texts can be tested on short inputs. `restore` joins the
// same pieces, so a report (whole-text path) and the pipe output (streamed) come from the same restoration. With
// WINDOWED_TEST_REPORT set, the number of pieces streamed is printed on stderr.
import { loadBundledResources } from "../../../dist/index.js";
import { joinWindows, restoreWindowsWith } from "../../../dist/restore/windows.js";

const SETTINGS = { windowChars: 4 * 1024, windowedAbove: 4 * 1024 };

export function* restoreWindows(text, options = {}) {
  let pieces = 0;
  for (const piece of restoreWindowsWith(loadBundledResources(), text, options, undefined, SETTINGS)) {
    pieces++;
    yield piece;
  }
  if (process.env.WINDOWED_TEST_REPORT) process.stderr.write(`pieces ${pieces}\n`);
}

export const restore = (text, options = {}) => joinWindows(restoreWindowsWith(loadBundledResources(), text, options, undefined, SETTINGS));

// The window functions (src/cli/run/parallel-windows.ts), with the same small windows: `--jobs 2` spreads them over
// the main thread and a worker, which loads this module too. With WINDOWED_TEST_REPORT set, each window restored
// prints which thread restored it.
import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
import * as W from "../../../dist/restore/windows.js";

export { WindowJoiner, mergeFormSites, planFromCounts } from "../../../dist/restore/windows.js";
export const windowSpans = (text) => W.windowSpans(text, SETTINGS);
export const countWindowPart = (part, w, k, options = {}) => W.countWindowPart(loadBundledResources(), part, w, k, options);
export const countWindowFormsPart = (part, w, options = {}) => W.countWindowFormsPart(loadBundledResources(), part, w, options);
export function restoreWindowPart(part, plan, k, options = {}) {
  // Straight to file descriptor 2: a worker's process.stderr goes through the main thread and may be cut at exit.
  if (process.env.WINDOWED_TEST_REPORT) writeSync(2, `window restored on the ${isMainThread ? "main thread" : "worker"}\n`);
  if (process.env.WINDOWED_TEST_FAIL && part.includes(process.env.WINDOWED_TEST_FAIL)) throw new Error("test failure in a window");
  return W.restoreWindowPart(loadBundledResources(), part, plan, k, options);
}
