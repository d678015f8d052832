/**
 * One file (or stdin text) through the engine: decode, find the spans that must stay untouched (non-prose, inline
 * directives), restore. Runs on the main thread or in a worker, so its inputs and outputs are plain data.
 */
import { closeSync, createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { Edit, Flag, GateReport } from "../../types.js";
import { decode, describeUndecodable, type Encoding } from "../input/encoding.js";
import { describeFsError } from "../errors.js";
import { directiveSkips } from "../input/directives.js";
import { markdownCode, proseSkips, type DocKind } from "../input/prose.js";
import type { CliRestoreOptions, Restorer, SourceRestorer, WindowRestorer } from "./restorer.js";
import type { AsyncWindowRestorer } from "./parallel-windows.js";
import type { RestoredWindow } from "../../restore/windows.js";
import { readLimited, tooLargeMessage, type SizeLimit } from "../input/size-limit.js";
import { mergeSpans } from "../input/spans.js";
import { contentHash } from "../write/hash.js";
import { LEAN_HEAP_FROM_BYTES, leanHeap } from "./heap.js";

export interface FileJob {
  /** Path used to read and write the file. */
  path: string;
  /** How the file is named in output (relative to the working directory). */
  display: string;
  kind: DocKind;
  options: CliRestoreOptions;
  /** Named on the command line (vs found by walking a directory): unreadable content is then an error. */
  explicit: boolean;
  /** --max-size / maxSize: larger inputs are refused (named) or skipped (found in a folder) without being read. */
  sizeLimit: SizeLimit;
  /** Real path of the tree the file belongs to; it is written only if its real path is inside (see ../input/inputs.ts). */
  root?: string;
}

/** What the file looked like when read; writing refuses to go ahead if it changed since. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  mode: number;
  /** SHA-256 of the bytes read: a same-size change with the same time is still caught. */
  hash: string;
}

export type FileOutcome =
  | {
      status: "ok";
      display: string;
      path: string;
      encoding: Encoding;
      text: string;
      edits: Edit[];
      gate: GateReport;
      /** Suspected unlisted tortured phrases (reported, not changed). */
      flags: Flag[];
      stamp: FileStamp | null;
      root?: string;
      /**
       * When the text is restored as it is printed (restoreWindows, pipe mode): its pieces, computed as they are
       * read; `edits`, `flags` and `gate` are then empty (they come with each piece).
       */
      pieces?: Iterable<RestoredWindow> | AsyncIterable<RestoredWindow>;
    }
  | { status: "skipped"; display: string; path: string; message: string }
  | { status: "error"; display: string; path: string; message: string };

export interface TextOutcome {
  edits: Edit[];
  gate: GateReport;
  flags: Flag[];
}

export function restoreText(text: string, kind: DocKind, options: CliRestoreOptions, restore: Restorer): TextOutcome {
  const skip = mergeSpans([...proseSkips(text, kind), ...directiveSkips(text, kind === "markdown" ? markdownCode(text) : []), ...(options.skip ?? [])]);
  const result = restore(text, { ...options, skip });
  return { edits: result.edits, gate: result.gate, flags: result.flags ?? [] };
}

/** The pieces of a text restored window by window (see ../../restore/windows.ts), with the CLI's skip spans. */
export function restoreTextPieces(
  text: string,
  kind: DocKind,
  options: CliRestoreOptions,
  restoreWindows: WindowRestorer | AsyncWindowRestorer,
): Iterable<RestoredWindow> | AsyncIterable<RestoredWindow> {
  const skip = mergeSpans([...proseSkips(text, kind), ...directiveSkips(text, kind === "markdown" ? markdownCode(text) : []), ...(options.skip ?? [])]);
  return restoreWindows(text, { ...options, skip });
}

/**
 * restoreText through a window restorer's pieces, joined: the same result as restore() (see restoreWindowsWith). Joined
 * here rather than by the library's joinWindows, which keeps the text too and would load the engine with this module.
 */
export async function restoreTextJoined(text: string, kind: DocKind, options: CliRestoreOptions, restoreWindows: AsyncWindowRestorer): Promise<TextOutcome> {
  const edits: Edit[] = [];
  const flags: Flag[] = [];
  let gate = noGate();
  for await (const piece of restoreTextPieces(text, kind, options, restoreWindows)) {
    for (const e of piece.edits) edits.push(e);
    for (const f of piece.flags) flags.push(f);
    gate = piece.gate;
  }
  return { edits, gate, flags };
}

/** How a file is restored: the engine, and the ways of restoring a long text a run may add (main.ts). */
export interface Restorers {
  restore: Restorer;
  /** Printing: the text restored as it is printed, piece by piece (restoreWindows, or its threads). */
  stream?: WindowRestorer | AsyncWindowRestorer;
  /** Restores the text through these pieces, joined, instead of `restore` (one long text on several threads). */
  whole?: AsyncWindowRestorer;
  /** Printing one long file: it is restored from its slices, never held whole (sourceOutcome). */
  fromFile?: SourceRestorer;
}

/** The gate report a streamed outcome carries until its pieces bring the document's (none yet). */
const noGate = (): GateReport => ({ strongSites: 0, strongForms: 0, words: 0, strongSitesPer1000: 0, spun: false, probability: 0 });

