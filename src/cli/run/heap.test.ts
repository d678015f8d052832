import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Run in a child process over the built module (the test setup builds dist/): the settings are the whole process's,
// and the test runner's heap has grown already.
const heapModule = fileURLToPath(new URL("../../../dist/cli/run/heap.js", import.meta.url));

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
});
