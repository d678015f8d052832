/**
 * `unspin scan`: screens documents (files, folders, globs, stdin) for spinning without restoring them: per document a
 * spin probability, a verdict, the fingerprints found and their rates, as an aligned table sorted by probability,
 * JSON Lines or CSV. Exit code: 0 when no document reaches --fail-on (default: spun), 1 when one does, 2 on errors.
 */
import { readFile, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ScreenResult } from "../../index.js";
import { decode, describeUndecodable } from "../input/encoding.js";
import { EXIT_CHANGES, EXIT_ERROR, EXIT_OK, UserError, describeFsError } from "../errors.js";
import type { Io } from "../io.js";
import { docKindFor, proseSkips } from "../input/prose.js";
import { BYTES_PER_MB, readLimited, readsFolder, sizeLimitFor, tooLargeMessage, type SizeLimit } from "../input/size-limit.js";
import { ConfigResolver } from "../input/config.js";
import { quotePath } from "../report/names.js";

export type ScanFormat = "table" | "json" | "csv";
export const SCAN_FORMATS: readonly ScanFormat[] = ["table", "json", "csv"];
export type FailOn = "spun" | "suspicious" | "never";

export interface ScanOptions {
  format: ScanFormat;
  failOn: FailOn;
  hidden: boolean;
  ignore: boolean;
  exclude: string[];
  ext: string[];
  maxSize?: number;
  quiet: boolean;
  stdinFilename?: string;
  jsonl: boolean;
}

export interface ScanRow extends Omit<ScreenResult, "fingerprints"> {
  file: string;
  fingerprints: ScreenResult["fingerprints"];
}

type Screen = (text: string, options?: { skip?: ReadonlyArray<{ start: number; end: number }> }) => ScreenResult;

const STDIN = "-";

