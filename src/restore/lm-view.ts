/**
 * The language model as the decider sees it: surface tokens in, model ids out (normalised and cached),
 * and log10 probabilities of id ranges.
 */
import { BucketMemo } from "../lm/bucket-memo.js";
import type { Scorer } from "../lm/scorer.js";
import { lmWords } from "../lm/normalize.js";
import { tokenTexts, wordTable } from "../text/tokenize.js";

/** LmView.wordOne() for a word with no model id or several (read them with wordIds()). */
export const MANY = -2;
const UNKNOWN = -3;

/** Trigram memo: 2^16 buckets of four (key, value) pairs (4 MB). */
const MEMO_BUCKET_BITS = 16;
/** Range memo: 2^16 buckets of two slots (4 MB), each a range of up to RANGE_IDS - 2 ids with its history. */
const RANGE_BUCKET_BITS = 16;
const RANGE_IDS = 9;
/** Codes of ids in a range key (id + 2) stay below this: 17 bits, three to a double. */
const CODE_BASE = 1 << 17;

/**
 * Id sequences (a token's or a phrase's model ids) kept in one growing Int32Array and known by a handle,
 * start × 256 + length: a cache of tens of thousands of phrases holds numbers, not an array object per phrase.
 */
export class IdPool {
  private ids = new Int32Array(4096);
  private used = 0;

  /** Stores `ids` (fewer than 256) and gives their handle. */
  add(ids: readonly number[]): number {
    if (this.used + ids.length > this.ids.length) {
      const grown = new Int32Array(Math.max(2 * this.ids.length, this.used + ids.length));
      grown.set(this.ids.subarray(0, this.used));
      this.ids = grown;
    }
    const start = this.used;
    for (let i = 0; i < ids.length; i++) this.ids[this.used++] = ids[i]!;
    return start * 256 + ids.length;
  }

  /** The ids of a handle, as a new array. */
  get(handle: number): number[] {
    const length = handle % 256;
    const start = (handle - length) / 256;
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.ids[start + i]!;
    return out;
  }

  clear(): void {
    this.ids = new Int32Array(4096);
    this.used = 0;
  }
}

/** Sequences this long or longer are not pooled (a handle keeps the length in 8 bits). */
const POOLED_BELOW = 256;

/** Cached id sequences by text, pooled (IdPool); the whole cache starts afresh above `limit` entries. */
class IdCache {
  private readonly map = new Map<string, number | readonly number[]>();
  private readonly pool = new IdPool();

  constructor(private readonly limit: number) {}

  /** The ids cached for `text` as a new array, or undefined. */
  get(text: string): number[] | undefined {
    const known = this.map.get(text);
    if (known === undefined) return undefined;
    return typeof known === "number" ? this.pool.get(known) : known.slice();
  }

  set(text: string, ids: readonly number[]): void {
    if (this.map.size > this.limit) {
      this.map.clear();
      this.pool.clear();
    }
    this.map.set(text, ids.length < POOLED_BELOW ? this.pool.add(ids) : ids.slice());
  }
}

export class LmView {
  readonly bos: number;
  readonly eos: number;
  /** Token → model ids. */
  private readonly cache = new IdCache(200_000);
  private readonly inVocab: (w: string) => boolean;
  // Ids (and -1) shifted by one fit in base V+1; three digits of it stay below 2^53.
  private readonly base: number;

  constructor(readonly scorer: Scorer) {
    const model = scorer.model;
    this.base = model.vocabSize + 1;
    this.bos = model.bos;
    this.eos = model.eos;
    // Hyphenated words are scored split ("well known"): the model saw them that way far more often.
    this.inVocab = (w: string) => !w.includes("-") && model.id(w) >= 0;
    this.rangeMemo = model.vocabSize + 2 <= CODE_BASE ? new Float64Array(8 << RANGE_BUCKET_BITS) : null;
  }

  /** Model ids of one surface token (a number may become several words; punctuation none); a new array. */
  tokenIds(token: string): number[] {
    const known = this.cache.get(token);
    if (known !== undefined) return known;
    const model = this.scorer.model;
    // A plain word the model knows needs none of the normaliser's rules (lmWords gives the same).
    let plain = token.length > 0;
    for (let i = 0; i < token.length && plain; i++) {
      const c = token.charCodeAt(i);
      plain = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    }
    const id = plain ? model.id(token.toLowerCase()) : -1;
    const ids = id >= 0 ? [id] : lmWords(token, this.inVocab).map((w) => model.id(w));
    this.cache.set(token, ids);
    return ids;
  }

  /**
   * The model id of an interned word (wordTable), when it has exactly one (-1 when out of vocabulary); MANY when it
   * has none or several. Answered from an array indexed by word id once the word has been seen.
   */
  wordOne(word: number): number {
    if (this.wordGeneration !== wordTable.generation) {
      this.wordGeneration = wordTable.generation;
      this.ones = new Int32Array(Math.max(1024, wordTable.text.length * 2)).fill(UNKNOWN);
      this.many = new Map();
    }
    if (word >= this.ones.length) {
      const grown = new Int32Array(Math.max(word + 1, this.ones.length * 2)).fill(UNKNOWN);
      grown.set(this.ones);
      this.ones = grown;
    }
    let one = this.ones[word]!;
    if (one === UNKNOWN) {
      const ids = this.tokenIds(wordTable.text[word]!);
      if (ids.length === 1) one = ids[0]!;
      else {
        one = MANY;
        this.many.set(word, ids);
      }
      this.ones[word] = one;
    }
    return one;
  }

