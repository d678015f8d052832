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
 * Every stored log value is in base 1.0001; we convert to log10.
 *
 * The trie is reversed: the bigram entries under unigram w are the histories h1 of w
 * (sorted by id); the trigram entries under bigram (h1, w) are the histories h2.
 */

const MAGIC = "Trie Language Model";
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

export class TrieModel {
  readonly vocabSize: number;
  readonly bos: number;
  readonly eos: number;
  /** N-gram counts from the header: [unigrams, bigrams, trigrams]. */
  readonly counts: readonly [number, number, number];

  private readonly words: string[];
  private readonly index: Map<string, number>;
  private readonly uniProb: Float64Array;
  private readonly uniBo: Float64Array;
  private readonly uniNext: Uint32Array;
  private readonly biProbTable: Float64Array;
  private readonly biBoTable: Float64Array;
  private readonly triProbTable: Float64Array;
  private readonly bi: Uint8Array;
  private readonly tri: Uint8Array;
  private readonly wordBits: number;
  private readonly wordMask: number;
  private readonly biTotal: number;
  private readonly biNextBits: number;
  private readonly biNextMask: number;
  private readonly triTotal: number;

  private constructor(init: {
    counts: [number, number, number];
    words: string[];
    uniProb: Float64Array;
    uniBo: Float64Array;
    uniNext: Uint32Array;
    biProbTable: Float64Array;
    biBoTable: Float64Array;
    triProbTable: Float64Array;
    bi: Uint8Array;
    tri: Uint8Array;
    wordBits: number;
    biNextBits: number;
  }) {
    this.counts = init.counts;
    this.vocabSize = init.counts[0];
    this.words = init.words;
    this.uniProb = init.uniProb;
    this.uniBo = init.uniBo;
    this.uniNext = init.uniNext;
    this.biProbTable = init.biProbTable;
    this.biBoTable = init.biBoTable;
    this.triProbTable = init.triProbTable;
    this.bi = init.bi;
    this.tri = init.tri;
    this.wordBits = init.wordBits;
    this.wordMask = 2 ** init.wordBits - 1;
    this.biNextBits = init.biNextBits;
    this.biNextMask = 2 ** init.biNextBits - 1;
    this.biTotal = init.wordBits + 32 + init.biNextBits;
    this.triTotal = init.wordBits + 16;
    this.index = new Map();
    for (let i = 0; i < this.words.length; i++) {
      const w = this.words[i]!;
      if (!this.index.has(w)) this.index.set(w, i);
    }
    const bos = this.index.get("<s>");
    const eos = this.index.get("</s>");
    if (bos === undefined || eos === undefined) {
      throw new Error("Trie language model: vocabulary lacks <s> or </s>");
    }
    this.bos = bos;
    this.eos = eos;
  }

  /** Parses a model from its bytes. Throws a descriptive Error when the bytes are not a valid trigram trie model. */
  static fromBuffer(buf: Uint8Array): TrieModel {
    const fail = (msg: string): never => {
      throw new Error(`Not a valid trigram "Trie Language Model" file: ${msg}`);
    };
    const need = (end: number, what: string): void => {
      if (end > buf.length) {
        fail(`truncated (${buf.length} bytes; ${what} needs ${end})`);
      }
    };
    need(MAGIC.length + 1, "header");
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

    // Codebooks.
    const readTable = (at: number): Float64Array => {
      const t = new Float64Array(CODEBOOK);
      for (let i = 0; i < CODEBOOK; i++) t[i] = dv.getFloat32(at + 4 * i, true) * LOG_SCALE;
      return t;
    };
    need(off + 3 * CODEBOOK * 4, "codebooks");
    const biProbTable = readTable(off);
    const biBoTable = readTable(off + CODEBOOK * 4);
    const triProbTable = readTable(off + 2 * CODEBOOK * 4);
    off += 3 * CODEBOOK * 4;

    // Unigrams (with sentinel).
    need(off + (nUni + 1) * 12, "unigrams");
    const uniProb = new Float64Array(nUni);
    const uniBo = new Float64Array(nUni);
    const uniNext = new Uint32Array(nUni + 1);
    for (let i = 0; i <= nUni; i++) {
      const at = off + 12 * i;
      if (i < nUni) {
        uniProb[i] = dv.getFloat32(at, true) * LOG_SCALE;
        uniBo[i] = dv.getFloat32(at + 4, true) * LOG_SCALE;
      }
      uniNext[i] = dv.getUint32(at + 8, true);
    }
    off += (nUni + 1) * 12;
    if (uniNext[nUni]! > nBi) fail(`unigram table points past the bigram count (${uniNext[nUni]} vs ${nBi})`);

    const wordBits = requiredBits(nUni);
    const biNextBits = requiredBits(nTri);
    const biTotal = wordBits + 32 + biNextBits;
    const triTotal = wordBits + 16;
    if ((nBi + 1) * biTotal >= 2 ** 32 || (nTri + 1) * triTotal >= 2 ** 32) fail("model too large for this reader");
    const biBytes = packedBytes(nBi, biTotal);
    const triBytes = packedBytes(nTri, triTotal);
    need(off + biBytes, "bigram array");
    const bi = buf.subarray(off, off + biBytes);
    off += biBytes;
    need(off + triBytes, "trigram array");
    const tri = buf.subarray(off, off + triBytes);
    off += triBytes;

    // Vocabulary.
    need(off + 4, "vocabulary size");
    const k = dv.getInt32(off, true);
    off += 4;
    if (k < 0) fail("negative vocabulary size");
    need(off + k, "vocabulary");
    const text = new TextDecoder("utf-8").decode(buf.subarray(off, off + k));
    const words = text.split("\0");
    if (words.length > 0 && words[words.length - 1] === "") words.pop();
    if (words.length !== nUni) fail(`vocabulary has ${words.length} words, header says ${nUni}`);

    return new TrieModel({
      counts,
      words,
      uniProb,
      uniBo,
      uniNext,
      biProbTable,
      biBoTable,
      triProbTable,
      bi,
      tri,
      wordBits,
      biNextBits,
    });
  }

