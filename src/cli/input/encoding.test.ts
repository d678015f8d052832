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
});
