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

// ---- Screening speed and stream mode (`unspin scan`, `--jsonl`): a block of its own -----------------------------
// Screening throughput on clean text (MB per second of CPU time, one core, so a busy machine does not skew it), and
// the peak memory (RSS) of `unspin --jsonl` over a 2 MB and a 200 MB stream: the bound must not grow with the stream.
async function benchScreenAndStream() {
  const { screen } = await import(join(dist, "index.js"));
  const clean = readFileSync(join(root, "fixtures", "harbour-bridge.orig.txt"), "utf8");
  let text = "";
  while (text.length < 2_000_000) text += clean + "\n";
  const mb = Buffer.byteLength(text) / 1e6;
  for (const [name, fn] of [["screen (scan)", screen], ["restore", restore]]) {
    fn(text.slice(0, 50_000)); // warm-up
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(text);
    const cpu = process.cpuUsage(c0);
    const secs = (cpu.user + cpu.system) / 1e6;
    console.log(`${name} on clean text:`.padEnd(35) + `${(mb / secs).toFixed(2)} MB/s per core (${mb.toFixed(1)} MB, ${secs.toFixed(2)} s CPU, ${((performance.now() - t0) / 1000).toFixed(2)} s wall)`);
  }

  const { spawn } = await import("node:child_process");
  const { Readable } = await import("node:stream");
  const tmp = mkdtempSync(join(tmpdir(), "unspin-bench-stream-"));
  // Reports the child's peak RSS on exit.
  const preload = join(tmp, "maxrss.mjs");
  writeFileSync(preload, 'import { writeSync } from "node:fs";\nprocess.on("exit", () => writeSync(2, `UNSPIN_MAXRSS ${process.resourceUsage().maxRSS}\\n`));\n');
  const sentences = readFileSync(join(root, "fixtures", "harbour-bridge.spun.txt"), "utf8").split(/(?<=\.)\s+/).filter(Boolean);
  // Records of a short text (what the engine works on) and a 10 kB field passed through (what the stream carries).
  const payload = "x".repeat(10_000);
  const HEAP_CAP_MB = 64;
  function* records(bytes) {
    let sent = 0;
    for (let i = 0; sent < bytes; i++) {
      const line = JSON.stringify({ id: i, text: `${sentences[i % sentences.length]} ${sentences[(i * 7 + 3) % sentences.length]}`, meta: payload }) + "\n";
      sent += line.length;
      yield line;
    }
  }
  try {
    for (const size of [2e6, 200e6]) {
      const t0 = performance.now();
      // The old-generation heap is capped for both runs: left alone, V8 lets it grow lazily on a long stream even though
      // nothing is kept; capped, a run that held on to records would fail instead of finishing under the same bound.
      const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, "--import", preload, bin, "--jsonl", "--quiet"], {
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = 0;
      let err = "";
      child.stdout.on("data", (c) => (out += c.length));
      child.stderr.on("data", (c) => (err += c));
      Readable.from(records(size)).pipe(child.stdin);
      const code = await new Promise((resolve) => child.on("close", resolve));
      const rss = Number(/UNSPIN_MAXRSS (\d+)/.exec(err)?.[1] ?? NaN);
      if (code !== 0) throw new Error(`unspin --jsonl failed (${code}): ${err.slice(0, 300)}`);
      const secs = (performance.now() - t0) / 1000;
      console.log(
        `--jsonl, ${(size / 1e6).toFixed(0).padStart(3)} MB stream:`.padEnd(35) +
          `peak RSS ${(rss / 1024).toFixed(0)} MB, heap capped at ${HEAP_CAP_MB} MB (${(out / 1e6).toFixed(0)} MB written, ${secs.toFixed(1)} s)`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
await benchScreenAndStream();
