/**
 * What users of typos, codespell, prettier and eslint expect, and messages that say what is wrong (issue 10, items
 * 10–13). Stand-in engine unless said otherwise.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REAL_CLI, ROOT, runCli, tempTree } from "./helpers/run.js";

const SPUN = "The chief mentioned the plan.\n";
const CLEAN = "The chief said the plan.\n";

function project() {
  const files: Record<string, string> = { "clean.txt": CLEAN };
  for (let i = 0; i < 30; i++) files[`docs/f${String(i).padStart(2, "0")}.txt`] = `${i}: ${SPUN}${SPUN}`;
  return tempTree(files);
}

describe("quiet and brief output (item 10)", () => {
  it("-q silences the report of -w and --check: exit code only", async () => {
    const check = await runCli(["--check", "-q", "."], { cwd: project() });
    expect([check.code, check.out, check.stderr]).toEqual([1, "", ""]);
    const dir = project();
    const write = await runCli(["-w", "-q", "."], { cwd: dir });
    expect([write.code, write.out, write.stderr]).toEqual([0, "", ""]);
    expect(readFileSync(join(dir, "docs/f00.txt"), "utf8")).toBe(`0: ${CLEAN}${CLEAN}`);
  });

  it("--format brief prints one line per change; -l prints the files that would change", async () => {
    const dir = tempTree({ "a.txt": SPUN + "She mentioned it.\n", "b.txt": CLEAN, "c.md": SPUN });
    const brief = await runCli(["--format", "brief", "."], { cwd: dir });
    expect(brief.out).toBe("a.txt:1:11  mentioned → said\na.txt:2:5  mentioned → said\nc.md:1:11  mentioned → said\n");
    const list = await runCli(["-l", "--check", "."], { cwd: dir });
    expect([list.code, list.out]).toEqual([1, "a.txt\nc.md\n"]);
  });
});

describe("inline marks (item 11)", () => {
  it("marks each edit on its own, never regrouped across neighbouring edits", async () => {
    const r = await runCli(["-f", "inline", "-"], { input: "the {metropolis} {website} {today} now\n" });
    expect(r.out).toBe("the [-{metropolis}-]{+metropolis+} [-{website}-]{+website+} [-{today}-]{+today+} now\n");
  });

  it("with the real engine, the marks are exactly the edits of the JSON report", async () => {
    const text = "They met the metropolis web site right now, and the mayor mentioned a brand new funds.\n";
    const real = { cli: join(ROOT, "bin", "unspin.js"), input: text };
    const inline = await runCli(["--assume-spun", "-f", "inline", "-"], real);
    const json = await runCli(["--assume-spun", "-f", "json", "-"], real);
    const edits = json.out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { offset: number; before: string; after: string });
    expect(edits.length).toBeGreaterThan(1);
    let expected = "";
    let pos = 0;
    for (const e of edits) {
      expected += `${text.slice(pos, e.offset)}[-${e.before}-]{+${e.after}+}`;
      pos = e.offset + e.before.length;
    }
    expect(inline.out).toBe(expected + text.slice(pos));
  });
});

describe("defaults and small conventions (item 12)", () => {
  it("skips node_modules unless ignore rules are off", async () => {
    const dir = tempTree({ "a.txt": SPUN, "node_modules/pkg/readme.md": SPUN });
    const r = await runCli(["--format", "files", "."], { cwd: dir });
    expect(r.out).toBe("a.txt\n");
    expect((await runCli(["--format", "files", "--no-ignore", "."], { cwd: dir })).out).toBe("a.txt\nnode_modules/pkg/readme.md\n");
  });

  it("colours --diff on a terminal (forced here) and leaves it plain otherwise", async () => {
    const dir = tempTree({ "a.txt": SPUN });
    const plain = await runCli(["--diff", "a.txt"], { cwd: dir });
    expect(plain.out).toBe("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-The chief mentioned the plan.\n+The chief said the plan.\n");
    const colour = await runCli(["--diff", "--color", "a.txt"], { cwd: dir });
    expect(colour.out).toContain("\u001b[31m-The chief mentioned the plan.\u001b[39m\n");
    expect(colour.out).toContain("\u001b[32m+The chief said the plan.\u001b[39m\n");
    expect(colour.out.replace(/\u001b\[\d+m/g, "")).toBe(plain.out);
  });

  it("--print-config on a missing file is an error", async () => {
    const r = await runCli(["--print-config", "nope.txt"], { cwd: tempTree({}) });
    expect([r.code, r.out, r.stderr]).toEqual([2, "", "unspin: nope.txt: no such file or directory\n"]);
  });

  it("usage errors start with 'unspin:' like every other error", async () => {
    const r = await runCli(["--frmat", "json"], { input: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unspin: unknown option '--frmat'/);
  });

  it("require('unspin') loads the library (Node ≥ 20.19 loads ES modules with require)", () => {
    const dir = tempTree({});
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "unspin"));
    const out = execFileSync(process.execPath, ["-e", 'const u = require("unspin"); console.log(typeof u.restore, typeof u.restoreWith)'], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(out).toBe("function function\n");
  });

  it("ships no source maps without their sources, and SARIF points at no page that does not exist", async () => {
    // The build writes no maps, and the package leaves out any a previous build left in dist/. (Checked on the
    // configuration: `npm pack --dry-run --json` shows the same, but takes seconds.)
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[]; homepage?: string };
    const build = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")) as { compilerOptions?: { sourceMap?: boolean; declarationMap?: boolean } };
    expect(build.compilerOptions?.sourceMap).toBe(false);
    expect(build.compilerOptions?.declarationMap ?? false).toBe(false);
    expect(pkg.files).toContain("!dist/**/*.map");
    expect(pkg.files).not.toContain("src");
    const sarif = await runCli(["--format", "sarif", "-"], { input: SPUN });
    const driver = JSON.parse(sarif.out).runs[0].tool.driver;
    expect(driver.informationUri).toBe(pkg.homepage); // both absent until there is a public page
  });
});

