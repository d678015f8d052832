/**
 * A batch (a folder, several inputs) gets V8's lean heap settings (src/cli/run/heap.ts) before anything else loads:
 * the young generation, once grown while the modules and the model load, stays grown. A stand-in engine reports,
 * when it is loaded, whether the settings were already in force.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempTree } from "./helpers/run.js";

const url = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, path)).href);

describe("the heap settings of a batch", () => {
  const dir = tempTree({
    "restorer.mjs":
      `import { heapIsLean } from ${url("dist/cli/run/heap.js")};\n` +
      `process.stderr.write("lean when the engine loads: " + heapIsLean() + "\\n");\n` +
      `export * from ${url("test/cli/helpers/fake-restorer.mjs")};\n`,
    "cli.mjs":
      `import { main, processIo } from ${url("dist/cli/main.js")};\n` +
      `process.exitCode = await main(process.argv.slice(2), processIo(), { restorerModule: new URL("./restorer.mjs", import.meta.url).href });\n`,
    "docs/a.txt": "He mentioned it.\n",
    "one.txt": "He mentioned it.\n",
    "two.txt": "She mentioned it.\n",
  });
  const cli = join(dir, "cli.mjs");

  it("are in force before the engine loads for a folder or several files, and not for one file", async () => {
    expect((await runCli(["--check", "docs"], { cli, cwd: dir })).stderr).toContain("lean when the engine loads: true");
    expect((await runCli(["--check", "one.txt", "two.txt"], { cli, cwd: dir })).stderr).toContain("lean when the engine loads: true");
    expect((await runCli(["--check", "one.txt"], { cli, cwd: dir })).stderr).toContain("lean when the engine loads: false");
  });
});
