/** Many files run on worker threads with the same output, in the same order, as one thread. Stand-in engine. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT as ROOT_DIR, runCli, tempTree } from "./helpers/run.js";

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

  it("clamps --jobs to the cores available, with a note on stderr (none with --quiet)", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, "0")}.txt`] = `File ${i} mentioned it.\n`;
    const dir = tempTree(files);
    const many = await runCli(["--format", "json", "--jobs", "9999", "."], { cwd: dir });
    expect(many.code).toBe(0);
    expect(many.stderr).toMatch(/^unspin: --jobs 9999 is more than the \d+ core\(s\) available; using \d+$/m);
    const one = await runCli(["--format", "json", "--jobs", "1", "."], { cwd: dir });
    expect(many.out).toBe(one.out);
    const quiet = await runCli(["--format", "json", "--quiet", "--jobs", "9999", "."], { cwd: dir });
    expect(quiet.stderr).toBe("");
  });

  it("with the real engine, workers reading the model through shared memory give the output of one thread", async () => {
    const spun = readFileSync(join(ROOT_DIR, "fixtures", "bench", "council-budget.spun.txt"), "utf8").split("\n");
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`f${i}.txt`] = spun.slice(i % 3, (i % 3) + 5).join("\n") + "\n";
    const dir = tempTree(files);
    const one = await runCli(["--format", "json", "--jobs", "1", "."], { cwd: dir, cli: REAL_CLI });
    const two = await runCli(["--format", "json", "--jobs", "2", "."], { cwd: dir, cli: REAL_CLI });
    expect(one.code).toBe(0);
    expect(one.out).not.toBe("");
    expect(two.out).toBe(one.out);
  });
});
