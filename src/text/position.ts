/**
 * Lines are numbered as editors number them: "\n" ends a line (a "\r" before it stays part of the line), and so does
 * a "\r" alone, as in old Mac files.
 */

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/** Line and column (1-based) of offsets into a text: line starts found once, then binary search. */
export function positionIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = lineStarts(text);
  return (offset) => {
    const i = lineIndexAt(starts, offset);
    return { line: i + 1, column: offset - starts[i]! + 1 };
  };
}

/** 0-based index of the line containing `offset`, given the offsets at which lines start (ascending, from 0). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Lines counted forwards, for offsets that come in ascending order (edits in text order, window after window): the
 * line of the last offset, where it starts, and the first line break after it, found once. Searching again from the
 * last offset at every edit instead scanned a long line to its end once per edit, which on a text of one long line
 * (a minified or unwrapped document) grew with the square of its length.
 */
export interface LineCursor {
  /** 1-based line of the last offset. */
  line: number;
  /** Offset at which that line starts. */
  lineStart: number;
  /** Offset of the last character of the first line break not yet passed; -1 when there is none, -2 before the first search. */
  nextBreak: number;
  /** Offset of the first "\n" and of the first "\r" at or after the last search (-1: none), kept between searches. */
  nextLf: number;
  nextCr: number;
  /** Characters searched so far (each at most twice over a text: once for each kind of break): the work done, for tests. */
  searched: number;
}

export const newLineCursor = (): LineCursor => ({ line: 1, lineStart: 0, nextBreak: -2, nextLf: -2, nextCr: -2, searched: 0 });

/** Moves `cursor` to `offset` (not before its last one) in `text`. */
export function advanceLines(text: string, cursor: LineCursor, offset: number): void {
  if (cursor.nextBreak === -2) cursor.nextBreak = nextBreak(text, cursor, cursor.lineStart);
  while (cursor.nextBreak >= 0 && cursor.nextBreak < offset) {
    cursor.line++;
    cursor.lineStart = cursor.nextBreak + 1;
    cursor.nextBreak = nextBreak(text, cursor, cursor.lineStart);
  }
}

/**
 * The end of the first line break at or after `from` (-1: none): a "\n", or a "\r" not followed by one. Each kind
 * is searched for only when the last one found is passed, so each character is searched at most twice over a text
 * (counted in cursor.searched). A function of its own rather than a closure made at every call: advanceLines runs
 * once per edit.
 */
function nextBreak(text: string, cursor: LineCursor, from: number): number {
  if (cursor.nextLf !== -1 && cursor.nextLf < from) {
    const at = text.indexOf("\n", from);
    cursor.searched += (at < 0 ? text.length : at + 1) - from;
    cursor.nextLf = at;
  }
  while (cursor.nextCr !== -1 && (cursor.nextCr < from || text.charCodeAt(cursor.nextCr + 1) === 0x0a)) {
    // A "\r" before a "\n" is part of that line's break: the next one is searched for.
    const start = Math.max(from, cursor.nextCr + 1);
    const at = text.indexOf("\r", start);
    cursor.searched += (at < 0 ? text.length : at + 1) - start;
    cursor.nextCr = at;
  }
  const lf = cursor.nextLf;
  const cr = cursor.nextCr;
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}
