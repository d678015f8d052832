/** Half-open character ranges [start, end) of a decoded text, and helpers to combine and apply them. */

export interface Span {
  start: number;
  end: number;
}

/** Sorts and merges overlapping or touching spans, dropping empty ones. */
export function mergeSpans(spans: Iterable<Span>): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export interface Replacement extends Span {
  after: string;
}

/** Applies non-overlapping replacements to `text`; everything outside them is copied unchanged. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const r of sorted) {
    if (r.start < pos) throw new Error(`overlapping replacements at offset ${r.start}`);
    out += text.slice(pos, r.start) + r.after;
    pos = r.end;
  }
  return out + text.slice(pos);
}

/** Offsets at which each line starts ("\n" ends a line; a "\r" before it stays part of the line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based index of the line containing `offset`. */
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

/** The span of the whole line(s) covering [start, end), without the final line break. */
export function lineSpanAround(text: string, start: number, end: number): Span {
  const s = text.lastIndexOf("\n", start - 1) + 1;
  let e = text.indexOf("\n", Math.max(end - 1, start));
  if (e === -1) e = text.length;
  if (e > s && text[e - 1] === "\r") e--;
  return { start: s, end: e };
}
