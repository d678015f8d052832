/**
 * Cleaning rows of a tortured-phrase list (tortured phrase, expected term) as curators publish them: the expected
 * side carries notes ("(in this context)", "?", "see https://…"), acronyms in brackets, alternatives ("a/b",
 * "x, y", "A OR B") and capitals of every kind. Used by scripts/build-tortured.mjs to build the bundled
 * dictionary; pure, no I/O.
 */
import { pluralize } from "./inflect.js";

export type Cleaned<T> = ({ ok: true } & T) | { ok: false; reason: string };

const DASHES = /[\u2010\u2011\u2012\u2013\u2212]/g;

/** Removes bracketed text, innermost first, so nested notes ("(as in "x (GMM)")") go too. */
function stripBrackets(s: string): string {
  let prev;
  let out = s;
  do {
    prev = out;
    out = out.replace(/\([^()]*\)/g, " ").replace(/\[[^[\]]*\]/g, " ");
  } while (out !== prev);
  // An unbalanced bracket leaves its note to the end of the field.
  return out.replace(/[([].*$/, " ").replace(/[)\]]/g, " ");
}

function tidy(s: string): string {
  return s
    .normalize("NFC")
    .replace(DASHES, "-")
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/["“”?*]/g, " ")
    .replace(/\s*-\s*(?=\S)/g, (m) => (/\s/.test(m) ? " - " : "-"))
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[\s.,;:'-]+|[\s.,;:'-]+$/g, "");
}

const words = (s: string) => s.split(" ").filter(Boolean).length;

