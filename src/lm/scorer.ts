import type { TrieModel } from "./trie-model.js";

export interface ScorerOptions {
  /** log10 cost of an out-of-vocabulary word; default -8. */
  oovPenalty?: number;
}

/** Scores sequences of word ids with a trigram model. */
export class Scorer {
  readonly model: TrieModel;
  readonly oovPenalty: number;

  constructor(model: TrieModel, options: ScorerOptions = {}) {
    this.model = model;
    this.oovPenalty = options.oovPenalty ?? -8;
  }

  /** Ids of words; -1 for a word not in the vocabulary. */
  ids(words: readonly string[]): Int32Array {
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) out[i] = this.model.id(words[i]!);
    return out;
  }

  /**
   * Sum of log10 P(ids[i] | ids[i-2], ids[i-1]) for i in [from, to). History never reaches
   * before index 0; ids[0] is normally bos. An OOV id (-1) costs oovPenalty and resets the
   * context: the words after it are scored as if the history stopped there.
   * The value for each i depends only on ids[i-2..i], so ranges can be rescored piecewise.
   */
  logProbRange(ids: ArrayLike<number>, from: number, to: number): number {
    const m = this.model;
    const start = Math.max(0, from);
    const end = Math.min(ids.length, to);
    let sum = 0;
    for (let i = start; i < end; i++) {
      const w = ids[i]!;
      if (w < 0) {
        sum += this.oovPenalty;
        continue;
      }
      const h1 = i >= 1 ? ids[i - 1]! : -1;
      const h2 = h1 >= 0 && i >= 2 ? ids[i - 2]! : -1;
      sum += m.logProb(w, h1, h2 >= 0 ? h2 : -1);
    }
    return sum;
  }

  /** log10 P of a whole sentence of words, with <s> and </s> added. */
  sentenceLogProb(words: readonly string[]): number {
    const ids = new Int32Array(words.length + 2);
    ids[0] = this.model.bos;
    for (let i = 0; i < words.length; i++) ids[i + 1] = this.model.id(words[i]!);
    ids[words.length + 1] = this.model.eos;
    return this.logProbRange(ids, 1, ids.length);
  }
}