/** An outcome whose restoration comes with its pieces, as they are printed (edits, flags and gate come with each). */
function piecesOutcome(job: FileJob, encoding: Encoding, text: string, stamp: FileStamp | null, pieces: Iterable<RestoredWindow> | AsyncIterable<RestoredWindow>): FileOutcome {
  const outcome: FileOutcome = { status: "ok", display: job.display, path: job.path, encoding, text, edits: [], gate: noGate(), flags: [], stamp, pieces };
  if (job.root !== undefined) outcome.root = job.root;
  return outcome;
}

export async function processBytes(job: FileJob, bytes: Uint8Array, stamp: FileStamp | null, { restore, stream, whole }: Restorers): Promise<FileOutcome> {
  if (bytes.length >= LEAN_HEAP_FROM_BYTES) leanHeap();
  const decoded = decode(bytes);
  if (!decoded.ok) {
    const message = `${describeUndecodable(decoded.reason)}, skipped`;
    return { status: job.explicit ? "error" : "skipped", display: job.display, path: job.path, message };
  }
  if (stream) return piecesOutcome(job, decoded.encoding, decoded.text, stamp, restoreTextPieces(decoded.text, job.kind, job.options, stream));
  let restored: TextOutcome;
  try {
    restored = whole ? await restoreTextJoined(decoded.text, job.kind, job.options, whole) : restoreText(decoded.text, job.kind, job.options, restore);
  } catch (err) {
    // An engine failure on one file is reported for that file; the others still run.
    return internalError(job, err);
  }
  const { edits, gate, flags } = restored;
  const outcome: FileOutcome = { status: "ok", display: job.display, path: job.path, encoding: decoded.encoding, text: decoded.text, edits, gate, flags, stamp };
  if (job.root !== undefined) outcome.root = job.root;
  return outcome;
}

/** The outcome of a file whose restoring threw: reported for that file, the others still run. */
export function internalError(job: FileJob, err: unknown): FileOutcome {
  return { status: "error", display: job.display, path: job.path, message: `internal error: ${(err as Error).message}` };
}

export async function processFile(job: FileJob, restorers: Restorers): Promise<FileOutcome> {
  let bytes: Buffer;
  let stamp: FileStamp | null;
  try {
    const st = await stat(job.path);
    if (st.isDirectory()) return { status: "error", display: job.display, path: job.path, message: "is a directory, expected a file" };
    // FIFOs and character devices (process substitution, /dev/stdin) can be read but never written back.
    const readable = st.isFile() || st.isFIFO() || st.isCharacterDevice();
    if (!readable) return { status: "error", display: job.display, path: job.path, message: "not a regular file" };
    if (st.isFile()) {
      // Checked before reading, so a huge file never reaches memory.
      if (st.size > job.sizeLimit.bytes) return tooLarge(job, st.size);
      if (restorers.fromFile) {
        const outcome = await sourceOutcome(job, restorers.fromFile, { path: job.path, size: st.size });
        if (outcome) return outcome;
      }
      bytes = await readFile(job.path);
      stamp = { mtimeMs: st.mtimeMs, size: st.size, mode: st.mode, hash: contentHash(bytes) };
    } else {
      // A pipe or device has no size up front (and /dev/zero never ends): read only up to the limit.
      const limited = await readLimited(createReadStream(job.path), job.sizeLimit.bytes);
      if (limited === null) return tooLarge(job, null);
      bytes = limited;
      stamp = null;
    }
  } catch (err) {
    return { status: "error", display: job.display, path: job.path, message: describeFsError(err) };
  }
  return processBytes(job, bytes, stamp, restorers);
}

/** Inputs from this size on are restored from their slices when printed (a shorter one is restored in one piece anyway). */
export const FROM_FILE_BYTES = 2 * 1024 * 1024;

/**
 * A long plain-text file printed as it is restored, read a window's slice at a time (../input/file-source.ts): the
 * outcome with its pieces, or null when the file must be read whole (short, not plain text, skipped spans given, or
 * content the source leaves to decode(): UTF-16, a byte-order mark, invalid or binary bytes, inline directives).
 * `fd`: stdin redirected from the file, read from its current offset and left open; `path`: opened here and closed
 * when the pieces are done.
 */
export async function sourceOutcome(
  job: FileJob,
  fromFile: SourceRestorer,
  file: { fd: number; size: number } | { path: string; size: number },
): Promise<FileOutcome | null> {
  if (file.size < FROM_FILE_BYTES || job.kind !== "plain" || (job.options.skip?.length ?? 0) > 0) return null;
  const { FileTextSource, openFileSource, readOffset } = await import("../input/file-source.js");
  let opened: { fd: number; source: import("../input/file-source.js").FileTextSource } | null;
  if ("fd" in file) {
    const offset = readOffset(file.fd);
    if (offset === null || offset > file.size) return null;
    const source = FileTextSource.open(file.fd, offset, file.size - offset);
    opened = source && { fd: file.fd, source };
  } else opened = openFileSource(file.path, file.size);
  if (!opened) return null;
  leanHeap();
  const { fd, source } = opened;
  const owned = !("fd" in file);
  const pieces = (function* () {
    try {
      yield* fromFile(source, job.options);
    } finally {
      if (owned) closeSync(fd);
    }
  })();
  return piecesOutcome(job, "utf8", "", null, pieces);
}

/** An input over the size limit: an error when named on the command line, a skipped note when found in a folder. */
export function tooLarge(job: FileJob, size: number | null): FileOutcome {
  const message = tooLargeMessage(size, job.sizeLimit, !job.explicit);
  return { status: job.explicit ? "error" : "skipped", display: job.display, path: job.path, message };
}
