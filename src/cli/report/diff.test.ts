import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffTokens, wordDiff, wordTokens } from "./diff.js";
import { cQuote, headerName, unifiedDiff, unifiedDiffBytes } from "./unified.js";

describe("word diff", () => {
  it("tokenises words, spaces and punctuation", () => {
    expect(wordTokens("He didn’t say, “well”.")).toEqual(["He", " ", "didn’t", " ", "say", ",", " ", "“", "well", "”", "."]);
  });

  it("reports replaced words", () => {
    expect(wordDiff("The chief mentioned it.", "The chief said it.")).toEqual([
      { op: 0, text: "The chief " },
      { op: -1, text: "mentioned" },
      { op: 1, text: "said" },
      { op: 0, text: " it." },
    ]);
  });

  it("rebuilds both sides for any input", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", " ", "c\n", "x")), fc.array(fc.constantFrom("a", "b", " ", "c\n", "y")), (a, b) => {
        const chunks = diffTokens(a, b);
        expect(chunks.filter((c) => c.op !== 1).map((c) => c.text).join("")).toBe(a.join(""));
        expect(chunks.filter((c) => c.op !== -1).map((c) => c.text).join("")).toBe(b.join(""));
      }),
    );
  });
});

describe("unified diff", () => {
  it("is empty for identical texts and numbers hunks", () => {
    expect(unifiedDiff("a.txt", "x\n", "x\n")).toBe("");
    const before = Array.from({ length: 12 }, (_, i) => `line ${i + 1}\n`).join("");
    const after = before.replace("line 2\n", "LINE 2\n").replace("line 11\n", "LINE 11\n");
    expect(unifiedDiff("./dir/a.txt", before, after)).toBe(
      [
        "--- a/dir/a.txt",
        "+++ b/dir/a.txt",
        "@@ -1,5 +1,5 @@",
        " line 1",
        "-line 2",
        "+LINE 2",
        " line 3",
        " line 4",
        " line 5",
        "@@ -8,5 +8,5 @@",
        " line 8",
        " line 9",
        " line 10",
        "-line 11",
        "+LINE 11",
        " line 12",
        "",
      ].join("\n"),
    );
  });

  it("is accepted by patch and git apply, CRLF and missing final newline included", () => {
    const dir = mkdtempSync(join(tmpdir(), "unspin-diff-"));
    const cases: Array<[string, string]> = [
      ["one\r\ntwo mentioned\r\nthree\r\n", "one\r\ntwo said\r\nthree\r\n"],
      ["a\nb\nlast mentioned", "a\nb\nlast said"],
      ["a\nb\n", "a\nb\nc"],
      ["", "new\n"],
      ["x\n".repeat(20) + "y\n", "x\n".repeat(20) + "z\n"],
    ];
    execFileSync("git", ["init", "-q"], { cwd: dir });
    cases.forEach(([before, after], i) => {
      const file = `f${i}.txt`;
      writeFileSync(join(dir, file), before);
      writeFileSync(join(dir, "p.diff"), unifiedDiff(file, before, after));
      execFileSync("git", ["apply", "p.diff"], { cwd: dir });
      expect(readFileSync(join(dir, file), "utf8")).toBe(after);
      writeFileSync(join(dir, file), before);
      execFileSync("patch", ["-s", "-p1", "-i", "p.diff"], { cwd: dir });
      expect(readFileSync(join(dir, file), "utf8")).toBe(after);
    });
  });
});

const hasTool = (cmd: string) => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
const hasGit = hasTool("git");
const hasPatch = hasTool("patch");

/** File names that need a trailing tab or git's C quoting in a patch header. */
const AWKWARD_NAMES = [
  "sp ace/o d.txt",
  "x\ty.txt",
  "new\nline.txt",
  'q"uote.txt',
  "back\\slash.txt",
  "bell\x07 and\x1b esc\x7f.txt",
  "tab\tand space.txt",
  "héllo wörld.txt",
  "plain/name.txt",
];