  /** Id of a word, or -1 when it is not in the vocabulary. */
  id(word: string): number {
    const i = this.index.get(word);
    return i === undefined ? -1 : i;
  }

  /** Word of an id. Throws on an out-of-range id. */
  word(id: number): string {
    const w = this.words[id];
    if (w === undefined) throw new RangeError(`word id ${id} out of range [0, ${this.vocabSize})`);
    return w;
  }

  /** Whether a word is in the vocabulary. */
  has(word: string): boolean {
    return this.index.has(word);
  }

  /** All words in id order (a copy). */
  vocabulary(): string[] {
    return this.words.slice();
  }

  /** log10 P(w) as a unigram. */
  unigramLogProb(w: number): number {
    return this.uniProb[w]!;
  }

  /** Unigram backoff weight (log10) of a word used as history. */
  unigramBackoff(w: number): number {
    return this.uniBo[w]!;
  }

  /**
   * log10 P(w | h2 h1) with standard ARPA backoff. h1 is the previous word, h2 the one
   * before it; either may be -1 when absent (h1 = -1 means no history at all).
   */
  logProb(w: number, h1: number, h2: number): number {
    if (h1 < 0) return this.uniProb[w]!;
    const b = this.findBigram(w, h1);
    if (b >= 0) {
      const base = b * this.biTotal + this.wordBits;
      const p2 = this.biProbTable[this.read(this.bi, base + 16, 0xffff)]!;
      if (h2 < 0) return p2;
      const lo = this.read(this.bi, base + 32, this.biNextMask);
      const hi = this.read(this.bi, base + this.biTotal + 32, this.biNextMask);
      const t = this.search(this.tri, this.triTotal, lo, hi, h2);
      if (t >= 0) return this.triProbTable[this.read(this.tri, t * this.triTotal + this.wordBits, 0xffff)]!;
      return p2 + this.pairBackoff(h1, h2);
    }
    return this.uniProb[w]! + this.uniBo[h1]! + (h2 < 0 ? 0 : this.pairBackoff(h1, h2));
  }

  /** Backoff weight (log10) of the history pair (h2, h1); 0 when that bigram is not stored. */
  pairBackoff(h1: number, h2: number): number {
    const b2 = this.findBigram(h1, h2);
    return b2 < 0 ? 0 : this.biBoTable[this.read(this.bi, b2 * this.biTotal + this.wordBits, 0xffff)]!;
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
    const lo = this.read(this.bi, base + 32, this.biNextMask);
    const hi = this.read(this.bi, base + this.biTotal + 32, this.biNextMask);
    return this.search(this.tri, this.triTotal, lo, hi, h2) >= 0 ? 3 : 2;
  }

  /** Index of the bigram entry (history h1, word w), or -1. */
  private findBigram(w: number, h1: number): number {
    return this.search(this.bi, this.biTotal, this.uniNext[w]!, this.uniNext[w + 1]!, h1);
  }

  /** Binary search on the word field of entries [lo, hi) of a packed array. */
  private search(arr: Uint8Array, total: number, lo: number, hi: number, key: number): number {
    const mask = this.wordMask;
    let l = lo;
    let h = hi - 1;
    while (l <= h) {
      const m = (l + h) >>> 1;
      const v = this.read(arr, m * total, mask);
      if (v === key) return m;
      if (v < key) l = m + 1;
      else h = m - 1;
    }
    return -1;
  }

  /** Reads a field of at most 25 bits at bit offset `bit`. */
  private read(arr: Uint8Array, bit: number, mask: number): number {
    const p = bit >>> 3;
    const v = (arr[p]! | (arr[p + 1]! << 8) | (arr[p + 2]! << 16) | (arr[p + 3]! << 24)) >>> (bit & 7);
    return v & mask;
  }
}
