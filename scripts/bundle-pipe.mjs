#!/usr/bin/env node
// Part of `npm run build` (after tsc): bundles the bare pipe's entry (dist/cli/pipe.js: the CLI and the library) into
// one file, dist/pipe.cjs, with esbuild, and records V8's compiled code for it in dist/pipe.cache. bin/unspin.js runs
// it when it is given no arguments (`… | unspin`): Node then loads one file instead of about fifty, and compiles
// almost none of it (the code cache), which together is most of the start-up time beyond Node's own. dist/pipe.cjs
// sits at the same depth as dist/resources.js, so the paths the library works out from its own location
// (dictionaries/, dist/compiled/) are the same.
//
// One file, not an entry and chunks: a build split into chunks put the pipe's own modules into some fifteen chunks
// (every module the pipe shares with a command loaded on demand), each one more file to load at start-up. So:
//   - modules the pipe imports, and those it loads on demand while it runs (the streamed output, flag notes, the
//     marked-up text of a terminal), are in the file;
//   - what only a run with arguments reaches (commands, reporters, the walker, workers, writing) stays an import of
//     its module in dist/ (`import("./cli/run/runner.js")`): with no arguments it is never loaded, and the bundle
//     stays the size of what the pipe runs;
//   - npm packages stay imports (chalk, picomatch… load only when needed, as before).
//
// Why CommonJS run through node:vm rather than an ES module: Node 20 keeps no compiled code for ES modules (its
// compile cache came in Node 22), and compiling the 280 KB bundle was the largest single cost of a bare pipe's
// start-up (about 20 ms of 240 here). A `vm.Script` takes V8's code cache (`cachedData`), so the bundle is CommonJS
// wrapped in a function whose parameters give it what a module would have: `__pipeUrl` for `import.meta.url`, and
// `__import` for `import()` (a vm script's own `import()` needs a loader callback that Node 20 marks experimental).
// The cache is made here by running the pipe once on a short text (the functions it compiled are in it); it starts
// with the bundle's id (its first line), so a cache from another build is never used, and V8 rejects it by itself
// after a Node upgrade (the pipe then compiles as before, a little slower).
// Without esbuild (an install without dev dependencies) nothing is bundled and bin/unspin.js loads dist/ as it is.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { asciiOnly } from "./lib/ascii.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist");
const entry = join(outdir, "cli", "pipe.js");
const bundleFile = join(outdir, "pipe.cjs");
const cacheFile = join(outdir, "pipe.cache");
for (const old of ["pipe.js", "pipe.cjs", "pipe.cache"]) rmSync(join(outdir, old), { force: true });
rmSync(join(outdir, "pipe-chunks"), { recursive: true, force: true });
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error("bundle-pipe: esbuild is not installed; dist/pipe.cjs not built (bin/unspin.js loads dist/ module by module).");
  process.exit(0);
}

/** Modules the bare pipe loads on demand while it runs: bundled with it. */
const PIPE_ON_DEMAND = ["cli/run/stream.js", "cli/report/flags.js", "cli/report/inline.js", "cli/report/json.js", "cli/input/spans.js"];

const options = (inline) => ({
  entryPoints: { pipe: entry },
  outdir,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  metafile: true,
  write: false,
  // The loader (bin/unspin.js) passes these as parameters of the function the bundle is wrapped in.
  define: { "import.meta.url": "__pipeUrl" },
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
const first = await esbuild.build(options(new Set()));
const inline = new Set([...PIPE_ON_DEMAND.map((p) => join(outdir, p)), ...Object.keys(first.metafile.inputs).map((p) => resolve(root, p))]);
const bundled = await esbuild.build(options(inline));
let code = bundled.outputFiles[0].text;
// Every dynamic import (of a dist/ module or an npm package) goes through the loader's __import. esbuild writes them
// as `import(`; at least as many must be rewritten as esbuild reports dynamic imports (its report leaves out imports
// of a computed path, and names a path imported in several places once), so none is left to fail at run time.
const dynamicImports = Object.values(bundled.metafile.outputs)[0].imports.filter((i) => i.kind === "dynamic-import").length;
let rewritten = 0;
code = code.replace(/\bimport\(/g, () => (rewritten++, "__import("));
if (rewritten < dynamicImports) throw new Error(`bundle-pipe: ${rewritten} import( rewritten, esbuild reports ${dynamicImports} dynamic imports`);
// ASCII only, so that the loader reads it into a one-byte string (UTF-8 decoding of a file with a few dozen non-ASCII
// characters is the slow path); esbuild escapes strings but leaves regular expressions and comments as written.
code = asciiOnly(code, "bundle-pipe");
const id = createHash("sha256").update(code).digest("hex").slice(0, 24);
writeFileSync(bundleFile, `// unspin-pipe ${id} (built by scripts/bundle-pipe.mjs; bin/unspin.js runs it)\n${code}`);

// The code cache: the pipe run once on a short text by bin/unspin.js, which writes it when UNSPIN_PIPE_CODE_CACHE
// names a file (only this script sets it).
const warm = spawnSync(process.execPath, [join(root, "bin", "unspin.js")], {
  input: "The committee mentioned that the new bridge would open next spring.\n",
  env: { ...process.env, UNSPIN_PIPE_CODE_CACHE: cacheFile },
  encoding: "utf8",
});
if (warm.status !== 0) throw new Error(`bundle-pipe: the bundled pipe failed on its warm-up text (exit ${warm.status}): ${warm.stderr}`);
