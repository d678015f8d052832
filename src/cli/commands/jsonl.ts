/**
 * Stream mode (`unspin --jsonl`, `unspin scan --jsonl`): one JSON record per line on stdin (`{"id": …, "text": …}`,
 * other fields passed through), one per line on stdout, in input order. Records are independent (nothing of one
 * affects another), so a stream split across processes (GNU parallel --pipe, Spark RDD.pipe) gives the same output.
 *
 * Memory stays constant whatever the stream's length: lines are cut from the byte stream as they arrive, one record
 * is held at a time, and reading waits while stdout is full. A line longer than the size limit is skipped without
 * being held. A bad record (not JSON, not an object, no string "text", too long) gets an error record
 * `{"id": …, "error": "…"}` in its place — never a crash — and the exit code is 2 at the end.
 */
import { isUtf8 } from "node:buffer";
import type { Edit, Flag, RestoreOptions, RestoreResult } from "../../types.js";
import type { ScreenResult } from "../../index.js";
import type { CliOptions } from "../args.js";
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UserError } from "../errors.js";
import type { Io } from "../io.js";
import { BYTES_PER_MB, DEFAULT_MAX_SIZE_MB, formatMB, readsFolder, STDIN_FOLDER } from "../input/size-limit.js";
import { leanHeap } from "../run/heap.js";
import { jsonErrorAt } from "../input/json-errors.js";

export interface JsonlOptions {
  mode: "restore" | "scan";
  quiet: boolean;
  options?: RestoreOptions;
  /** Longest line accepted, in bytes (default: --max-size's default, 32 MB). */
  maxLineBytes?: number;
  /** Scan mode: whether a verdict reaches --fail-on (then the stream exits 1, unless a record was bad: 2). */
  fails?: (verdict: ScreenResult["verdict"]) => boolean;
}

interface Library {
  restore: (text: string, options?: RestoreOptions) => RestoreResult;
  screen: (text: string) => ScreenResult;
  spinProbability: (e: import("../../index.js").ScreenEvidence) => number;
  verdictOf: (p: number) => ScreenResult["verdict"];
}

/** Restore options from the command line and the configuration that applies to the working folder. */
export async function jsonlRestoreOptions(opts: CliOptions, io: Io): Promise<RestoreOptions> {
  const { ConfigResolver } = await import("../input/config.js");
  const { restoreOptionsFor } = await import("../input/options.js");
  const config = await new ConfigResolver(io.cwd, opts.config).forDirectory(io.cwd);
  return restoreOptionsFor(config, opts, io.cwd);
}

export async function runJsonl(io: Io, opts: JsonlOptions): Promise<number> {
  if (readsFolder(io.stdin)) throw new UserError(STDIN_FOLDER);
  const lib = (await import(new URL("../../index.js", import.meta.url).href)) as Library;
  // A stream keeps nothing of one record for the next (see run/heap.ts).
  leanHeap();
  const maxLine = opts.maxLineBytes ?? DEFAULT_MAX_SIZE_MB * BYTES_PER_MB;
  let bad = 0;
  let reached = false;
  let lineNo = 0;
  // Output that fails (a closed pipe, a full disk) ends the stream: main() reports the error and exits 2. Waiting for
  // "drain" alone never ended, and Node gave up with exit 13 and no message.
  let outputFailed = false;
  const failed = () => {
    outputFailed = true;
  };
  io.stdout.once("error", failed);
  const write = (s: string): Promise<void> | void => {
    if (outputFailed || (io.stdout as { destroyed?: boolean }).destroyed) return failed();
    if (!io.stdout.write(s)) {
      return new Promise((resolve) => {
        const done = () => {
          io.stdout.off("drain", done);
          io.stdout.off("error", done);
          resolve();
        };
        io.stdout.once("drain", done);
        io.stdout.once("error", done);
      });
    }
  };
  const handle = async (line: string | null, tooLong: boolean, notUtf8 = false): Promise<void> => {
    if (outputFailed) throw OUTPUT_FAILED;
    lineNo++;
    if (!tooLong && line !== null && line.trim() === "") return; // blank lines carry nothing
    const { record, error } = tooLong
      ? { record: undefined, error: `record longer than ${formatMB(maxLine)}` }
      : notUtf8
        ? { record: undefined, error: "not valid UTF-8" }
        : parseRecord(line!);
    let out: string;
    if (error !== undefined) {
      bad++;
      if (!opts.quiet) io.stderr.write(`unspin: stdin line ${lineNo}: ${error}\n`);
      out = JSON.stringify({ id: record && "id" in record ? record.id : null, error }) + "\n";
    } else {
      try {
        const result = processRecord(record!, lib, opts);
        if (opts.fails && "verdict" in result && opts.fails(result.verdict as ScreenResult["verdict"])) reached = true;
        out = JSON.stringify(result) + "\n";
      } catch (err) {
        bad++;
        const message = `internal error: ${(err as Error).message}`;
        if (!opts.quiet) io.stderr.write(`unspin: stdin line ${lineNo}: ${message}\n`);
        out = JSON.stringify({ id: record!.id ?? null, error: message }) + "\n";
      }
    }
    await write(out);
  };
  try {
    await forEachLine(io.stdin, maxLine, handle);
  } catch (err) {
    if (err !== OUTPUT_FAILED) throw err;
    (io.stdin as { destroy?: () => void }).destroy?.();
    return EXIT_ERROR;
  } finally {
    io.stdout.off("error", failed);
  }
  return bad || outputFailed ? EXIT_ERROR : reached ? EXIT_CHANGES : EXIT_OK;
}