  /** Model ids of an interned word (shared, do not modify). */
  wordIds(word: number): readonly number[] {
    const one = this.wordOne(word);
    return one === MANY ? this.many.get(word)! : [one];
  }

  private wordGeneration = -1;
  private ones = new Int32Array(0);
  private many = new Map<number, readonly number[]>();

  /** Model ids of a phrase (a candidate replacement); a new array. */
  phraseIds(phrase: string): number[] {
    const known = this.phrases.get(phrase);
    if (known !== undefined) return known;
    const ids: number[] = [];
    for (const t of tokenTexts(phrase)) ids.push(...this.tokenIds(t));
    this.phrases.set(phrase, ids);
    return ids;
  }
  /** Phrase → model ids. */
  private readonly phrases = new IdCache(200_000);

  /**
   * Same sums as Scorer.logProbRange, remembered at two levels: whole short ranges (the decider scores the same
   * candidate between the same two words of context again and again, and the ranking of thesaurus candidates the same
   * word between the same neighbours), and single trigram lookups (what a range not seen before is summed from).
   * A remembered range returns the sum that was computed for it, so the values are the same to the last bit.
   */
  logProbRange(ids: ArrayLike<number>, from: number, to: number): number {
    const a = Math.max(0, from);
    const b = Math.min(ids.length, to);
    if (b <= a) return 0;
    // The sum depends on ids[a - 2, b) (the history of the first position, when there is one) and nothing else.
    if (b - a > RANGE_IDS - 2 || !this.rangeMemo) return this.sumRange(ids, a, b);
    // Key: RANGE_IDS codes (0: no id there, id + 2 otherwise; out of vocabulary 1), three to a double (51
    // bits, exact): the two history places, then the range, then zeros. The first double is never 0 (it holds the
    // range's first id), so 0 marks an empty slot.
    let h = 0x811c9dc5 | 0;
    let k0 = 0;
    let k1 = 0;
    let k2 = 0;
    for (let x = 0; x < RANGE_IDS; x++) {
      const i = a - 2 + x;
      // Every negative id reads as -1 does (out of vocabulary; as history, none).
      const code = i >= 0 && i < b ? Math.max(1, ids[i]! + 2) : 0;
      h = Math.imul(h ^ code, 0x01000193);
      if (x < 3) k0 = k0 * CODE_BASE + code;
      else if (x < 6) k1 = k1 * CODE_BASE + code;
      else k2 = k2 * CODE_BASE + code;
    }
    const memo = this.rangeMemo;
    // Two-way buckets of (three key doubles, the sum): a key is in one of two slots, the older of which makes room
    // for a new key.
    const bucket = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> (32 - RANGE_BUCKET_BITS);
    const at = bucket << 3;
    if (memo[at] === k0 && memo[at + 1] === k1 && memo[at + 2] === k2) return memo[at + 3]!;
    if (memo[at + 4] === k0 && memo[at + 5] === k1 && memo[at + 6] === k2) return memo[at + 7]!;
    const sum = this.sumRange(ids, a, b);
    const turn = this.rangeNext[bucket]!;
    this.rangeNext[bucket] = turn ^ 1;
    const slot = at + 4 * turn;
    memo[slot] = k0;
    memo[slot + 1] = k1;
    memo[slot + 2] = k2;
    memo[slot + 3] = sum;
    return sum;
  }

  /** logProbRange over [a, b) (already clipped to ids) from the trigram memo. */
  private sumRange(ids: ArrayLike<number>, a: number, b: number): number {
    let sum = 0;
    for (let i = a; i < b; i++) {
      const w = ids[i]!;
      if (w < 0) {
        sum += this.scorer.oovPenalty;
        continue;
      }
      const h1 = i >= 1 ? ids[i - 1]! : -1;
      const h2 = h1 >= 0 && i >= 2 ? ids[i - 2]! : -1;
      sum += this.trigram(w, h1, h2 >= 0 ? h2 : -1);
    }
    return sum;
  }

  /**
   * model.logProb(w, h1, h2), remembered: four-way buckets of (key, value) side by side (one cache line), no
   * allocation. A full bucket gives up its slots in turn, so a document whose n-grams outgrow the table keeps most
   * of those it reuses (a table emptied when full lost them all at once, again and again).
   */
  private trigram(w: number, h1: number, h2: number): number {
    const v = this.base;
    // + 1: a fresh (zero) slot matches no key.
    const key = ((h2 + 1) * v + (h1 + 1)) * v + w + 1;
    const bucket = Math.imul(w ^ Math.imul(h1 + 1, 0x85ebca6b) ^ Math.imul(h2 + 1, 0xc2b2ae35), 0x9e3779b1) >>> (32 - MEMO_BUCKET_BITS);
    const known = this.memo.get(bucket, key);
    if (known === known) return known; // not NaN: remembered
    const lp = this.scorer.model.logProb(w, h1, h2);
    this.memo.set(bucket, key, lp);
    return lp;
  }

  private readonly memo = new BucketMemo(MEMO_BUCKET_BITS);
  /** Range memo (see logProbRange): three key doubles and the sum per slot; null when ids do not fit the codes. */
  private readonly rangeMemo: Float64Array | null;
  private readonly rangeNext = new Uint8Array(1 << RANGE_BUCKET_BITS);

  unigram(id: number): number {
    return id < 0 ? -8 : this.scorer.model.unigramLogProb(id);
  }
}
