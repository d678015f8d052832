/**
 * Reader of the sphinxbase "Trie Language Model" binary format (the `.lm.bin` of
 * pocketsphinx-en-us), straight from the bytes. No native code, no I/O.
 *
 * Layout (little-endian), see dictionaries/lm/README.md:
 *  - 19 bytes "Trie Language Model", uint8 order, order × uint32 n-gram counts;
 *  - int32 quantisation type, then padding to a multiple of 4;
 *  - codebooks of 65,536 float32 each: bigram prob, bigram backoff, trigram prob;
 *  - (V+1) unigram records {float32 prob, float32 backoff, uint32 next};
 *  - bit-packed bigram array {word, backoff code, prob code, next}, (bigrams+1) entries;
 *  - bit-packed trigram array {word, prob code}, (trigrams+1) entries;
 *  - int32 k, then k bytes of NUL-terminated words in id order.
 * Every stored log value is in base 1.0001; we convert to log10 when a value is read.
 *
 * The trie is reversed: the bigram entries under unigram w are the histories h1 of w
 * (sorted by id); the trigram entries under bigram (h1, w) are the histories h2.
 *
 * Nothing is converted or copied at load: the codebooks and unigram records are typed-array views over the
 * bytes, the packed arrays are read where a lookup lands, and words are found through a compact open-addressing
 * hash over the raw vocabulary bytes (offsets and ids in two Int32/Uint32 arrays, no string per word).
 * Bytes can also arrive piece by piece: see {@link ModelBytes}.
 */

import { BucketMemo } from "./bucket-memo.js";

const MAGIC = "Trie Language Model";
/** Bigram searches remembered (TrieModel.findBigram): 2^14 buckets of four (1 MB). */
const BI_MEMO_BUCKET_BITS = 14;
const CODEBOOK = 1 << 16;
/** log10(1.0001): converts the file's log base 1.0001 to log10. */
const LOG_SCALE = Math.log10(1.0001);

function requiredBits(maxValue: number): number {
  let bits = 0;
  let v = maxValue;
  while (v > 0) {
    bits++;
    v = Math.floor(v / 2);
  }
  return bits;
}

/** Size in bytes of a packed array as sphinxbase writes it. */
function packedBytes(entries: number, totalBits: number): number {
  return Math.floor(((1 + entries) * totalBits + 7) / 8) + 8;
}

/**
 * Bytes of a model that may not all be in memory yet. `bytes` has the file's full length; before reading any byte
 * of [offset, offset + length), a reader calls `ensure(offset, length)`, which fills that range if it is not there.
 * The header, codebooks and unigram records are ensured at load; the packed bigram and trigram arrays and the words
 * in {@link PAGE}-sized pages as lookups reach them: a line of text reads a few dozen pages of the other 24 MB.
 */
export interface ModelBytes {
  bytes: Uint8Array;
  ensure(offset: number, length: number): void;
}

/**
 * Page of a lazily filled model brought in at a time (bytes). Lookups land far apart, so small pages: `echo line |
 * unspin` read 3.2 MB of the file in 19 reads with 64 KB pages, 2.3 MB in 35 with 4 KB pages, 1.8 MB once the words
 * too were read as reached rather than at load (1.6 MB of it the codebooks and unigram records).
 */
export const PAGE_BITS = 12;
export const PAGE = 1 << PAGE_BITS;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A Float32Array over bytes[at, at + 4n): a view when aligned on a little-endian machine, else a copy. */
function float32s(buf: Uint8Array, at: number, n: number): Float32Array {
  if (LITTLE_ENDIAN && (buf.byteOffset + at) % 4 === 0) return new Float32Array(buf.buffer, buf.byteOffset + at, n);
  const dv = new DataView(buf.buffer, buf.byteOffset + at, 4 * n);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}

