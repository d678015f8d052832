/**
 * `… | unspin` with no arguments, the most common run: `npm run build` bundles this module with the CLI and the
 * library into one file, dist/pipe.cjs (scripts/bundle-pipe.mjs), which bin/unspin.js runs when it is given no
 * arguments. One module to load instead of about fifty is most of what start-up costs beyond Node's own.
 * The engine is handed to main() directly rather than imported by URL (dist/index.js), so the bundle's own copy of the
 * library is the only one the process loads. Behaviour is main([])'s: test/cli/pipe-bundle.test.ts compares them.
 */
import { restore, restoreWindows, restoreWindowsFrom } from "../index.js";
import { main } from "./main.js";

export function runPipe(): Promise<number> {
  return main([], undefined, { restorer: restore, windowRestorer: restoreWindows, sourceRestorer: restoreWindowsFrom });
}
