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

/**
 * Apply a case pattern to a replacement. A replacement that carries capitals of its own is a name
 * ("the United States"): its capitals stay, and only a sentence-initial capital is added.
 */
export function applyCase(replacement: string, pattern: CasePattern): string {
  if (replacement !== replacement.toLowerCase()) {
    if (pattern !== "lower" && pattern !== "mixed") return capitalise(replacement);
    // In lower-case running text only a name of several capitalised words keeps them ("the United States");
    // a single capitalised original ("News", "Garden") was capitalised because it sat in a name.
    const capitalised = replacement.split(" ").filter((w) => /^\p{Lu}/u.test(w)).length;
    return capitalised >= 2 ? replacement : replacement.toLowerCase();
  }
  switch (pattern) {
    case "first":
      return capitalise(replacement);
    case "title":
      return replacement.replace(/\p{L}[\p{L}'’\-]*/gu, (w) => (SMALL_WORDS.has(w) ? w : capitalise(w)));
    case "upper":
      return replacement.toUpperCase();
    default:
      return replacement;
  }
}

// Kept lower case inside a Title Cased restoration ("Department of Defense").
const SMALL_WORDS = new Set(["a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by"]);
