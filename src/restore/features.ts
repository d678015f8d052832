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
  // A thesaurus candidate's prior among the form's candidates after ranking in context (log10, renormalised over the
  // thesaurus candidates kept): a key with a long list spreads its prior thin, whatever the context says.
  "prior in list",
  // Evidence over many sites of a form is stronger than the same mean gain at one.
  "pooled+ × log sites",
] as const;

export const FEATURE_COUNT = FEATURE_NAMES.length;

export interface SiteEvidence {
  /** log10 change at this site and its mean over the spun form's sites. */
  delta: number;
  pooled: number;
  sites: number;
  tier: Tier;
  prior: number;
  /** log10 of the candidate's share of the prior mass of the list's thesaurus candidates (read for those only). */
  priorInList: number;
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

// Strictly inside the bounds (the usual case) x itself, which is what min(hi, max(lo, x)) gives there, signed zero too.
const clamp = (x: number, lo: number, hi: number) => (x > lo && x < hi ? x : Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : x > 0 ? hi : lo);

/** Writes the feature vector of `e` into `out` (length FEATURE_COUNT). */
export function featureVector(e: SiteEvidence, out: Float64Array): Float64Array {
  formFeatures(e, out);
  siteFeatures(e.tier, e.delta, e.bestOther, e.pooled, e.unigramCandidate, e.unigramSpun, e.wordsCandidate, e.neighbour, e.fit, out);
  out[36] = pooledBySites(clamp(e.pooled, -8, 8), Math.log(e.sites));
  return out;
}

/**
 * The features of `e` that are the same at every site of its form (candidate, form and document): featureVector's
 * values at those places; siteFeatures writes the others. The decider computes these once per form and candidate.
 */
export function formFeatures(e: SiteEvidence, out: Float64Array): void {
  out[0] = 1;
  out[5] = Math.log(e.sites);
  out[6] = e.tier === "signature" ? 1 : 0;
  out[7] = e.tier === "mined" ? 1 : 0;
  out[8] = e.tier === "thesaurus" ? 1 : 0;
  out[9] = e.tier === "table" ? 1 : 0;
  out[10] = e.tier === "rule" ? 1 : 0;
  out[11] = e.tier === "user" || e.tier === "fingerprint" ? 1 : 0;
  out[12] = e.tier === "closed" ? 1 : 0;
  out[13] = clamp(e.prior, -4, 0);
  out[14] = e.tier === "thesaurus" && e.sources <= 1 ? 1 : 0;
  out[15] = e.tier === "thesaurus" && e.sources >= 3 ? 1 : 0;
  out[17] = clamp(e.unigramSpun, -8, -1);
  out[19] = e.spunOov ? 1 : 0;
  out[22] = Math.log(e.candidates);
  out[23] = e.present ? 1 : 0;
  out[24] = Math.min(4, e.wordsSpun);
  out[26] = e.capitalised ? 1 : 0;
  out[27] = Math.log1p(clamp(e.documentRate, 0, 1000));
  out[35] = e.tier === "thesaurus" ? clamp(e.priorInList, -4, 0) : 0;
}

/** The features that vary from site to site of a form (see formFeatures), in place in `out`. */
export function siteFeatures(
  tier: Tier,
  delta: number,
  bestOther: number,
  pooled: number,
  unigramCandidate: number,
  unigramSpun: number,
  wordsCandidate: number,
  neighbour: number,
  fit: number,
  out: Float64Array,
): void {
  const d = clamp(delta, -8, 8);
  const p = clamp(pooled, -8, 8);
  const gap = clamp(delta - bestOther, -8, 8);
  const uc = clamp(unigramCandidate, -8, -1);
  const us = clamp(unigramSpun, -8, -1);
  const dPlus = Math.max(0, d);
  out[1] = dPlus;
  out[2] = Math.min(0, d);
  out[3] = Math.max(0, p);
  out[4] = Math.min(0, p);
  out[16] = uc;
  out[18] = uc - us;
  out[20] = delta >= bestOther ? 1 : 0;
  out[21] = gap;
  out[25] = Math.min(4, wordsCandidate);
  out[28] = clamp(neighbour, 0, 8);
  out[29] = clamp(fit, -8, 0);
  out[30] = tier === "thesaurus" ? dPlus : 0;
  out[31] = tier === "mined" ? dPlus : 0;
  out[32] = tier === "signature" ? dPlus : 0;
  out[33] = tier === "table" ? dPlus : 0;
  out[34] = tier === "closed" ? dPlus : 0;
}

/** The features formFeatures writes (the same at every site of a form), in the order formLogit adds them. */
export const FORM_FEATURES: readonly number[] = [0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 19, 22, 23, 24, 26, 27, 35];

/**
 * The order in which the decider adds the products of weights and features: the form's (FORM_FEATURES, summed once
 * per form and candidate by formLogit), then the site's, and the pooled terms (3, 4, 36), which change whenever
 * another site of the form moves, last, so that a site whose own evidence did not move adds only them again to its cached
 * sum (siteLogitPart, pooledLogit). It differs from logit(featureVector)'s order only in the last bits of the sum.
 */
export const LOGIT_ORDER: readonly number[] = [...FORM_FEATURES, 1, 2, 16, 18, 20, 21, 25, 28, 29, 30, 31, 32, 33, 34, 3, 4, 36];

/** The form's products (FORM_FEATURES of formFeatures' values at [at, at + FEATURE_COUNT)), added in that order. */
export function formLogit(w: ArrayLike<number>, form: Float64Array, at: number): number {
  let z = 0;
  for (let x = 0; x < FORM_FEATURES.length; x++) z += w[FORM_FEATURES[x]!]! * form[at + FORM_FEATURES[x]!]!;
  return z;
}

/** Where siteLogitPart reads a site's evidence for one candidate (see SiteEvidence): slots of a Float64Array. */
export const SITE_INPUT = { formSum: 0, delta: 1, bestOther: 2, unigramCandidate: 3, unigramSpun: 4, wordsCandidate: 5, neighbour: 6, fit: 7, sum: 8, pooled: 9, logit: 10, logSites: 11 } as const;
export const SITE_INPUTS = 12;

/**
 * The products of the weights and featureVector(e) but for the pooled terms, added in LOGIT_ORDER, without writing
 * the vector: the form's sum (formLogit) then the site's products, computed here as siteFeatures computes them, from
 * `site` (the evidence at SITE_INPUT: passed in an array, a call boxes no number); features.test.ts checks it to the
 * last bit. The sum is written to site[SITE_INPUT.sum], and with the pooled terms (pooledLogit) to site[SITE_INPUT.logit].
 */
export function siteLogitPart(w: ArrayLike<number>, tier: Tier, site: Float64Array): void {
  const delta = site[1]!;
  const bestOther = site[2]!;
  const unigramCandidate = site[3]!;
  const unigramSpun = site[4]!;
  const wordsCandidate = site[5]!;
  const neighbour = site[6]!;
  const fit = site[7]!;
  const d = clamp(delta, -8, 8);
  const gap = clamp(delta - bestOther, -8, 8);
  const uc = clamp(unigramCandidate, -8, -1);
  const us = clamp(unigramSpun, -8, -1);
  const dPlus = Math.max(0, d);
  let z = site[0]!;
  z += w[1]! * dPlus;
  z += w[2]! * Math.min(0, d);
  z += w[16]! * uc;
  z += w[18]! * (uc - us);
  z += w[20]! * (delta >= bestOther ? 1 : 0);
  z += w[21]! * gap;
  z += w[25]! * Math.min(4, wordsCandidate);
  z += w[28]! * clamp(neighbour, 0, 8);
  z += w[29]! * clamp(fit, -8, 0);
  z += w[30]! * (tier === "thesaurus" ? dPlus : 0);
  z += w[31]! * (tier === "mined" ? dPlus : 0);
  z += w[32]! * (tier === "signature" ? dPlus : 0);
  z += w[33]! * (tier === "table" ? dPlus : 0);
  z += w[34]! * (tier === "closed" ? dPlus : 0);
  site[8] = z;
  pooledLogit(w, site);
}

/** siteLogitPart's sum (site[SITE_INPUT.sum]) completed with the pooled terms (of site[SITE_INPUT.pooled] and site[SITE_INPUT.logSites]): the site's log-odds, in LOGIT_ORDER, to site[SITE_INPUT.logit]. */
export function pooledLogit(w: ArrayLike<number>, site: Float64Array): void {
  const p = clamp(site[9]!, -8, 8);
  let z = site[8]!;
  z += w[3]! * Math.max(0, p);
  z += w[4]! * Math.min(0, p);
  z += w[36]! * pooledBySites(p, site[11]!);
  site[10] = z;
}

/**
 * The "pooled+ × log sites" feature from the clamped pooled delta and log(sites), at most 20: a long document's form
 * may have thousands of sites, far beyond the pages the weights were fitted on (a form there has at most a few dozen).
 */
function pooledBySites(p: number, logSites: number): number {
  return Math.min(20, Math.max(0, p) * logSites);
}

/** log-odds of a feature vector under a weight vector of the same length. */
export function logit(weights: ArrayLike<number>, features: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += weights[i]! * features[i]!;
  return z;
}