describe("messages that say what is wrong (item 13)", () => {
  it("--exclude '' is a usage error, not an internal error", async () => {
    const r = await runCli(["--exclude", "", "."], { cwd: tempTree({ "a.txt": SPUN }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("unspin: option '--exclude <glob>' argument '' is invalid. expected a non-empty glob.\n");
  });

  it("a config file that is a folder is named", async () => {
    const dir = tempTree({ "a.txt": SPUN, ".unspinrc.json/x": "" });
    const r = await runCli(["a.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`unspin: cannot read configuration ${join(dir, ".unspinrc.json")}: is a directory, expected a file\n`);
  });

  it('"threshold": 1e999 is shown as the number it became', async () => {
    const dir = tempTree({ "a.txt": SPUN, ".unspinrc.json": '{ "threshold": 1e999 }' });
    const r = await runCli(["a.txt"], { cwd: dir });
    expect(r.stderr).toBe(`unspin: invalid configuration in ${join(dir, ".unspinrc.json")}: "threshold" must be a probability between 0 and 1 (got Infinity)\n`);
  });

  it("UTF-16 without a byte-order mark is called that, not binary", async () => {
    const dir = tempTree({ "le.txt": Buffer.from(SPUN, "utf16le"), "be.txt": Buffer.from(SPUN, "utf16le").swap16() });
    const r = await runCli(["le.txt", "be.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    const why = "looks like UTF-16 without a byte-order mark (unspin reads UTF-16 only with one: add the mark, or convert to UTF-8), skipped";
    expect(r.stderr).toContain(`unspin: le.txt: ${why}\n`);
    expect(r.stderr).toContain(`unspin: be.txt: ${why}\n`);
  });

  it.skipIf(!existsSync("/dev/full"))("fails --help and --version whose output cannot be written, like any other output", () => {
    for (const args of [["--help"], ["--version"], ["scan", "--help"]]) {
      const r = spawnSync("sh", ["-c", `"${process.execPath}" "${REAL_CLI}" ${args.join(" ")} > /dev/full`], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("unspin: cannot write output: no space left on device\n");
    }
  });

  it("writes an empty SARIF log or HTML page when no text file is found, for a CI step that uploads it", async () => {
    const dir = tempTree({ "empty/.keep": "" });
    const sarif = await runCli(["--format", "sarif", "empty"], { cwd: dir });
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.out);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].results).toEqual([]);
    const html = await runCli(["--format", "html", "empty"], { cwd: dir });
    expect(html.out).toMatch(/^<!doctype html>/);
    expect(html.out).toContain('<span id="count-files">0</span> files checked');
  });

  it("refuses a folder on stdin (unspin < FOLDER), which Node would read as an empty text", () => {
    const dir = tempTree({ "a.txt": "He mentioned it.\n" });
    const fd = openSync(dir, "r");
    try {
      for (const args of [[], ["--check", "-"], ["scan"], ["--jsonl"]]) {
        const r = spawnSync(process.execPath, [REAL_CLI, ...args], { stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
        expect(r.status).toBe(2);
        expect(r.stderr).toContain("unspin: stdin: is a directory, expected a file");
      }
    } finally {
      closeSync(fd);
    }
  });

  it("numbers the lines of a CR-only file", async () => {
    const r = await runCli(["--format", "brief", "--stdin-filename", "old-mac.txt", "-"], { input: "First line.\rHe mentioned it.\rShe {left}.\r" });
    expect(r.out).toBe("old-mac.txt:2:4  mentioned → said\nold-mac.txt:3:5  {left} → left\n");
    // The real engine numbers them so too, edits and flags alike, in every format.
    const text = "First line.\rThe recordsdata were sent.\rShe {quickly|rapidly} left.\r";
    const real = await runCli(["--format", "json", "-"], { cli: REAL_CLI, input: text });
    expect(real.out.trim().split("\n").map((l) => JSON.parse(l)).map((e) => [e.before, e.line, e.column])).toEqual([
      ["recordsdata", 2, 5],
      ["{quickly|rapidly}", 3, 5],
    ]);
  });
});