/** Thrown by a record's handler once output has failed: the rest of the input is not read. */
const OUTPUT_FAILED = new Error("output failed");

type JsonRecord = Record<string, unknown> & { text: string };

function parseRecord(line: string): { record?: Record<string, unknown>; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    // The record's line is named by the caller: only the column is added.
    const at = jsonErrorAt(line);
    return { error: at ? `not valid JSON at ${at.replace(/^line 1, /, "")}` : `not valid JSON (${(err as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "expected a JSON object per line" };
  const record = value as Record<string, unknown>;
  if (typeof record.text !== "string") return { record, error: 'expected a string field "text"' };
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(record.text)) return { record, error: '"text" holds a lone surrogate (not valid Unicode)' };
  return { record };
}

const edit = (e: Edit) => ({ start: e.start, end: e.end, line: e.line, column: e.column, before: e.before, after: e.after, confidence: e.confidence, entry: e.entry, evidence: e.evidence });
const flag = (f: Flag) => ({ start: f.start, end: f.end, line: f.line, column: f.column, phrase: f.phrase, likely: f.likely, score: f.score, evidence: f.evidence });

/** The output record: every input field passed through, and the results (the text restored, in restore mode). */
export function processRecord(record: Record<string, unknown>, lib: Library, opts: JsonlOptions): object {
  const rec = record as JsonRecord;
  if (opts.mode === "scan") {
    const { text: _text, ...rest } = rec;
    const r = lib.screen(rec.text);
    return {
      ...rest,
      probability: Number(r.probability.toFixed(3)),
      verdict: r.verdict,
      words: r.words,
      torturedPhrases: r.tortured,
      torturedPer1000: Number(r.torturedPer1000.toFixed(2)),
      signaturePer1000: Number(r.signaturePer1000.toFixed(2)),
      strongPlacesPer1000: Number(r.strongSitesPer1000.toFixed(2)),
      fingerprints: r.fingerprints.map((f) => ({ kind: f.kind, phrase: f.phrase, original: f.original, line: f.line, column: f.column, offset: f.start })),
    };
  }
  const r = lib.restore(rec.text, opts.options ?? {});
  // Scores from the restore itself (no second pass): the gate's evidence and the listed tortured phrases restored.
  const tortured = new Set(r.edits.filter((e) => e.entry.startsWith("tortured:")).map((e) => e.entry)).size;
  const words = r.gate.words;
  const probability = lib.spinProbability({
    words,
    gateProbability: r.gate.probability,
    strongSites: r.gate.strongSites,
    strongSitesPer1000: r.gate.strongSitesPer1000,
    tortured,
    torturedPer1000: words ? (tortured * 1000) / words : 0,
    signaturePer1000: 0,
    scientific: tortured > 0 || r.flags.length > 0,
  });
  return {
    ...rec,
    text: r.text,
    changed: r.edits.length > 0,
    edits: r.edits.map(edit),
    flags: r.flags.map(flag),
    scores: {
      probability: Number(probability.toFixed(3)),
      verdict: lib.verdictOf(probability),
      strongPlacesPer1000: Number(r.gate.strongSitesPer1000.toFixed(2)),
      torturedPhrases: tortured,
      gateOpen: r.gate.spun,
    },
  };
}

/**
 * Calls `handle` for each line of the stream (without its line break; a final line without one counts), in order,
 * waiting for each. A line over `maxBytes` is not kept: `handle(null, true)` is called for it.
 */
export function forEachLine(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  handle: (line: string | null, tooLong: boolean, notUtf8?: boolean) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let parts: Buffer[] = [];
    let size = 0;
    let tooLong = false;
    let busy = Promise.resolve();
    let first = true;
    const emit = (bytes: Buffer | null) => {
      const over = tooLong;
      // Bytes that are not UTF-8 are refused, as in a file, rather than read with replacement characters; a byte-order
      // mark before the first record is skipped, as in a file.
      let body = bytes;
      if (first && body !== null && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
      first = false;
      const valid = over || body === null || isUtf8(body);
      const text = over || body === null || !valid ? null : body.toString("utf8").replace(/\r$/, "");
      parts = [];
      size = 0;
      tooLong = false;
      busy = busy.then(() => handle(text, over, !valid));
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      let at = 0;
      while (at < buf.length) {
        const nl = buf.indexOf(10, at);
        const end = nl < 0 ? buf.length : nl;
        if (!tooLong) {
          if (size + (end - at) > maxBytes) {
            tooLong = true;
            parts = [];
          } else {
            parts.push(buf.subarray(at, end));
            size += end - at;
          }
        }
        if (nl < 0) break;
        emit(tooLong ? null : Buffer.concat(parts, size));
        at = nl + 1;
      }
      // Back-pressure: no more input until the lines read so far are written.
      stream.pause();
      busy.then(() => stream.resume(), reject);
    };
    stream.on("data", onData);
    stream.once("error", reject);
    stream.once("end", () => {
      if (size > 0 || tooLong) emit(tooLong ? null : Buffer.concat(parts, size));
      busy.then(() => resolve(), reject);
    });
  });
}
