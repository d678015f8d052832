/**
 * Text encodings unspin reads and writes back unchanged: UTF-8 (with or without BOM) and UTF-16 LE/BE with a BOM.
 * Decoding is strict (fatal) so that re-encoding the decoded string gives back the exact same bytes; anything that
 * would not round-trip is refused rather than guessed at.
 */

import { isAscii, isUtf8, transcode } from "node:buffer";

export type Encoding = "utf8" | "utf8bom" | "utf16le" | "utf16be";

export type Decoded =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; reason: UndecodableReason };

export type UndecodableReason = "binary" | "invalid-utf8" | "invalid-utf16" | "utf16-no-bom";

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

/**
 * From this size on, valid UTF-8 is decoded into a string whose characters live outside V8's heap (Node makes such
 * "external" strings for its latin1 and UTF-16 conversions of more than about 1 MB). V8 sizes its heap from what
 * survives a collection, so a 30 MB input held on the heap let it grow by half as much again before collecting:
 * `unspin < 30 MB spun` kept 90–98 MB of heap, 54–63 MB with the text outside it.
 */
const EXTERNAL_FROM_BYTES = 1 << 20;

/** How many leading bytes are inspected for NUL bytes (the same heuristic git and ripgrep use). */
const BINARY_SNIFF_BYTES = 8000;

export function detectEncoding(bytes: Uint8Array): Encoding | null {
  if (bytes.length >= 3 && bytes[0] === BOM_UTF8[0] && bytes[1] === BOM_UTF8[1] && bytes[2] === BOM_UTF8[2]) {
    return "utf8bom";
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf16be";
  return null;
}

export function decode(bytes: Uint8Array): Decoded {
  const bom = detectEncoding(bytes);
  if (bom === "utf16le" || bom === "utf16be") {
    if ((bytes.length - 2) % 2 !== 0) return { ok: false, reason: "invalid-utf16" };
    try {
      // The BOM is sliced off here and added back on encode; ignoreBOM keeps a second U+FEFF as text.
      const text = new TextDecoder(bom === "utf16le" ? "utf-16le" : "utf-16be", { fatal: true, ignoreBOM: true }).decode(
        bytes.subarray(2),
      );
      return { ok: true, text, encoding: bom };
    } catch {
      return { ok: false, reason: "invalid-utf16" };
    }
  }
  const body = bom === "utf8bom" ? bytes.subarray(3) : bytes;
  const head = body.subarray(0, BINARY_SNIFF_BYTES);
  if (head.includes(0)) return { ok: false, reason: looksLikeUtf16(head) ? "utf16-no-bom" : "binary" };
  if (body.length >= EXTERNAL_FROM_BYTES) {
    if (!isUtf8(body)) return { ok: false, reason: "invalid-utf8" };
    return { ok: true, text: externalString(body), encoding: bom ?? "utf8" };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding: bom ?? "utf8" };
  } catch {
    return { ok: false, reason: "invalid-utf8" };
  }
}

/**
 * Valid UTF-8 as an external string: ASCII is copied as latin1 (one byte a character), anything else transcoded to
 * UTF-16 first. The same string TextDecoder gives (a leading U+FEFF is kept as text, as with ignoreBOM).
 */
function externalString(utf8: Uint8Array): string {
  const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
  if (isAscii(bytes)) return bytes.toString("latin1");
  return transcode(bytes, "utf8", "ucs2").toString("ucs2");
}

/**
 * UTF-16 text without a byte-order mark: mostly Latin text puts a zero in every other byte. It is named as such
 * (rather than "binary") so the user knows what to fix; it is not decoded, since the byte order is a guess.
 */
function looksLikeUtf16(head: Uint8Array): boolean {
  if (head.length < 4 || head.length % 2 !== 0) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const pairs = head.length / 2;
  return (oddZeros >= pairs * 0.6 && evenZeros === 0) || (evenZeros >= pairs * 0.6 && oddZeros === 0);
}

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case "utf8":
      return Buffer.from(text, "utf8");
    case "utf8bom":
      return Buffer.concat([Buffer.from(BOM_UTF8), Buffer.from(text, "utf8")]);
    case "utf16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf16be": {
      const le = Buffer.from(text, "utf16le");
      // swap16 works in place on a buffer we own.
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
  }
}

export function describeUndecodable(reason: UndecodableReason): string {
  switch (reason) {
    case "binary":
      return "binary file";
    case "invalid-utf8":
      return "not valid UTF-8 (unspin reads UTF-8 and UTF-16 with a byte-order mark)";
    case "invalid-utf16":
      return "not valid UTF-16";
    case "utf16-no-bom":
      return "looks like UTF-16 without a byte-order mark (unspin reads UTF-16 only with one: add the mark, or convert to UTF-8)";
  }
}
