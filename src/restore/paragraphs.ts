/**
 * Paragraphs as evidence inside a spun document. The document gate opens on the text as a whole; a page that kept
 * some of its text unspun (quotes, boilerplate, a pasted paragraph) then had its correct words changed there as
 * freely as in the spun part: 26.5 per 1000 words of original paragraphs interleaved with spun ones (`npm run eval`,
 * line `mixed`). Each paragraph's own evidence, read by the document gate's model as if the paragraph stood alone,
 * tells them apart: of the devset's and seed's paragraphs of 12 words or more, held out, every spun one scores above
 * PARAGRAPH_VETO_PROBABILITY and 52 of 127 original ones at or under it (their evidence is that of clean text). Pure.
 */
import { softBreak, type TokenTable } from "../text/tokenize.js";

/** A paragraph the gate's model gives at most this probability of being spun is left as written. */
export const PARAGRAPH_VETO_PROBABILITY = 0.01;
/** Paragraphs of fewer words carry too little evidence to be judged on their own, and are never vetoed. */
export const PARAGRAPH_MIN_WORDS = 12;

/**
 * Per token, the index of its paragraph. A paragraph ends at a blank line, and at a line break that is not the soft
 * break inside a hard-wrapped sentence (tokenize.ts softBreak): a paragraph per line, or a wrapped paragraph cut after
 * its lines that end a sentence.
 */
export function paragraphIndex(tok: TokenTable): { of: Int32Array; count: number } {
  const of = new Int32Array(tok.n);
  const text = tok.text;
  let p = 0;
  for (let t = 0; t < tok.n; t++) {
    of[t] = p;
    if (t + 1 < tok.n && endsParagraph(text, tok.end[t]!, tok.start[t + 1]!)) p++;
  }
  return { of, count: tok.n === 0 ? 0 : p + 1 };
}

function endsParagraph(text: string, from: number, to: number): boolean {
  let lineBreak = false;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d) {
      lineBreak = true;
      break;
    }
  }
  return lineBreak && !softBreak(text, from, to);
}
