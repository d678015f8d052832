/**
 * prh-style specs: every curated entry's examples through the real engine.
 * Fix examples: the entry's own edits turn the text into `expect` (other tiers may propose more in a sentence
 * treated as spun; they answer for themselves). Keep examples, given alone, must come out unchanged.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyEdits, restore } from "../index.js";
import { expandEntry, parseCurated, type CuratedEntry } from "./curated.js";

const entries = ["signature.json", "closed-class.json"].flatMap((f) =>
  parseCurated(readFileSync(new URL(`../../dictionaries/curated/${f}`, import.meta.url), "utf8")),
);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where the entry's spun forms (all inflections) occur in a sentence: the entry answers for edits there only. */
function spunSpans(text: string, entry: CuratedEntry): [number, number][] {
  const folded = text.toLowerCase().replace(/[’‘]/g, "'");
  return expandEntry(entry).flatMap((p) =>
    [...folded.matchAll(new RegExp(`\\b${escapeRegExp(p.spun)}\\b`, "g"))].map((m): [number, number] => [m.index, m.index + p.spun.length]),
  );
}

describe("curated examples through restore()", () => {
  for (const entry of entries) {
    describe(`${entry.spun} → ${entry.original.join(" | ")}`, () => {
      for (const f of entry.examples.fix) {
        // A single sentence is too short for the document gate: fix examples assume a spun document.
        it(`fixes: ${f.text}`, () => {
          const spans = spunSpans(f.text, entry);
          const own = restore(f.text, { assumeSpun: true }).edits.filter((e) => spans.some(([a, b]) => e.start < b && a < e.end));
          expect(applyEdits(f.text, own)).toBe(f.expect);
        });
        // An unmistakable pair applies with the gate shut too: the sentence alone is fixed, and nothing else changes.
        if (entry.unmistakable) {
          it(`fixes alone (unmistakable): ${f.text}`, () => {
            expect(restore(f.text).text).toBe(f.expect);
          });
        }
      }
      for (const k of entry.examples.keep) {
        // Given alone, as a user would paste it: correct English stays as written.
        it(`keeps: ${k}`, () => {
          expect(restore(k).text).toBe(k);
        });
      }
    });
  }
});
