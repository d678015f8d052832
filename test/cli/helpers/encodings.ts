/** The encodings unspin reads and writes back: test inputs are made in each of them. */
export type Enc = "utf8" | "utf8bom" | "utf16le" | "utf16be";

/** `text` as bytes in `enc` (the UTF-16 forms and "utf8bom" with their byte-order mark). */
export function encode(text: string, enc: Enc): Buffer {
  if (enc === "utf8") return Buffer.from(text, "utf8");
  if (enc === "utf8bom") return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
  if (enc === "utf16le") return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
}
