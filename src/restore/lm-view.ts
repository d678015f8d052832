/**
 * The language model as the decider sees it: surface tokens in, model ids out (normalised and cached),
 * and log10 probabilities of id ranges.
 */
import type { Scorer } from "../lm/scorer.js";
import { lmWords } from "../lm/normalize.js";
import { tokenTexts, wordTable } from "../text/tokenize.js";

/** LmView.wordOne() for a word with no model id or several (read them with wordIds()). */
export const MANY = -2;
const UNKNOWN = -3;

const MEMO_BITS = 18;
const MEMO_MASK = (1 << MEMO_BITS) - 1;
/** Entries the memo takes before it starts afresh: half full, so probe sequences stay short. */
const MEMO_LIMIT = 1 << (MEMO_BITS - 1);

export class LmView {
  readonly bos: number;
  readonly eos: number;
  private readonly cache = new Map<string, readonly number[]>();
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
  }

  /** Model ids of one surface token (a number may become several words; punctuation none). */
  tokenIds(token: string): readonly number[] {
    let ids = this.cache.get(token);
    if (ids === undefined) {
      const model = this.scorer.model;
      // A plain word the model knows needs none of the normaliser's rules (lmWords gives the same).
      let plain = token.length > 0;
      for (let i = 0; i < token.length && plain; i++) {
        const c = token.charCodeAt(i);
        plain = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
      }
      const id = plain ? model.id(token.toLowerCase()) : -1;
      ids = id >= 0 ? [id] : lmWords(token, this.inVocab).map((w) => model.id(w));
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(token, ids);
    }
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

  /** Model ids of a phrase (a candidate replacement); shared, do not modify. */
  phraseIds(phrase: string): readonly number[] {
    let ids = this.phrases.get(phrase);
    if (ids === undefined) {
      const out: number[] = [];
      for (const t of tokenTexts(phrase)) out.push(...this.tokenIds(t));
      ids = out;
      if (this.phrases.size > 200_000) this.phrases.clear();
      this.phrases.set(phrase, ids);
    }
    return ids;
  }
  private readonly phrases = new Map<string, readonly number[]>();

  /**
   * Same sums as Scorer.logProbRange, with a memo of trigram lookups: the decider scores the same few
   * n-grams around a site for every candidate and every round.
   */
  logProbRange(ids: ArrayLike<number>, from: number, to: number): number {
    const model = this.scorer.model;
    const v = this.base;
    let sum = 0;
    for (let i = Math.max(0, from); i < Math.min(ids.length, to); i++) {
      const w = ids[i]!;
      if (w < 0) {
        sum += this.scorer.oovPenalty;
        continue;
      }
      const h1 = i >= 1 ? ids[i - 1]! : -1;
      const h2 = h1 >= 0 && i >= 2 ? ids[i - 2]! : -1;
      // + 1: a fresh (zero) slot matches no key, so the tables need no filling and untouched pages cost nothing.
      const key = ((h2 + 1) * v + (h1 + 1)) * v + w + 1;
      // Open addressing (linear probing) in typed arrays: no allocation, no garbage. It keeps every n-gram until
      // it is half full, then starts afresh: a document's few hundred thousand distinct n-grams stay in, where
      // a direct-mapped table lost about a tenth of its lookups to n-grams evicting each other.
      // Key and value side by side (memo[2 slot], memo[2 slot + 1]): a lookup touches one cache line, not two.
      let slot = Math.imul(w ^ Math.imul(h1 + 1, 0x85ebca6b) ^ Math.imul(h2 + 1, 0xc2b2ae35), 0x9e3779b1) >>> (32 - MEMO_BITS);
      const memo = this.memo;
      for (;;) {
        const k = memo[2 * slot]!;
        if (k === key) {
          sum += memo[2 * slot + 1]!;
          break;
        }
        if (k === 0) {
          const lp = model.logProb(w, h1, h2 >= 0 ? h2 : -1);
          if (this.memoSize >= MEMO_LIMIT) {
            memo.fill(0);
            this.memoSize = 0;
            slot = Math.imul(w ^ Math.imul(h1 + 1, 0x85ebca6b) ^ Math.imul(h2 + 1, 0xc2b2ae35), 0x9e3779b1) >>> (32 - MEMO_BITS);
          }
          memo[2 * slot] = key;
          memo[2 * slot + 1] = lp;
          this.memoSize++;
          sum += lp;
          break;
        }
        slot = (slot + 1) & MEMO_MASK;
      }
    }
    return sum;
  }

  private readonly memo = new Float64Array(2 * (MEMO_MASK + 1));
  private memoSize = 0;

  unigram(id: number): number {
    return id < 0 ? -8 : this.scorer.model.unigramLogProb(id);
  }
}
