/** Half-open character ranges [start, end) of a decoded text, and helpers to combine and apply them. */
import { lineIndexAt, lineStarts } from "../../text/position.js";

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

/** The library's line starts and lookup ("\n", "\r\n" and a lone "\r" each end a line, as editors number them). */
export { lineIndexAt, lineStarts };

/** The span of the whole line(s) covering [start, end), without the final line break ("\n", "\r\n" or "\r"). */
export function lineSpanAround(text: string, start: number, end: number): Span {
  const s = start > 0 ? Math.max(text.lastIndexOf("\n", start - 1), text.lastIndexOf("\r", start - 1)) + 1 : 0;
  const from = Math.max(end - 1, start);
  const n = text.indexOf("\n", from);
  const r = text.indexOf("\r", from);
  let e = n === -1 ? r : r === -1 ? n : Math.min(n, r);
  if (e === -1) e = text.length;
  return { start: s, end: e };
}

/** Where the line after the one ending at `lineEnd` (see lineSpanAround) starts, or -1 at the end of the text. */
export function nextLineStart(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return -1;
  return text.startsWith("\r\n", lineEnd) ? lineEnd + 2 : lineEnd + 1;
}
