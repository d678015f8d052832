import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { clampJobs, workerCount } from "./runner.js";

describe("worker count", () => {
  it("uses the main thread for few or small files and --jobs 1", () => {
    expect(workerCount(10, 50_000_000, undefined)).toBe(0);
    expect(workerCount(100, 100_000, undefined)).toBe(0);
    expect(workerCount(100, 50_000_000, 1)).toBe(0);
  });

  it("uses up to one worker per core for much text, and --jobs when given, up to the cores", () => {
    const cores = availableParallelism();
    expect(workerCount(2000, 50_000_000, undefined)).toBe(cores > 1 ? cores : 0);
    const three = Math.min(3, cores);
    expect(workerCount(60, 10_000_000, 3)).toBe(three > 1 ? three : 0);
    expect(workerCount(2, 10_000_000, 8)).toBe(Math.min(2, cores) > 1 ? Math.min(2, cores) : 0);
    expect(workerCount(60, 10_000_000, cores + 5)).toBe(cores > 1 ? cores : 0);
  });

  it("clamps --jobs to the cores available", () => {
    expect(clampJobs(64, 2)).toBe(2);
    expect(clampJobs(2, 8)).toBe(2);
    expect(clampJobs(1, 4)).toBe(1);
  });
});
