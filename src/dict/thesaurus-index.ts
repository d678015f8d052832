/**
 * Reader of the precompiled general-thesaurus reverse index (dictionaries/thesaurus/reverse.bin, built by
 * scripts/build-thesaurus.mjs): spun form → every candidate original the thesauri give, with a prior and the
 * sources that list the pair. Nothing is cut before the context is known; the engine ranks candidates at each
 * site. Pure: it receives the file's bytes; construction only makes typed-array views over them.
 *
 * Layout (little-endian; offsets from the start of the file):
 *   0   "UNSPINTHES2\0"                 magic
 *   12  u32 terms, u32 candidates, u32 maxPhraseWords, u32 poolBytes, u32 provenanceBytes
 *   32  u32 termOffset[terms + 1]        start of each term in the pool (NUL-separated, ASCII)
 *       u32 candidateStart[terms + 1]    each term's candidates, when it is a spun key
 *       u32 candidate[candidates]        bits 0–19 original's term id, 20–22 sources (1 Moby, 2 MyThes,
 *                                        4 WordNet), 23–31 q where prior = -q / 50 (log10)
 *       pool (padded to 4 bytes), then the provenance text (UTF-8)
 * Terms are sorted by JavaScript code-unit order, so a key is found by binary search.
 *
 * The bytes may be filled lazily (resources.ts reads the file a page at a time): given `ensure`, the index asks for
 * the header, the term tables and the pool when it is built, and for a key's candidates when it is looked up, so a
 * short text never brings in most of the 10 MB candidate array. Given `readCandidates` as well, a key's candidates
 * are read from the file at each lookup into a scratch buffer and never kept in the bytes: the 10 MB array then
 * costs no resident memory however many keys a long run looks up (the system's file cache holds it, once for
 * every process), and the index's own cache and the engine's lists make the reads rare.
 */
import { KeyedCandidate, type Candidate, type PhraseDictionary } from "./types.js";
import type { NeverPropose } from "./never-propose.js";

const MAGIC = "UNSPINTHES2\0";
const SOURCE_NAMES = ["moby", "mythes", "wordnet"] as const;
const sourceNames: string[] = Array.from({ length: 8 }, (_, mask) =>
  SOURCE_NAMES.filter((_, i) => mask & (1 << i)).join("+") || "thesaurus",
);

export class ThesaurusFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ThesaurusFormatError";
  }
}

/**
 * Words with no content of their own: articles and demonstratives, pronouns, forms of be/have/do, modals, and
 * "of", "to", "and", "or", "not". The thesauri list them as synonyms of content words ("tin" → "can", "possess" →
 * "have", "accepted" → "had", "perform" → "do"), but a spinner swaps content words for content words: its
 * function-word swaps are the curated closed-class table's business, checked by examples. An original made only of
 * these words is not proposed from a general thesaurus (held out on the devset: 691 → 684 errors).
 */
const FUNCTION_ONLY: ReadonlySet<string> = new Set(
  (
    "a an the this that these those i me my mine we us our ours you your yours he him his she her hers it its they " +
    "them their theirs be am is are was were been being have has had having do does did can could may might must " +
    "shall should will would of to and or not"
  ).split(" "),
);

export function isFunctionPhrase(phrase: string): boolean {
  // Word by word without splitting: most originals fail on their first word, and a single word is looked up as is.
  for (let at = 0; ; ) {
    const space = phrase.indexOf(" ", at);
    const w = space < 0 ? (at === 0 ? phrase : phrase.slice(at)) : phrase.slice(at, space);
    if (!FUNCTION_ONLY.has(w)) return false;
    if (space < 0) return true;
    at = space + 1;
  }
}

/** Keys whose candidates the index keeps (the engine caches its own lists per key; this serves repeated lookups). */
export const THESAURUS_CACHE_KEYS = 4096;

export class ThesaurusIndex implements PhraseDictionary {
  readonly maxPhraseWords: number;
  readonly provenance: string;
  private readonly termOffset: Uint32Array;
  private readonly candStart: Uint32Array;
  private readonly cands: Uint32Array;
  private readonly pool: Uint8Array;
  private readonly terms: number;
  private readonly cache = new Map<string, readonly Candidate[] | null>();
  /** Where the candidate array starts in the bytes, and what brings a range of them in (null: all there). */
  private readonly candsAt: number;
  private readonly ensure: ((offset: number, length: number) => void) | null;
  /** Reads `count` candidate words starting at candidate `first` from the file (null: they are in the bytes). */
  private readonly readCandidates: ((first: number, count: number) => Uint32Array) | null;

