/**
 * `… | unspin` with no arguments runs the bundled pipe entry (dist/pipe.cjs and its code cache dist/pipe.cache, built
 * by scripts/bundle-pipe.mjs): the same CLI and library as dist/, in one file for a faster start. These tests check
 * that it behaves exactly as the module-by-module CLI does on the same input (`unspin -` takes that path: it has an
 * argument), and that a code cache that does not fit is ignored rather than trusted.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

const real = { cli: REAL_CLI };
const SPUN = readFileSync(join(ROOT, "fixtures/cli/spun-article.txt"), "utf8");
const CLEAN = readFileSync(join(ROOT, "fixtures/cli/clean-article.txt"), "utf8");

describe("bundled pipe entry", () => {
  it("is built by npm run build, with a code cache made for it", () => {
    const bundle = readFileSync(join(ROOT, "dist", "pipe.cjs"), "latin1");
    const cache = readFileSync(join(ROOT, "dist", "pipe.cache"), "latin1");
    const id = bundle.slice(0, bundle.indexOf("\n") + 1);
    expect(id).toMatch(/^\/\/ unspin-pipe [0-9a-f]{24} /);
    expect(cache.startsWith(id)).toBe(true);
    expect(cache.length).toBeGreaterThan(id.length + 10_000);
  });

  it("ignores a code cache from another build, and one V8 rejects, restoring exactly as with the right one", async () => {
    const id = readFileSync(join(ROOT, "dist", "pipe.cjs"), "latin1").split("\n", 1)[0]!;
    const expected = await runCli([], { ...real, input: SPUN });
    for (const cache of [`// unspin-pipe 000000000000000000000000 (another build)\nnot V8 data`, `${id}\nnot V8 data`]) {
      // A copy of the package whose dist/ is the real one's, but for the cache.
      const copy = tempTree({});
      mkdirSync(join(copy, "bin"));
      mkdirSync(join(copy, "dist"));
      copyFileSync(join(ROOT, "bin", "unspin.js"), join(copy, "bin", "unspin.js"));
      copyFileSync(join(ROOT, "package.json"), join(copy, "package.json"));
      for (const dir of ["dictionaries", "node_modules"]) symlinkSync(join(ROOT, dir), join(copy, dir));
      for (const entry of readdirSync(join(ROOT, "dist"))) {
        if (entry !== "pipe.cache") symlinkSync(join(ROOT, "dist", entry), join(copy, "dist", entry));
      }
      writeFileSync(join(copy, "dist", "pipe.cache"), cache);
      const r = await runCli([], { cli: join(copy, "bin", "unspin.js"), input: SPUN });
      expect(r.code).toBe(expected.code);
      expect(r.stderr).toBe(expected.stderr);
      expect(r.out).toBe(expected.out);
    }
    expect(expected.out).not.toBe(SPUN);
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
