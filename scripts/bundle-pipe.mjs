#!/usr/bin/env node
// Part of `npm run build` (after tsc): bundles the bare pipe's entry (dist/cli/pipe.js: the CLI and the library) into
// one file, dist/pipe.js, with esbuild. bin/unspin.js runs it when it is given no arguments (`… | unspin`): Node then
// loads one file instead of about fifty, which is most of the start-up time beyond Node's own. dist/pipe.js sits at
// the same depth as dist/resources.js, so the paths the library works out from its own location (dictionaries/,
// dist/compiled/) are the same.
//
// One file, not an entry and chunks: a build split into chunks put the pipe's own modules into some fifteen chunks
// (every module the pipe shares with a command loaded on demand), each one more file to load at start-up. So:
//   - modules the pipe imports, and those it loads on demand while it runs (the streamed output, flag notes, the
//     marked-up text of a terminal), are in the file;
//   - what only a run with arguments reaches (commands, reporters, the walker, workers, writing) stays an import of
//     its module in dist/ (`import("./cli/run/runner.js")`): with no arguments it is never loaded, and the bundle
//     stays the size of what the pipe runs;
//   - npm packages stay imports (chalk, lilconfig… load only when needed, as before).
// Without esbuild (an install without dev dependencies) nothing is bundled and bin/unspin.js loads dist/ as it is.
import { rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
const entry = join(outdir, "cli", "pipe.js");
rmSync(join(outdir, "pipe.js"), { force: true });
rmSync(join(outdir, "pipe-chunks"), { recursive: true, force: true });
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error("bundle-pipe: esbuild is not installed; dist/pipe.js not built (bin/unspin.js loads dist/ module by module).");
  process.exit(0);
}

/** Modules the bare pipe loads on demand while it runs: bundled with it. */
const PIPE_ON_DEMAND = ["cli/run/stream.js", "cli/report/flags.js", "cli/report/inline.js", "cli/report/json.js", "cli/input/spans.js"];

const options = (inline) => ({
  entryPoints: { pipe: entry },
  outdir,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  metafile: true,
  absWorkingDir: root,
  plugins: [
    {
      name: "on-demand-modules",
      setup(build) {
        // A module of dist/ imported on demand: bundled when the pipe uses it, else left an import of its file.
        build.onResolve({ filter: /^\./ }, (args) => {
          if (args.kind !== "dynamic-import") return undefined;
          const target = resolve(args.resolveDir, args.path);
          if (inline.has(target)) return undefined;
          return { path: `./${relative(outdir, target).split("\\").join("/")}`, external: true };
        });
      },
    },
  ],
});

// First the modules the pipe imports statically (every import on demand left out): one imported on demand as well
// is bundled, never loaded a second time from dist/ (a second copy would have state of its own).
const first = await esbuild.build({ ...options(new Set()), write: false });
const inline = new Set([...PIPE_ON_DEMAND.map((p) => join(outdir, p)), ...Object.keys(first.metafile.inputs).map((p) => resolve(root, p))]);
await esbuild.build(options(inline));
