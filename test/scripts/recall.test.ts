// The error classes of `npm run eval` (scripts/lib/recall.mjs): where the remaining errors of a restored page fall.
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript module of the evaluation scripts
import { errorClasses } from "../../scripts/lib/recall.mjs";

/** An edit of `before` (its first occurrence in text) into `after`. */
function edit(text: string, before: string, after: string) {
  const start = text.indexOf(before);
  return { start, end: start + before.length, before, after };
}

/** Aligned events as the eval's aligner gives them: here, one substitution `town` ← `city`. */
const alignCity = (spun: string) => {
  const at = spun.indexOf("town");
  return at < 0 ? [] : [{ spun: "town", original: "city", spunStart: at, spunEnd: at + 4 }];
};

describe("errorClasses", () => {
  const original = "The city council approved the Chinese plan on Monday after a long debate.";
  const spun = "The town council approved the Chinese language plan on Monday after a long debate.";
  const classify = (edits: ReturnType<typeof edit>[]) =>
    errorClasses([{ spun, original }], () => ({ sites: [], edits, gate: { spun: true } }), alignCity);

  it("counts an edit outside the aligned events that brings the text closer to the original as a fix, not a change", () => {
    // A spinner's added word is no substitution event; deleting it is still a fix.
    const c = classify([edit(spun, "town", "city"), edit(spun, "Chinese language", "Chinese")]);
    expect(c.fixed).toBe(1);
    expect(c["fixed outside events"]).toBe(1);
    expect(c["correct word changed"]).toBe(0);
  });

  it("counts an edit of correct words as a correct word changed", () => {
    const c = classify([edit(spun, "debate", "argument")]);
    expect(c["correct word changed"]).toBe(1);
    expect(c["fixed outside events"]).toBe(0);
    // The unrestored event: its candidate was not proposed (no sites), so no candidate.
    expect(c["no candidate (word)"]).toBe(1);
  });
});
