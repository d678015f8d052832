/** Carry the capitalisation of the spun span over to the restored words. */

export type CasePattern = "lower" | "first" | "title" | "upper" | "mixed";

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLowerWord = (w: string) => w === w.toLowerCase();
const isCapitalised = (w: string) => w.length > 0 && isUpper(w[0]!) && isLowerWord(w.slice(1));

export function casePattern(span: string): CasePattern {
  const words = span.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return "lower";
  if (words.every(isLowerWord)) return "lower";
  const letters = span.replace(/[^\p{L}]/gu, "");
  if (letters.length > 1 && letters === letters.toUpperCase()) return "upper";
  if (isCapitalised(words[0]!) && words.slice(1).every(isLowerWord)) return "first";
  if (words.length > 1 && words.every((w) => isCapitalised(w) || /^\p{N}/u.test(w))) return "title";
  return "mixed";
}

const capitalise = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

/** A capital after another letter ("DNA", "U.S.", "iPhone", "McDonald") or one letter with symbols ("C++", "C#"). */
const hasOwnCapitals = (w: string) => /\p{L}.*\p{Lu}/u.test(w) || /^\p{Lu}[^\p{L}\s]+$/u.test(w);

/** A first word in lower case with capitals inside ("iPhone", "eBay"): a brand keeps its spelling even first. */
const isBrandCase = (s: string) => /^\p{Ll}\S*\p{Lu}/u.test(s);

/**
 * Apply a case pattern to a replacement. A replacement that carries capitals of its own is a name
 * ("the United States"): its capitals stay, and only a sentence-initial capital is added. `asWritten`: the
 * replacement's capitals were written by the user (a --dict original such as "Paris"), so every one of them stays.
 */
export function applyCase(replacement: string, pattern: CasePattern, asWritten = false): string {
  if (replacement !== replacement.toLowerCase()) {
    if (pattern !== "lower" && pattern !== "mixed") return isBrandCase(replacement) ? replacement : capitalise(replacement);
    if (asWritten) return replacement;
    // In lower-case running text only a name of several capitalised words keeps them ("the United States");
    // a single capitalised original ("News", "Garden") was capitalised because it sat in a name. Acronyms and
    // words with capitals inside ("DNA damage", "U.S.", "C++", "iPhone app") are spelt so everywhere.
    const words = replacement.split(" ");
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    return capitalised >= 2 ? replacement : words.map((w) => (hasOwnCapitals(w) ? w : w.toLowerCase())).join(" ");
  }
  switch (pattern) {
    case "first":
      return capitalise(replacement);
    case "title": {
      // Small words stay lower case inside the phrase, never as its first word ("In Search of").
      let first = true;
      return replacement.replace(/\p{L}[\p{L}'’\-]*/gu, (w) => {
        const keep = !first && SMALL_WORDS.has(w);
        first = false;
        return keep ? w : capitalise(w);
      });
    }
    case "upper":
      return replacement.toUpperCase();
    default:
      return replacement;
  }
}

// Kept lower case inside a Title Cased restoration ("Department of Defense").
const SMALL_WORDS = new Set(["a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by"]);

const isAcronym = (w: string) => (w.match(/\p{Lu}/gu)?.length ?? 0) >= 2 || /\p{N}.*\p{Lu}|\p{Lu}.*\p{N}/u.test(w);
const isAllCaps = (w: string) => /\p{L}/u.test(w) && w === w.toUpperCase() && w.replace(/[^\p{L}]/gu, "").length > 1;

/** One word of a replacement shaped like one word of the text: lower, Capitalised, or as stored (acronyms). */
function wordLike(replacement: string, written: string): string {
  if (isAcronym(replacement)) return replacement;
  const rParts = replacement.split("-");
  const wParts = written.split("-");
  if (rParts.length > 1 && rParts.length === wParts.length) return rParts.map((r, i) => wordLike(r, wParts[i]!)).join("-");
  if (isAllCaps(written)) return replacement; // "PC helped" → "computer aided": an acronym's expansion is not capitalised
  return /^\p{Lu}/u.test(written) ? capitalise(replacement) : replacement;
}

/**
 * Case for a term that replaces a phrase word by word (tortured phrases: "Profound CNN" → "Deep CNN",
 * "Web of Things" → "Internet of Things", "kind I error" → "type I error"). Acronyms stored in the term keep their
 * capitals; other words take the shape of the word they replace. When the word counts differ, a Title Cased phrase
 * gives a Title Cased term and a capitalised first word a capitalised first word.
 */
export function caseLike(replacement: string, written: string): string {
  const r = replacement.split(" ");
  const w = written.split(/\s+/);
  if (r.length === w.length) return r.map((x, i) => wordLike(x, w[i]!)).join(" ");
  if (casePattern(written) === "title") return r.map((x, i) => (isAcronym(x) || (i > 0 && SMALL_WORDS.has(x)) ? x : capitalise(x))).join(" ");
  const first = w[0] ?? "";
  return /^\p{Lu}/u.test(first) && !isAllCaps(first) ? r.map((x, i) => (i === 0 && !isAcronym(x) ? capitalise(x) : x)).join(" ") : replacement;
}
