/**
 * Parser for the compiled general-thesaurus reverse dictionary (dictionaries/thesaurus/reverse.tsv).
 * Pure: it receives the file's text; no I/O.
 *
 * Format (see dictionaries/thesaurus/README.md):
 *   - lines starting with "#" are comments; a header line may carry `maxPhraseWords=N`;
 *   - every other line is `key<TAB>original;prior;codes<TAB>original;prior;codes…`,
 *     keys sorted by JavaScript code-unit order, candidates sorted by prior (log10, descending);
 *     codes are source letters: M = moby, T = mythes, W = wordnet.
 *
 * Construction does no work beyond locating the first data line; a lookup binary-searches the text for the
 * key's line and parses only that line, then caches the result.
 */

import type { Candidate, PhraseDictionary } from "./types.js";

const SOURCE_NAMES: Readonly<Record<string, string>> = { M: "moby", T: "mythes", W: "wordnet" };

function sourceName(codes: string): string {
  const names: string[] = [];
  for (const c of codes) names.push(SOURCE_NAMES[c] ?? c);
  return names.join("+") || "thesaurus";
}

function parseCandidates(key: string, fields: string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const field of fields) {
    if (!field) continue;
    const a = field.indexOf(";");
    const b = a < 0 ? -1 : field.indexOf(";", a + 1);
    const original = a < 0 ? field : field.slice(0, a);
    if (!original || original === key) continue;
    const priorText = a < 0 ? "" : field.slice(a + 1, b < 0 ? undefined : b);
    const parsed = Number(priorText);
    const prior = Number.isFinite(parsed) && priorText !== "" ? Math.min(0, parsed) : -1;
    const codes = b < 0 ? "" : field.slice(b + 1);
    out.push({
      original,
      tier: "thesaurus",
      prior,
      source: sourceName(codes),
      entry: `thesaurus:${key}→${original}`,
    });
  }
  // The file is sorted already; keep the contract even for hand-made files.
  out.sort((x, y) => y.prior - x.prior);
  return out;
}

class ThesaurusDictionary implements PhraseDictionary {
  readonly maxPhraseWords: number;
  private readonly text: string;
  /** Offset of the first data line. */
  private readonly start: number;
  private readonly cache = new Map<string, readonly Candidate[] | null>();

  constructor(text: string) {
    this.text = text;
    let pos = 0;
    let maxWords = 0;
    // header: leading "#" lines (and blank lines)
    while (pos < text.length && (text.charCodeAt(pos) === 35 /* # */ || text.charCodeAt(pos) === 10)) {
      let end = text.indexOf("\n", pos);
      if (end < 0) end = text.length;
      const m = /maxPhraseWords=(\d+)/.exec(text.slice(pos, end));
      if (m?.[1]) maxWords = Number(m[1]);
      pos = end + 1;
    }
    this.start = Math.min(pos, text.length);
    if (!maxWords) maxWords = this.scanMaxWords();
    this.maxPhraseWords = maxWords;
    this.phraseStarts = this.scanPhraseStarts();
  }

  private readonly phraseStarts: Set<string>;

  mayStartPhrase(firstWord: string): boolean {
    return this.phraseStarts.has(firstWord);
  }

  /** First words of multiword keys: one pass over the key column (a few ms), so phrase lookups stop early. */
  private scanPhraseStarts(): Set<string> {
    const starts = new Set<string>();
    const t = this.text;
    let pos = this.start;
    while (pos < t.length) {
      let end = t.indexOf("\n", pos);
      if (end < 0) end = t.length;
      const tab = t.indexOf("\t", pos);
      const keyEnd = tab < 0 || tab > end ? end : tab;
      const space = t.indexOf(" ", pos);
      if (space > pos && space < keyEnd) starts.add(t.slice(pos, space));
      pos = end + 1;
    }
    return starts;
  }

  /** Fallback when the header lacks maxPhraseWords: one pass over the keys. */
  private scanMaxWords(): number {
    let max = 0;
    let pos = this.start;
    const t = this.text;
    while (pos < t.length) {
      let end = t.indexOf("\n", pos);
      if (end < 0) end = t.length;
      if (t.charCodeAt(pos) !== 35) {
        const tab = t.indexOf("\t", pos);
        const keyEnd = tab < 0 || tab > end ? end : tab;
        let n = 1;
        for (let i = pos; i < keyEnd; i++) if (t.charCodeAt(i) === 32) n++;
        if (keyEnd > pos && n > max) max = n;
      }
      pos = end + 1;
    }
    return max || 1;
  }

  /** Start offset of the line containing offset `at` (at ≥ start). */
  private lineStart(at: number): number {
    const nl = this.text.lastIndexOf("\n", at - 1);
    return Math.max(this.start, nl + 1);
  }

  private findLine(key: string): string | undefined {
    // Invariant: lo is a line start; the key's line, if any, starts in [lo, hi).
    let lo = this.start;
    let hi = this.text.length;
    while (lo < hi) {
      const ls = this.lineStart(lo + ((hi - lo) >>> 1)); // lo ≤ ls < hi
      const r = this.compareAt(key, ls);
      if (r.cmp === 0) return this.text.slice(ls, r.lineEnd);
      if (r.cmp < 0) hi = ls;
      else lo = r.lineEnd + 1;
    }
    return undefined;
  }

  /** Compare `key` with the key of the line starting at `ls`: <0 key sorts before, >0 after. */
  private compareAt(key: string, ls: number): { cmp: number; lineEnd: number } {
    const t = this.text;
    let le = t.indexOf("\n", ls);
    if (le < 0) le = t.length;
    let tab = t.indexOf("\t", ls);
    if (tab < 0 || tab > le) tab = le;
    const lineKey = t.slice(ls, tab);
    return { cmp: key < lineKey ? -1 : key > lineKey ? 1 : 0, lineEnd: le };
  }

  lookup(spunKey: string): readonly Candidate[] | undefined {
    const cached = this.cache.get(spunKey);
    if (cached !== undefined) return cached ?? undefined;
    let result: readonly Candidate[] | null = null;
    if (spunKey && !spunKey.includes("\t") && !spunKey.includes("\n")) {
      const line = this.findLine(spunKey);
      if (line !== undefined) {
        const fields = line.split("\t");
        const cands = parseCandidates(spunKey, fields.slice(1));
        if (cands.length) result = Object.freeze(cands);
      }
    }
    this.cache.set(spunKey, result);
    return result ?? undefined;
  }
}

/** Build a PhraseDictionary over the text of reverse.tsv. Cheap: no index is built. */
export function parseThesaurus(text: string): PhraseDictionary {
  return new ThesaurusDictionary(text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text);
}
