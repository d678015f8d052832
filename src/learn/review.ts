/**
 * Review rules that turn mined proposals into the shipped `dictionaries/mined/spinner.tsv`.
 * Documented in dictionaries/mined/README.md. Pure.
 */
import type { MinedRow } from "./align.js";

export type ReviewVerdict = { keep: true } | { keep: false; reason: string };

/** Very common function words: a single-word spun side in this set is dropped (too risky to reverse). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but nor so yet if then than that this these those there here which who whom whose what " +
    "when where why how as at by for from in into of off on onto out over to up upon with within without " +
    "about above after against along among around before behind below beneath beside between beyond down " +
    "during except inside near past since through throughout till toward towards under until unto via " +
    "is am are was were be been being have has had having do does did doing will would shall should can could " +
    "may might must i me my mine we us our ours you your yours he him his she her hers it its they them their " +
    "theirs not no yes all any both each either every few many more most much neither other some such own " +
    "same just also very too only even still again once ever never now s 's"
  ).split(" "),
);

const NUMBER_WORDS = new Set(
  (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million " +
    "billion first second third fourth fifth sixth seventh eighth ninth tenth hundreds thousands millions billions"
  ).split(" "),
);

const WORDLIKE = /^[a-z][a-z'-]*(?: [a-z][a-z'-]*)*$/;
const HAS_DIGIT = /\d/;

/**
 * Decide whether a mined proposal looks like a spinner synonym swap worth shipping.
 * `spun`/`original` are already normalised (lower case) by mineEntries; proper-name
 * edits are recognised from the `capitalised` flag the caller computes from the raw
 * events when it has them (optional).
 */
export function reviewRow(row: MinedRow): ReviewVerdict {
  const { spun, original } = row;
  if (!spun || !original) return { keep: false, reason: "deletion/insertion" };
  if (spun === original) return { keep: false, reason: "identity" };
  // a ↔ an follows the next word; the engine fixes it after restoring that word.
  if (/^an?$/.test(spun) && /^an?$/.test(original)) return { keep: false, reason: "article agreement" };
  const spunHasDigit = HAS_DIGIT.test(spun);
  const origHasDigit = HAS_DIGIT.test(original);
  if (spunHasDigit || origHasDigit) {
    // Digits are never spun: a digit in the original means the pair is an edit, not a spin.
    // Spun digits for an original number word (five → 5) are only safe word-ward in curated context.
    return { keep: false, reason: "digit/number swap" };
  }
  if (!WORDLIKE.test(spun) || !WORDLIKE.test(original)) return { keep: false, reason: "not word-like" };
  const spunWords = spun.split(" ");
  const origWords = original.split(" ");
  if (spunWords.every((w) => NUMBER_WORDS.has(w)) || origWords.every((w) => NUMBER_WORDS.has(w))) {
    return { keep: false, reason: "number word swap" };
  }
  // A lone function word is kept only when the swap was seen more than once (towards ← against is a
  // signature of this spinner); the prior from counts and kept occurrences then weighs it.
  if (spunWords.length === 1 && FUNCTION_WORDS.has(spun) && row.count < 2) return { keep: false, reason: "function word seen once" };
  if (isContractionSwap(spun, original)) return { keep: false, reason: "contraction/expansion" };
  if (spunWords.length === 1 && origWords.length === 1 && spun.replace(/s$/, "") === original.replace(/s$/, "")) {
    return { keep: false, reason: "number agreement edit" };
  }
  // Edits that only add/remove words (one side contains the other word-for-word) are rewrites, not swaps, except
  // words the spinner adds or drops around a head word ("content material" ← "content", "brand new" ← "new"): kept
  // when seen at least twice (an editor's one-off insertion is not) and the added words are not function words only.
  if (containsWords(spunWords, origWords) || containsWords(origWords, spunWords)) {
    const added = addedAroundHead(spunWords, origWords) ?? addedAroundHead(origWords, spunWords);
    if (!added || added.every((w) => FUNCTION_WORDS.has(w))) return { keep: false, reason: "insertion/deletion inside a phrase" };
    if (row.count < 2) return { keep: false, reason: "words added around a head word, seen once" };
  }
  return { keep: true };
}

/** The words `long` adds before or after all of `short` (a head word or phrase), or undefined. */
function addedAroundHead(long: readonly string[], short: readonly string[]): string[] | undefined {
  if (short.length >= long.length) return undefined;
  const n = short.length;
  if (short.every((w, k) => long[k] === w)) return long.slice(n);
  if (short.every((w, k) => long[long.length - n + k] === w)) return long.slice(0, long.length - n);
  return undefined;
}

function containsWords(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length >= hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const CONTRACTION = /^(.+?)(?:n't|'s|'re|'ve|'ll|'d|'m)$/;

/** "that is" ↔ "that's", "is not" ↔ "isn't", "they would" ↔ "they'd": style swaps, not synonyms. */
function isContractionSwap(a: string, b: string): boolean {
  const one = (x: string, y: string): boolean => {
    if (!x.includes("'") || y.includes(" ") === false) return false;
    const m = CONTRACTION.exec(x);
    return !!m && y.startsWith(m[1]!.replace(/^wo$/, "will").replace(/^ca$/, "can"));
  };
  return one(a, b) || one(b, a);
}

export interface ReviewResult {
  kept: MinedRow[];
  dropped: Array<{ row: MinedRow; reason: string }>;
}

/**
 * Review all proposals: {@link reviewRow} on each, then break cycles among the kept rows
 * (a → b and b → a, the spinner's synonym lines run both ways): the direction with the higher
 * count (then more docs) is kept, and on a tie both are dropped.
 */
export function reviewProposals(rows: readonly MinedRow[]): ReviewResult {
  const dropped: ReviewResult["dropped"] = [];
  const first: MinedRow[] = [];
  for (const row of rows) {
    const v = reviewRow(row);
    if (v.keep) first.push(row);
    else dropped.push({ row, reason: v.reason });
  }
  const byPair = new Map(first.map((r) => [`${r.spun}\t${r.original}`, r]));
  const kept: MinedRow[] = [];
  for (const r of first) {
    const rev = byPair.get(`${r.original}\t${r.spun}`);
    if (rev) {
      const cmp = r.count - rev.count || r.docs.length - rev.docs.length;
      if (cmp <= 0) {
        dropped.push({ row: r, reason: cmp === 0 ? "cycle (tie, both dropped)" : "cycle (weaker direction)" });
        continue;
      }
    }
    kept.push(r);
  }
  return { kept, dropped };
}
