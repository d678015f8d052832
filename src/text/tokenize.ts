/**
 * Splits text into word tokens with offsets, and groups them into sentences.
 * Everything between tokens (spaces, punctuation, line breaks) is left to the caller untouched:
 * restoration only ever rewrites the characters of word tokens.
 */

import { i32, regrow32, u8 } from "../scratch.js";

export interface WordToken {
  /** The token as written. */
  text: string;
  start: number;
  end: number;
  /** Lower case, apostrophes folded to ASCII: the form dictionary keys use. */
  key: string;
  /** True when only spaces/tabs (no punctuation, no line break but a soft one, see softBreak) separate it from the next word token. */
  joinsNext: boolean;
  /** A hyphen right before / right after it: it is part of a compound ("second-largest", "Russian-Chinese"). */
  hyphenBefore: boolean;
  hyphenAfter: boolean;
  /** True when exactly one hyphen separates it from the next word token ("well-liked"). */
  hyphenNext: boolean;
}

export interface Sentence {
  /** Index of the first word token and one past the last, in the token array. */
  from: number;
  to: number;
}

// A word: letters/digits, with inner apostrophes and digit groups (2,300 / 3.5); dotted abbreviations
// (U.S., e.g.) and a few titles keep their final period. Hyphenated compounds are split into their parts:
// the spinner's capitalised pass swaps parts of them ("Military-technological" → "Navy-technological").
// Combining marks belong to the letter before them, so a decomposed (NFD) "Zürich" stays one word; keys are
// matched in NFC, while the token text (and so every byte the caller keeps) is the text as written. A number glued
// to letters and digits ("3.5km12") is one token, so that no site can start in the middle of it.
const WORD =
  /(?:\p{L}\p{M}*\.){2,}|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Gen|Sen|Rep|Gov|Prof|Lt|Col|Sgt|Capt)\.(?=\s)|\p{N}+(?:[.,]\p{N}+)*(?:['’]s|\p{L}[\p{L}\p{M}\p{N}]*)?|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;
const HYPHEN = /[-\u2010\u2011]/;

export function foldKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[’‘]/g, "'");
}

export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const hyphenBefore = HYPHEN.test(text[start - 1] ?? "");
    const hyphenAfter = HYPHEN.test(text[end] ?? "");
    tokens.push({ text: m[0], start, end, key: foldKey(m[0]), joinsNext: false, hyphenBefore, hyphenAfter, hyphenNext: false });
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    const gap = text.slice(a.end, b.start);
    a.joinsNext = /^[ \t\u00a0]+$/.test(gap) || softBreak(text, a.end, b.start);
    a.hyphenNext = gap.length === 1 && HYPHEN.test(gap);
  }
  return tokens;
}

const SENTENCE_BREAK = /[.!?;:\n\r()\[\]]/;

/**
 * A line break inside a paragraph of hard-wrapped text ("a fifth time\nperiod in office"): between two words, only
 * spaces and one line break, and the word after it starts in lower case. It is no sentence break, and a phrase may run
 * across it. A line that ends a sentence, a heading, a paragraph per line, or a blank line between paragraphs stays a
 * break: the first has punctuation in the gap, the others a capital or a second line break after it.
 */
export function softBreak(text: string, end: number, next: number): boolean {
  let breaks = 0;
  for (let j = end; j < next; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a) breaks++;
    else if (c === 0x0d) {
      if (text.charCodeAt(j + 1) !== 0x0a) breaks++;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0xa0) return false;
  }
  if (breaks !== 1) return false;
  const first = text.codePointAt(next);
  return first !== undefined && LOWER.test(String.fromCodePoint(first));
}
const LOWER = /\p{Ll}/u;

/** Sentences for the language model: broken at sentence punctuation, brackets and line breaks but soft ones (not at quotes or commas, which the model never saw). */
export function splitSentences(text: string, tokens: readonly WordToken[]): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const gap = next ? text.slice(t.end, next.start) : "";
    if (!next || (SENTENCE_BREAK.test(gap) && !softBreak(text, t.end, next.start))) {
      sentences.push({ from, to: i + 1 });
      from = i + 1;
    }
  }
  return sentences;
}