export async function runScan(paths: string[], opts: ScanOptions, io: Io): Promise<number> {
  if (opts.jsonl) {
    const { runJsonl } = await import("./jsonl.js");
    return runJsonl(io, {
      mode: "scan",
      quiet: opts.quiet,
      fails: (verdict) => fails(verdict, opts.failOn),
      ...(opts.maxSize !== undefined ? { maxLineBytes: opts.maxSize * BYTES_PER_MB } : {}),
    });
  }
  let list = paths;
  if (list.length === 0) {
    if (io.stdin.isTTY) throw new UserError("nothing to scan: name files or folders, or pipe text into unspin scan (see unspin scan --help)");
    list = [STDIN];
  }
  if (list.filter((p) => p === STDIN).length > 1) throw new UserError('"-" (stdin) can be given only once');

  let errors = 0;
  const note = (s: string) => {
    if (!opts.quiet) io.stderr.write(s);
  };
  const fail = (display: string, message: string) => {
    io.stderr.write(`unspin: ${quotePath(display)}: ${message}\n`);
    errors++;
  };
  const named = list.filter((p) => p !== STDIN);
  const { collectInputs, leftOutByConfig } = await import("../input/inputs.js");
  const found = named.length
    ? await collectInputs(named, { cwd: io.cwd, hidden: opts.hidden, ignoreFiles: opts.ignore, exclude: opts.exclude, extensions: opts.ext })
    : { files: [], errors: [] };
  for (const e of found.errors) fail(e.arg, e.message);
  // The configuration applies as it does to `unspin`: include/exclude to files found in folders, maxSize to all
  // (--max-size first). A broken config stops the scan before anything is screened.
  const resolver = new ConfigResolver(io.cwd, undefined, io.env.HOME || undefined);
  const jobs: ScanJob[] = [];
  if (list.includes(STDIN)) {
    const display = opts.stdinFilename ?? "stdin";
    const config = await resolver.forDirectory(dirname(resolve(io.cwd, display)));
    jobs.push({ path: STDIN, display, explicit: true, limit: sizeLimitFor(opts.maxSize, config) });
  }
  for (const file of found.files) {
    const config = await resolver.forDirectory(dirname(file.path));
    if (!file.explicit && leftOutByConfig(config, file.path)) continue;
    jobs.push({ path: file.path, display: file.display, explicit: file.explicit, limit: sizeLimitFor(opts.maxSize, config) });
  }
  if (jobs.length === 0) {
    if (errors === 0) note("unspin: no text files found (see --ext, --hidden and --no-ignore)\n");
    return errors ? EXIT_ERROR : EXIT_OK;
  }

  const { screen } = (await import(new URL("../../index.js", import.meta.url).href)) as { screen: Screen };
  const progress = !opts.quiet && io.stderr.isTTY && jobs.length >= 20 ? await startBar(jobs.length, io) : null;
  const rows: ScanRow[] = [];
  let skipped = 0;
  try {
    for (const job of jobs) {
      const read = await readInput(job, io);
      progress?.increment();
      if (read.status === "error") {
        fail(job.display, read.message);
        continue;
      }
      if (read.status === "skipped") {
        note(`unspin: ${quotePath(job.display)}: ${read.message}\n`);
        skipped++;
        continue;
      }
      try {
        const kind = docKindFor(job.path === STDIN ? job.display : job.path);
        const result = screen(read.text, { skip: proseSkips(read.text, kind) });
        rows.push({ file: job.display, ...result });
      } catch (err) {
        fail(job.display, `internal error: ${(err as Error).message}`);
      }
    }
  } finally {
    progress?.stop();
  }
  rows.sort((a, b) => b.probability - a.probability || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const out = (s: string) => void io.stdout.write(s);
  if (opts.format === "json") for (const r of rows) out(JSON.stringify(scanRecord(r)) + "\n");
  else if (opts.format === "csv") out(formatCsv(rows));
  else out(formatTable(rows));
  if (opts.format === "table" && !opts.quiet) {
    const count = (v: string) => rows.filter((r) => r.verdict === v).length;
    io.stderr.write(
      `${rows.length} document${rows.length === 1 ? "" : "s"} screened: ${count("spun")} spun, ${count("suspicious")} suspicious, ${count("clean")} clean` +
        `${skipped ? `, ${skipped} skipped` : ""}${errors ? `, ${errors} error${errors === 1 ? "" : "s"}` : ""}\n`,
    );
  }
  if (errors) return EXIT_ERROR;
  return rows.some((r) => fails(r.verdict, opts.failOn)) ? EXIT_CHANGES : EXIT_OK;
}

export function fails(verdict: ScanRow["verdict"], failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return verdict === "spun" || (failOn === "suspicious" && verdict === "suspicious");
}

type Read = { status: "ok"; text: string } | { status: "error"; message: string } | { status: "skipped"; message: string };

/** A named input that cannot be read is an error; one found in a folder is skipped with a note. */
const refused = (explicit: boolean, message: string): Read => (explicit ? { status: "error", message } : { status: "skipped", message });

/** A document to screen, with the size limit that applies to it. */
interface ScanJob {
  path: string;
  display: string;
  explicit: boolean;
  limit: SizeLimit;
}

async function readInput(job: ScanJob, io: Io): Promise<Read> {
  const { limit } = job;
  let bytes: Buffer | null;
  try {
    if (job.path === STDIN) {
      if (readsFolder(io.stdin)) return { status: "error", message: "is a directory, expected a file" };
      bytes = await readLimited(io.stdin, limit.bytes);
    } else {
      const st = await stat(job.path);
      if (st.isDirectory()) return { status: "error", message: "is a directory, expected a file" };
      if (st.isFile() && st.size > limit.bytes) {
        return refused(job.explicit, tooLargeMessage(st.size, limit, !job.explicit, "screen"));
      }
      bytes = st.isFile() ? await readFile(job.path) : await readLimited(createReadStream(job.path), limit.bytes);
    }
  } catch (err) {
    return { status: "error", message: describeFsError(err) };
  }
  if (bytes === null) return refused(job.explicit, tooLargeMessage(null, limit, !job.explicit, "screen"));
  const decoded = decode(bytes);
  if (!decoded.ok) return refused(job.explicit, `${describeUndecodable(decoded.reason)}, skipped`);
  return { status: "ok", text: decoded.text };
}

async function startBar(total: number, io: Io): Promise<{ increment: () => void; stop: () => void }> {
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: "unspin scan {bar} {value}/{total} documents", clearOnComplete: true, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { increment: () => bar.increment(), stop: () => bar.stop() };
}

const round = (x: number, d = 1) => Number(x.toFixed(d));

/** One JSON record per document (`--format json`, and the scan fields of the stream mode). */
export function scanRecord(r: Omit<ScanRow, "file"> & { file?: string }): object {
  return {
    ...(r.file !== undefined ? { file: r.file } : {}),
    probability: round(r.probability, 3),
    verdict: r.verdict,
    words: r.words,
    torturedPhrases: r.tortured,
    torturedPer1000: round(r.torturedPer1000, 2),
    signaturePer1000: round(r.signaturePer1000, 2),
    strongPlacesPer1000: round(r.strongSitesPer1000, 2),
    scientific: r.scientific,
    fingerprints: r.fingerprints.map((f) => ({ kind: f.kind, phrase: f.phrase, original: f.original, line: f.line, column: f.column, offset: f.start })),
  };
}

const FINGERPRINTS_SHOWN = 3;

function fingerprintSummary(r: ScanRow): string {
  const distinct = new Map<string, string>();
  for (const f of r.fingerprints) if (!distinct.has(f.phrase.toLowerCase())) distinct.set(f.phrase.toLowerCase(), `${f.phrase} → ${f.original}`);
  const list = [...distinct.values()];
  return list.slice(0, FINGERPRINTS_SHOWN).join("; ") + (list.length > FINGERPRINTS_SHOWN ? `; +${list.length - FINGERPRINTS_SHOWN} more` : "");
}

/** The aligned table: numbers right-aligned, the file and its fingerprints last. */
export function formatTable(rows: readonly ScanRow[]): string {
  const header = ["SPIN", "VERDICT", "WORDS", "TORTURED/1K", "SIGNATURE/1K", "STRONG/1K", "FILE", "FINGERPRINTS"];
  const body = rows.map((r) => [
    r.probability.toFixed(2),
    r.verdict,
    String(r.words),
    r.torturedPer1000.toFixed(1),
    r.signaturePer1000.toFixed(1),
    r.strongSitesPer1000.toFixed(1),
    quotePath(r.file),
    fingerprintSummary(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([0, 2, 3, 4, 5]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd() + "\n";
  return line(header) + body.map(line).join("");
}

/** RFC 4180 CSV with a header row. */
export function formatCsv(rows: readonly ScanRow[]): string {
  const cell = (v: string | number | boolean) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = "file,probability,verdict,words,tortured_phrases,tortured_per_1000,signature_per_1000,strong_places_per_1000,scientific,fingerprints";
  const lines = rows.map((r) =>
    [
      r.file,
      round(r.probability, 3),
      r.verdict,
      r.words,
      r.tortured,
      round(r.torturedPer1000, 2),
      round(r.signaturePer1000, 2),
      round(r.strongSitesPer1000, 2),
      r.scientific,
      r.fingerprints.map((f) => `${f.phrase} -> ${f.original}`).join("; "),
    ]
      .map(cell)
      .join(","),
  );
  return [header, ...lines].join("\r\n") + "\r\n";
}
