/** `unspin learn SPUN ORIGINAL`: the substitutions a spinner made, as dictionary proposals (TSV on stdout). */
import { basename, resolve } from "node:path";
import { decode, describeUndecodable } from "../input/encoding.js";
import { describeFsError, EXIT_OK, UserError } from "../errors.js";
import type { Io } from "../io.js";
import { quotePath } from "../report/names.js";
import { DEFAULT_MAX_SIZE_MB, BYTES_PER_MB, readBounded, tooLargeMessage } from "../input/size-limit.js";

// Aligning is quadratic in the worst case: refuse what `unspin` itself would refuse.
const LEARN_LIMIT = { bytes: DEFAULT_MAX_SIZE_MB * BYTES_PER_MB, label: `the ${DEFAULT_MAX_SIZE_MB} MB limit` };

/**
 * Fewest shared word pairs (sharedPairs) for two texts to be aligned: the real spun pages measured keep 26–76 % of
 * their original's pairs, unrelated articles (even two on the same story) about 5 %.
 */
export const MIN_SHARED_PAIRS = 0.12;

async function readText(path: string, cwd: string): Promise<string> {
  const abs = resolve(cwd, path);
  try {
    const r = await readBounded(abs, LEARN_LIMIT.bytes);
    if ("directory" in r) throw new UserError(`${quotePath(path)}: is a directory, expected a file`);
    if (!r.ok) throw new UserError(`${quotePath(path)}: ${tooLargeMessage(r.size, LEARN_LIMIT).replace(/ \(raise --max-size to restore it\)$/, "")}`);
    const d = decode(r.bytes);
    if (!d.ok) throw new UserError(`${quotePath(path)}: ${describeUndecodable(d.reason)}`);
    return d.text;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${quotePath(path)}: ${describeFsError(err)}`);
  }
}

/** What makes a text nothing to learn from (empty, only whitespace, no word), or null when it has words. */
function emptyTextProblem(text: string): string | null {
  if (text === "") return "is empty";
  if (text.trim() === "") return "holds only whitespace";
  if (!/[\p{L}\p{N}]/u.test(text)) return "holds no words";
  return null;
}

/** Refuse an input with no words: aligned with anything it teaches nothing, and would print only the header. */
function requireWords(text: string, path: string, role: "spun text" | "original"): void {
  const problem = emptyTextProblem(text);
  if (problem) throw new UserError(`${path}: ${problem}, expected the ${role} to learn from. Nothing was learned.`);
}

export async function runLearn(spunPath: string, originalPath: string, opts: { all: boolean }, io: Io): Promise<number> {
  const [spun, original] = await Promise.all([readText(spunPath, io.cwd), readText(originalPath, io.cwd)]);
  requireWords(spun, spunPath, "spun text");
  requireWords(original, originalPath, "original");
  const { mineEntries, formatProposals, sharedPairs } = await import("../../learn/align.js");
  // Unrelated texts would take time quadratic in their length to align, for substitutions that mean nothing.
  const shared = sharedPairs(spun, original);
  if (shared < MIN_SHARED_PAIRS) {
    throw new UserError(
      `${spunPath} and ${originalPath} share ${(shared * 100).toFixed(0)} % of their word pairs: they do not look like a spun text and its ` +
        `original (spun pages keep about a quarter to three quarters of their original's). Nothing was learned.`,
    );
  }
  // Like scripts/mine.mjs: a region of adjacent swaps is split where the bundled dictionaries know a pair, and words
  // the spinner adds around a head word are taken with their head.
  const { loadBundledDictionary } = await import("../../resources.js");
  const known = loadBundledDictionary();
  const knownPair = (spunKey: string, originalKey: string) => (known.lookup(spunKey) ?? []).some((c) => c.original === originalKey);
  let rows = mineEntries([{ id: basename(spunPath), spun, original }], { headWords: true, knownPair });
  if (!opts.all) {
    const { reviewRow } = await import("../../learn/review.js");
    rows = rows.filter((r) => reviewRow(r).keep);
  }
  io.stdout.write(formatProposals(rows));
  return EXIT_OK;
}