// ---- Compact tokens --------------------------------------------------------------------------------------------
// The engine keeps tokens as offsets in typed arrays, with each distinct token text interned once (its key, case
// pattern and model ids are then worked out once per word, not once per occurrence). tokenizeWords above gives the
// same tokens as objects, for callers that want them.

/** Token flags (TokenTable.flags). */
export const JOINS_NEXT = 1;
export const HYPHEN_BEFORE = 2;
export const HYPHEN_AFTER = 4;
export const HYPHEN_NEXT = 8;
/** A sentence ends after this token (the gap to the next one holds sentence punctuation, a bracket or a line break, or there is no next token). */
export const BREAK_AFTER = 16;

/**
 * Interned token texts: word id → text as written, and its key (foldKey), itself interned (key id). Ids are stable
 * until {@link resetWordTable}, which the engine calls between documents when the table has grown large.
 */
export const wordTable = {
  /** Bumped by every reset: caches indexed by word or key id check it. */
  generation: 0,
  ids: new Map<string, number>(),
  text: [] as string[],
  keyOf: new Int32Array(1024),
  keyIds: new Map<string, number>(),
  keys: [] as string[],
};

export function resetWordTable(): void {
  wordTable.generation++;
  wordTable.ids = new Map();
  wordTable.text = [];
  wordTable.keyOf = new Int32Array(1024);
  wordTable.keyIds = new Map();
  wordTable.keys = [];
}

/** Key id of a key (interned on first sight). */
export function keyId(key: string): number {
  let k = wordTable.keyIds.get(key);
  if (k === undefined) {
    k = wordTable.keys.length;
    wordTable.keys.push(key);
    wordTable.keyIds.set(key, k);
  }
  return k;
}

/** Word id of a token text (interned on first sight). */
export function wordId(text: string): number {
  let w = wordTable.ids.get(text);
  if (w === undefined) {
    w = wordTable.text.length;
    wordTable.text.push(text);
    wordTable.ids.set(text, w);
    if (w >= wordTable.keyOf.length) {
      const grown = new Int32Array(wordTable.keyOf.length * 2);
      grown.set(wordTable.keyOf);
      wordTable.keyOf = grown;
    }
    wordTable.keyOf[w] = keyId(foldKey(text));
  }
  return w;
}

export interface TokenTable {
  text: string;
  /** Number of tokens. */
  n: number;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  /** Word id of each token (wordTable). */
  word: Int32Array;
  /** Sentence of each token, and each sentence's first token and one past its last. */
  sentence: Int32Array;
  sentenceFrom: Int32Array;
  sentenceTo: Int32Array;
}

// ---- Scanning: WORD's matches without a match object or a string per token ------------------------------------
// Plain ASCII words, numbers, dotted abbreviations and titles are matched by hand, following WORD's alternatives in
// order; wherever a character outside ASCII could change the match (a letter, a mark, a digit, a curly apostrophe,
// a non-ASCII space after a title), the regular expression takes over from the same position. Token texts are then
// interned straight from the text's characters: a word seen before costs no allocation.

let scanStart = 0;
let scanEnd = 0;

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlnum = (c: number) => isLetter(c) || isDigit(c);
const TITLES = ["Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "Gen", "Sen", "Rep", "Gov", "Prof", "Lt", "Col", "Sgt", "Capt"];

/** \s of a regular expression. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The first token at or after `i`: sets scanStart and scanEnd; false when there is none. */
function scanToken(text: string, i: number): boolean {
  const len = text.length;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return scanRegex(text, i);
    if (isAlnum(c)) {
      const e = matchAscii(text, i, c);
      if (e < 0) return scanRegex(text, i);
      scanStart = i;
      scanEnd = e;
      return true;
    }
  }
  return false;
}

function scanRegex(text: string, i: number): boolean {
  WORD.lastIndex = i;
  const m = WORD.exec(text);
  if (m === null) return false;
  scanStart = m.index;
  scanEnd = m.index + m[0].length;
  return true;
}

