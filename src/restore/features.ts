/**
 * The evidence at a site, as numbers: what the learned site scorer (scorer.ts) turns into the probability that a
 * candidate is the original. Every feature is cheap (the model's deltas are computed anyway) and general: nothing
 * here names a word. The names document the vector and tie it to the shipped weights.
 */
import type { Tier } from "../dict/types.js";

export const FEATURE_NAMES = [
  "bias",
  // The trigram model: log10 P(with candidate) − log10 P(as written), here and over every site of the spun form.
  "delta+",
  "delta-",
  "pooled+",
  "pooled-",
  "log sites",
  // Where the candidate comes from.
  "tier signature",
  "tier mined",
  "tier thesaurus",
  "tier table",
  "tier rule",
  "tier certain",
  "tier closed",
  "prior",
  "thesaurus one source",
  "thesaurus three sources",
  // Spinners swap common words for rarer ones: how common each side is (log10 unigram probability).
  "unigram candidate",
  "unigram spun",
  "unigram gain",
  "spun out of vocabulary",
  // The candidate among its rivals at the same place.
  "best here",
  "gap to best",
  "log candidates",
  // The spinner never leaves the original of a form it swaps: the candidate already appears unspun.
  "present",
  "words spun",
  "words candidate",
  "capitalised",
  // How spun the document looks as a whole (strong places per 1000 words, log).
  "document rate",
  // Spinning is dense: the best evidence at the neighbouring places (within three words), and how well the words as
  // written fit their context (mean log10 probability per word: a spun word often fits badly).
  "neighbour evidence",
  "fit as written",
  // The model's delta for each kind of source separately: a thesaurus pair needs more than a mined one.
  "delta+ thesaurus",
  "delta+ mined",
  "delta+ signature",
  "delta+ table",
  "delta+ closed",
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

export interface SiteEvidence {
  /** log10 change at this site and its mean over the spun form's sites. */
  delta: number;
  pooled: number;
  sites: number;
  tier: Tier;
  prior: number;
  /** Thesauri listing the pair (1–3); 1 for other tiers. */
  sources: number;
  unigramCandidate: number;
  unigramSpun: number;
  spunOov: boolean;
  /** Best delta among the other candidates at the site (−Infinity when alone). */
  bestOther: number;
  candidates: number;
  present: boolean;
  wordsSpun: number;
  wordsCandidate: number;
  capitalised: boolean;
  documentRate: number;
  /** Best non-thesaurus gain at the places within three words (0 when none). */
  neighbour: number;
  /** Mean log10 probability per word of the text as written around the site. */
  fit: number;
}

const clamp = (x: number, lo: number, hi: number) => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : x > 0 ? hi : lo);

/** Writes the feature vector of `e` into `out` (length FEATURE_COUNT). */
export function featureVector(e: SiteEvidence, out: Float64Array): Float64Array {
  const d = clamp(e.delta, -8, 8);
  const p = clamp(e.pooled, -8, 8);
  const gap = clamp(e.delta - e.bestOther, -8, 8);
  const uc = clamp(e.unigramCandidate, -8, -1);
  const us = clamp(e.unigramSpun, -8, -1);
  const dPlus = Math.max(0, d);
  let k = 0;
  out[k++] = 1;
  out[k++] = dPlus;
  out[k++] = Math.min(0, d);
  out[k++] = Math.max(0, p);
  out[k++] = Math.min(0, p);
  out[k++] = Math.log(e.sites);
  out[k++] = e.tier === "signature" ? 1 : 0;
  out[k++] = e.tier === "mined" ? 1 : 0;
  out[k++] = e.tier === "thesaurus" ? 1 : 0;
  out[k++] = e.tier === "table" ? 1 : 0;
  out[k++] = e.tier === "rule" ? 1 : 0;
  out[k++] = e.tier === "user" || e.tier === "fingerprint" ? 1 : 0;
  out[k++] = e.tier === "closed" ? 1 : 0;
  out[k++] = clamp(e.prior, -4, 0);
  out[k++] = e.tier === "thesaurus" && e.sources <= 1 ? 1 : 0;
  out[k++] = e.tier === "thesaurus" && e.sources >= 3 ? 1 : 0;
  out[k++] = uc;
  out[k++] = us;
  out[k++] = uc - us;
  out[k++] = e.spunOov ? 1 : 0;
  out[k++] = e.delta >= e.bestOther ? 1 : 0;
  out[k++] = gap;
  out[k++] = Math.log(e.candidates);
  out[k++] = e.present ? 1 : 0;
  out[k++] = Math.min(4, e.wordsSpun);
  out[k++] = Math.min(4, e.wordsCandidate);
  out[k++] = e.capitalised ? 1 : 0;
  out[k++] = Math.log1p(clamp(e.documentRate, 0, 1000));
  out[k++] = clamp(e.neighbour, 0, 8);
  out[k++] = clamp(e.fit, -8, 0);
  out[k++] = e.tier === "thesaurus" ? dPlus : 0;
  out[k++] = e.tier === "mined" ? dPlus : 0;
  out[k++] = e.tier === "signature" ? dPlus : 0;
  out[k++] = e.tier === "table" ? dPlus : 0;
  out[k++] = e.tier === "closed" ? dPlus : 0;
  return out;
}

/** log-odds of a feature vector under a weight vector of the same length. */
export function logit(weights: ArrayLike<number>, features: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += weights[i]! * features[i]!;
  return z;
}
