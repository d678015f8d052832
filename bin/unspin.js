#!/usr/bin/env node
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { StringDecoder } from "node:string_decoder";
import { Script } from "node:vm";

// `… | unspin` (no arguments) runs the bundled pipe entry when the build made one (scripts/bundle-pipe.mjs): the same
// CLI and library in one file, compiled from V8's code cache when the build recorded one, for a faster start.
const bundle = new URL("../dist/pipe.cjs", import.meta.url);
if (process.argv.length === 2 && existsSync(bundle)) {
  const { runPipe } = loadPipe(bundle, new URL("../dist/pipe.cache", import.meta.url));
  process.exitCode = await runPipe();
} else {
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * The bundle is CommonJS run in a function whose parameters stand for what an ES module would have (scripts/
 * bundle-pipe.mjs says why): `__pipeUrl` for import.meta.url, `__import` for import(). The code cache is used only
 * when it starts with the bundle's id (its first line); V8 itself rejects one made by another Node.
 */
function loadPipe(file, cacheFile) {
  const source = readText(file);
  const id = source.slice(0, source.indexOf("\n") + 1);
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    if (cache.toString("latin1", 0, id.length) === id) cachedData = cache.subarray(id.length);
  } catch {
    // No cache: the bundle is compiled as it runs.
  }
  const path = fileURLToPath(file);
  const script = new Script(`(function (exports, require, module, __filename, __pipeUrl, __import) {${source}\n})`, { filename: path, cachedData });
  const module = { exports: {} };
  const importFromBundle = (specifier) => import(specifier.startsWith(".") ? new URL(specifier, file).href : specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, path, file.href, importFromBundle);
  const record = process.env.UNSPIN_PIPE_CODE_CACHE;
  if (!record) return module.exports;
  // The build's warm-up run: record the code cache once the pipe has run (with the functions it compiled).
  return {
    runPipe: async () => {
      const code = await module.exports.runPipe();
      writeFileSync(record, Buffer.concat([Buffer.from(id, "latin1"), script.createCachedData()]));
      return code;
    },
  };
}

/**
 * A text file read in pieces of 64 KB. readFileSync(file, "utf8") gathers the bundle (about 350 KB) in a block of
 * glibc's that doubles as it grows and is then freed: a freed block that large raises glibc's threshold for serving
 * blocks from fresh mappings for the rest of the run, and a long input's arrays then fragment its heap
 * (docs/scale.md, fifth session).
 */
function readText(file) {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(64 * 1024);
    const decoder = new StringDecoder("utf8");
    let text = "";
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) text += decoder.write(buf.subarray(0, n));
    return text + decoder.end();
  } finally {
    closeSync(fd);
  }
}
