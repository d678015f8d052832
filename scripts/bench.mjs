#!/usr/bin/env node
// Speed and memory figures (targets live here, never in unit tests):
//   restoring words/s on one core, model load time, start-up time of `echo text | unspin`, peak memory,
//   and a batch case: 2,000 generated files with 1 worker and with all cores.
// Inputs are generated from the project's own fixtures.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const bin = join(root, "bin", "unspin.js");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { TrieModel } = await import(join(dist, "lm", "trie-model.js"));
const modelBytes = readFileSync(join(root, "dictionaries", "lm", "en-us.lm.bin"));
const loads = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  TrieModel.fromBuffer(modelBytes);
  loads.push(performance.now() - t);
}
console.log(`model load (from a Buffer):        ${median(loads).toFixed(1)} ms (median of 5)`);

const { restore, loadBundledResources } = await import(join(dist, "index.js"));
let t = performance.now();
loadBundledResources();
console.log(`model + dictionaries, first load:  ${(performance.now() - t).toFixed(0)} ms`);

// A large spun input: the fixture's paragraphs shuffled and repeated to ~100,000 words.
const paragraphs = readFileSync(join(root, "fixtures", "harbour-bridge.spun.txt"), "utf8").split("\n").filter(Boolean);
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const docs = [];
let words = 0;
while (words < 100_000) {
  const p = paragraphs[Math.floor(rand() * paragraphs.length)];
  docs.push(p);
  words += p.split(/\s+/).length;
}
const big = docs.join("\n");
restore(paragraphs.join("\n")); // warm-up
const runs = [];
for (let i = 0; i < 3; i++) {
  t = performance.now();
  restore(big);
  runs.push(performance.now() - t);
}
const ms = median(runs);
console.log(`restore, one core:                 ${Math.round(words / (ms / 1000)).toLocaleString("en-US")} words/s (${words.toLocaleString("en-US")} words in ${ms.toFixed(0)} ms, median of 3)`);
console.log(`peak memory (RSS) so far:          ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// One warm-up run (disk cache), then the median of nine: single runs on a shared machine vary by ±40 ms.
spawnSync(process.execPath, [bin], { input: "warm up\n", encoding: "utf8" });
const starts = [];
for (let i = 0; i < 9; i++) {
  t = performance.now();
  const r = spawnSync(process.execPath, [bin], { input: "The chief mentioned the plan.\n", encoding: "utf8" });
  starts.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`unspin failed: ${r.stderr}`);
}
console.log(`start-up, echo text | unspin:      ${median(starts).toFixed(0)} ms (median of 9, wall clock)`);

// Batch: 2,000 files of about 1 kB.
const dir = mkdtempSync(join(tmpdir(), "unspin-bench-"));
try {
  const tree = join(dir, "articles");
  mkdirSync(tree);
  for (let i = 0; i < 2000; i++) {
    let text = "";
    while (text.length < 1000) text += paragraphs[Math.floor(rand() * paragraphs.length)] + "\n";
    writeFileSync(join(tree, `article-${String(i).padStart(4, "0")}.txt`), text);
  }
  for (const jobs of [1, availableParallelism()]) {
    t = performance.now();
    const r = spawnSync(process.execPath, [bin, "--check", "--quiet", "--jobs", String(jobs), tree], { encoding: "utf8", maxBuffer: 1 << 28 });
    const secs = (performance.now() - t) / 1000;
    if (r.status !== 1 && r.status !== 0) throw new Error(`batch run failed (${r.status}): ${r.stderr.slice(0, 500)}`);
    console.log(`batch, 2,000 files (~2 MB), ${jobs} worker(s): ${Math.round(2000 / secs)} files/s (${secs.toFixed(1)} s)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
