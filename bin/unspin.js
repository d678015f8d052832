#!/usr/bin/env node
import { existsSync } from "node:fs";

// `… | unspin` (no arguments) runs the bundled pipe entry when the build made one (scripts/bundle-pipe.mjs): the same
// CLI and library in one module, for a faster start.
const pipe = new URL("../dist/pipe.js", import.meta.url);
if (process.argv.length === 2 && existsSync(pipe)) {
  const { runPipe } = await import(pipe.href);
  process.exitCode = await runPipe();
} else {
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
}