/** End of WORD's match at i (an ASCII letter or digit), or -1 when a character outside ASCII could decide it. */
function matchAscii(text: string, i: number, c: number): number {
  const len = text.length;
  let j: number;
  if (isDigit(c)) {
    // \p{N}+(?:[.,]\p{N}+)*(?:['’]s|\p{L}[\p{L}\p{M}\p{N}]*)?
    j = digitsFrom(text, i + 1);
    if (j < 0) return -1;
    while (j + 1 < len) {
      const d = text.charCodeAt(j);
      if (d !== 0x2e && d !== 0x2c) break;
      const e = text.charCodeAt(j + 1);
      if (e >= 0x80) return -1;
      if (!isDigit(e)) break;
      j = digitsFrom(text, j + 2);
      if (j < 0) return -1;
    }
    if (j < len) {
      const d = text.charCodeAt(j);
      if (d >= 0x80) return -1;
      if (d === 0x27) return j + 1 < len && text.charCodeAt(j + 1) === 0x73 ? j + 2 : j;
      if (isLetter(d)) return alnumFrom(text, j + 1);
    }
    return j;
  }
  // (?:\p{L}\p{M}*\.){2,}: letters each followed by a period, at least twice.
  let reps = 0;
  j = i;
  while (j + 1 < len) {
    const a = text.charCodeAt(j);
    if (a >= 0x80) {
      if (reps > 0) return -1;
      break;
    }
    if (!isLetter(a)) break;
    const b = text.charCodeAt(j + 1);
    if (b >= 0x80) return -1;
    if (b !== 0x2e) break;
    reps++;
    j += 2;
  }
  if (reps >= 2) return j;
  // Titles: (?:Mr|Mrs|…)\.(?=\s)
  if (c >= 0x41 && c <= 0x5a) {
    for (const t of TITLES) {
      const dot = i + t.length;
      if (dot + 1 < len && text.charCodeAt(dot) === 0x2e && text.startsWith(t, i) && isSpace(text.charCodeAt(dot + 1))) return dot + 1;
    }
  }
  // [\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*
  j = i + 1;
  for (;;) {
    j = alnumFrom(text, j);
    if (j < 0) return -1;
    if (j + 1 < len && text.charCodeAt(j) === 0x27) {
      const e = text.charCodeAt(j + 1);
      if (e >= 0x80) return -1;
      if (isAlnum(e)) {
        j += 2;
        continue;
      }
    }
    return j;
  }
}

/** End of the run of ASCII digits from j, or -1 when it stops at a character outside ASCII. */
function digitsFrom(text: string, j: number): number {
  const len = text.length;
  for (; j < len; j++) {
    const d = text.charCodeAt(j);
    if (isDigit(d)) continue;
    return d >= 0x80 ? -1 : j;
  }
  return j;
}

/** End of the run of ASCII letters and digits from j, or -1 when it stops at a character outside ASCII. */
function alnumFrom(text: string, j: number): number {
  const len = text.length;
  for (; j < len; j++) {
    const d = text.charCodeAt(j);
    if (isAlnum(d)) continue;
    return d >= 0x80 ? -1 : j;
  }
  return j;
}

/** The texts of tokenizeWords's tokens (the regular expression compiled only for text outside ASCII). */
export function tokenTexts(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; scanToken(text, at); at = scanEnd) out.push(text.slice(scanStart, scanEnd));
  return out;
}

/** Words interned by their characters: open addressing over word ids (+1), for the word-table generation. */
const charIndex = { generation: -1, slots: new Int32Array(0), mask: 0, count: 0 };

