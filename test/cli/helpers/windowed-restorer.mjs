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
