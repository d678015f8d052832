import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { workerCount } from "./runner.js";

describe("worker count", () => {
  it("uses the main thread for few or small files and --jobs 1", () => {
    expect(workerCount(10, 50_000_000, undefined)).toBe(0);
    expect(workerCount(100, 100_000, undefined)).toBe(0);
    expect(workerCount(100, 50_000_000, 1)).toBe(0);
  });

  it("uses up to one worker per core for much text, and exactly --jobs when given", () => {
    const cores = availableParallelism();
    expect(workerCount(2000, 50_000_000, undefined)).toBe(cores > 1 ? cores : 0);
    expect(workerCount(60, 10_000_000, 3)).toBe(3);
    expect(workerCount(2, 10_000_000, 8)).toBe(2);
  });
});
