/**
 * The worker pool (dist/cli/run/pool.js): the main thread restores files beside its workers, each worker holds several
 * jobs at once, and every outcome comes back to the job it belongs to. Run in a plain Node process
 * (helpers/pool-run.mjs), as the CLI runs it, with the stand-in engine.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tempTree } from "./helpers/run.js";

type Outcome = { status: string; message?: string; display: string; length: number; edits: number; allSaid: boolean };

/** 60 files of widely varying sizes, so that a worker holding several jobs finishes them out of order. */
function files(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 60; i++) out[`f${String(i).padStart(2, "0")}.txt`] = `File ${i} mentioned it.\n`.repeat(i % 3 === 0 ? 3000 : 1 + (i % 7));
  return out;
}

/** helpers/pool-run.mjs over the files (in a fresh folder): the folder and the JSON line it prints. */
function runPool<T = { onMain: number; outcomes: Outcome[] }>(files: Record<string, string>, env: Record<string, string> = {}): T & { dir: string } {
  const dir = tempTree(files);
  const args = [join(ROOT, "test", "cli", "helpers", "pool-run.mjs"), ...Object.keys(files).map((n) => join(dir, n))];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { dir, ...(JSON.parse(out) as T) };
}

function expectOwnOutcomes(files: Record<string, string>, dir: string, outcomes: Outcome[]): void {
  const names = Object.keys(files);
  expect(outcomes).toHaveLength(names.length);
  outcomes.forEach((o, i) => {
    const name = names[i]!;
    expect(o.message ?? o.status).toBe("ok");
    expect(o.display).toBe(join(dir, name));
    expect(o.length).toBe(files[name]!.length);
    expect(o.edits).toBe(files[name]!.split("\n").length - 1);
    expect(o.allSaid).toBe(true);
  });
}

describe("worker pool", () => {
  it("with workers alone (an interactive review), the main thread restores nothing and each outcome has its own file", () => {
    const f = files();
    const { dir, onMain, outcomes } = runPool(f, { POOL_MAIN: "0" });
    expectOwnOutcomes(f, dir, outcomes);
    expect(onMain).toBe(0);
  });

  it("shares the jobs between the main thread and a worker, each outcome with its own file", () => {
    const f = files();
    const { dir, onMain, outcomes } = runPool(f);
    expectOwnOutcomes(f, dir, outcomes);
    // Both took part: the main thread some of the files, the worker the others.
    expect(onMain).toBeGreaterThan(0);
    expect(onMain).toBeLessThan(Object.keys(f).length);
  });

  it("closed early, starts no queued job: the main thread takes none after, and the queued ones are turned away", () => {
    const { atClose, after, rejected, jobs } = runPool<{ atClose: number; after: number; rejected: number; jobs: number }>(files(), { POOL_CLOSE_EARLY: "1" });
    expect(after).toBe(atClose);
    expect(rejected).toBeGreaterThan(jobs / 2);
  });
});

describe("runner", () => {
  it("lets go of each outcome once handed out: a batch's memory does not grow with its number of files", () => {
    const f = files();
    const dir = tempTree(f);
    const args = ["--expose-gc", join(ROOT, "test", "cli", "helpers", "runner-retention.mjs"), ...Object.keys(f).map((n) => join(dir, n))];
    const { seen, checked, alive } = JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })) as { seen: number; checked: number; alive: number };
    expect(seen).toBe(Object.keys(f).length);
    expect(checked).toBe(Object.keys(f).length / 2);
    expect(alive).toBe(0);
  });
});