/** Word id of text[s, e), interned on first sight. */
function internRange(text: string, s: number, e: number): number {
  if (charIndex.generation !== wordTable.generation) {
    charIndex.generation = wordTable.generation;
    charIndex.slots = new Int32Array(1 << 14);
    charIndex.mask = (1 << 14) - 1;
    charIndex.count = 0;
  }
  let h = 0x811c9dc5 | 0;
  for (let k = s; k < e; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  const slots = charIndex.slots;
  const mask = charIndex.mask;
  const words = wordTable.text;
  const n = e - s;
  let slot = h & mask;
  for (let v = slots[slot]!; v !== 0; v = slots[slot]!) {
    const t = words[v - 1]!;
    if (t.length === n) {
      let k = 0;
      while (k < n && t.charCodeAt(k) === text.charCodeAt(s + k)) k++;
      if (k === n) return v - 1;
    }
    slot = (slot + 1) & mask;
  }
  const w = wordId(text.slice(s, e));
  slots[slot] = w + 1;
  if (++charIndex.count * 2 > slots.length) rehashChars();
  return w;
}

function rehashChars(): void {
  const size = charIndex.slots.length * 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (const v of charIndex.slots) {
    if (v === 0) continue;
    const t = wordTable.text[v - 1]!;
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < t.length; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
    let slot = h & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = v;
  }
  charIndex.slots = slots;
  charIndex.mask = mask;
}

const isHyphen = (c: number) => c === 0x2d || c === 0x2010 || c === 0x2011;
const isSentenceBreak = (c: number) =>
  c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a || c === 0x0a || c === 0x0d || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d;

/**
 * The tokens of tokenizeWords that start in [from, to), as typed arrays. The flags of the last token look at the
 * text after `to`, so a window cut between sentences gets exactly the tokens, flags and sentences of the whole text.
 */
export function tokenTable(text: string, from = 0, to = text.length): TokenTable {
  let cap = Math.max(16, ((to - from) >> 2) + 16);
  let start = i32(cap);
  let end = i32(cap);
  let word = i32(cap);
  let n = 0;
  let nextStart = -1;
  for (let at = from; scanToken(text, at); at = scanEnd) {
    if (scanStart >= to) {
      nextStart = scanStart;
      break;
    }
    if (n === cap) {
      cap *= 2;
      start = regrow32(start, cap);
      end = regrow32(end, cap);
      word = regrow32(word, cap);
    }
    start[n] = scanStart;
    end[n] = scanEnd;
    word[n] = internRange(text, scanStart, scanEnd);
    n++;
  }
  const flags = u8(n);
  const sentence = i32(n);
  let sentences = 0;
  for (let i = 0; i < n; i++) {
    const s = start[i]!;
    const e = end[i]!;
    let f = 0;
    if (s > 0 && isHyphen(text.charCodeAt(s - 1))) f |= HYPHEN_BEFORE;
    if (e < text.length && isHyphen(text.charCodeAt(e))) f |= HYPHEN_AFTER;
    const b = i + 1 < n ? start[i + 1]! : nextStart;
    if (b < 0) f |= BREAK_AFTER;
    else {
      let spaces = true;
      let brk = false;
      for (let j = e; j < b; j++) {
        const c = text.charCodeAt(j);
        if (c !== 0x20 && c !== 0x09 && c !== 0xa0) spaces = false;
        if (isSentenceBreak(c)) {
          brk = true;
          break;
        }
      }
      // A soft line break (hard-wrapped text) joins its words as a space does.
      if (brk && softBreak(text, e, b)) f |= JOINS_NEXT;
      else if (brk) f |= BREAK_AFTER;
      else if (spaces && b > e) f |= JOINS_NEXT;
      else if (b === e + 1 && isHyphen(text.charCodeAt(e))) f |= HYPHEN_NEXT;
    }
    flags[i] = f;
    sentence[i] = sentences;
    if (f & BREAK_AFTER) sentences++;
  }
  if (n > 0 && !(flags[n - 1]! & BREAK_AFTER)) sentences++;
  const sentenceFrom = i32(sentences);
  const sentenceTo = i32(sentences);
  for (let i = n - 1; i >= 0; i--) sentenceFrom[sentence[i]!] = i;
  for (let i = 0; i < n; i++) sentenceTo[sentence[i]!] = i + 1;
  return { text, n, start: start.subarray(0, n), end: end.subarray(0, n), flags, word: word.subarray(0, n), sentence, sentenceFrom, sentenceTo };
}
