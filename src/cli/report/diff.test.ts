import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { diffTokens, wordDiff, wordTokens } from "./diff.js";
import { unifiedDiff } from "./unified.js";

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
