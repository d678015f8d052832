import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RestoredWindow } from "../../restore/windows.js";
import { encode, type Encoding } from "../input/encoding.js";
import { PART_CHARS, streamPieces, textParts, textRenderer } from "./stream.js";

const piece = (text: string, from = 0): RestoredWindow => ({
  from,
  to: from + text.length,
  text,
  edits: [],
  flags: [],
  gate: { strongSites: 0, strongForms: 0, words: 0, strongSitesPer1000: 0, spun: false, probability: 0 },
});

describe("printing a long text's pieces", () => {
  it("cuts a text into parts of at most the size asked for, never inside a surrogate pair", () => {
    const unit = fc.constantFrom("a", "é", "\u2019", "\u{1F600}", "\r\n");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 300 }), fc.integer({ min: 2, max: 40 }), (units, size) => {
        const text = units.join("");
        const parts = [...textParts(text, size)];
        expect(parts.join("")).toBe(text);
        for (const p of parts) {
          expect(p.length).toBeLessThanOrEqual(size);
          const last = p.charCodeAt(p.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        }
        // Only the last part may be short by more than the one unit a pair's cut moves back.
        for (const p of parts.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(size - 1);
      }),
      { numRuns: 300 },
    );
    expect([...textParts("")]).toEqual([""]);
  });

  it("prints a window's text in parts of at most 128 KB, the bytes the whole text would give, the mark once", async () => {
    // About a window's text, with characters of two, three and four bytes.
    const text = "Caf\u00e9 \u201cquoted\u201d \u{1F600} plain words.\n".repeat(9000);
    expect(text.length).toBeGreaterThan(8 * PART_CHARS);
    for (const encoding of ["utf8", "utf8bom", "utf16le", "utf16be"] as Encoding[]) {
      const written: Uint8Array[] = [];
      const pieces = [piece(text), piece(text, text.length), piece("", 2 * text.length)];
      const { changes } = await streamPieces(pieces, textRenderer(encoding), (b) => written.push(b as Uint8Array), () => false);
      expect(changes).toBe(0);
      expect(Buffer.concat(written).equals(encode(text + text, encoding))).toBe(true);
      expect(written.length).toBeGreaterThan(16);
      for (const b of written) expect(b.length).toBeLessThanOrEqual(128 * 1024 + 2);
    }
  });

  it("still writes the byte-order mark of an empty input", async () => {
    const written: Uint8Array[] = [];
    await streamPieces([piece("")], textRenderer("utf8bom"), (b) => written.push(b as Uint8Array), () => false);
    expect(Buffer.concat(written)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
