/** Half-open character ranges [start, end) of a decoded text, and helpers to combine and apply them. */
import { lineIndexAt } from "../../text/position.js";

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

/**
 * Offsets at which each line starts: "\n" ends a line (a "\r" before it stays part of the line), and so does a "\r"
 * alone, as in old Mac files, so that a CR-only file is numbered line by line like every editor shows it.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n?|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

/**
 * The library numbers lines by "\n" only; when a text has lone "\r" line breaks, the CLI renumbers each edit's line
 * and column with `lineStarts` so reports point where editors do. Other texts are returned as they are.
 */
export function relineEdits<E extends { start: number; line: number; column: number }>(text: string, edits: E[]): E[] {
  if (!/\r(?!\n)/.test(text) || edits.length === 0) return edits;
  const starts = lineStarts(text);
  return edits.map((e) => {
    const i = lineIndexAt(starts, e.start);
    return { ...e, line: i + 1, column: e.start - starts[i]! + 1 };
  });
}

/** The library's line lookup, for the CLI's own line starts (lineStarts). */
export { lineIndexAt };

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