  /**
   * @param readCandidates returns the bytes [offset, offset + length) of the file, 4-byte aligned, valid until the
   * next call (see above); without it a lookup reads its candidates through `bytes` after `ensure`.
   */
  constructor(
    bytes: Uint8Array,
    ensure?: (offset: number, length: number) => void,
    readCandidates?: (offset: number, length: number) => Uint8Array,
    /** Originals never proposed, unless the spun form holds such a word too (see never-propose.ts). */
    private readonly neverPropose?: NeverPropose,
  ) {
    ensure?.(0, Math.min(32, bytes.byteLength));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
    if (bytes.byteLength < 32 || magic !== MAGIC) throw new ThesaurusFormatError("not an unspin thesaurus index (bad magic)");
    const terms = view.getUint32(12, true);
    const candidates = view.getUint32(16, true);
    this.maxPhraseWords = view.getUint32(20, true);
    const poolBytes = view.getUint32(24, true);
    const provenanceBytes = view.getUint32(28, true);
    const need = 32 + 8 * (terms + 1) + 4 * candidates + ((poolBytes + 3) & ~3) + provenanceBytes;
    if (bytes.byteLength < need) throw new ThesaurusFormatError(`truncated thesaurus index (${bytes.byteLength} of ${need} bytes)`);
    // Typed arrays need 4-byte alignment: a Buffer from a small pool may not have it, so copy then (all of it read).
    if ((bytes.byteOffset & 3) !== 0) ensure?.(0, bytes.byteLength);
    const aligned = (bytes.byteOffset & 3) === 0 ? bytes : new Uint8Array(bytes);
    const tablesAt = 32 + 8 * (terms + 1);
    const poolAt = tablesAt + 4 * candidates;
    // The term tables and the pool (about 2 MB) serve every binary search; the candidates come in per key.
    ensure?.(32, 8 * (terms + 1));
    ensure?.(poolAt, ((poolBytes + 3) & ~3) + provenanceBytes);
    this.candsAt = tablesAt;
    this.ensure = (bytes.byteOffset & 3) !== 0 ? null : (ensure ?? null);
    this.readCandidates =
      this.ensure && readCandidates
        ? (first, count) => {
            const raw = readCandidates(tablesAt + 4 * first, 4 * count);
            return new Uint32Array(raw.buffer, raw.byteOffset, count);
          }
        : null;
    const u32 = (offset: number, length: number) => new Uint32Array(aligned.buffer, aligned.byteOffset + offset, length);
    let at = 32;
    this.termOffset = u32(at, terms + 1);
    at += 4 * (terms + 1);
    this.candStart = u32(at, terms + 1);
    at += 4 * (terms + 1);
    this.cands = u32(at, candidates);
    at += 4 * candidates;
    this.pool = aligned.subarray(at, at + poolBytes);
    at += (poolBytes + 3) & ~3;
    this.provenance = new TextDecoder().decode(aligned.subarray(at, at + provenanceBytes));
    this.terms = terms;
    this.termStrings = new Array<string | undefined>(terms);
  }
  /**
   * Terms made into strings so far, by id: one string per term however many keys list it (the same originals come
   * back for key after key, and the engine keeps their lists).
   */
  private readonly termStrings: (string | undefined)[];

  /**
   * A term as one flat string. (Built a character at a time, a string of more than 12 characters would be a chain of
   * "cons" pieces, 32 bytes per character, kept for as long as the candidate is.)
   */
  private term(id: number): string {
    let t = this.termStrings[id];
    if (t === undefined) {
      t = String.fromCharCode.apply(null, this.pool.subarray(this.termOffset[id]!, this.termOffset[id + 1]! - 1) as unknown as number[]);
      this.termStrings[id] = t;
    }
    return t;
  }

