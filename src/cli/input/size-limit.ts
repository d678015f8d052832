/**
 * The input size limit (--max-size, config `maxSize`). The restorer runs at roughly 50,000 words/s and holds data per
 * word, so a huge input would take minutes and gigabytes: it is refused with a clear message instead. Regular files
 * are checked with stat() before anything is read; streams (stdin, FIFOs, devices) are read only until the limit.
 */
import { createReadStream, fstatSync, readSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { LoadedConfig } from "./config.js";

/** Default limit in MB. */
export const DEFAULT_MAX_SIZE_MB = 32;
/** One MB as --max-size counts it (1024 × 1024 bytes, as `ls -lh` and `du -h` do). */
export const BYTES_PER_MB = 1024 * 1024;

/** The limit that applies to one input: plain data, so it can travel to worker threads with the job. */
export interface SizeLimit {
  /** Inputs larger than this many bytes are refused. */
  bytes: number;
  /** Where the limit comes from, for messages: `--max-size 32 MB` or `maxSize 5 MB in /p/.unspinrc.json`. */
  label: string;
}

/** The limit for one input: command line > config file > default. */
export function sizeLimitFor(cliMb: number | undefined, config: Pick<LoadedConfig, "filepath" | "settings">): SizeLimit {
  if (cliMb !== undefined) return { bytes: cliMb * BYTES_PER_MB, label: `--max-size ${cliMb} MB` };
  const fromConfig = config.settings.maxSize;
  if (fromConfig !== undefined) {
    return { bytes: fromConfig * BYTES_PER_MB, label: `maxSize ${fromConfig} MB${config.filepath ? ` in ${config.filepath}` : ""}` };
  }
  return { bytes: DEFAULT_MAX_SIZE_MB * BYTES_PER_MB, label: `--max-size ${DEFAULT_MAX_SIZE_MB} MB` };
}

/** A size in MB for messages: one decimal from 10 MB up, three significant digits below (2048 bytes → "0.00195 MB"). */
export function formatMB(bytes: number): string {
  const mb = bytes / BYTES_PER_MB;
  const s = mb >= 10 ? mb.toFixed(1) : String(Number(mb.toPrecision(3)));
  return `${s} MB`;
}

/**
 * Message for an input over the limit. `size`: its size in bytes when known (stat), or null for a stream that was
 * stopped once more than the limit had arrived. `skipped`: found in a folder (a note) rather than named (an error).
 * `verb`: what raising the limit would let unspin do with it (`unspin scan` screens, it restores nothing).
 */
export function tooLargeMessage(size: number | null, limit: SizeLimit, skipped = false, verb = "restore"): string {
  const what = size === null ? `more than ${limit.label} arrived` : `${formatMB(size)} is more than ${limit.label}`;
  if (skipped) return `${what}, skipped (raise --max-size to ${verb} it)`;
  return `${what}; ${size === null ? "stopped reading" : "not read"} (raise --max-size to ${verb} it)`;
}

/**
 * Whether a stream reads a folder (`unspin < .`): Node then ends it at once, as if it were empty, where `cat < .`
 * fails. The callers refuse it as they refuse a folder named where a file is expected.
 */
export function readsFolder(stream: NodeJS.ReadableStream): boolean {
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== "number") return false;
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}

/** The message for a folder given as input on stdin. */
export const STDIN_FOLDER = "stdin: is a directory, expected a file (give a folder as an argument: unspin FOLDER)";

/**
 * Reads a stream to its end, or until more than `maxBytes` have arrived: then stops reading, destroys the stream (so
 * a writer that never ends cannot keep the process alive) and returns null. At most `maxBytes` plus one chunk is
 * held in memory.
 */
export function readLimited(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
    };
    const onData = (c: Buffer | string) => {
      const chunk = typeof c === "string" ? Buffer.from(c) : c;
      total += chunk.length;
      if (total > maxBytes) {
        done();
        chunks.length = 0;
        stream.pause();
        // Errors after this point (EPIPE from the writer, a close race) no longer matter.
        stream.on("error", () => undefined);
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
  });
}

/** What `readBounded` found: the bytes, or that there were more than allowed (`size`: bytes, null for a stream). */
export type Bounded = { ok: true; bytes: Buffer } | { ok: false; size: number | null } | { ok: false; directory: true };

/**
 * Reads a whole file, but never more than `maxBytes`: a regular file is checked by size before reading; a device or
 * FIFO (/dev/zero, a process substitution) is read only until more than the limit has arrived. File-system errors
 * are thrown as they are.
 */
export async function readBounded(path: string, maxBytes: number): Promise<Bounded> {
  const st = await stat(path);
  if (st.isDirectory()) return { ok: false, directory: true };
  if (st.isFile()) {
    if (st.size > maxBytes) return { ok: false, size: st.size };
    const bytes = await readFile(path);
    // A file that grew between stat() and read is held to the same limit.
    return bytes.length > maxBytes ? { ok: false, size: bytes.length } : { ok: true, bytes };
  }
  const bytes = await readLimited(createReadStream(path), maxBytes);
  return bytes === null ? { ok: false, size: null } : { ok: true, bytes };
}

/**
 * Reads an open regular file (stdin redirected from a file) from its current position to its end, into one buffer
 * sized by `sizeHint` (its size from fstat): no chunks to gather and copy again, which for a 30 MB input meant 60 MB
 * more at once, and memory the allocator kept afterwards. Null when more than `maxBytes` arrive (a growing file).
 */
export function readFdBounded(fd: number, sizeHint: number, maxBytes: number): Buffer | null {
  let bytes = Buffer.allocUnsafeSlow(Math.min(sizeHint, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === bytes.length) {
      if (total > maxBytes) return null;
      const grown = Buffer.allocUnsafeSlow(Math.min(2 * bytes.length, maxBytes + 1));
      bytes.copy(grown, 0, 0, total);
      bytes = grown;
    }
    const n = readSync(fd, bytes, total, bytes.length - total, null);
    if (n === 0) break;
    total += n;
  }
  return total > maxBytes ? null : bytes.subarray(0, total);
}
