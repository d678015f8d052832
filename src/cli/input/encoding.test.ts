import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decode, encode, type Encoding } from "./encoding.js";

describe("encoding", () => {
  it.each<[Encoding, number[]]>([
    ["utf8bom", [0xef, 0xbb, 0xbf, 0x68, 0x69]],
    ["utf16le", [0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]],
    ["utf16be", [0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]],
    ["utf8", [0x68, 0x69]],
  ])("detects %s and round-trips", (enc, bytes) => {
    const d = decode(Uint8Array.from(bytes));
    expect(d).toEqual({ ok: true, text: "hi", encoding: enc });
    if (d.ok) expect([...encode(d.text, d.encoding)]).toEqual(bytes);
  });

  it("refuses binary and invalid UTF-8", () => {
    expect(decode(Uint8Array.from([0x68, 0x00, 0x69]))).toEqual({ ok: false, reason: "binary" });
    expect(decode(Uint8Array.from([0x68, 0xff, 0x69]))).toEqual({ ok: false, reason: "invalid-utf8" });
    expect(decode(Uint8Array.from([0xff, 0xfe, 0x68]))).toEqual({ ok: false, reason: "invalid-utf16" });
    // A lone surrogate would not survive a round trip.
    expect(decode(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]))).toEqual({ ok: false, reason: "invalid-utf16" });
  });

  it("round-trips any well-formed string in every encoding", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.constantFrom<Encoding>("utf8", "utf8bom", "utf16le", "utf16be"), (s, enc) => {
        const text = s.replace(/\0/g, "");
        if (enc === "utf8" && text.startsWith("\uFEFF")) return; // would read back as utf8bom
        const bytes = encode(text, enc);
        const d = decode(bytes);
        expect(d).toEqual({ ok: true, text, encoding: enc });
      }),
    );
  });

  describe("inputs of 1 MB or more (decoded outside V8's heap)", () => {
    const big = (head: string, unit: string) => head + unit.repeat(Math.ceil((1 << 20) / Buffer.byteLength(unit)) + 1);
    const viaTextDecoder = (bytes: Uint8Array) => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);

    it.each([
      ["ASCII", big("", "The chief said it. ")],
      ["curly quotes and accents", big("", "He said \u201cno\u201d to the caf\u00e9. ")],
      ["astral characters", big("", "A \u{1F600} smile, \u{10FFFF}. ")],
      ["a leading U+FEFF after the BOM", big("\uFEFF", "x")],
    ])("gives the same text as TextDecoder: %s", (_, text) => {
      for (const enc of ["utf8", "utf8bom"] as const) {
        const bytes = encode(text, enc);
        if (enc === "utf8" && text.startsWith("\uFEFF")) continue; // would read back as utf8bom
        const d = decode(bytes);
        expect(d.ok && d.encoding).toBe(enc);
        expect(d.ok && d.text === viaTextDecoder(enc === "utf8bom" ? bytes.subarray(3) : bytes)).toBe(true);
        expect(d.ok && d.text === text).toBe(true);
      }
    });

    it.each([
      ["a stray continuation byte", [0x80]],
      ["an overlong encoding", [0xc0, 0xaf]],
      ["an encoded surrogate", [0xed, 0xa0, 0x80]],
      ["a truncated sequence at the end", [0xe2, 0x80]],
    ])("refuses invalid UTF-8: %s", (_, bad) => {
      const good = Buffer.from(big("", "plain words "));
      const bytes = Buffer.concat([good.subarray(0, 600_000), Buffer.from(bad), good.subarray(600_000)]);
      const atEnd = Buffer.concat([good, Buffer.from(bad)]);
      expect(decode(bytes)).toEqual({ ok: false, reason: "invalid-utf8" });
      expect(decode(atEnd)).toEqual({ ok: false, reason: "invalid-utf8" });
    });
  });
});
