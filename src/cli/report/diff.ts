/**
 * Diffs of token sequences (words for the terminal view, lines for unified diffs) computed by fast-diff: each distinct
 * token is mapped to one character, fast-diff diffs those strings, and the result is mapped back to tokens.
 */
import fastDiff from "fast-diff";

export type Op = -1 | 0 | 1;
export interface Chunk {
  op: Op;
  text: string;
}

/** Words, runs of whitespace, and single other characters (punctuation). */
export function wordTokens(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}_'’-]+|\s+|[^\p{L}\p{M}\p{N}_'’\s-]|[\s\S]/gu) ?? [];
}

/** Lines including their terminator ("\n"; a "\r" before it stays in the line). */
export function lineTokens(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** BMP code points usable as token ids, skipping surrogates (fast-diff keeps surrogate pairs together). */
const ID_RANGES: ReadonlyArray<[number, number]> = [
  [0x100, 0xd7ff],
  [0xe000, 0xfffd],
];
const MAX_IDS = ID_RANGES.reduce((n, [a, b]) => n + b - a + 1, 0);

function idChar(n: number): string {
  for (const [a, b] of ID_RANGES) {
    if (n <= b - a) return String.fromCharCode(a + n);
    n -= b - a + 1;
  }
  throw new Error("token id out of range");
}

/** Diff of two token sequences; each chunk holds the concatenated tokens of one run. */
export function diffTokens(a: readonly string[], b: readonly string[]): Chunk[] {
  const ids = new Map<string, string>();
  const encode = (tokens: readonly string[]) => {
    let s = "";
    for (const t of tokens) {
      let c = ids.get(t);
      if (c === undefined) {
        if (ids.size >= MAX_IDS) return null;
        c = idChar(ids.size);
        ids.set(t, c);
      }
      s += c;
    }
    return s;
  };
  const ea = encode(a);
  const eb = ea === null ? null : encode(b);
  if (ea === null || eb === null) {
    // Too many distinct tokens to map: fall back to one replacement, which is still a correct diff.
    return [
      { op: -1, text: a.join("") },
      { op: 1, text: b.join("") },
    ];
  }
  const back = new Map<string, string>();
  for (const [t, c] of ids) back.set(c, t);
  const out: Chunk[] = [];
  for (const [op, s] of fastDiff(ea, eb)) {
    let text = "";
    for (const c of s) text += back.get(c)!;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  }
  return out;
}

export function wordDiff(before: string, after: string): Chunk[] {
  return diffTokens(wordTokens(before), wordTokens(after));
}