/** The tortured side: brackets (acronyms, notes) and question marks off; must be plain words. */
export function cleanTortured(raw: string): Cleaned<{ phrase: string }> {
  const phrase = tidy(stripBrackets(raw.replace(/\\(["&'])/g, "$1")));
  if (!phrase) return { ok: false, reason: "empty after cleaning" };
  if (/[^\p{L}\p{N}' .-]|(?<!\p{N})\.|\.(?!\p{N})| - /u.test(phrase)) return { ok: false, reason: "punctuation inside (/ , & …)" };
  return { ok: true, phrase };
}

/**
 * Case of a term word: acronyms and names with two capitals (DNA, CO2, IoT, DDoS) are kept, everything else is
 * lower case (the text being restored decides sentence and title capitals). Hyphenated parts are judged one by one.
 */
export function termCase(word: string): string {
  return word
    .split("-")
    .map((part) => ((part.match(/\p{Lu}/gu)?.length ?? 0) >= 2 || /\p{N}.*\p{Lu}|\p{Lu}.*\p{N}/u.test(part) ? part : part.toLowerCase()))
    .join("-");
}

const NOTE = /->|\bsearch and replace\b|\bthe word\b|\bcaveat\b/i;
/** "x AND 1st order": two notes in one row, upper-case AND (an "and" inside a term is lower case). */
const JOINED = /\sAND\s/;

/**
 * The expected side: one or more terms, or a reason to drop the row. `tortured` (cleaned) decides how
 * alternatives are read: "economic development/profit growth" for a two-word phrase is two terms,
 * "contagious/transmissible diseases" is "contagious diseases" or "transmissible diseases".
 */
export function cleanExpected(raw: string, tortured: string): Cleaned<{ terms: string[] }> {
  // Some copies escape quotes and ampersands with a backslash.
  let s = raw.normalize("NFC").replace(/\\(["&'])/g, "$1");
  // "social influence, see https://…": the link and the word that introduces it go.
  s = s.replace(/[,;]?\s*(?:see|cf\.?)?\s*https?:\/\/\S+/gi, " ");
  if (/https?:|www\./i.test(s)) return { ok: false, reason: "a link instead of a term" };
  // "The word 'are' as in the verb": the quoted word is the term.
  const quoted = /^\s*the word\s+['‘’"]([^'‘’"]+)['‘’"]/i.exec(s);
  if (quoted) s = quoted[1]!;
  // A curator's hedge before the term ("probably speech impairment").
  s = s.replace(/^\s*(?:probably|maybe|perhaps|possibly|likely|i think)\s+/i, "");
  const bracketless = stripBrackets(s);
  if (NOTE.test(bracketless) || JOINED.test(bracketless)) return { ok: false, reason: "curator note instead of a term (->, AND, search and replace, …)" };
  const n = words(tortured);
  let alternatives = bracketless.split(/\s+OR\s+/).map(tidy).filter(Boolean);
  if (alternatives.length === 0) return { ok: false, reason: "empty after cleaning" };

  // "downsampling, upsampling": a comma list is alternatives only when each part could replace the phrase.
  const commaSplit: string[] = [];
  for (const a of alternatives) {
    if (!a.includes(",")) {
      commaSplit.push(a);
      continue;
    }
    const parts = a.split(",").map((p) => tidy(p.replace(/^\s*(?:and|or)\s+/i, ""))).filter(Boolean);
    if (parts.length < 2 || parts.some((p) => words(p) !== n)) return { ok: false, reason: "a list of several terms (a, b and c)" };
    commaSplit.push(...parts);
  }
  alternatives = commaSplit;

  const slashSplit: string[] = [];
  for (const a of alternatives) {
    if (!a.includes("/")) {
      slashSplit.push(a);
      continue;
    }
    const whole = a.split(/\s*\/\s*/).map(tidy).filter(Boolean);
    // "a / b" with spaces is always whole alternatives ("head pain / headache").
    if (whole.length >= 2 && (whole.every((p) => words(p) === n) || /\s\/\s/.test(a))) {
      slashSplit.push(...whole);
      continue;
    }
    const ws = a.split(" ");
    const at = ws.flatMap((w, i) => (w.includes("/") ? [i] : []));
    if (at.length === 1 && !/\s\/|\/\s/.test(a)) {
      const i = at[0]!;
      const options = ws[i]!.split("/").filter(Boolean);
      if (options.length >= 2) {
        for (const o of options) slashSplit.push(tidy([...ws.slice(0, i), o, ...ws.slice(i + 1)].join(" ")));
        continue;
      }
    }
    return { ok: false, reason: "ambiguous alternatives (a/b)" };
  }

  const terms: string[] = [];
  for (const a of slashSplit) {
    if (!a) continue;
    if (/[^\p{L}\p{N}' .-]|(?<!\p{N})\.|\.(?!\p{N})| - /u.test(a)) return { ok: false, reason: "punctuation inside a term" };
    if (words(a) > 8) return { ok: false, reason: "a description rather than a term (over 8 words)" };
    // "second request" → "differential equation and 2nd order": two terms noted for a phrase that has one.
    if (/ and /i.test(a) && !/ and | & /i.test(tortured) && words(a) > n + 1) return { ok: false, reason: "two terms joined (x and y) for a phrase that names one" };
    const t = a.split(" ").map(termCase).join(" ");
    if (!terms.includes(t)) terms.push(t);
  }
  if (terms.length === 0) return { ok: false, reason: "empty after cleaning" };
  return { ok: true, terms };
}

/** A last word that reads as a regular singular noun: it can take a plural. */
function singularNoun(word: string): boolean {
  return /^\p{Ll}+$/u.test(word) && word.length > 2 && (!/s$/.test(word) || /(?:ss|us|is)$/.test(word));
}

/**
 * How the entry inflects: "n" when the tortured phrase and every term end in a singular noun (the plural of each
 * is generated: "bosom peril" → "bosom perils" → "breast cancers"); "-" otherwise (forms already plural, acronyms,
 * hyphenated compounds, verbs and adjectives are matched as written).
 */
export function entryPos(tortured: string, terms: readonly string[]): "n" | "-" {
  const last = (s: string) => s.split(" ").at(-1) ?? "";
  return [tortured, ...terms].every((s) => singularNoun(last(s))) ? "n" : "-";
}

/** Plural of a phrase (its last word), keeping the case of the others. */
export function pluralPhrase(phrase: string): string {
  const ws = phrase.split(" ");
  ws[ws.length - 1] = pluralize(ws[ws.length - 1]!);
  return ws.join(" ");
}

/** The singular of a regular or listed plural when `known` has it ("organizations" → "organization"), else undefined. */
export function singularOf(word: string, known: (w: string) => boolean): string | undefined {
  if (!/^\p{Ll}+s$/u.test(word) || /(?:ss|us|is)$/.test(word)) return undefined;
  for (const s of [word.slice(0, -1), word.slice(0, -2), word.replace(/ies$/, "y")]) {
    if (s !== word && pluralize(s) === word && known(s)) return s;
  }
  return undefined;
}

/**
 * Number agreement: a plural tortured phrase whose listed term is singular ("fake neural organizations" →
 * "artificial neural network") gets the plural term, when `known` has that plural.
 */
export function agreeInNumber(tortured: string, terms: readonly string[], known: (w: string) => boolean): string[] {
  const last = (s: string) => s.split(" ").at(-1) ?? "";
  if (!singularOf(last(tortured), known)) return [...terms];
  return terms.map((t) => {
    const w = last(t);
    return singularNoun(w) && known(pluralize(w)) ? pluralPhrase(t) : t;
  });
}