  /** The first term id whose term is not below `prefix` (code-unit order). */
  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.terms;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(prefix, mid) > 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether term id starts with `prefix`. */
  private startsWith(id: number, prefix: string): boolean {
    const start = this.termOffset[id]!;
    if (this.termOffset[id + 1]! - 1 - start < prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (this.pool[start + i] !== prefix.charCodeAt(i)) return false;
    return true;
  }

  /** Compare key with term id by code units (terms are ASCII). */
  private compare(key: string, id: number): number {
    const start = this.termOffset[id]!;
    const len = this.termOffset[id + 1]! - 1 - start;
    const n = Math.min(len, key.length);
    for (let i = 0; i < n; i++) {
      const d = key.charCodeAt(i) - this.pool[start + i]!;
      if (d !== 0) return d;
    }
    return key.length - len;
  }

  private find(key: string): number {
    let lo = 0;
    let hi = this.terms - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(key, mid);
      if (c === 0) return mid;
      if (c < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }

  lookup(spunKey: string): readonly Candidate[] | undefined {
    const cached = this.cache.get(spunKey);
    if (cached !== undefined) return cached ?? undefined;
    let result: readonly Candidate[] | null = null;
    const id = this.find(spunKey);
    if (id >= 0 && this.candStart[id + 1]! > this.candStart[id]!) {
      const first = this.candStart[id]!;
      const count = this.candStart[id + 1]! - first;
      let cands = this.cands;
      let at = first;
      if (this.readCandidates) {
        cands = this.readCandidates(first, count);
        at = 0;
      } else this.ensure?.(this.candsAt + 4 * first, 4 * count);
      const out: Candidate[] = [];
      // A spun form that is itself such a word is filtered by nothing: the text already holds that register.
      const never = this.neverPropose?.holds(spunKey) === false ? this.neverPropose : undefined;
      for (let i = at; i < at + count; i++) {
        const c = cands[i]!;
        const original = this.term(c & 0xfffff);
        if (original === spunKey || isFunctionPhrase(original) || never?.holds(original)) continue;
        out.push(new KeyedCandidate(original, "thesaurus", c >>> 23 === 0 ? 0 : -(c >>> 23) / 50, sourceNames[(c >>> 20) & 7]!, spunKey));
      }
      if (out.length) result = Object.freeze(out);
    }
    if (this.cache.size >= THESAURUS_CACHE_KEYS) this.cache.clear();
    this.cache.set(spunKey, result);
    return result ?? undefined;
  }

  /** Keys cached (for tests: the cache is bounded). */
  get cachedKeys(): number {
    return this.cache.size;
  }

  /**
   * Whether some multi-word key starts with this word: the terms that begin with it and a space are neighbours in
   * the sorted pool, so a binary search finds them (no set of all first words is built).
   */
  mayStartPhrase(firstWord: string): boolean {
    const prefix = `${firstWord} `;
    for (let id = this.lowerBound(prefix); id < this.terms && this.startsWith(id, prefix); id++) {
      if (this.candStart[id + 1]! > this.candStart[id]!) return true;
    }
    return false;
  }
}

/** One candidate of a key, for encoding: `sources` is a bit set (1 Moby, 2 MyThes, 4 WordNet). */
export interface IndexCandidate {
  original: string;
  /** log10 prior, ≤ 0 (stored to 1/50). */
  prior: number;
  sources: number;
}

const PRIOR_SCALE = 50;

/**
 * Encode an index in the layout above. Keys and originals must be ASCII; candidates are stored by prior,
 * descending (ties by original). Used by scripts/build-thesaurus.mjs and by the tests.
 */
export function encodeThesaurusIndex(keys: ReadonlyMap<string, readonly IndexCandidate[]>, provenance: string): Uint8Array {
  const termSet = new Set<string>();
  let maxWords = 1;
  for (const [key, list] of keys) {
    termSet.add(key);
    maxWords = Math.max(maxWords, key.split(" ").length);
    for (const c of list) termSet.add(c.original);
  }
  const terms = [...termSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const t of terms) if (!/^[\x20-\x7e]+$/.test(t)) throw new ThesaurusFormatError(`non-ASCII term ${JSON.stringify(t)}`);
  if (terms.length >= 1 << 20) throw new ThesaurusFormatError(`too many terms for 20-bit ids: ${terms.length}`);
  const id = new Map(terms.map((t, i) => [t, i]));
  const total = [...keys.values()].reduce((n, l) => n + l.length, 0);
  const termOffset = new Uint32Array(terms.length + 1);
  const candStart = new Uint32Array(terms.length + 1);
  const cands = new Uint32Array(total);
  let at = 0;
  let pool = 0;
  terms.forEach((t, i) => {
    termOffset[i] = pool;
    pool += t.length + 1;
    candStart[i] = at;
    const list = keys.get(t);
    if (!list) return;
    const sorted = [...list].sort((a, b) => b.prior - a.prior || (a.original < b.original ? -1 : 1));
    for (const c of sorted) {
      const q = Math.min(511, Math.max(0, Math.round(-c.prior * PRIOR_SCALE)));
      cands[at++] = (id.get(c.original)! | ((c.sources & 7) << 20) | (q << 23)) >>> 0;
    }
  });
  termOffset[terms.length] = pool;
  candStart[terms.length] = at;
  const prov = new TextEncoder().encode(provenance);
  const poolPadded = (pool + 3) & ~3;
  const out = new Uint8Array(32 + 8 * (terms.length + 1) + 4 * total + poolPadded + prov.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(12, terms.length, true);
  view.setUint32(16, total, true);
  view.setUint32(20, maxWords, true);
  view.setUint32(24, pool, true);
  view.setUint32(28, prov.length, true);
  let o = 32;
  for (const arr of [termOffset, candStart, cands]) {
    for (let i = 0; i < arr.length; i++, o += 4) view.setUint32(o, arr[i]!, true);
  }
  for (const t of terms) {
    for (let i = 0; i < t.length; i++) out[o++] = t.charCodeAt(i);
    out[o++] = 0;
  }
  o = 32 + 8 * (terms.length + 1) + 4 * total + poolPadded;
  out.set(prov, o);
  return out;
}