describe("unified diff file names", () => {
  it("quotes names as git does and ends names with a space by a tab", () => {
    expect(headerName("a/", "dir/a.txt")).toBe("a/dir/a.txt");
    expect(headerName("a/", "sp ace/o d.txt")).toBe("a/sp ace/o d.txt\t");
    expect(headerName("b/", "x\ty.txt")).toBe('"b/x\\ty.txt"');
    expect(headerName("a/", "tab\tand space.txt")).toBe('"a/tab\\tand space.txt"\t');
    expect(headerName("a/", "héllo.txt")).toBe("a/héllo.txt");
    expect(cQuote('a/"q"\\\n\r\x07\b\v\f\x01\x1b\x7f.txt')).toBe('"a/\\"q\\"\\\\\\n\\r\\a\\b\\v\\f\\001\\033\\177.txt"');
    expect(unifiedDiff("./x\ty.txt", "a\n", "b\n").split("\n").slice(0, 2)).toEqual(['--- "a/x\\ty.txt"', '+++ "b/x\\ty.txt"']);
    expect(unifiedDiff("sp ace/o d.txt", "a\n", "b\n").split("\n").slice(0, 2)).toEqual(["--- a/sp ace/o d.txt\t", "+++ b/sp ace/o d.txt\t"]);
  });

  it.skipIf(!hasGit)("writes the same ---/+++ lines as git diff", () => {
    const dir = mkdtempSync(join(tmpdir(), "unspin-diff-names-"));
    const git = (...args: string[]) => execFileSync("git", ["-c", "core.quotePath=false", ...args], { cwd: dir, encoding: "utf8" });
    git("init", "-q");
    for (const name of AWKWARD_NAMES) {
      mkdirSync(join(dir, name, ".."), { recursive: true });
      writeFileSync(join(dir, name), "before\n");
    }
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x");
    for (const name of AWKWARD_NAMES) writeFileSync(join(dir, name), "after\n");
    const theirs = git("diff", "--no-color", "--no-ext-diff")
      .split("\n")
      .filter((l) => l.startsWith("--- ") || l.startsWith("+++ "))
      .sort();
    const ours = AWKWARD_NAMES.flatMap((name) => unifiedDiff(name, "before\n", "after\n").split("\n").slice(0, 2)).sort();
    expect(ours).toEqual(theirs);
  });

  for (const [tool, available] of [
    ["git apply", hasGit],
    ["patch -p1", hasPatch],
  ] as const) {
    it.skipIf(!available)(`is applied by ${tool} to files with awkward names`, () => {
      const dir = mkdtempSync(join(tmpdir(), "unspin-diff-apply-"));
      if (hasGit) execFileSync("git", ["init", "-q"], { cwd: dir });
      const patches: Buffer[] = [];
      for (const name of AWKWARD_NAMES) {
        mkdirSync(join(dir, name, ".."), { recursive: true });
        writeFileSync(join(dir, name), "one\ntwo mentioned\nthree\n");
        patches.push(unifiedDiffBytes(name, Buffer.from("one\ntwo mentioned\nthree\n"), Buffer.from("one\ntwo said\nthree\n")));
      }
      const patchFile = join(tmpdir(), `unspin-names-${process.pid}-${tool.replace(/\W/g, "")}.diff`);
      writeFileSync(patchFile, Buffer.concat(patches));
      const run =
        tool === "git apply"
          ? spawnSync("git", ["apply", patchFile], { cwd: dir, encoding: "utf8" })
          : spawnSync("patch", ["-s", "-p1", "-i", patchFile], { cwd: dir, encoding: "utf8" });
      expect(run.stderr + run.stdout).toBe("");
      expect(run.status).toBe(0);
      for (const name of AWKWARD_NAMES) expect(readFileSync(join(dir, name), "utf8")).toBe("one\ntwo said\nthree\n");
    });
  }
});
