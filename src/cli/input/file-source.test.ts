import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { CHUNK_BYTES, FileTextSource, openFileSource, readOffset } from "./file-source.js";

const dir = mkdtempSync(join(tmpdir(), "unspin-source-"));
const opened: number[] = [];
afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
});

/** `bytes` written to a file and opened as a source (null: to be read whole). */
function sourceOf(bytes: Buffer, from = 0): FileTextSource | null {
  const path = join(dir, `f${opened.length}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(path, bytes);
  const fd = openSync(path, "r");
  opened.push(fd);
  return FileTextSource.open(fd, from, bytes.length - from);
}

/** Text of more than two chunks with characters of 2, 3 and 4 bytes cut by every chunk boundary. */
function straddling(): string {
  const parts: string[] = [];
  let bytes = 0;
  let i = 0;
  for (const boundary of [CHUNK_BYTES, 2 * CHUNK_BYTES]) {
    while (bytes < boundary - 40) {
      const line = i % 7 === 0 ? `Line ${i}: caf\u00e9 \u201cquoted\u201d\r\n` : `Line ${i} of plain words.\n`;
      parts.push(line);
      bytes += Buffer.byteLength(line);
      i++;
    }
    // Pad to just before the boundary, then a wide character across it.
    const pad = "x".repeat(boundary - bytes - 1 - (boundary === CHUNK_BYTES ? 1 : 2));
    parts.push(pad, boundary === CHUNK_BYTES ? "\u2014" : "\u{1F600}");
    bytes += pad.length + Buffer.byteLength(boundary === CHUNK_BYTES ? "\u2014" : "\u{1F600}");
  }
  parts.push(" and the end.\n");
  return parts.join("");
}

describe("a file as a text source", () => {
  const text = straddling();
  const bytes = Buffer.from(text, "utf8");

  it("gives the length and any slice of the text, across chunks cut before a character", () => {
    expect(bytes.length).toBeGreaterThan(2 * CHUNK_BYTES);
    const source = sourceOf(bytes)!;
    expect(source.length).toBe(text.length);
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(300_000), (from, n) => {
        expect(source.slice(from, from + n)).toBe(text.slice(from, from + n));
      }),
      { numRuns: 300 },
    );
    expect(source.slice(0, text.length)).toBe(text);
  });

  it("reads its chunks again through its one buffer once they are dropped, each under Node's external-string size", () => {
    // Node makes a latin1 string of more than EXTERN_APEX bytes (0xFBEE9) external, in memory of glibc's (file comment).
    expect(CHUNK_BYTES + 4).toBeLessThan(0xfbee9);
    const long = Buffer.concat([bytes, bytes, bytes]);
    const source = sourceOf(long)!;
    const all = text + text + text;
    const step = 100_000;
    // Forwards over every chunk (more than are kept), then back to the first ones.
    for (let at = 0; at < all.length; at += step) expect(source.slice(at, at + step)).toBe(all.slice(at, at + step));
    expect(source.slice(0, 1000)).toBe(all.slice(0, 1000));
    expect(source.slice(CHUNK_BYTES - 100, CHUNK_BYTES + 100)).toBe(all.slice(CHUNK_BYTES - 100, CHUNK_BYTES + 100));
  });

  it("starts where the descriptor reads next (stdin need not be at the file's start)", () => {
    const head = Buffer.from("skipped head\n");
    const source = sourceOf(Buffer.concat([head, bytes]), head.length)!;
    expect(source.slice(0, 50)).toBe(text.slice(0, 50));
    expect(source.length).toBe(text.length);
  });

  it("leaves to decode() what it does not handle: a byte-order mark, NUL, invalid UTF-8 anywhere, an inline directive", () => {
    expect(sourceOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toBeNull();
    expect(sourceOf(Buffer.concat([Buffer.from([0xff, 0xfe]), bytes]))).toBeNull();
    expect(sourceOf(Buffer.concat([Buffer.from("a\0b"), bytes]))).toBeNull();
    const bad = Buffer.from(bytes);
    bad[Math.floor(1.5 * CHUNK_BYTES)] = 0xff;
    expect(sourceOf(bad)).toBeNull();
    // A directive cut by a chunk's end is found too.
    const mark = Buffer.from("unspin-disable-line");
    // Across the first chunk's end (over the padding and the wide character there, which it replaces whole), and inside.
    for (const at of [CHUNK_BYTES - 5, Math.floor(1.2 * CHUNK_BYTES)]) {
      const withMark = Buffer.from(bytes);
      mark.copy(withMark, at);
      expect(Buffer.from(withMark.toString("utf8"), "utf8").equals(withMark)).toBe(true);
      expect(sourceOf(withMark)).toBeNull();
    }
  });

  it("stops when the file changed after it was checked, rather than mixing two versions", () => {
    const path = join(dir, "changing.txt");
    writeFileSync(path, bytes);
    const src = openFileSource(path, bytes.length)!;
    opened.push(src.fd);
    expect(src.source.slice(0, 10)).toBe(text.slice(0, 10));
    writeFileSync(path, Buffer.from(bytes.toString("utf8").replace(/Line/g, "Líne"), "utf8"));
    expect(() => src.source.slice(text.length - 10, text.length)).toThrow("the input changed while it was being read");
  });

  it("reads a descriptor's offset where the system tells it, else says it cannot", () => {
    const path = join(dir, "offset.txt");
    writeFileSync(path, "abc");
    const fd = openSync(path, "r");
    opened.push(fd);
    const at = readOffset(fd);
    expect(at === null || at === 0).toBe(true);
    expect(readOffset(-1)).toBeNull();
  });
});
