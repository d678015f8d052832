/**
 * The pipe CLI with the real engine (bin/unspin.js): only spintax braces are asserted as restored words; everything
 * else is checked structurally (exit codes, formats, bytes outside the edited spans).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

const real = { cli: REAL_CLI };
const SPUN = readFileSync(join(ROOT, "fixtures/cli/spun-article.txt"), "utf8");
const CLEAN = readFileSync(join(ROOT, "fixtures/cli/clean-article.txt"), "utf8");

/** Every character of `before` outside the edits appears unchanged, in order, in `after`. */
function expectOnlyEditsChanged(before: string, after: string, edits: Array<{ offset: number; before: string; after: string }>) {
  let rebuilt = "";
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    expect(before.slice(e.offset, e.offset + e.before.length)).toBe(e.before);
    rebuilt += before.slice(pos, e.offset) + e.after;
    pos = e.offset + e.before.length;
  }
  expect(after).toBe(rebuilt + before.slice(pos));
}

describe("pipe CLI (real engine)", () => {
  it("restores stdin to stdout and removes spintax braces", async () => {
    const r = await runCli(["--assume-spun"], { ...real, input: SPUN });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("ten million dollars");
    expect(r.out).not.toContain("{dollars}");
    expect(r.out.split("\n").length).toBe(SPUN.split("\n").length);
  });

  it("changes only what the JSON report lists, byte for byte", async () => {
    const text = await runCli(["--assume-spun", "-"], { ...real, input: SPUN });
    const json = await runCli(["--assume-spun", "--format", "json", "-"], { ...real, input: SPUN });
    expect(json.code).toBe(0);
    const edits = json.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.some((e) => e.before === "{dollars}" && e.after === "dollars")).toBe(true);
    expectOnlyEditsChanged(SPUN, text.out, edits);
  });

  it("leaves a clean text untouched", async () => {
    const r = await runCli([], { ...real, input: CLEAN });
    expect(r.code).toBe(0);
    expect(r.out).toBe(CLEAN);
  });

  it("prints a unified diff that git apply accepts", async () => {
    const dir = tempTree({ "article.txt": SPUN });
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const r = await runCli(["--assume-spun", "--diff", "article.txt"], { ...real, cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^--- a\/article\.txt\n\+\+\+ b\/article\.txt\n@@ /);
    writeFileSync(join(dir, "p.diff"), r.stdout);
    execFileSync("git", ["apply", "p.diff"], { cwd: dir });
    const restored = await runCli(["--assume-spun", "article.txt"], { ...real, cwd: dir });
    expect(restored.out).toBe(readFileSync(join(dir, "article.txt"), "utf8")); // already restored: no more changes
  });

  it("names stdin in diffs with --stdin-filename", async () => {
    const r = await runCli(["--assume-spun", "--diff", "--stdin-filename", "docs/in.txt"], { ...real, input: "Five {dollars}.\n" });
    expect(r.out).toBe("--- a/docs/in.txt\n+++ b/docs/in.txt\n@@ -1 +1 @@\n-Five {dollars}.\n+Five dollars.\n");
  });

  it("reports --version, --help and usage errors", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect((await runCli(["--version"], real)).out.trim()).toBe(pkg.version);
    const help = await runCli(["--help"], real);
    expect(help.code).toBe(0);
    expect(help.out).toContain("--write");
    expect(help.out).toContain("Exit codes");
    const bad = await runCli(["--level", "wild", "-"], { ...real, input: "x" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--level.*wild/);
    const unknown = await runCli(["--wirte"], real);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--wirte'/);
  });

  it("gives clear errors for missing, binary and directory inputs", async () => {
    const dir = tempTree({ "pic.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), "sub/a.txt": "x" });
    const missing = await runCli(["nope.txt"], { ...real, cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("unspin: nope.txt: no such file or directory\n");
    const binary = await runCli(["pic.png"], { ...real, cwd: dir });
    expect(binary.code).toBe(2);
    expect(binary.stderr).toBe("unspin: pic.png: binary file, skipped\n");
    const learnDir = await runCli(["learn", "sub", "sub/a.txt"], { ...real, cwd: dir });
    expect(learnDir.code).toBe(2);
    expect(learnDir.stderr).toBe("unspin: sub: is a directory, expected a file\n");
  });

  it("lists substitutions with unspin learn", async () => {
    const dir = tempTree({
      "spun.txt": "The chief mentioned the plan. Officers mentioned the price.\n",
      "orig.txt": "The chief said the plan. Officers said the price.\n",
    });
    const r = await runCli(["learn", "spun.txt", "orig.txt"], { ...real, cwd: dir });
    expect(r.code).toBe(0);
    expect(r.out).toBe("# spun\toriginal\tcount\tdocs\nmentioned\tsaid\t2\tspun.txt\n");
  });
});
