/**
 * Encodings and line endings survive --write and pipes byte for byte outside restored spans: UTF-8 with and without
 * BOM, UTF-16 LE/BE with BOM, LF, CRLF and mixed line endings.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encode } from "./helpers/encodings.js";
import { REAL_CLI, runCli, tempTree } from "./helpers/run.js";

const BEFORE = "Line one mentioned,\r\nline two “quoted” café {dollars}\nline three\r\n\r\nlast mentioned line without newline";
const AFTER = "Line one said,\r\nline two “quoted” café dollars\nline three\r\n\r\nlast said line without newline";

describe("encodings and line endings", () => {
  for (const enc of ["utf8", "utf8bom", "utf16le", "utf16be"] as const) {
    it(`round-trips ${enc} with mixed line endings through --write`, async () => {
      const dir = tempTree({ "doc.txt": encode(BEFORE, enc), "same.txt": encode("nothing to do\r\n", enc) });
      const r = await runCli(["-w", "doc.txt", "same.txt"], { cwd: dir });
      expect(r.stderr).toMatch(/3 changes written to 1 file/);
      expect(readFileSync(join(dir, "doc.txt")).equals(encode(AFTER, enc))).toBe(true);
      expect(readFileSync(join(dir, "same.txt")).equals(encode("nothing to do\r\n", enc))).toBe(true);
    });

    it(`keeps ${enc} bytes through a pipe`, async () => {
      const r = await runCli([], { input: encode(BEFORE, enc) });
      expect(r.code).toBe(0);
      expect(r.stdout.equals(encode(AFTER, enc))).toBe(true);
    });
  }

  it("reports positions in the decoded text of a UTF-16 file", async () => {
    const dir = tempTree({ "doc.txt": encode(BEFORE, "utf16be") });
    const r = await runCli(["--format", "json", "doc.txt"], { cwd: dir });
    const first = JSON.parse(r.out.split("\n")[0]!);
    expect(first).toMatchObject({ file: "doc.txt", line: 1, column: 10, offset: 9, before: "mentioned", after: "said" });
  });

  it("keeps CRLF, BOM and UTF-16 byte for byte with the real engine (spintax)", async () => {
    const text = "First line.\r\nIt cost ten {dollars} in total.\r\nLast line, no newline";
    const expected = text.replace("{dollars}", "dollars");
    for (const enc of ["utf8bom", "utf16le", "utf16be"] as const) {
      const dir = tempTree({ "doc.txt": encode(text, enc) });
      const r = await runCli(["-w", "--assume-spun", "doc.txt"], { cwd: dir, cli: REAL_CLI });
      expect(r.code).toBe(0);
      const written = readFileSync(join(dir, "doc.txt"));
      const decoded = enc === "utf8bom" ? written.subarray(3).toString("utf8") : enc === "utf16le" ? written.subarray(2).toString("utf16le") : Buffer.from(written.subarray(2)).swap16().toString("utf16le");
      // Other words may be restored too; the line structure and everything around the artefact must be intact.
      expect(decoded.split("\r\n").length).toBe(3);
      expect(decoded).toContain("dollars");
      expect(decoded).not.toContain("{dollars}");
      expect(written.subarray(0, enc === "utf8bom" ? 3 : 2).equals(encode("", enc))).toBe(true);
      if (decoded.replace(/dollars/, "") === expected.replace(/dollars/, "")) expect(written.equals(encode(expected, enc))).toBe(true);
    }
  });
});
