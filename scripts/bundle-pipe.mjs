#!/usr/bin/env node
// Part of `npm run build` (after tsc): bundles the bare pipe's entry (dist/cli/pipe.js: the CLI and the library) into
// one module, dist/pipe.js, with esbuild (and chunks for what it loads only on demand). bin/unspin.js runs it when it is given no arguments (`… | unspin`): Node
// then loads one file instead of about fifty, which is most of the start-up time beyond Node's own. npm packages stay
// imports (commander, chalk… are loaded lazily, as before). dist/pipe.js sits at the same depth as dist/resources.js,
// so the paths the library works out from its own location (dictionaries/, dist/compiled/) are the same.
// Without esbuild (an install without dev dependencies) nothing is bundled and bin/unspin.js loads dist/ as it is.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
rmSync(join(outdir, "pipe.js"), { force: true });
rmSync(join(outdir, "pipe-chunks"), { recursive: true, force: true });
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error("bundle-pipe: esbuild is not installed; dist/pipe.js not built (bin/unspin.js loads dist/ module by module).");
  process.exit(0);
}
await esbuild.build({
  entryPoints: { pipe: join(root, "dist", "cli", "pipe.js") },
  outdir,
  // What the CLI imports only when it needs it (reports, prompts, the walker…) stays in chunks of its own
  // (dist/pipe-chunks/), with the npm packages they import: nothing the bare pipe does not run is loaded.
  splitting: true,
  chunkNames: "pipe-chunks/[name]-[hash]",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
