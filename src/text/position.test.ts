import { describe, expect, it } from "vitest";
import { advanceLines, newLineCursor, positionIn } from "./position.js";

describe("positionIn", () => {
  it("gives 1-based line and column, lines split at \\n", () => {
    const at = positionIn("ab\ncd\r\n\nef");
    expect(at(0)).toEqual({ line: 1, column: 1 });
    expect(at(3)).toEqual({ line: 2, column: 1 });
    expect(at(5)).toEqual({ line: 2, column: 3 });
    expect(at(8)).toEqual({ line: 4, column: 1 });
  });
});

describe("advanceLines", () => {
  it("gives the same line and column as positionIn for ascending offsets", () => {
    const text = "one line\n\nthird line is longer\r\nfourth\nlast";
    const at = positionIn(text);
    const cursor = newLineCursor();
    for (let offset = 0; offset <= text.length; offset += 3) {
      advanceLines(text, cursor, offset);
      expect({ line: cursor.line, column: offset - cursor.lineStart + 1 }).toEqual(at(offset));
    }
  });

  it("searches each character at most once, however many offsets fall on one long line", () => {
    // One line of 200,000 characters with an offset every 20: searching from each offset to the next line break, as
    // toEdits once did, examines about n²/40 = 10⁹ characters; counted forwards, n.
    const oneLine = "word ".repeat(40_000);
    const cursor = newLineCursor();
    for (let offset = 0; offset < oneLine.length; offset += 20) advanceLines(oneLine, cursor, offset);
    expect(cursor.line).toBe(1);
    expect(cursor.searched).toBeLessThanOrEqual(oneLine.length);
    // Many short lines: the same bound, and every line counted.
    const manyLines = "word word\n".repeat(20_000);
    const lines = newLineCursor();
    for (let offset = 0; offset < manyLines.length; offset += 7) advanceLines(manyLines, lines, offset);
    expect(lines.line).toBe(20_000);
    expect(lines.searched).toBeLessThanOrEqual(manyLines.length);
  });
});
