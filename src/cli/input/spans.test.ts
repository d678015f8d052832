import { describe, expect, it } from "vitest";
import { applyReplacements, lineIndexAt, lineSpanAround, lineStarts, mergeSpans } from "./spans.js";

describe("spans", () => {
  it("merges overlapping and touching spans", () => {
    expect(mergeSpans([{ start: 5, end: 8 }, { start: 0, end: 2 }, { start: 2, end: 3 }, { start: 7, end: 9 }, { start: 4, end: 4 }])).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 9 },
    ]);
  });

  it("applies replacements and keeps everything else", () => {
    expect(applyReplacements("a bc d", [{ start: 2, end: 4, after: "XYZ" }])).toBe("a XYZ d");
    expect(() => applyReplacements("abc", [{ start: 0, end: 2, after: "" }, { start: 1, end: 3, after: "" }])).toThrow();
  });

  it("finds lines", () => {
    const t = "ab\r\ncd\nef";
    const starts = lineStarts(t);
    expect(starts).toEqual([0, 4, 7]);
    expect(lineIndexAt(starts, 5)).toBe(1);
    expect(lineIndexAt(starts, 8)).toBe(2);
    expect(lineSpanAround(t, 1, 2)).toEqual({ start: 0, end: 2 });
    expect(lineSpanAround(t, 8, 9)).toEqual({ start: 7, end: 9 });
  });
});
