/**
 * Turns one surface token into the words of the language model's vocabulary
 * (pocketsphinx en-us: lower case, no digits, no punctuation, numbers spelled out).
 *
 * Pure functions; `vocab` answers whether a word is in the model's vocabulary.
 */

const ONES = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES: ReadonlyArray<[number, string]> = [
  [1e12, "trillion"],
  [1e9, "billion"],
  [1e6, "million"],
  [1e3, "thousand"],
];

function below100(n: number, out: string[]): void {
  if (n < 20) out.push(ONES[n]!);
  else {
    out.push(TENS[Math.floor(n / 10)]!);
    if (n % 10) out.push(ONES[n % 10]!);
  }
}

function below1000(n: number, out: string[]): void {
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h) out.push(ONES[h]!, "hundred");
  if (r || !h) below100(r, out);
}

/**
 * Spells a non-negative integer below 10^15 the way the model's vocabulary has it:
 * 21 → ["twenty", "one"], 2300 → ["two", "thousand", "three", "hundred"] (no "and").
 * Negative numbers get "minus"; non-integers are spelled with "point" and digit by digit.
 */
export function spellNumber(n: number): string[] {
  if (!Number.isFinite(n)) throw new RangeError(`cannot spell ${n}`);
  if (n < 0) return ["minus", ...spellNumber(-n)];
  if (!Number.isInteger(n)) {
    const [ip, fp] = String(n).split(".");
    return [...spellNumber(Number(ip)), "point", ...spellDigits(fp ?? "")];
  }
  if (n >= 1e15) return spellDigits(String(n));
  if (n === 0) return ["zero"];
  const out: string[] = [];
  let rest = n;
  for (const [value, name] of SCALES) {
    if (rest >= value) {
      below1000(Math.floor(rest / value), out);
      out.push(name);
      rest %= value;
    }
  }
  if (rest) below1000(rest, out);
  return out;
}

/** Spells a string of digits one by one: "07" → ["zero", "seven"]. */
export function spellDigits(digits: string): string[] {
  const out: string[] = [];
  for (const c of digits) {
    const d = c.charCodeAt(0) - 48;
    if (d >= 0 && d <= 9) out.push(ONES[d]!);
  }
  return out;
}

/**
 * Spells a year the way it is read: 1990 → "nineteen ninety", 1905 → "nineteen oh five",
 * 1900 → "nineteen hundred", 2000 → "two thousand", 2005 → "two thousand five",
 * 2014 → "twenty fourteen". Outside 1100–2099 it falls back to spellNumber.
 */
export function spellYear(y: number): string[] {
  if (!Number.isInteger(y) || y < 1100 || y > 2099) return spellNumber(y);
  if (y >= 2000 && y < 2010) return spellNumber(y);
  const hi = Math.floor(y / 100);
  const lo = y % 100;
  const out: string[] = [];
  below100(hi, out);
  if (lo === 0) out.push("hundred");
  else if (lo < 10) out.push("oh", ONES[lo]!);
  else below100(lo, out);
  return out;
}

const ORDINAL_IRREGULAR: Record<string, string> = {
  one: "first", two: "second", three: "third", five: "fifth", eight: "eighth", nine: "ninth", twelve: "twelfth",
};

/** Turns the last word of a spelled number into an ordinal: ["twenty", "one"] → ["twenty", "first"]. */
export function ordinalize(words: readonly string[]): string[] {
  const out = words.slice();
  const last = out[out.length - 1];
  if (last === undefined) return out;
  out[out.length - 1] =
    ORDINAL_IRREGULAR[last] ?? (last.endsWith("y") ? `${last.slice(0, -1)}ieth` : `${last}th`);
  return out;
}

/** Plural of the last word of a spelled number: ["nineteen", "ninety"] → ["nineteen", "nineties"]. */
export function pluralizeNumber(words: readonly string[]): string[] {
  const out = words.slice();
  const last = out[out.length - 1];
  if (last === undefined) return out;
  out[out.length - 1] = last.endsWith("y") ? `${last.slice(0, -1)}ies` : last.endsWith("x") ? `${last}es` : `${last}s`;
  return out;
}

