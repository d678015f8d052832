/**
 * prh-style specs: every curated entry's examples through the real engine.
 * Fix examples must come out as `expect`; keep examples must come out unchanged.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { restore } from "../index.js";
import { parseCurated } from "./curated.js";

const entries = parseCurated(readFileSync(new URL("../../dictionaries/curated/signature.json", import.meta.url), "utf8"));

describe("curated examples through restore()", () => {
  for (const entry of entries) {
    describe(`${entry.spun} → ${entry.original.join(" | ")}`, () => {
      for (const f of entry.examples.fix) {
        // A single sentence is too short for the document gate: fix examples assume a spun document.
        it(`fixes: ${f.text}`, () => {
          expect(restore(f.text, { assumeSpun: true }).text).toBe(f.expect);
        });
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
