import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineSpanAround } from "../input/spans.js";
import { contextAround, oneLine } from "./context.js";

/** The reports' context as it was computed before contextAround: the whole line first, then the reach. */
function reference(text: string, start: number, end: number, reach: number) {
  const line = lineSpanAround(text, start, end);
  let from = Math.max(line.start, start - reach);
  let to = Math.min(line.end, end + reach);
  if (from > line.start) from = Math.min(start, text.indexOf(" ", from) + 1 || start);
  if (to < line.end) {
    const sp = text.lastIndexOf(" ", to);
    to = sp >= end ? sp : end;
  }
  return { head: (from > line.start ? "…" : "") + text.slice(from, start), tail: text.slice(end, to) + (to < line.end ? "…" : "") };
}

describe("contextAround", () => {
  it("shows the line around a change, cut at spaces, with … where the line goes on", () => {
    const text = "First line.\nThe council approved the new budget for the harbour bridge on Tuesday.\nLast line.";
    const start = text.indexOf("approved");
    expect(contextAround(text, start, start + 8, 20)).toEqual({ head: "The council ", tail: " the new budget for…" });
    expect(contextAround(text, start, start + 8, 200)).toEqual({ head: "The council ", tail: " the new budget for the harbour bridge on Tuesday." });
  });

  it("gives what the whole-line search gave, for any text, span and reach", () => {
    const chars = fc.constantFrom("a", "b", " ", " ", "\n", "\r", "\r\n", "\t", "é", "—");
    const cases = fc
      .tuple(fc.array(chars, { minLength: 1, maxLength: 120 }), fc.nat(), fc.nat(8), fc.integer({ min: 1, max: 30 }))
      .map(([parts, at, length, reach]) => {
        const text = parts.join("");
        const start = at % text.length;
        return { text, start, end: Math.min(text.length, start + length), reach };
      });
    fc.assert(
      fc.property(cases, ({ text, start, end, reach }) => {
        expect(contextAround(text, start, end, reach)).toEqual(reference(text, start, end, reach));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("oneLine", () => {
  it("shows a file's control characters as symbols, so none reaches the terminal", () => {
    expect(oneLine("a\tb\r\nc\nd")).toBe("a b⏎c⏎d");
    expect(oneLine("\u001b[31mRED\u001b[0m \u0007\u007f\u009b")).toBe("␛[31mRED␛[0m ␇␡\ufffd");
    expect(oneLine("café — ok")).toBe("café — ok");
  });
});
