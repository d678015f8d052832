import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// Run in a child process over the built module (the test setup builds dist/): the settings are the whole process's,
// and the test runner's heap has grown already.
const heapModule = fileURLToPath(new URL("../../../dist/cli/run/heap.js", import.meta.url));
const poolModule = fileURLToPath(new URL("../../../dist/cli/run/pool.js", import.meta.url));

/** The young generation's size (MB) after allocating objects that survive, with or without leanHeap() first. */
function youngGenerationAfterWork(lean: boolean): { newSpaceMB: number; lean: boolean } {
  const script = `
    const { leanHeap, heapIsLean } = await import(${JSON.stringify(heapModule)});
    const { getHeapSpaceStatistics } = await import("node:v8");
    if (${lean}) { leanHeap(); leanHeap(); }
    const kept = [];
    for (let i = 0; i < 400_000; i++) { kept.push({ i, s: "x" + i }); if (kept.length > 100_000) kept.length = 0; }
    const young = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    console.log(JSON.stringify({ newSpaceMB: young.space_size / 2 ** 20, lean: heapIsLean() }));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { newSpaceMB: number; lean: boolean };
}

describe("lean heap settings", () => {
  it("keep the young generation at its first size where it would otherwise grow", () => {
    const lean = youngGenerationAfterWork(true);
    const plain = youngGenerationAfterWork(false);
    expect(lean.lean).toBe(true);
    expect(plain.lean).toBe(false);
    expect(lean.newSpaceMB).toBeLessThanOrEqual(4);
    expect(plain.newSpaceMB).toBeGreaterThan(lean.newSpaceMB);
  });

  it("are undone by a worker thread's start, and set again by keepLeanHeapAfterWorkers (what the worker pool does)", () => {
    const afterWorker = (again: boolean) => {
      const script = `
        const { leanHeap, keepLeanHeapAfterWorkers } = await import(${JSON.stringify(heapModule)});
        const { getHeapSpaceStatistics } = await import("node:v8");
        const { Worker } = await import("node:worker_threads");
        leanHeap();
        const worker = new Worker("setInterval(() => {}, 1000)", { eval: true });
        await new Promise((resolve) => worker.once("online", resolve));
        if (${again}) keepLeanHeapAfterWorkers();
        const kept = [];
        for (let i = 0; i < 400_000; i++) { kept.push({ i, s: "x" + i }); if (kept.length > 100_000) kept.length = 0; }
        const young = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
        console.log(young.space_size / 2 ** 20);
        await worker.terminate();
      `;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
      return Number(r.stdout);
    };
    const setAgain = afterWorker(true);
    const undone = afterWorker(false);
    expect(setAgain).toBeLessThanOrEqual(4);
    expect(undone).toBeGreaterThan(setAgain);
  });

  it("with workers restoring files, every thread sets the pool's old-generation growth (a long text's windows keep the lean one)", () => {
    const dir = mkdtempSync(join(tmpdir(), "unspin-heap-"));
    try {
      // A stand-in engine that answers with the growth its own thread's lean settings use (in its gate's figures).
      const probe = join(dir, "probe.mjs");
      writeFileSync(
        probe,
        `import { heapGrowingPercent } from ${JSON.stringify(heapModule)};
         export function restore(text) { return { text, edits: [], gate: { strongSitesPer1000: heapGrowingPercent(), strongSites: 0, words: 0, spun: false } }; }`,
      );
      const file = join(dir, "a.txt");
      writeFileSync(file, "A line of text.\n".repeat(400)); // over 4 KB: processFile sets the lean settings in its thread
      const inPool = (windows: boolean) => {
        const pool = windows
          ? "new WorkerPool(1, probe, undefined, undefined, undefined, WINDOW_WORKER_YOUNG_GENERATION_MB, LEAN_HEAP_GROWING_PERCENT)"
          : "new WorkerPool(1, probe)";
        const script = `
          const { leanHeap, heapGrowingPercent, LEAN_HEAP_GROWING_PERCENT, WINDOW_WORKER_YOUNG_GENERATION_MB } = await import(${JSON.stringify(heapModule)});
          const { WorkerPool } = await import(${JSON.stringify(poolModule)});
          leanHeap();
          const before = heapGrowingPercent();
          const probe = ${JSON.stringify(pathToFileURL(probe).href)};
          const pool = ${pool};
          const job = { path: ${JSON.stringify(file)}, display: "a.txt", kind: "plain", options: {}, explicit: true, sizeLimit: { bytes: 1 << 20, label: "test" } };
          const outcome = await pool.run(job);
          console.log(JSON.stringify({ before, main: heapGrowingPercent(), worker: outcome.gate.strongSitesPer1000 }));
          await pool.close();
        `;
        // A file, not -e: a worker inherits the process's --input-type, which only -e allows.
        const main = join(dir, `pool-${windows}.mjs`);
        writeFileSync(main, script);
        const r = spawnSync(process.execPath, [main], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
        return JSON.parse(r.stdout) as { before: number; main: number; worker: number };
      };
      const files = inPool(false);
      const windows = inPool(true);
      expect(files.before).toBe(50);
      expect(files.main).toBe(20);
      expect(files.worker).toBe(20);
      expect(windows).toEqual({ before: 50, main: 50, worker: 50 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
