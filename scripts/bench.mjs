#!/usr/bin/env node
// Speed and memory figures (targets live here, never in unit tests). Every figure is printed with its ratio to a
// baseline measured in the same run, so that figures from different machines (or a busy one) can be compared:
//   - start-up of `echo text | unspin` against `node -e 1`;
//   - restoring throughput against a plain pass over the same text that tokenises it and looks every word and
//     word pair up in a set (what a context-free checker does);
//   - peak memory (RSS) of a 30 MB spun input (`unspin < file > out`) and of a 2,000-file batch, and what each
//     extra worker adds;
//   - batch files/s with 1 and 2 workers.
// Inputs are generated from the project's own texts (fixtures/bench, written for the project, spun by
// scripts/spin-fixtures.mjs): their sentences shuffled into paragraphs, so the input is varied, not one page repeated.
//
//   npm run bench                          all figures (a few minutes)
//   node scripts/bench.mjs --root DIR      measure another checkout's build (DIR/dist, DIR/bin) on the same inputs
//   node scripts/bench.mjs --big-mb 10     size of the peak-memory input (default 30)
//   node scripts/bench.mjs --quick         a tenth of every input size, to check that the script works
//   node scripts/bench.mjs --only memory   some parts only (comma-separated): startup, throughput, memory (the big
//                                          pipe input and the batch's peak RSS), batch (the same runs), stream,
//                                          long (one long input with --jobs 1 and --jobs 2)
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const root = resolve(arg("--root", here));
const quick = process.argv.includes("--quick");
const bigMB = Number(arg("--big-mb", quick ? "3" : "30"));
const MB = 1024 * 1024;
const textMB = quick ? 1 : 10;
const files = quick ? 200 : 2000;
const only = arg("--only", "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const wants = (...parts) => only.length === 0 || parts.some((p) => only.includes(p));

// --- child modes: one measurement in a fresh process --------------------------------------------------------
if (process.argv[2] === "--child-restore") {
  // Restores a file with the library and prints time and peak RSS (the whole process: model, text, engine).
  const { restore, loadBundledResources } = await import(join(root, "dist", "index.js"));
  const text = readFileSync(process.argv[3], "utf8");
  loadBundledResources();
  restore("The chief mentioned the plan. He stated it was a good 12 months."); // warm-up (thesaurus included)
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const r = restore(text, process.argv.includes("--assume-spun") ? { assumeSpun: true } : {});
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(JSON.stringify({ ms, cpuMs, edits: r.edits.length, spun: r.gate.spun, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
if (process.argv[2] === "--child-cli") {
  // Runs the CLI in this process and prints its peak RSS (all threads) on stderr when it exits.
  process.on("exit", () => {
    const u = process.resourceUsage();
    process.stderr.write(`\nBENCH_MAX_RSS_MB=${u.maxRSS / 1024}\nBENCH_CPU_S=${(u.userCPUTime + u.systemCPUTime) / 1e6}\n`);
  });
  const { main } = await import(join(root, "dist", "cli", "main.js"));
  // argv: --child-cli --root DIR <unspin arguments>
  process.exitCode = await main(process.argv.slice(5));
} else {
  await runBench();
  if (wants("stream")) await benchScreenAndStream();
}

/** The spun keys of the thesaurus index (layout in src/dict/thesaurus-index.ts): terms that have candidates. */
function thesaurusKeys(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const terms = view.getUint32(12, true);
  const candidates = view.getUint32(16, true);
  const termOffset = (i) => view.getUint32(32 + 4 * i, true);
  const candStart = (i) => view.getUint32(32 + 4 * (terms + 1) + 4 * i, true);
  const pool = 32 + 8 * (terms + 1) + 4 * candidates;
  const keys = [];
  for (let i = 0; i < terms; i++) {
    if (candStart(i + 1) > candStart(i)) keys.push(bytes.toString("latin1", pool + termOffset(i), pool + termOffset(i + 1) - 1));
  }
  return keys;
}

async function runBench() {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f1 = (x) => x.toFixed(1);
  const row = (label, value, ratio, target = "") => console.log(`${label.padEnd(46)} ${value.padEnd(30)} ${ratio.padEnd(26)} ${target}`);
  const tmp = mkdtempSync(join(tmpdir(), "unspin-bench-"));
  try {
    console.log(`unspin bench: ${root === here ? "this checkout" : root}; ${availableParallelism()} core(s); node ${process.version}`);
    row("figure", "value", "ratio to baseline", "issue 9 target");

    // --- inputs ----------------------------------------------------------------------------------------------
    const benchDir = join(here, "fixtures", "bench");
    const sentencesOf = (suffix) =>
      readdirSync(benchDir)
        .filter((f) => f.endsWith(suffix))
        .sort()
        .flatMap((f) => readFileSync(join(benchDir, f), "utf8").split("\n"))
        .map((s) => s.trim())
        .filter(Boolean);
    const spunSentences = sentencesOf(".spun.txt");
    const cleanSentences = sentencesOf(".orig.txt");
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    /** Paragraphs of 3-7 sentences drawn at random, until the text has `bytes` bytes. */
    const shuffled = (sentences, bytes) => {
      const parts = [];
      let size = 0;
      while (size < bytes) {
        const n = 3 + Math.floor(rand() * 5);
        const p = [];
        for (let i = 0; i < n; i++) p.push(sentences[Math.floor(rand() * sentences.length)]);
        const para = p.join(" ") + "\n\n";
        parts.push(para);
        size += para.length;
      }
      return parts.join("");
    };
    const write = (name, text) => {
      const path = join(tmp, name);
      writeFileSync(path, text);
      return path;
    };
    const spun10 = shuffled(spunSentences, textMB * MB);
    const clean10 = shuffled(cleanSentences, textMB * MB);
    const spun10Path = write("spun-10mb.txt", spun10);
    const clean10Path = write("clean-10mb.txt", clean10);

    if (wants("startup")) benchStartup();
    if (wants("throughput")) benchThroughput();
    if (wants("memory")) benchBigInput();
    if (wants("long")) await benchLongInputThreads();
    if (wants("memory", "batch")) await benchBatch();

    function benchStartup() {
      // --- start-up ----------------------------------------------------------------------------------------------
      const bin = join(root, "bin", "unspin.js");
      const runOnce = (args, input) => {
        const t = performance.now();
        const r = spawnSync(process.execPath, args, { input, encoding: "utf8" });
        if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
        return performance.now() - t;
      };
      runOnce(["-e", "1"], "");
      runOnce([bin], "warm up\n");
      const nodeStarts = [];
      const pipeStarts = [];
      for (let i = 0; i < 11; i++) {
        // Interleaved, so both see the same load on a shared machine.
        nodeStarts.push(runOnce(["-e", "1"], ""));
        pipeStarts.push(runOnce([bin], "He mentioned it.\n"));
    }
    const nodeMs = median(nodeStarts);
    const pipeMs = median(pipeStarts);
    row("start-up: node -e 1 (baseline)", `${nodeMs.toFixed(0)} ms (median of 11)`, "1.00");
    row('start-up: echo "He mentioned it." | unspin', `${pipeMs.toFixed(0)} ms (median of 11)`, `${(pipeMs / nodeMs).toFixed(2)} x node -e 1`, "<= 1.8 x");

    }
    function benchThroughput() {
      // --- throughput ----------------------------------------------------------------------------------------------
      // Baseline: tokenise and look every word and word pair up in a set of the dictionaries' keys.
      const keys = new Set();
      for (const line of readFileSync(join(root, "dictionaries", "mined", "spinner.tsv"), "utf8").split("\n")) if (line && !line.startsWith("#")) keys.add(line.split("\t")[0]);
      for (const key of thesaurusKeys(readFileSync(join(root, "dictionaries", "thesaurus", "reverse.bin")))) keys.add(key);
      const scan = (text) => {
        let hits = 0;
        let prev = "";
        for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
          const w = m[0].toLowerCase();
          if (keys.has(w)) hits++;
          if (prev && keys.has(`${prev} ${w}`)) hits++;
          prev = w;
        }
        return hits;
      };
      const scanSpeed = (text) => {
        scan(text.slice(0, MB));
        const runs = [];
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          scan(text);
          runs.push(performance.now() - t);
        }
        return (text.length / MB) / (median(runs) / 1000);
      };
      const child = (file, ...extra) => {
        const r = spawnSync(process.execPath, ["--max-old-space-size=16384", fileURLToPath(import.meta.url), "--child-restore", file, "--root", root, ...extra], { encoding: "utf8", maxBuffer: 1 << 26 });
        if (r.status !== 0) throw new Error(`restore child failed: ${r.stderr.slice(0, 2000)}`);
        return JSON.parse(r.stdout.trim().split("\n").pop());
      };
      for (const [label, text, path, target] of [
        ["spun", spun10, spun10Path, ">= 0.5 MB/s"],
        ["clean", clean10, clean10Path, ">= 5 MB/s"],
      ]) {
        const base = scanSpeed(text);
        const r = child(path);
        const speed = (text.length / MB) / (r.ms / 1000);
        row(`throughput: word/pair look-up pass, ${textMB} MB ${label}`, `${f1(base)} MB/s`, "1.00");
        row(`throughput: restore, ${textMB} MB ${label}, one core`, `${speed.toFixed(2)} MB/s (${r.edits} edits)`, `${(speed / base).toFixed(3)} x look-up pass`, target);
        // CPU time (this thread, GC and compiler threads): what a free core would give on a busy machine.
        row(`  same, by CPU time`, `${((text.length / MB) / (r.cpuMs / 1000)).toFixed(2)} MB/s`, "");
        row(`peak RSS: restore, ${textMB} MB ${label}`, `${r.maxRssMB.toFixed(0)} MB`, `${(r.maxRssMB / (text.length / MB)).toFixed(0)} MB per MB of text`);
        if (label === "spun" && !r.spun) {
          // The document gate may find a long shuffled text clean (it then changes nothing): the spun path is also
          // measured with the document declared spun (restore(text, { assumeSpun: true })), every site decided.
          const a = child(path, "--assume-spun");
          const speedA = (text.length / MB) / (a.ms / 1000);
          row(`  gate closed; with assumeSpun`, `${speedA.toFixed(2)} MB/s (${a.edits} edits)`, `${(speedA / base).toFixed(3)} x look-up pass`, target);
          row(`  same, by CPU time`, `${((text.length / MB) / (a.cpuMs / 1000)).toFixed(2)} MB/s`, "");
          row(`  peak RSS with assumeSpun`, `${a.maxRssMB.toFixed(0)} MB`, `${(a.maxRssMB / (text.length / MB)).toFixed(0)} MB per MB of text`);
        }
    }

    }
    function benchBigInput() {
      // --- peak memory of a big spun input -----------------------------------------------------------------------
      // As a user runs it: `unspin < big.txt > restored.txt` (pipe mode), which restores a long text in windows and
      // prints each as it is done (src/restore/windows.ts). The whole process is measured: model, input, engine.
      const big = shuffled(spunSentences, bigMB * MB);
      const bigPath = write(`spun-${bigMB}mb.txt`, big);
      const pipe = (file) => {
        const fd = openSync(file, "r");
        const t = performance.now();
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child-cli", "--root", root], { stdio: [fd, "ignore", "pipe"], encoding: "utf8" });
        closeSync(fd);
        if (r.status !== 0) throw new Error(`unspin < ${file} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
        return { secs: (performance.now() - t) / 1000, rss: Number(/BENCH_MAX_RSS_MB=([\d.]+)/.exec(r.stderr)?.[1]), cpu: Number(/BENCH_CPU_S=([\d.]+)/.exec(r.stderr)?.[1]) };
      };
      const rb = pipe(bigPath);
      row(`peak RSS: unspin < ${bigMB} MB spun > out`, `${rb.rss.toFixed(0)} MB`, `${(rb.rss / bigMB).toFixed(1)} MB per MB of text`, bigMB === 30 ? "<= 150 MB" : "");
      row(`throughput: unspin < ${bigMB} MB spun > out`, `${(big.length / MB / rb.secs).toFixed(2)} MB/s (${f1(rb.secs)} s, ${f1(rb.cpu)} s CPU)`, "");

    }
    function benchLongInputThreads() {
      // --- one long input on two threads ---------------------------------------------------------------------------
      // `unspin --jobs 2 < long.txt`: the windows of one text are spread over the main thread and a worker
      // (src/cli/run/parallel-windows.ts). Against --jobs 1 on the same input and, as the machine's own ceiling, two
      // --jobs 1 processes on its two halves at once; three interleaved rounds, medians.
      const halves = [spun10.slice(0, spun10.length >> 1), spun10.slice(spun10.length >> 1)].map((t, i) => write(`spun-half-${i}.txt`, t));
      const cli = (file, jobs) =>
        new Promise((done, fail) => {
          const fd = openSync(file, "r");
          const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--child-cli", "--root", root, "--jobs", String(jobs)], { stdio: [fd, "ignore", "pipe"] });
          closeSync(fd);
          let stderr = "";
          child.stderr.on("data", (d) => (stderr += d));
          child.on("error", fail);
          child.on("close", (status) => (status === 0 ? done({ rss: Number(/BENCH_MAX_RSS_MB=([\d.]+)/.exec(stderr)?.[1]), cpu: Number(/BENCH_CPU_S=([\d.]+)/.exec(stderr)?.[1]) }) : fail(new Error(`unspin --jobs ${jobs} failed (${status}): ${stderr.slice(0, 500)}`))));
        });
      const timed = async (runs) => {
        const t = performance.now();
        const rs = await Promise.all(runs());
        return { secs: (performance.now() - t) / 1000, cpu: rs.reduce((a, r) => a + r.cpu, 0), rss: Math.max(...rs.map((r) => r.rss)) };
      };
      return (async () => {
        const rounds = { one: [], two: [], ceiling: [] };
        for (let k = 0; k < 3; k++) {
          rounds.one.push(await timed(() => [cli(spun10Path, 1)]));
          rounds.two.push(await timed(() => [cli(spun10Path, 2)]));
          rounds.ceiling.push(await timed(() => halves.map((h) => cli(h, 1))));
        }
        const mid = (xs) => [...xs].sort((a, b) => a.secs - b.secs)[1];
        const [one, two, ceiling] = [mid(rounds.one), mid(rounds.two), mid(rounds.ceiling)];
        const label = `unspin < ${textMB} MB spun`;
        row(`${label}, --jobs 1`, `${f1(one.secs)} s (${f1(one.cpu)} s CPU), ${one.rss.toFixed(0)} MB`, "1.00");
        row(`${label}, --jobs 2 (its windows on two threads)`, `${f1(two.secs)} s (${f1(two.cpu)} s CPU), ${two.rss.toFixed(0)} MB`, `${(one.secs / two.secs).toFixed(2)} x --jobs 1`);
        row(`  two --jobs 1 processes, a half each (ceiling)`, `${f1(ceiling.secs)} s (${f1(ceiling.cpu)} s CPU)`, `${(one.secs / ceiling.secs).toFixed(2)} x --jobs 1; --jobs 2 = ${(ceiling.secs / two.secs).toFixed(2)} x it`);
      })();
    }

    async function benchBatch() {
      // --- batch -----------------------------------------------------------------------------------------------------
      // Two halves in two folders: the batch runs over both; the machine's own ceiling is two separate processes
      // with --jobs 1, one per half, run at the same time (what two free cores give to work that shares nothing).
      const tree = join(tmp, "articles");
      const halves = [join(tree, "a"), join(tree, "b")];
      for (const h of halves) mkdirSync(h, { recursive: true });
      let batchBytes = 0;
      for (let i = 0; i < files; i++) {
        const text = shuffled(spunSentences, 1000);
        batchBytes += text.length;
        writeFileSync(join(halves[i % 2], `article-${String(i).padStart(4, "0")}.txt`), text);
      }
      const args = (jobs, dir) => [fileURLToPath(import.meta.url), "--child-cli", "--root", root, "--check", "--quiet", "--jobs", String(jobs), dir];
      const measured = (r) => {
        if (r.status !== 1 && r.status !== 0) throw new Error(`batch run failed (${r.status}): ${r.stderr.slice(0, 500)}`);
        return { rss: Number(/BENCH_MAX_RSS_MB=([\d.]+)/.exec(r.stderr)?.[1]), cpu: Number(/BENCH_CPU_S=([\d.]+)/.exec(r.stderr)?.[1]) };
      };
      const batch = (jobs) => {
        const t = performance.now();
        const r = spawnSync(process.execPath, args(jobs, tree), { encoding: "utf8", maxBuffer: 1 << 28 });
        const secs = (performance.now() - t) / 1000;
        return { filesPerSec: files / secs, secs, ...measured(r) };
      };
      const { spawn } = await import("node:child_process");
      const twoProcesses = async () => {
        const t = performance.now();
        const runs = await Promise.all(
          halves.map(
            (h) =>
              new Promise((done, fail) => {
                const child = spawn(process.execPath, args(1, h), { stdio: ["ignore", "ignore", "pipe"] });
                let stderr = "";
                child.stderr.on("data", (d) => (stderr += d));
                child.on("error", fail);
                child.on("close", (status) => done({ status, stderr }));
              }),
          ),
        );
        const secs = (performance.now() - t) / 1000;
        return { filesPerSec: files / secs, secs, cpu: runs.map(measured).reduce((a, m) => a + m.cpu, 0) };
      };
      // Three rounds, interleaved so that each configuration sees the same load; medians.
      const rounds = { one: [], two: [], ceiling: [] };
      for (let k = 0; k < 3; k++) {
        rounds.one.push(batch(1));
        rounds.two.push(batch(2));
        rounds.ceiling.push(await twoProcesses());
      }
      const mid = (xs) => [...xs].sort((a, b) => a.filesPerSec - b.filesPerSec)[1];
      const one = mid(rounds.one);
      const two = mid(rounds.two);
      const ceiling = mid(rounds.ceiling);
      const label = `batch, ${files.toLocaleString("en-US")} files (${(batchBytes / MB).toFixed(1)} MB)`;
    row(`${label}, --jobs 1`, `${one.filesPerSec.toFixed(0)} files/s (${f1(one.secs)} s, ${f1(one.cpu)} s CPU)`, "1.00");
    row(`${label}, --jobs 2`, `${two.filesPerSec.toFixed(0)} files/s (${f1(two.secs)} s, ${f1(two.cpu)} s CPU)`, `${(two.filesPerSec / one.filesPerSec).toFixed(2)} x --jobs 1`, ">= 1.6 x on 2 cores");
    row(`  two --jobs 1 processes, a half each (ceiling)`, `${ceiling.filesPerSec.toFixed(0)} files/s (${f1(ceiling.secs)} s, ${f1(ceiling.cpu)} s CPU)`, `${(ceiling.filesPerSec / one.filesPerSec).toFixed(2)} x --jobs 1; --jobs 2 = ${(two.filesPerSec / ceiling.filesPerSec).toFixed(2)} x it`);
    // On a machine shared with other work, wall-clock speed-up is capped by the cores actually free; CPU time is not.
    row(`${label}: CPU per file, --jobs 2 vs 1`, `${((two.cpu / one.cpu) * 100).toFixed(0)} %`, "", "(2 / that = speed-up on 2 free cores)");
    row(`peak RSS: ${label}, --jobs 1`, `${one.rss.toFixed(0)} MB`, "", "<= 150 MB");
    row(`peak RSS: ${label}, --jobs 2`, `${two.rss.toFixed(0)} MB`, `+${(two.rss - one.rss).toFixed(0)} MB for the extra worker`, "<= 40 MB per extra worker");
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---- Screening speed and stream mode (`unspin scan`, `--jsonl`): a block of its own -----------------------------
// Screening throughput on clean text (MB per second of CPU time, one core, so a busy machine does not skew it), and
// the peak memory (RSS) of `unspin --jsonl` over a 2 MB and a 200 MB stream: the bound must not grow with the stream.
async function benchScreenAndStream() {
  const { screen, restore } = await import(join(root, "dist", "index.js"));
  const bin = join(root, "bin", "unspin.js");
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
    for (const size of [2e6, quick ? 20e6 : 200e6]) {
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
