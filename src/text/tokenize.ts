/**
 * Splits text into word tokens with offsets, and groups them into sentences.
 * Everything between tokens (spaces, punctuation, line breaks) is left to the caller untouched:
 * restoration only ever rewrites the characters of word tokens.
 */

export interface WordToken {
  /** The token as written. */
  text: string;
  start: number;
  end: number;
  /** Lower case, apostrophes folded to ASCII: the form dictionary keys use. */
  key: string;
  /** True when only spaces/tabs (no punctuation, no line break) separate it from the next word token. */
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
    a.joinsNext = /^[ \t\u00a0]+$/.test(gap);
    a.hyphenNext = gap.length === 1 && HYPHEN.test(gap);
  }
  return tokens;
}

const SENTENCE_BREAK = /[.!?;:\n\r()\[\]]/;

/** Sentences for the language model: broken at sentence punctuation, brackets and line breaks (not at quotes or commas, which the model never saw). */
export function splitSentences(text: string, tokens: readonly WordToken[]): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const gap = next ? text.slice(t.end, next.start) : "";
    if (!next || SENTENCE_BREAK.test(gap)) {
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

const isHyphen = (c: number) => c === 0x2d || c === 0x2010 || c === 0x2011;
const isSentenceBreak = (c: number) =>
  c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3a || c === 0x0a || c === 0x0d || c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d;

/**
 * The tokens of tokenizeWords that start in [from, to), as typed arrays. The flags of the last token look at the
 * text after `to`, so a window cut between sentences gets exactly the tokens, flags and sentences of the whole text.
 */
export function tokenTable(text: string, from = 0, to = text.length): TokenTable {
  let cap = Math.max(16, ((to - from) >> 2) + 16);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let word = new Int32Array(cap);
  let n = 0;
  const re = WORD;
  re.lastIndex = from;
  let next: RegExpExecArray | null = null;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index >= to) {
      next = m;
      break;
    }
    if (n === cap) {
      cap *= 2;
      const grow = (a: Int32Array) => {
        const g = new Int32Array(cap);
        g.set(a);
        return g;
      };
      start = grow(start);
      end = grow(end);
      word = grow(word);
    }
    const s = m.index;
    const t = m[0];
    start[n] = s;
    end[n] = s + t.length;
    let w = wordTable.ids.get(t);
    if (w === undefined) w = wordId(t);
    word[n] = w;
    n++;
  }
  const nextStart = next ? next.index : -1;
  const flags = new Uint8Array(n);
  const sentence = new Int32Array(n);
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
      if (brk) f |= BREAK_AFTER;
      else if (spaces && b > e) f |= JOINS_NEXT;
      else if (b === e + 1 && isHyphen(text.charCodeAt(e))) f |= HYPHEN_NEXT;
    }
    flags[i] = f;
    sentence[i] = sentences;
    if (f & BREAK_AFTER) sentences++;
  }
  if (n > 0 && !(flags[n - 1]! & BREAK_AFTER)) sentences++;
  const sentenceFrom = new Int32Array(sentences);
  const sentenceTo = new Int32Array(sentences);
  for (let i = n - 1; i >= 0; i--) sentenceFrom[sentence[i]!] = i;
  for (let i = 0; i < n; i++) sentenceTo[sentence[i]!] = i + 1;
  return { text, n, start: start.subarray(0, n), end: end.subarray(0, n), flags, word: word.subarray(0, n), sentence, sentenceFrom, sentenceTo };
}