/** A Uint32Array over bytes[at, at + 4n), like {@link float32s}. */
function uint32s(buf: Uint8Array, at: number, n: number): Uint32Array {
  if (LITTLE_ENDIAN && (buf.byteOffset + at) % 4 === 0) return new Uint32Array(buf.buffer, buf.byteOffset + at, n);
  const dv = new DataView(buf.buffer, buf.byteOffset + at, 4 * n);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getUint32(4 * i, true);
  return out;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over UTF-16 code units (= bytes for ASCII words). */
function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

interface VocabularyIndex {
  /** Words found (the caller checks it against the header). */
  words: number;
  /** Where each word starts, and one past the last word's NUL at [words]. */
  starts: Uint32Array;
  /** Open addressing, linear probing, at most a quarter full: id + 1, 0 = empty. */
  slots: Int32Array;
  nonAscii: Map<number, string>;
  /** See PrecomputedVocabulary.ensure: starts and slots filled lazily. */
  ensure?: (offset: number, length: number) => void;
}

/**
 * One pass over the NUL-terminated words: their offsets, and each word's id in a hash table keyed by FNV-1a of
 * its bytes. Runs once per load, before the code is optimised, so it is a single flat loop over local variables.
 * A word listed twice keeps its first id, as a Map would: with linear probing and no deletions, a lookup meets
 * the earlier entry first.
 */
function indexVocabulary(vocab: Uint8Array, expected: number): VocabularyIndex {
  const k = vocab.length;
  let size = 1;
  while (size < 4 * expected) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const starts = new Uint32Array(expected + 1);
  const nonAscii = new Map<number, string>();
  let words = 0;
  let start = 0;
  let h = FNV_OFFSET;
  let high = 0;
  for (let i = 0; i <= k; i++) {
    const b = i < k ? vocab[i]! : 0;
    if (b !== 0) {
      h = Math.imul(h ^ b, FNV_PRIME);
      high |= b;
      continue;
    }
    if (i === k && start === k) break; // the bytes ended with a NUL: no last word without one
    if (words < expected) {
      starts[words] = start;
      starts[words + 1] = i + 1;
      if (high >= 0x80) {
        const word = new TextDecoder("utf-8").decode(vocab.subarray(start, i));
        nonAscii.set(words, word);
        h = hashString(word);
      }
      let slot = (h >>> 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = words + 1;
    }
    words++;
    start = i + 1;
    h = FNV_OFFSET;
    high = 0;
  }
  return { words, starts, slots, nonAscii };
}

/**
 * The vocabulary hash of {@link indexVocabulary} computed ahead of time (TrieModel.vocabularyIndex(), stored by the
 * build): a model given it skips the pass over its words. It is used only when it fits the model's vocabulary
 * (sizes, and a sample of words found at their ids), so a stale one costs the pass, never a wrong id.
 */
export interface PrecomputedVocabulary {
  starts: Uint32Array;
  slots: Int32Array;
  /**
   * When the arrays are filled lazily (views over one buffer, like {@link ModelBytes}): brings in bytes
   * [offset, offset + length) of that buffer before they are read (offsets as the views' byteOffset counts them).
   */
  ensure?: (offset: number, length: number) => void;
}

function precomputedIndex(vocab: Uint8Array, expected: number, pre: PrecomputedVocabulary, ensure: (at: number, length: number) => void): VocabularyIndex | null {
  const { starts, slots } = pre;
  const size = slots.length;
  if (starts.length !== expected + 1 || size < 2 * expected || (size & (size - 1)) !== 0) return null;
  const own = pre.ensure;
  const start = own ? (id: number) => (own(starts.byteOffset + 4 * id, 4), starts[id]!) : (id: number) => starts[id]!;
  const slot = own ? (k: number) => (own(slots.byteOffset + 4 * k, 4), slots[k]!) : (k: number) => slots[k]!;
  const last = start(expected);
  if (last !== vocab.length && last !== vocab.length + 1) return null;
  const mask = size - 1;
  // Every 4096th word and the last must be where the index says, NUL-terminated, and found at its id (a sample: the
  // words are read from a lazily filled model as they are reached, and an index made for another model fails at once).
  for (let id = 0; ; id += 4096) {
    if (id >= expected) id = expected - 1;
    const a = start(id);
    const b = start(id + 1) - 1;
    if (b < a || b > vocab.length) return null;
    ensure(a, Math.min(b + 1, vocab.length) - a);
    if (b < vocab.length && vocab[b] !== 0) return null;
    let h = FNV_OFFSET;
    for (let i = a; i < b; i++) {
      if (vocab[i]! >= 0x80 || vocab[i] === 0) return null;
      h = Math.imul(h ^ vocab[i]!, FNV_PRIME);
    }
    let k = (h >>> 0) & mask;
    while (slot(k) !== 0 && slot(k) !== id + 1) k = (k + 1) & mask;
    if (slot(k) !== id + 1) return null;
    if (id === expected - 1) break;
  }
  return { words: expected, starts, slots, nonAscii: new Map(), ...(own ? { ensure: own } : {}) };
}

export class TrieModel {
  readonly vocabSize: number;
  readonly bos: number;
  readonly eos: number;
  /** N-gram counts from the header: [unigrams, bigrams, trigrams]. */
  readonly counts: readonly [number, number, number];

  /** Codebooks, float32 in log base 1.0001: [0, 65536) bigram prob, then bigram backoff, then trigram prob. */
  private readonly codebooks: Float32Array;
  /** Unigram records, 3 per word: prob, backoff (float32, log base 1.0001), and (as uint32 in uniNext) next. */
  private readonly uni: Float32Array;
  private readonly uniNext: Uint32Array;
  private readonly bi: Uint8Array;
  private readonly tri: Uint8Array;
  private readonly wordBits: number;
  private readonly wordMask: number;
  private readonly biTotal: number;
  private readonly biNextMask: number;
  private readonly triTotal: number;
  /** Vocabulary bytes (NUL-terminated words) and where each word starts; wordStart[V] is the end. */
  private readonly vocab: Uint8Array;
  private readonly wordStart: Uint32Array;
  /** Words with a byte ≥ 0x80, decoded (none in the bundled model); others compare byte for code unit. */
  private readonly nonAscii: Map<number, string>;
  /** See {@link indexVocabulary}. */
  private readonly slots: Int32Array;
  private readonly slotMask: number;
  /** Brings in bytes of a lazily filled precomputed index (wordStart and slots), or null when they are all in memory. */
  private readonly indexEnsure: ((offset: number, length: number) => void) | null;
  /** Per PAGE of the index's buffer, 1 once brought in (checked here, so that a lookup calls out only for a new page). */
  private readonly indexPages: Uint8Array | null;
  /** Lazily filled bytes: per page of the whole buffer, 1 once it is in memory; null when all bytes are. */
  private readonly pages: Uint8Array | null;
  private readonly source: ModelBytes | null;
  private readonly biAt: number;
  private readonly triAt: number;
  /** Where the words start in the buffer (for the page checks of a lazy model). */
  private readonly vocabAt: number;
  private readonly size: number;

  /** Parses a model from its bytes. Throws a descriptive Error when the bytes are not a valid trigram trie model. */
  static fromBuffer(buf: Uint8Array): TrieModel {
    return new TrieModel(buf, null);
  }

  /**
   * A model over bytes that are filled on demand (see {@link ModelBytes}): only the parts a lookup reaches are ever
   * read. Validation is the same as {@link fromBuffer}.
   */
  static fromLazyBytes(source: ModelBytes, vocabulary?: PrecomputedVocabulary): TrieModel {
    return new TrieModel(source.bytes, source, vocabulary);
  }

  private constructor(buf: Uint8Array, source: ModelBytes | null, vocabulary?: PrecomputedVocabulary) {
    const fail = (msg: string): never => {
      throw new Error(`Not a valid trigram "Trie Language Model" file: ${msg}`);
    };
    const need = (end: number, what: string): void => {
      if (end > buf.length) {
        fail(`truncated (${buf.length} bytes; ${what} needs ${end})`);
      }
    };
    const ensure = (at: number, length: number): void => source?.ensure(at, length);
    need(MAGIC.length + 1, "header");
    ensure(0, Math.min(buf.length, MAGIC.length + 1 + 16 + 3));
    for (let i = 0; i < MAGIC.length; i++) {
      if (buf[i] !== MAGIC.charCodeAt(i)) fail(`bad magic (expected "${MAGIC}")`);
    }
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let off = MAGIC.length;
    const order = buf[off]!;
    off += 1;
    if (order !== 3) fail(`order is ${order}, only trigram models (order 3) are supported`);
    need(off + 12 + 4, "header counts");
    const counts: [number, number, number] = [
      dv.getUint32(off, true),
      dv.getUint32(off + 4, true),
      dv.getUint32(off + 8, true),
    ];
    off += 12;
    const [nUni, nBi, nTri] = counts;
    if (nUni < 2 || nBi < 1 || nTri < 1) fail(`implausible n-gram counts ${counts.join("/")}`);
    off += 4; // quantisation type
    off = (off + 3) & ~3;
    this.counts = counts;
    this.vocabSize = nUni;

    // Codebooks.
    need(off + 3 * CODEBOOK * 4, "codebooks");
    // Read at load (1.6 MB with the unigram records): checking a page at each read of them costs every lookup more
    // (logProb about a fifth slower) than reading them costs a start.
    ensure(off, 3 * CODEBOOK * 4);
    this.codebooks = float32s(buf, off, 3 * CODEBOOK);
    off += 3 * CODEBOOK * 4;

    // Unigrams (with sentinel).
    need(off + (nUni + 1) * 12, "unigrams");
    ensure(off, (nUni + 1) * 12);
    this.uni = float32s(buf, off, 3 * (nUni + 1));
    this.uniNext = uint32s(buf, off, 3 * (nUni + 1));
    off += (nUni + 1) * 12;
    const sentinel = this.uniNext[3 * nUni + 2]!;
    if (sentinel > nBi) fail(`unigram table points past the bigram count (${sentinel} vs ${nBi})`);

    const wordBits = requiredBits(nUni);
    const biNextBits = requiredBits(nTri);
    const biTotal = wordBits + 32 + biNextBits;
    const triTotal = wordBits + 16;
    if ((nBi + 1) * biTotal >= 2 ** 32 || (nTri + 1) * triTotal >= 2 ** 32) fail("model too large for this reader");
    this.wordBits = wordBits;
    this.wordMask = 2 ** wordBits - 1;
    this.biNextMask = 2 ** biNextBits - 1;
    this.biTotal = biTotal;
    this.triTotal = triTotal;
    const biBytes = packedBytes(nBi, biTotal);
    const triBytes = packedBytes(nTri, triTotal);
    need(off + biBytes, "bigram array");
    this.biAt = off;
    this.bi = buf.subarray(off, off + biBytes);
    off += biBytes;
    need(off + triBytes, "trigram array");
    this.triAt = off;
    this.tri = buf.subarray(off, off + triBytes);
    off += triBytes;

    this.source = source;
    this.size = buf.length;
    this.pages = source ? new Uint8Array(Math.ceil(buf.length / PAGE)) : null;

    // Vocabulary: k bytes of NUL-terminated words (a last word may lack its NUL).
    need(off + 4, "vocabulary size");
    ensure(off, 4);
    const k = dv.getInt32(off, true);
    off += 4;
    if (k < 0) fail("negative vocabulary size");
    need(off + k, "vocabulary");
    this.vocabAt = off;
    const vocab = buf.subarray(off, off + k);
    let index = vocabulary && precomputedIndex(vocab, nUni, vocabulary, (at, length) => ensure(this.vocabAt + at, length));
    if (!index) {
      ensure(off, k); // indexed here: every word is read
      index = indexVocabulary(vocab, nUni);
    }
    if (index.words !== nUni) fail(`vocabulary has ${index.words} words, header says ${nUni}`);
    this.vocab = vocab;
    this.wordStart = index.starts;
    this.nonAscii = index.nonAscii;
    this.slots = index.slots;
    this.slotMask = index.slots.length - 1;
    this.indexEnsure = index.ensure ?? null;
    this.indexPages = index.ensure ? new Uint8Array(Math.ceil((index.slots.byteOffset + index.slots.byteLength) / PAGE) + 1) : null;

    const bos = this.id("<s>");
    const eos = this.id("</s>");
    if (bos < 0 || eos < 0) throw new Error("Trie language model: vocabulary lacks <s> or </s>");
    this.bos = bos;
    this.eos = eos;
  }

  /** Bytes of a word: the next word starts one past this one's NUL (a last word without NUL ends the bytes). */
  private wordLength(id: number): number {
    if (this.indexPages !== null) this.ensureIndex(this.wordStart.byteOffset + 4 * id, 8);
    return this.wordStart[id + 1]! - this.wordStart[id]! - 1;
  }

  /** Id of a word, or -1 when it is not in the vocabulary. */
  id(word: string): number {
    const n = word.length;
    const h = hashString(word);
    const vocab = this.vocab;
    for (let slot = h & this.slotMask; ; slot = (slot + 1) & this.slotMask) {
      if (this.indexPages !== null) this.ensureIndex(this.slots.byteOffset + 4 * slot, 4);
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const id = entry - 1;
      if (this.nonAscii.size > 0 && this.nonAscii.has(id)) {
        if (this.nonAscii.get(id) === word) return id;
        continue;
      }
      if (this.wordLength(id) !== n) continue;
      const p = this.wordStart[id]!;
      if (this.pages !== null) this.ensureRange(this.vocabAt + p, n);
      let i = 0;
      while (i < n && vocab[p + i] === word.charCodeAt(i)) i++;
      if (i === n) return id;
    }
  }

  /** Word of an id. Throws on an out-of-range id. */
  word(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) throw new RangeError(`word id ${id} out of range [0, ${this.vocabSize})`);
    const decoded = this.nonAscii.get(id);
    if (decoded !== undefined) return decoded;
    const n = this.wordLength(id);
    const p = this.wordStart[id]!;
    if (this.pages !== null && n > 0) this.ensureRange(this.vocabAt + p, n);
    return String.fromCharCode(...this.vocab.subarray(p, p + n));
  }

  /** The vocabulary hash, for storing ahead of time (see {@link PrecomputedVocabulary}); null when some word is not ASCII. */
  vocabularyIndex(): PrecomputedVocabulary | null {
    if (this.nonAscii.size > 0) return null;
    // Stored whole: a lazily filled index is brought in first.
    if (this.indexEnsure !== null) {
      this.indexEnsure(this.wordStart.byteOffset, this.wordStart.byteLength);
      this.indexEnsure(this.slots.byteOffset, this.slots.byteLength);
    }
    return { starts: this.wordStart, slots: this.slots };
  }

  /** Whether a word is in the vocabulary. */
  has(word: string): boolean {
    return this.id(word) >= 0;
  }

  /** All words in id order (a copy). */
  vocabulary(): string[] {
    const out = new Array<string>(this.vocabSize);
    for (let i = 0; i < this.vocabSize; i++) out[i] = this.word(i);
    return out;
  }

  /** log10 P(w) as a unigram. */
  unigramLogProb(w: number): number {
    return this.uni[3 * w]! * LOG_SCALE;
  }

  /** Unigram backoff weight (log10) of a word used as history. */
  unigramBackoff(w: number): number {
    return this.uni[3 * w + 1]! * LOG_SCALE;
  }

  /**
   * log10 P(w | h2 h1) with standard ARPA backoff. h1 is the previous word, h2 the one
   * before it; either may be -1 when absent (h1 = -1 means no history at all).
   */
  logProb(w: number, h1: number, h2: number): number {
    if (h1 < 0) return this.uni[3 * w]! * LOG_SCALE;
    const b = this.findBigram(w, h1);
    if (b >= 0) {
      const base = b * this.biTotal + this.wordBits;
      const p2 = this.codebooks[this.readBi(base + 16, 0xffff)]! * LOG_SCALE;
      if (h2 < 0) return p2;
      const lo = this.readBi(base + 32, this.biNextMask);
      const hi = this.readBi(base + this.biTotal + 32, this.biNextMask);
      const t = this.searchTri(lo, hi, h2);
      if (t >= 0) return this.codebooks[2 * CODEBOOK + this.readTri(t * this.triTotal + this.wordBits, 0xffff)]! * LOG_SCALE;
      return p2 + this.pairBackoff(h1, h2);
    }
    return this.uni[3 * w]! * LOG_SCALE + this.uni[3 * h1 + 1]! * LOG_SCALE + (h2 < 0 ? 0 : this.pairBackoff(h1, h2));
  }

  /** Backoff weight (log10) of the history pair (h2, h1); 0 when that bigram is not stored. */
  pairBackoff(h1: number, h2: number): number {
    const b2 = this.findBigram(h1, h2);
    return b2 < 0 ? 0 : this.codebooks[CODEBOOK + this.readBi(b2 * this.biTotal + this.wordBits, 0xffff)]! * LOG_SCALE;
  }

  /**
   * Order of the longest n-gram stored for (h2, h1, w): 3 when the trigram exists, 2 when
   * only the bigram (h1, w) does, 1 otherwise (logProb then backs off to the unigram).
   */
  ngramOrder(w: number, h1: number, h2: number): 1 | 2 | 3 {
    if (h1 < 0) return 1;
    const b = this.findBigram(w, h1);
    if (b < 0) return 1;
    if (h2 < 0) return 2;
    const base = b * this.biTotal + this.wordBits;
    const lo = this.readBi(base + 32, this.biNextMask);
    const hi = this.readBi(base + this.biTotal + 32, this.biNextMask);
    return this.searchTri(lo, hi, h2) >= 0 ? 3 : 2;
  }

  /**
   * Index of the bigram entry (history h1, word w), or -1. Remembered in a small table of four-way buckets (key and
   * answer side by side, one cache line): the same pair is searched for again and again (a word's probability after
   * h1, then the backoff of the pair (h1, w) as a history), and each search is a dozen reads spread over the packed
   * array. A full bucket gives up its slots in turn.
   */
  private findBigram(w: number, h1: number): number {
    // w and h1 are below 2^25 (the word field): the key is exact, and never 0 (h1 + 1 >= 1).
    const key = w * 33554432 + h1 + 1;
    const bucket = (Math.imul(w, 0x9e3779b1) ^ Math.imul(h1 + 1, 0x85ebca6b)) >>> (32 - BI_MEMO_BUCKET_BITS);
    const known = this.biMemo.get(bucket, key);
    if (known === known) return known; // not NaN: remembered
    const b = this.searchBigram(w, h1);
    this.biMemo.set(bucket, key, b);
    return b;
  }

  private readonly biMemo = new BucketMemo(BI_MEMO_BUCKET_BITS);

  private searchBigram(w: number, h1: number): number {
    const mask = this.wordMask;
    const total = this.biTotal;
    let l = this.uniNext[3 * w + 2]!;
    let h = this.uniNext[3 * w + 5]! - 1;
    while (l <= h) {
      const m = (l + h) >>> 1;
      const v = this.readBi(m * total, mask);
      if (v === h1) return m;
      if (v < h1) l = m + 1;
      else h = m - 1;
    }
    return -1;
  }

  /** Binary search on the word field of trigram entries [lo, hi). */
  private searchTri(lo: number, hi: number, key: number): number {
    const mask = this.wordMask;
    const total = this.triTotal;
    let l = lo;
    let h = hi - 1;
    while (l <= h) {
      const m = (l + h) >>> 1;
      const v = this.readTri(m * total, mask);
      if (v === key) return m;
      if (v < key) l = m + 1;
      else h = m - 1;
    }
    return -1;
  }

  /** Reads a field of at most 25 bits at bit offset `bit` of the bigram array. */
  private readBi(bit: number, mask: number): number {
    const p = bit >>> 3;
    if (this.pages !== null) this.ensurePage(this.biAt + p);
    const a = this.bi;
    return ((a[p]! | (a[p + 1]! << 8) | (a[p + 2]! << 16) | (a[p + 3]! << 24)) >>> (bit & 7)) & mask;
  }

  /** Reads a field of at most 25 bits at bit offset `bit` of the trigram array. */
  private readTri(bit: number, mask: number): number {
    const p = bit >>> 3;
    if (this.pages !== null) this.ensurePage(this.triAt + p);
    const a = this.tri;
    return ((a[p]! | (a[p + 1]! << 8) | (a[p + 2]! << 16) | (a[p + 3]! << 24)) >>> (bit & 7)) & mask;
  }

  /** Brings in bytes [at, at + length) of a lazily filled index (length ≤ PAGE). */
  private ensureIndex(at: number, length: number): void {
    const pages = this.indexPages!;
    const first = at >>> PAGE_BITS;
    const last = (at + length - 1) >>> PAGE_BITS;
    if (pages[first] === 1 && pages[last] === 1) return;
    this.indexEnsure!(first * PAGE, (last - first + 1) * PAGE);
    pages[first] = 1;
    pages[last] = 1;
  }

  /** Brings in the pages holding bytes [at, at + length) of the whole buffer (length ≥ 1). */
  private ensureRange(at: number, length: number): void {
    const pages = this.pages!;
    const last = (at + length - 1) >>> PAGE_BITS;
    for (let page = at >>> PAGE_BITS; page <= last; page++) if (pages[page] !== 1) this.ensurePage(page * PAGE);
  }

  /** Brings in the page(s) holding the 4 bytes at `at` of the whole buffer. */
  private ensurePage(at: number): void {
    const pages = this.pages!;
    const first = at >>> PAGE_BITS;
    const last = (at + 3) >>> PAGE_BITS;
    if (pages[first] === 1 && pages[last] === 1) return;
    for (let page = first; page <= last; page++) {
      if (pages[page] === 1) continue;
      const start = page * PAGE;
      this.source!.ensure(start, Math.min(PAGE, this.size - start));
      pages[page] = 1;
    }
  }
}
