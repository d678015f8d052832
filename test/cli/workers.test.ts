/** Many files run on worker threads with the same output, in the same order, as one thread. Stand-in engine. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempTree } from "./helpers/run.js";

describe("parallel runs", () => {
  it("gives identical, ordered output with 1 and 3 workers, and writes the same files", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`d${i % 3}/f${String(i).padStart(2, "0")}.txt`] = `File ${i} mentioned {${i}}.\n`.repeat(1 + (i % 7) * 50);
    const a = tempTree(files);
    const b = tempTree(files);
    const one = await runCli(["--format", "json", "--jobs", "1", "."], { cwd: a });
    const three = await runCli(["--format", "json", "--jobs", "3", "."], { cwd: a });
    expect(three.code).toBe(0);
    expect(three.out).toBe(one.out);
    const order = [...new Set(one.out.trim().split("\n").map((l) => JSON.parse(l).file))];
    expect(order).toEqual([...order].sort());
    await runCli(["-w", "--jobs", "1", "."], { cwd: a });
    await runCli(["-w", "--jobs", "3", "."], { cwd: b });
    for (const f of Object.keys(files)) expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
  });
});
