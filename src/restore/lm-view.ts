/**
 * The language model as the decider sees it: surface tokens in, model ids out (normalised and cached),
 * and log10 probabilities of id ranges.
 */
import type { Scorer } from "../lm/scorer.js";
import { lmWords } from "../lm/normalize.js";
import { tokenizeWords } from "../text/tokenize.js";

export class LmView {
  readonly bos: number;
  readonly eos: number;
  private readonly cache = new Map<string, readonly number[]>();
  private readonly inVocab: (w: string) => boolean;

  constructor(readonly scorer: Scorer) {
    const model = scorer.model;
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
      ids = lmWords(token, this.inVocab).map((w) => model.id(w));
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(token, ids);
    }
    return ids;
  }

  /** Model ids of a phrase (a candidate replacement). */
  phraseIds(phrase: string): number[] {
    const out: number[] = [];
    for (const t of tokenizeWords(phrase)) out.push(...this.tokenIds(t.text));
    return out;
  }

  logProbRange(ids: ArrayLike<number>, from: number, to: number): number {
    return this.scorer.logProbRange(ids, from, to);
  }

  unigram(id: number): number {
    return id < 0 ? -8 : this.scorer.model.unigramLogProb(id);
  }
}
