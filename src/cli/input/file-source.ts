/**
 * A long UTF-8 file as a TextSource (the library's restoreWindowsFrom), so that `unspin < big.txt` and `unspin
 * big.txt` print the restored text without ever holding the input whole. The file is read through once to check it
 * (valid UTF-8, no NUL in its head, no inline directive, which needs the whole text) and to note where each chunk
 * starts in bytes and in UTF-16 units; a slice is then decoded from the chunks it touches, the last few kept.
 *
 * Anything this does not handle (UTF-16, a byte-order mark, invalid or binary content, directives) answers null, and
 * the caller reads the file whole as before, which reports what is wrong with it.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { isAscii, isUtf8 } from "node:buffer";
import type { TextSource } from "../../restore/windows.js";

/**
 * Bytes read and decoded at a time; a chunk ends before the first byte of a character cut by this size. Under 1 MB on
 * purpose: Node makes a latin1 string of more than about 1 MB (EXTERN_APEX) an external string in memory of its own
 * allocator, and every such block freed raises glibc's threshold for serving blocks from fresh mappings to its size,
 * after which blocks under it (this process's typed arrays of up to 1 MB) come from glibc's heap and fragment it
 * (docs/scale.md, fifth session). The chunks are read into one buffer kept by the source, for the same reason.
 */
export const CHUNK_BYTES = 1 << 19;
/**
 * Decoded chunks kept: a window's context (about 260 K characters) spans two chunks of ASCII, three of text with
 * characters of three bytes, and a cut's search one more.
 */
const KEPT_CHUNKS = 4;
/** Bytes inspected for NUL (as decode does): binary or UTF-16 content is left to it. */
const SNIFF_BYTES = 8000;
/** Any directive (unspin-disable, unspin-ignore-line, …): their spans are found over the whole text, so it is read whole. */
const DIRECTIVE_MARK = Buffer.from("unspin-");

export class FileTextSource implements TextSource {
  readonly length: number;
  private readonly kept = new Map<number, string>();

  private constructor(
    private readonly fd: number,
    /** The buffer chunks are read into (CHUNK_BYTES and a character's last bytes). */
    private readonly buf: Buffer,
    /** Chunk i is bytes [byteStart[i], byteStart[i + 1]) and UTF-16 units [unitStart[i], unitStart[i + 1]). */
    private readonly byteStart: number[],
    private readonly unitStart: number[],
  ) {
    this.length = unitStart[unitStart.length - 1]!;
  }

  /**
   * Checks `size` bytes of `fd` from byte `from` and notes its chunks: a source over them, or null when the file must
   * be read whole (see the file comment). The bytes are read with positions, so the descriptor's offset is not moved.
   */
  static open(fd: number, from: number, size: number): FileTextSource | null {
    const byteStart = [from];
    const unitStart = [0];
    const buf = Buffer.allocUnsafe(CHUNK_BYTES + 4);
    let at = from;
    const end = from + size;
    let tail = Buffer.alloc(0);
    while (at < end) {
      const want = Math.min(buf.length, end - at);
      const got = readFully(fd, buf, want, at);
      if (got < want) return null; // the file shrank: read it whole
      let cut = got;
      if (at + got < end) {
        // End before a character that the chunk's end would cut (a continuation byte starts none).
        cut = Math.min(got, CHUNK_BYTES);
        while (cut > 0 && (buf[cut]! & 0xc0) === 0x80) cut--;
        if (cut === 0) return null;
      }
      const chunk = buf.subarray(0, cut);
      if (at === from) {
        if (chunk.length >= 2 && ((chunk[0] === 0xef && chunk[1] === 0xbb) || (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) return null;
        if (chunk.subarray(0, SNIFF_BYTES).includes(0)) return null;
      }
      if (!isUtf8(chunk)) return null;
      // A mark cut by the chunk's end is found with the previous chunk's last bytes.
      if (Buffer.concat([tail, chunk.subarray(0, DIRECTIVE_MARK.length)]).includes(DIRECTIVE_MARK) || chunk.includes(DIRECTIVE_MARK)) return null;
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - DIRECTIVE_MARK.length + 1)));
      at += cut;
      byteStart.push(at);
      unitStart.push(unitStart[unitStart.length - 1]! + utf16Length(chunk));
    }
    return new FileTextSource(fd, buf, byteStart, unitStart);
  }

  slice(from: number, to: number): string {
    from = Math.max(0, Math.min(from, this.length));
    to = Math.max(from, Math.min(to, this.length));
    if (from === to) return "";
    let out = "";
    for (let i = this.chunkOf(from); i < this.byteStart.length - 1 && this.unitStart[i]! < to; i++) {
      const text = this.chunk(i);
      const base = this.unitStart[i]!;
      out += text.slice(Math.max(0, from - base), Math.min(text.length, to - base));
    }
    return out;
  }

  /** The chunk holding UTF-16 unit `unit`. */
  private chunkOf(unit: number): number {
    let lo = 0;
    let hi = this.unitStart.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.unitStart[mid]! <= unit) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private chunk(i: number): string {
    const hit = this.kept.get(i);
    if (hit !== undefined) return hit;
    const bytes = this.buf.subarray(0, this.byteStart[i + 1]! - this.byteStart[i]!);
    const got = readFully(this.fd, bytes, bytes.length, this.byteStart[i]!);
    // The file changed since it was checked: stop rather than print a mix of two versions.
    if (got < bytes.length || !isUtf8(bytes)) throw new Error("the input changed while it was being read");
    const text = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
    if (text.length !== this.unitStart[i + 1]! - this.unitStart[i]!) throw new Error("the input changed while it was being read");
    if (this.kept.size >= KEPT_CHUNKS) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(i, text);
    return text;
  }
}

/** UTF-16 units of valid UTF-8: one per character, two for a character of four bytes. */
function utf16Length(utf8: Uint8Array): number {
  if (isAscii(utf8)) return utf8.length;
  let n = 0;
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i]!;
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

function readFully(fd: number, buf: Buffer, length: number, position: number): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/**
 * Where the descriptor `fd` reads next (stdin redirected from a file need not start at 0), from Linux's
 * /proc/self/fdinfo; null elsewhere, and the caller reads the file whole as before.
 */
export function readOffset(fd: number): number | null {
  try {
    const m = /^pos:\s*(\d+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "latin1"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** A named file opened for reading as a source (null: read it whole); the caller closes `fd` when done. */
export function openFileSource(path: string, size: number): { fd: number; source: FileTextSource } | null {
  const fd = openSync(path, "r");
  const source = FileTextSource.open(fd, 0, size);
  if (source) return { fd, source };
  closeSync(fd);
  return null;
}
