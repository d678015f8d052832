import { describe, expect, it } from "vitest";
import { advanceLines, newLineCursor, positionIn } from "./position.js";

describe("positionIn", () => {
  it("gives 1-based line and column, lines ended by \\n, \\r\\n or a lone \\r as editors number them", () => {
    const at = positionIn("ab\ncd\r\n\nef");
    expect(at(0)).toEqual({ line: 1, column: 1 });
    expect(at(3)).toEqual({ line: 2, column: 1 });
    expect(at(5)).toEqual({ line: 2, column: 3 });
    expect(at(8)).toEqual({ line: 4, column: 1 });
    const mac = positionIn("ab\rcd\r\ref");
    expect(mac(3)).toEqual({ line: 2, column: 1 });
    expect(mac(7)).toEqual({ line: 4, column: 1 });
  });
});

describe("advanceLines", () => {
  it("gives the same line and column as positionIn for ascending offsets", () => {
    const text = "one line\n\nthird line is longer\r\nfourth\nold Mac line\rnext\r\rafter an empty one\r\n\rlast";
    const at = positionIn(text);
    const cursor = newLineCursor();
    for (let offset = 0; offset <= text.length; offset += 1) {
      advanceLines(text, cursor, offset);
      expect({ line: cursor.line, column: offset - cursor.lineStart + 1 }).toEqual(at(offset));
    }
  });

  it("searches each character at most twice (once per kind of break), however many offsets fall on one long line", () => {
    // One line of 200,000 characters with an offset every 20: searching from each offset to the next line break, as
    // toEdits once did, examines about n²/40 = 10⁹ characters; counted forwards, n.
    const oneLine = "word ".repeat(40_000);
    const cursor = newLineCursor();
    for (let offset = 0; offset < oneLine.length; offset += 20) advanceLines(oneLine, cursor, offset);
    expect(cursor.line).toBe(1);
    expect(cursor.searched).toBeLessThanOrEqual(2 * oneLine.length);
    // Many short lines: the same bound, and every line counted.
    const manyLines = "word word\n".repeat(20_000);
    const lines = newLineCursor();
    for (let offset = 0; offset < manyLines.length; offset += 7) advanceLines(manyLines, lines, offset);
    expect(lines.line).toBe(20_000);
    expect(lines.searched).toBeLessThanOrEqual(2 * manyLines.length);
    // CR-only lines (old Mac files) and CRLF lines: the same.
    for (const eol of ["\r", "\r\n"]) {
      const text = `word word${eol}`.repeat(20_000);
      const c = newLineCursor();
      for (let offset = 0; offset < text.length; offset += 7) advanceLines(text, c, offset);
      expect(c.line).toBe(20_000);
      expect(c.searched).toBeLessThanOrEqual(2 * text.length);
    }
  });
});
