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
