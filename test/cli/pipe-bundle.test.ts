/**
 * `… | unspin` with no arguments runs the bundled pipe entry (dist/pipe.js, built by scripts/bundle-pipe.mjs): the
 * same CLI and library as dist/, in one module for a faster start. These tests check that it behaves exactly as the
 * module-by-module CLI does on the same input (`unspin -` takes that path: it has an argument).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

const real = { cli: REAL_CLI };
const SPUN = readFileSync(join(ROOT, "fixtures/cli/spun-article.txt"), "utf8");
const CLEAN = readFileSync(join(ROOT, "fixtures/cli/clean-article.txt"), "utf8");

describe("bundled pipe entry", () => {
  it("is built by npm run build", () => {
    expect(existsSync(join(ROOT, "dist", "pipe.js"))).toBe(true);
  });

  it("restores spun and clean text exactly as the module-by-module CLI", async () => {
    for (const input of [SPUN, CLEAN, ""]) {
      const bundled = await runCli([], { ...real, input });
      const modules = await runCli(["-"], { ...real, input });
      expect(bundled.code).toBe(modules.code);
      expect(bundled.stderr).toBe(modules.stderr);
      expect(bundled.stdout.equals(modules.stdout)).toBe(true);
    }
    // Not a vacuous comparison: the spun text is restored.
    expect((await runCli([], { ...real, input: SPUN })).out).not.toBe(SPUN);
  });

  it("reads the configuration of the working folder as the module-by-module CLI does", async () => {
    const cwd = tempTree({ ".unspinrc.json": JSON.stringify({ assumeSpun: true, neverTouch: ["mentioned"] }) });
    const input = "The chief mentioned the plan. He stated it was a good 12 months for the firm.\n";
    const bundled = await runCli([], { ...real, input, cwd });
    const modules = await runCli(["-"], { ...real, input, cwd });
    expect(bundled.code).toBe(modules.code);
    expect(bundled.stderr).toBe(modules.stderr);
    expect(bundled.out).toBe(modules.out);
    expect(bundled.out).toContain("mentioned");
  });

  it("reports bad input as the module-by-module CLI does", async () => {
    const binary = Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x00, 0x41]);
    const bundled = await runCli([], { ...real, input: binary });
    const modules = await runCli(["-"], { ...real, input: binary });
    expect(bundled.code).toBe(modules.code);
    expect(bundled.code).not.toBe(0);
    expect(bundled.stderr).toBe(modules.stderr);
  });
});
