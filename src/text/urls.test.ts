import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RUN, urlsAndEmails } from "./urls.js";

/** The pattern run over the whole text, as urlsAndEmails did before it ran on runs of non-space characters. */
const WHOLE =
  /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]/giu;
const whole = (text: string) => [...text.matchAll(WHOLE)].filter((m) => m[0].length > 0).map((m) => ({ start: m.index, end: m.index + m[0].length }));

describe("urlsAndEmails", () => {
  it("finds what the pattern finds over the whole text", () => {
    const piece = fc.constantFrom("see", "https://example.com/a-b?x=1", "www.example.org", "mailto:a@b.org", "ann.lee@example.co.uk", "example.org/page", "(", ")", ".", ",", "a-b", "x@y", "e.g.", "“", "”");
    const gap = fc.constantFrom(" ", "\n", "\t", "", "\u00a0");
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, gap), { maxLength: 20 }), (parts) => {
        const text = parts.map(([p, g]) => p + g).join("");
        expect(urlsAndEmails(text)).toEqual(whole(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("takes a run of non-space characters longer than MAX_RUN that holds a mark whole, and searches nothing else in it", () => {
    const run = `${"a-".repeat(MAX_RUN)}@example.org`;
    expect(urlsAndEmails(`see ${run} now`)).toEqual([{ start: 4, end: 4 + run.length }]);
    // A long hyphenated run after an address-like word holds no mark: nothing in it is searched, nothing found.
    expect(urlsAndEmails(`x@y ${"a-".repeat(100_000)}`)).toEqual([]);
  });
});
