/**
 * Extra dictionaries supplied by a user (config `dictionaries`, CLI `--dict`, library `extraDictionaries`), in any
 * of the formats of ./formats.ts (detected by content), as one of two kinds:
 *
 * - `corrections` (tier "user"): the user's own corrections, near-certain wherever they match; applied like
 *   codespell applies its list, whether or not the document as a whole looks spun, unless the model strongly
 *   contradicts them.
 * - `candidates` (tier "table"): a list that only proposes (a spinner's table, a list of plausible swaps): evidence
 *   for the decider, never enough on its own: applied only in a document the gate finds spun, where the model
 *   supports it.
 *
 * Default kind, when none is given: a pair list (TSV, CSV) is corrections; a spinner table or spintax is
 * candidates. A pair list is what a user writes (or gets from `unspin learn`) after checking it; a spinner's table
 * lists every synonym a spinner may write for a word, most of them ordinary words ("large" in `big|large|huge`),
 * so applying it wherever it matches would rewrite clean text.
 */
import { cleanPhrase, readDictionary, type DictionaryFormat, type DictionaryProblem } from "./formats.js";
import { phraseStarts, type Candidate, type PhraseDictionary, type Tier } from "./types.js";

export { cleanPhrase, detectFormat, readDictionary, type DictionaryFormat, type DictionaryProblem } from "./formats.js";

export type DictionaryKind = "corrections" | "candidates";
export const DICTIONARY_KINDS: readonly DictionaryKind[] = ["corrections", "candidates"];

/** An extra dictionary for the library: its contents, and optionally its kind and a name shown in entry ids. */
export interface ExtraDictionary {
  text: string;
  /** Default: from the format (pair lists are corrections, spinner tables and spintax candidates). */
  kind?: DictionaryKind;
  /** Shown in entry ids (`name:spun→original`) and messages; default "user" (or "user1", "user2", … for several). */
  name?: string;
}

export class UserDictionaryError extends Error {
  constructor(
    message: string,
    /** Line of the first problem. */
    readonly line: number,
    /** Every problem found, with its line. */
    readonly problems: readonly DictionaryProblem[] = [{ line, message }],
  ) {
    super(message);
    this.name = "UserDictionaryError";
  }
}

export function defaultKind(format: DictionaryFormat): DictionaryKind {
  return format === "tsv" || format === "csv" ? "corrections" : "candidates";
}

/**
 * A spinner replaces every occurrence of a key of its table, so where a word that is itself a key appears in spun
 * text it is almost surely a spin output; a word that is only ever a synonym may just as well be the author's own.
 * A table read as candidates therefore lowers the prior (log10) of every candidate of a spun form that is not a key.
 * Chosen on synthetic spins of the even half of the clean corpus (scripts/simulate-spin.mjs with the spinner-like
 * table): wrongly decided sites 8,570 → 7,918 there, and 4,418 → 4,009 on the odd half it was not chosen on.
 */
export const NOT_A_KEY_PRIOR = -1.5;

export const TIER_OF_KIND: Readonly<Record<DictionaryKind, Tier>> = { corrections: "user", candidates: "table" };

export interface CompiledUserDictionary {
  dictionary: PhraseDictionary;
  format: DictionaryFormat;
  kind: DictionaryKind;
  /** Distinct spun forms. */
  keys: number;
}

/** Every problem of a dictionary, one message per line: "name:LINE: message". Empty when there is none. */
export function dictionaryProblems(text: string, name: string): string[] {
  return readDictionary(text).problems.map((p) => `${name}:${p.line}: ${p.message}`);
}

/**
 * Compile a user dictionary. Throws UserDictionaryError (naming `name` and the line) when any line is malformed:
 * a dictionary is read whole or not at all, so a typo never silently drops entries.
 */
export function compileUserDictionary(text: string, name = "user", kind?: DictionaryKind): CompiledUserDictionary {
  const read = readDictionary(text);
  if (read.problems.length > 0) {
    const shown = read.problems.slice(0, 5).map((p) => `${name}:${p.line}: ${p.message}`);
    if (read.problems.length > 5) shown.push(`(and ${read.problems.length - 5} more malformed lines)`);
    throw new UserDictionaryError(shown.join("\n"), read.problems[0]!.line, read.problems);
  }
  const k = kind ?? defaultKind(read.format);
  const tier = TIER_OF_KIND[k];
  const map = new Map<string, Candidate[]>();
  const weights = new Map<Candidate, number>();
  let maxWords = 1;
  const tableKeys = new Set(read.pairs.filter((p) => p.spunIsKey).map((p) => p.spun));
  for (const p of read.pairs) {
    const list = map.get(p.spun) ?? [];
    const cur = list.find((c) => c.original === p.original);
    if (cur) {
      weights.set(cur, weights.get(cur)! + p.weight);
      continue;
    }
    const c: Candidate = { original: p.original, tier, prior: 0, source: name, entry: `${name}:${p.spun}→${p.original}` };
    list.push(c);
    weights.set(c, p.weight);
    map.set(p.spun, list);
    maxWords = Math.max(maxWords, p.spun.split(" ").length);
  }
  // Several originals for one spun form share its probability, by their weights.
  for (const list of map.values()) {
    const total = list.reduce((s, c) => s + weights.get(c)!, 0);
    for (const c of list) c.prior = list.length === 1 ? 0 : Math.log10(weights.get(c)! / total);
    list.sort((a, b) => b.prior - a.prior);
  }
  if (read.format === "table" && k === "candidates") {
    for (const [spun, list] of map) if (!tableKeys.has(spun)) for (const c of list) c.prior += NOT_A_KEY_PRIOR;
  }
  return {
    dictionary: { maxPhraseWords: maxWords, lookup: (key) => map.get(key), mayStartPhrase: phraseStarts(map.keys()) },
    format: read.format,
    kind: k,
    keys: map.size,
  };
}

/** A user dictionary as a PhraseDictionary (see compileUserDictionary). */
export function parseUserDictionary(text: string, name = "user", kind?: DictionaryKind): PhraseDictionary {
  return compileUserDictionary(text, name, kind).dictionary;
}