const CURRENCY: Record<string, [string, string]> = {
  $: ["dollar", "dollars"],
  "£": ["pound", "pounds"],
  "€": ["euro", "euros"],
  "¥": ["yen", "yen"],
};

/** Letters of an initialism, as the model has them: "u s". */
function letters(s: string): string[] {
  return [...s.replace(/[^a-z]/g, "")];
}

/** A plain number token (digits, optional thousands separators, optional decimal part) to words. */
function numberWords(s: string, allowYear: boolean): string[] | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const intPart = m[1]!;
  const frac = m[2];
  const plain = intPart.replace(/,/g, "");
  let words: string[];
  if (plain.length > 1 && plain.startsWith("0") && frac === undefined) words = spellDigits(plain);
  else if (plain.length > 15) words = spellDigits(plain);
  else {
    const n = Number(plain);
    words = allowYear && frac === undefined && !intPart.includes(",") && plain.length === 4 ? spellYear(n) : spellNumber(n);
  }
  if (frac !== undefined) words.push("point", ...spellDigits(frac));
  return words;
}

const APOS = /[\u2019\u2018\u02bc\u2032`´]/g;
const CONTRACTION_SUFFIXES = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/**
 * The model words for one surface token. Words not in the vocabulary are still returned
 * (lower-cased) so the caller can score them as out-of-vocabulary; tokens with no word
 * content (punctuation) give [].
 */
export function lmWords(token: string, vocab: (w: string) => boolean): string[] {
  return normalizeToken(token.normalize("NFC").replace(APOS, "'"), vocab, 0);
}

const ASCII_WORD = /^[A-Za-z]+$/;

function normalizeToken(raw: string, vocab: (w: string) => boolean, depth: number): string[] {
  // Most tokens are plain words the model knows: answered before the Unicode-aware rules below (whose patterns
  // take milliseconds to compile on first use), with the result those rules give such a word.
  if (ASCII_WORD.test(raw)) {
    const lower = raw.toLowerCase();
    if (vocab(lower)) return [lower];
  }
  // Trim surrounding punctuation, keeping a leading apostrophe ('em, '90s), a trailing one (students'),
  // a leading currency sign and a trailing percent sign.
  const t = raw.replace(/^[^\p{L}\p{N}'$£€¥]+/u, "").replace(/[^\p{L}\p{N}'%.]+$/u, "");
  if (!t || !/[\p{L}\p{N}]/u.test(t)) return [];
  const lower = t.toLowerCase();
  if (depth > 8) return [lower];

  if (vocab(lower) && !/\d/.test(lower)) return [lower];

  // Currency: $2,300 → two thousand three hundred dollars; $2.50 → two dollars fifty cents.
  const cur = CURRENCY[lower[0]!];
  if (cur) {
    const rest = lower.slice(1);
    const cents = /^(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})$/.exec(rest);
    if (cents && lower[0] === "$") {
      const whole = Number(cents[1]!.replace(/,/g, ""));
      const c = Number(cents[2]);
      return [
        ...spellNumber(whole), whole === 1 ? cur[0] : cur[1],
        ...(c ? [...spellNumber(c), c === 1 ? "cent" : "cents"] : []),
      ];
    }
    const nw = numberWords(rest, false);
    if (nw) return [...nw, rest === "1" ? cur[0] : cur[1]];
    return normalizeToken(rest, vocab, depth + 1);
  }

  // Percent: 50% → fifty percent.
  if (lower.endsWith("%")) {
    const nw = numberWords(lower.slice(0, -1), false);
    if (nw) return [...nw, "percent"];
    return [...normalizeToken(lower.slice(0, -1), vocab, depth + 1), "percent"];
  }

  // Plain numbers, years, decimals.
  const nw = numberWords(lower.replace(/\.$/, ""), true);
  if (nw) return nw;

  // Ordinals: 3rd → third, 21st → twenty first.
  let m = /^(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)$/.exec(lower);
  if (m) return ordinalize(spellNumber(Number(m[1]!.replace(/,/g, ""))));

  // Decades: 1990s → nineteen nineties, '90s / 90s → nineties.
  m = /^'?(\d{2}|\d{4})'?s$/.exec(lower);
  if (m) {
    const n = Number(m[1]);
    return pluralizeNumber(m[1]!.length === 4 ? spellYear(n) : spellNumber(n));
  }

  // Initialisms with dots: U.S. → u s, e.g. → e g; abbreviations: Mr. → mr, etc. → etc.
  if (lower.includes(".")) {
    const base = lower.replace(/'s$/, "");
    if (/^([a-z]\.)+[a-z]?\.?$/.test(base) && base.replace(/[^a-z]/g, "").length >= 2) return letters(base);
    const stripped = lower.replace(/\.+$/, "");
    if (!stripped.includes(".")) return stripped ? normalizeToken(stripped, vocab, depth + 1) : [];
    return splitOn(lower, /\.+/, vocab, depth);
  }

  // Hyphens, slashes, ampersands and other inner punctuation: split and normalise each part.
  if (/[-‐‑‒–—]/.test(lower)) return splitOn(lower, /[-‐‑‒–—]+/, vocab, depth);
  if (lower.includes("&")) {
    return lower.split("&").flatMap((p, i) => [...(i ? ["and"] : []), ...normalizeToken(p, vocab, depth + 1)]);
  }
  if (/[^\p{L}\p{N}'%]/u.test(lower)) return splitOn(lower, /[^\p{L}\p{N}'%]+/u, vocab, depth);

  // Mixed letters and digits: G7 → g seven, 3D → three d, MP3 → m p three.
  if (/\d/.test(lower) && /\p{L}/u.test(lower)) {
    const runs = lower.match(/\d+|[^\d]+/g) ?? [];
    return runs.flatMap((r) => {
      if (/^\d+$/.test(r)) return spellNumber(Number(r));
      if (vocab(r)) return [r];
      return /^[a-z]{1,4}$/.test(r) ? letters(r) : normalizeToken(r, vocab, depth + 1);
    });
  }

  // Apostrophes: possessives and contractions not in the vocabulary.
  if (lower.includes("'")) {
    if (lower.endsWith("'s")) {
      // X's with X's unknown: the model has a standalone "'s" but scores "x 's" very badly; keep X.
      return normalizeToken(lower.slice(0, -2), vocab, depth + 1);
    }
    if (lower.endsWith("'")) return normalizeToken(lower.slice(0, -1), vocab, depth + 1);
    if (lower.startsWith("'")) return normalizeToken(lower.slice(1), vocab, depth + 1);
    for (const suf of CONTRACTION_SUFFIXES) {
      if (lower.endsWith(suf) && lower.length > suf.length) {
        const head = normalizeToken(lower.slice(0, -suf.length), vocab, depth + 1);
        return vocab(suf) ? [...head, suf] : head;
      }
    }
    return splitOn(lower, /'+/, vocab, depth);
  }

  // Accents: café → cafe when that is known.
  const folded = lower.normalize("NFD").replace(/\p{M}+/gu, "");
  if (folded !== lower && vocab(folded)) return [folded];

  // Short all-capital initialisms unknown as a word: IMF → i m f.
  if (/^[A-Z]{2,5}$/.test(t) && letters(lower).every((l) => vocab(l))) return letters(lower);

  return [lower];
}

function splitOn(s: string, sep: RegExp, vocab: (w: string) => boolean, depth: number): string[] {
  return s
    .split(sep)
    .filter((p) => p.length > 0)
    .flatMap((p) => normalizeToken(p, vocab, depth + 1));
}
