/**
 * The worker pool (dist/cli/run/pool.js): the main thread restores files beside its workers, each worker holds several
 * jobs at once, and every outcome comes back to the job it belongs to. Run in a plain Node process
 * (helpers/pool-run.mjs), as the CLI runs it, with the stand-in engine.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempTree } from "./helpers/run.js";

describe("worker pool", () => {
  it("shares the jobs between the main thread and a worker, each outcome with its own file", () => {
    const files: Record<string, string> = {};
    // Sizes that vary widely, so that a worker holding several jobs finishes them out of order.
    for (let i = 0; i < 60; i++) files[`f${String(i).padStart(2, "0")}.txt`] = `File ${i} mentioned it.\n`.repeat(i % 3 === 0 ? 3000 : 1 + (i % 7));
    const dir = tempTree(files);
    const names = Object.keys(files);
    const out = execFileSync(process.execPath, [join(ROOT, "test", "cli", "helpers", "pool-run.mjs"), ...names.map((n) => join(dir, n))], { encoding: "utf8" });
    const { onMain, outcomes } = JSON.parse(out) as { onMain: number; outcomes: { status: string; message?: string; display: string; length: number; edits: number; allSaid: boolean }[] };
    expect(outcomes).toHaveLength(names.length);
    outcomes.forEach((o, i) => {
      const name = names[i]!;
      expect(o.message ?? o.status).toBe("ok");
      expect(o.display).toBe(join(dir, name));
      expect(o.length).toBe(files[name]!.length);
      expect(o.edits).toBe(files[name]!.split("\n").length - 1);
      expect(o.allSaid).toBe(true);
    });
    // Both took part: the main thread some of the files, the worker the others.
    expect(onMain).toBeGreaterThan(0);
    expect(onMain).toBeLessThan(names.length);
  });
});
