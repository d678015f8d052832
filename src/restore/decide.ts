/**
 * Deciding: which candidate, if any, replaces each site.
 *
 * 1. Every site's candidates are scored against the text as written with the trigram model: the change in
 *    log10 P(sentence), computed only on the n-grams that touch the span.
 * 2. Those deltas, pooled per spun form (the spinner maps a form the same way throughout one document), with the
 *    candidate's source, prior, word frequencies and rivals, become features (features.ts); a learned logistic
 *    model turns them into the probability that the candidate is the original (weights in scorer-weights.ts,
 *    rebuilt by scripts/train-scorer.mjs).
 * 3. A document gate, also learned, gives the probability that the document is spun at all, from evidence that
 *    needs no general thesaurus. When it is closed nothing changes but spintax with alternatives ({a|b}) and the
 *    near-certain tiers (a user's corrections, fingerprint lists).
 * 4. Each site takes its most probable candidate if that probability clears the level's threshold. Rounds repeat
 *    with the accepted choices as context, so neighbouring restorations support each other.
 */
import { CERTAIN_TIERS, type Tier } from "../dict/types.js";
import { HYPHEN_AFTER, HYPHEN_BEFORE, HYPHEN_NEXT, JOINS_NEXT, wordId, wordTable, type Sentence, type TokenTable, type WordToken } from "../text/tokenize.js";
import { listOf, textKeys, withModel, type CandList } from "./candidates.js";
import { assignForms, independentSites, PATTERNS, Sites, type Forms } from "./engine.js";
import { FEATURE_COUNT, featureVector, formFeatures, formLogit, logit, pooledLogit, SITE_INPUT, SITE_INPUTS, siteLogitPart, type SiteEvidence } from "./features.js";
import { ASSUMED_SPUN_RATE } from "./scorer-weights.js";
import { formalOf, isLegal } from "./register.js";
import { paragraphIndex, PARAGRAPH_MIN_WORDS, PARAGRAPH_VETO_PROBABILITY } from "./paragraphs.js";
import { MANY, type LmView } from "./lm-view.js";
import type { Site, SiteCandidate } from "./sites.js";
import { f64, i32, u8 } from "../scratch.js";

export interface GateModel {
  /** Weights over GATE_FEATURE_NAMES. */
  weights: readonly number[];
}

/**
 * How the candidates of a loaded candidate table (tier "table", `--dict candidates:…`) are scored: a source with its
 * own reliability gets its own weights (scripts/train-table-scorer.mjs). Nothing here is read in a document where no
 * table proposes.
 */
export interface TableModel {
  /** Weights over FEATURE_NAMES (features.ts) for the table's candidates, in place of DecideConfig.weights. */
  weights: readonly number[];
  /**
   * Log-odds added to every other candidate, times the document's table share (Scoring.tableShare): [at a form the
   * table does not list, at a form it does (CandList.tableListed)]. A spinner's table lists every form its spinner
   * writes: where it explains a document, another source's pair at a form the table never writes is most likely a
   * correct word.
   */
  others: readonly [number, number];
  /**
   * Log-odds taken from every choice, times the document's table share, before the threshold: the weights are fitted
   * on the text as written (round 0), while a table's spins are decided over several rounds with restored context,
   * where the evidence reads stronger; chosen end to end on the training half (scripts/train-table-scorer.mjs).
   */
  keep: number;
}

export interface DecideConfig {
  /** Probability a candidate must reach to replace the text (the level). */
  threshold: number;
  /** Weights of the site scorer over FEATURE_NAMES (features.ts). */
  weights: readonly number[];
  /** The candidates of a loaded candidate table (default: scored with `weights` like any other source's). */
  table?: TableModel;
  gate: GateModel;
  /** Probability of "this document is spun" at which the gate opens. */
  gateThreshold: number;
  /** A place is "strong" evidence of spinning when a non-thesaurus candidate wins by more than this (log10). */
  gateStrongDelta: number;
  /** A candidate is not applied at a site where it loses to the text by more than this (log10). */
  veto: number;
  /** 0: every site of a spun form takes the document's choice; 1: each site decides on its own evidence. */
  siteWeight: number;
  rounds: number;
}

export interface Decision {
  /** Index of the site (in the Sites it was decided over). */
  site: number;
  candidate: number;
  /** Evidence at this site (log10 change). */
  delta: number;
  /** Mean evidence over all sites of the same form. */
  pooled: number;
  pooledSites: number;
  /** Probability that the candidate is the original. */
  probability: number;
  /** Probability that the document is spun. */
  documentProbability: number;
}

export interface DecideResult {
  decisions: Decision[];
  strongSites: number;
  strongForms: number;
  spun: boolean;
  probability: number;
}

export const GATE_FEATURE_NAMES = [
  "bias",
  "log strong places per 1000 words (smoothed)",
  // Counts and length as a Poisson model of strong places has them: each place is evidence, each word without
  // one is evidence against; a document longer than 1000 words counts as a 1000-word window of its densities.
  "strong places (in a 1000-word window)",
  "strong curated places (in a 1000-word window)",
  "words / 100 (at most 1000 words)",
  "places where a candidate wins / 10 (in a 1000-word window)",
  "log mean of the best gains",
  "strong places of a loaded candidate table per 1000 words (smoothed) / 10",
] as const;

/** A document needs strong places of at least this many different spun forms before the gate may open: one or two
 * odd phrases, which a correct sentence can hold, are never enough, and neither is one word a text repeats (a manual
 * that says "packages" on every line holds one odd word, not ten pieces of evidence). */
export const MIN_GATE_PLACES = 3;

export interface Gate {
  strongSites: number;
  /** Different spun forms among the strong places (in any case). */
  strongForms: number;
  spun: boolean;
  /** Probability that the document is spun (1 when assumed). */
  probability: number;
  /** Strong places per 1000 words, smoothed for short texts (feeds the site scorer). */
  rate: number;
  features: Float64Array;
}

/** Everything the scorer saw at one site: for training the weights (scripts/train-scorer.mjs) and for reports. */
export interface SiteTable {
  site: Site;
  /** Per candidate, its feature vector (round 0: the text as written around it). */
  features: Float64Array[];
  deltas: Float64Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const RATE_PRIOR_WORDS = 200;
/** Longer documents are scored by the gate as a window of this many words with the same densities (gateFrom). */
const GATE_WINDOW_WORDS = 1000;

/** Counts the gate reads, gathered place by place (sites in token order); see placeCounts. */
export class PlaceCounts {
  strong = 0;
  strongCurated = 0;
  strongTable = 0;
  winning = 0;
  /** The spun forms of the strong places (their sites' poolKey without the capitalised mark: one form in any case). */
  readonly strongForms = new Set<string>();
  /** Per spun form, its strong places and how many of them are curated (gateFrom reads a form's repeats apart). */
  readonly formStrong = new Map<string, [number, number]>();
  /** The five best gains, best first (the gate reads no more). */
  readonly top: number[] = [];
  /** End (token) of the last place counted: overlapping sites, a phrase and a word in it, count once. */
  lastEnd = -1;

  /**
   * Evidence of spinning from the places where a candidate beats the text: how many win clearly, how many of those
   * are curated, how many win at all, and each place's best gain. A general thesaurus and closed-class swaps propose
   * for ordinary words and are no evidence; the near-certain tiers apply anyway. A candidate table a user loads
   * (tier table) is counted apart: a large table proposes for so many ordinary words that its places mean something
   * else than the spinner's own forms.
   */
  add(list: CandList, deltas: Float64Array, at: number, poolKey: string, tokFrom: number, tokTo: number, strongDelta: number, site = -1, strongOut?: number[]): void {
    let best = -Infinity;
    let bestTable = -Infinity;
    let curated = false;
    for (let c = 0; c < list.n; c++) {
      // A user's correction of a pair a spinner dictionary lists too counts as that dictionary's evidence.
      const tier = list.evidenceTier?.[c] ?? list.tier[c]!;
      if (tier === "thesaurus" || tier === "closed" || CERTAIN_TIERS.has(tier)) continue;
      const d = deltas[at + c]!;
      if (tier === "table") bestTable = Math.max(bestTable, d);
      else if (d > best) {
        best = d;
        curated = tier === "signature";
      }
    }
    if (best <= 0 && bestTable <= strongDelta) return;
    // Every strong site, overlapping ones too (screening lists the phrasings that gave the evidence).
    if (best > strongDelta) strongOut?.push(site);
    if (tokFrom < this.lastEnd) return;
    this.lastEnd = Math.max(this.lastEnd, tokTo);
    if (best > 0) {
      this.winning++;
      const gain = Math.min(8, best);
      const top = this.top;
      if (top.length < 5 || gain > top[top.length - 1]!) {
        let k = Math.min(top.length, 4);
        if (top.length < 5) top.push(gain);
        while (k > 0 && top[k - 1]! < gain) {
          top[k] = top[k - 1]!;
          k--;
        }
        top[k] = gain;
      }
    }
    if (best > strongDelta) {
      this.strong++;
      if (curated) this.strongCurated++;
      const form = poolKey.replace(/^\^/, "");
      this.strongForms.add(form);
      const per = this.formStrong.get(form);
      if (per) {
        per[0]++;
        if (curated) per[1]++;
      } else this.formStrong.set(form, [1, curated ? 1 : 0]);
    } else if (bestTable > strongDelta) this.strongTable++;
  }
}

/**
 * Below this many words a text is short: resting on few strong forms (SHORT_TEXT_FEW_FORMS at most), they must include
 * one that ordinary English seldom writes.
 */
export const SHORT_TEXT_WORDS = 200;
/**
 * The most strong forms a short text's gate may rest on with none of them unusual in ordinary English. Three (the
 * fewest the gate takes) until 2026-12-03; a Brown Corpus paragraph of learned prose (cj79, 151 words, on dynamic
 * programming) opened on four ordinary ones and lost 15 words ("essential", "remaining", "complete" …). Five shuts
 * it, and opens the same 47 of the 139 spun devset and seed paragraphs restored alone, held out, as three did.
 */
export const SHORT_TEXT_FEW_FORMS = 5;
/**
 * log10 probability, by the language model and out of context, under which a spun form is unusual in ordinary
 * English (about 6 in a million words): "invoice", "software program", "financial system", but not "stated",
 * "individuals" or "assist" (18, 34 and 8 in a million).
 */
export const RARE_FORM_LOGPROB = -5.2;

/** Whether ordinary English seldom writes this spun form (a pooling key: lower case, "^" for a capitalised one). */
export function rareInEnglish(lm: LmView, form: string): boolean {
  const ids = lm.phraseIds(form.replace(/^\^/, ""));
  return ids.length === 0 || lm.logProbRange(ids, 0, ids.length) < RARE_FORM_LOGPROB;
}

/**
 * Different strong forms a formal text (register.ts formalOf: a contract, terms of service, a policy) needs beyond
 * MIN_GATE_PLACES. That register writes some of the spinner's forms itself ("shall", "electronic mail", "after which",
 * "in line with"): a handful of them is its style, where a spinner's page shows many different ones (ten or more in
 * all but two of the devset's spun pages).
 */
export const FORMAL_EXTRA_FORMS = 2;

/**
 * The document gate from its place counts and length. `rare` says whether a strong place's spun form is unusual in ordinary English: a short text
 * with only three strong forms opens only when one of them is (three officialese words such as "stated",
 * "individuals" and "assist" in a police appeal are spinner forms too, and opened the gate on their own). Without it
 * (long documents read in windows), no such condition.
 */
export function gateFrom(words0: number, counts: PlaceCounts, config: DecideConfig, assumeSpun: boolean, rare?: (form: string) => boolean, formal = false): Gate {
  const { strongTable, winning, top } = counts;
  const words = Math.max(1, words0);
  const { strong, strongCurated } = independentStrong(counts, words);
  // Rates are smoothed with 200 words of no evidence: one strong place in a ten-word sentence is not a rate of 100.
  const rate = (strong * 1000) / (words + RATE_PRIOR_WORDS);
  // What the scorer reads as the document's rate: every strong place, as it was trained.
  const placeRate = (counts.strong * 1000) / (words + RATE_PRIOR_WORDS);
  const meanTop = top.length ? top.reduce((a, b) => a + b, 0) / top.length : 0;
  // The counts say how much evidence there is, which matters for short texts; beyond GATE_WINDOW_WORDS a document
  // is read as a window of that length with its own densities. Unscaled, length itself became evidence of clean
  // text (clean training articles run longer than spun pages) and no spun document over ~2,000 words could open.
  const scale = words > GATE_WINDOW_WORDS ? GATE_WINDOW_WORDS / words : 1;
  const features = Float64Array.from([
    1,
    Math.log1p(rate),
    Math.min(strong * scale, 30),
    Math.min(strongCurated * scale, 15),
    Math.min(words, GATE_WINDOW_WORDS) / 100,
    Math.min(winning * scale, 60) / 10,
    Math.log1p(Math.max(0, meanTop)),
    // Linear, not logarithmic: with a table loaded, clean articles reach about 20 such places per 1000 words and
    // spun ones 40 to 110, and the gate must be able to draw that line sharply.
    Math.min((strongTable * 1000) / (words + RATE_PRIOR_WORDS), 200) / 10,
  ]);
  const probability = words0 === 0 ? 0 : sigmoid(logit(config.gate.weights, features));
  const forms = counts.strongForms;
  // The model is asked about the forms only for a short text the gate would open on few of them.
  const unusual = () => strongTable > 0 || rare === undefined || words0 >= SHORT_TEXT_WORDS || forms.size > SHORT_TEXT_FEW_FORMS || [...forms].some(rare);
  const minForms = MIN_GATE_PLACES + (formal ? FORMAL_EXTRA_FORMS : 0);
  const open = forms.size + strongTable >= minForms && probability >= config.gateThreshold && unusual();
  // A document the caller declares spun is scored as a typical spun page is, however little evidence it shows.
  const siteRate = assumeSpun ? Math.max(placeRate, ASSUMED_SPUN_RATE) : placeRate;
  return { strongSites: counts.strong, strongForms: counts.strongForms.size, rate: siteRate, features, probability: assumeSpun ? 1 : probability, spun: assumeSpun || open };
}

/**
 * A spun form's strong places beyond FORM_REPEATS per 1000 words (GATE_WINDOW_WORDS) are one habit of the text, not
 * that many swaps: a spinner's swaps are spread over many forms (at most 1.5 strong places per form in the devset's
 * spun pages), while a register repeats its own few words ("shall" 19 times, "electronic mail" in a contract).
 */
export const FORM_REPEATS = 3;

/** The gate's strong places (and curated ones), each form's repeats beyond FORM_REPEATS per 1000 words left out. */
function independentStrong(counts: PlaceCounts, words: number): { strong: number; strongCurated: number } {
  const cap = FORM_REPEATS * Math.max(1, words / GATE_WINDOW_WORDS);
  let strong = counts.strong;
  let strongCurated = counts.strongCurated;
  for (const [sites, curated] of counts.formStrong.values()) {
    strong -= Math.max(0, sites - cap);
    strongCurated -= Math.max(0, curated - cap);
  }
  return { strong, strongCurated };
}

/**
 * The language model's view of one document's sites: deltas of every candidate against the text as written, with
 * the other sites as chosen so far (`active`) for context.
 */
export class Scoring {
  readonly n: number;
  /** Per token, the active site covering it (-1 if none); rebuilt each round by markActive. */
  readonly coverAt: Int32Array;
  /** Per site, mean log10 probability per word of the text as written in its window (set by siteDeltas). */
  readonly fit: Float64Array;
  /** Per site, the best non-thesaurus gain at the places within three words (set by neighbourEvidence). */
  readonly neighbour: Float64Array;
  /**
   * Per site, 1 once its deltas, fit or neighbour evidence were set anew (siteDeltas, thesaurusDeltas, a changed
   * neighbourEvidence): what decide() reads to score again only the forms whose evidence moved. Cleared by the reader.
   */
  readonly touched: Uint8Array;
  /** Per site, its best non-thesaurus, non-closed gain (0 if none), as neighbourEvidence reads it; 1 in gainStale when its deltas moved since. */
  private readonly gain: Float64Array;
  private readonly gainStale: Uint8Array;
  /**
   * Per site, the context its deltas were last computed in: left ids (2, BOS-padded count in ctxN), right ids (2),
   * and whether thesaurus candidates were scored (see rescore).
   */
  private readonly ctx: Int32Array;
  /** bestOther's best and second-best delta of a site (top1At: where the best is), valid for `version` (see topOf). */
  private topSite = -1;
  private topBound = -1;
  private topVersion = -1;
  top1 = -Infinity;
  top1At = -1;
  top2 = -Infinity;
  /** Bumped whenever deltas are written. */
  private version = 0;
  private readonly ctxN: Uint8Array;
  /** Deltas of site i: deltas[dOff[i], dOff[i + 1]), one per candidate of its list. */
  readonly dOff: Int32Array;
  readonly deltas: Float64Array;
  /** Per token, its one model id (MANY: none or several, see LmView.wordIds). */
  private readonly lmOne: Int32Array;
  private buf: Int32Array<ArrayBufferLike> = new Int32Array(32);
  private readonly left = new Int32Array(2);
  private readonly right = new Int32Array(2);
  private leftN = 0;
  private rightN = 0;
  private present: Uint8Array | null = null;
  /** Per site with fingerprint candidates, what the model thinks of each candidate out of context (see fingerprintBias). */
  private readonly bias: (Float64Array | undefined)[] = [];

  constructor(
    readonly tok: TokenTable,
    /** Tokens the model never sees (a spintax's other alternatives). */
    readonly hidden: Uint8Array,
    readonly sites: Sites,
    readonly forms: Forms,
    readonly lm: LmView,
  ) {
    this.n = sites.n;
    this.coverAt = i32(tok.n).fill(-1);
    this.fit = f64(sites.n);
    this.neighbour = f64(sites.n);
    this.touched = u8(sites.n);
    this.gain = f64(sites.n);
    this.gainStale = u8(sites.n).fill(1);
    this.ctx = i32(4 * sites.n);
    this.ctxN = u8(sites.n);
    const dOff = i32(sites.n + 1);
    for (let i = 0; i < sites.n; i++) dOff[i + 1] = dOff[i]! + sites.list[i]!.n;
    this.dOff = dOff;
    this.deltas = f64(dOff[sites.n]!);
    const lmOne = i32(tok.n);
    for (let t = 0; t < tok.n; t++) lmOne[t] = lm.wordOne(tok.word[t]!);
    this.lmOne = lmOne;
  }

  /** Records which active site covers each token: the context other sites are scored in. */
  markActive(active: Int32Array): void {
    this.coverAt.fill(-1);
    const s = this.sites;
    for (let j = 0; j < active.length; j++) if (active[j]! >= 0) this.coverAt.fill(j, s.tokFrom[j]!, s.tokTo[j]!);
  }

  /** Which active site (other than site i and those overlapping it) covers token t, or -1. */
  private coverOf(i: number, active: Int32Array, t: number): number {
    const j = this.coverAt[t]!;
    if (j < 0 || active[j]! < 0) return -1;
    const s = this.sites;
    if (j === i || (s.tokFrom[j]! < s.tokTo[i]! && s.tokFrom[i]! < s.tokTo[j]!)) return -1;
    return j;
  }

  /** The (at most two) model ids before site i in its sentence, with the sentence start's id when fewer. */
  private contextLeft(i: number, active: Int32Array): void {
    const { tok, sites, lm } = this;
    const from = tok.sentenceFrom[tok.sentence[sites.tokFrom[i]!]!]!;
    // Ids gathered right to left (at most one group past the second).
    let rev = this.buf;
    let n = 0;
    let t = sites.tokFrom[i]! - 1;
    while (n < 2 && t >= from) {
      if (this.hidden[t]) {
        t--;
        continue;
      }
      const j = this.coverOf(i, active, t);
      if (j >= 0) {
        const list = sites.list[j]!;
        const c = active[j]!;
        rev = this.room(n + list.idFrom[c + 1]! - list.idFrom[c]!);
        for (let x = list.idFrom[c + 1]! - 1; x >= list.idFrom[c]!; x--) rev[n++] = list.ids[x]!;
        t = sites.tokFrom[j]! - 1;
      } else {
        const one = this.lmOne[t]!;
        if (one !== MANY) rev[n++] = one;
        else {
          const ids = lm.wordIds(tok.word[t]!);
          rev = this.room(n + ids.length);
          for (let x = ids.length - 1; x >= 0; x--) rev[n++] = ids[x]!;
        }
        t--;
      }
    }
    if (n < 2) rev[n++] = lm.bos;
    if (n >= 2) {
      this.left[0] = rev[1]!;
      this.left[1] = rev[0]!;
      this.leftN = 2;
    } else {
      this.left[0] = rev[0]!;
      this.leftN = 1;
    }
  }

  /** The (at most two) model ids after site i in its sentence, with the sentence end's id when fewer. */
  private contextRight(i: number, active: Int32Array): void {
    const { tok, sites, lm } = this;
    const to = tok.sentenceTo[tok.sentence[sites.tokFrom[i]!]!]!;
    let out = this.buf;
    let n = 0;
    let t = sites.reachTo[i]!;
    while (n < 2 && t < to) {
      if (this.hidden[t]) {
        t++;
        continue;
      }
      const j = this.coverOf(i, active, t);
      if (j >= 0) {
        const list = sites.list[j]!;
        const c = active[j]!;
        out = this.room(n + list.idFrom[c + 1]! - list.idFrom[c]!);
        for (let x = list.idFrom[c]!; x < list.idFrom[c + 1]!; x++) out[n++] = list.ids[x]!;
        t = sites.reachTo[j]!;
      } else {
        const one = this.lmOne[t]!;
        if (one !== MANY) out[n++] = one;
        else {
          const ids = lm.wordIds(tok.word[t]!);
          out = this.room(n + ids.length);
          for (let x = 0; x < ids.length; x++) out[n++] = ids[x]!;
        }
        t++;
      }
    }
    if (n < 2) out[n++] = lm.eos;
    this.right[0] = out[0]!;
    this.right[1] = out[1]!;
    this.rightN = Math.min(2, n);
  }

  /** The scratch buffer, grown (contents kept) to hold at least `need` ids and the sentence boundary. */
  private room(need: number): Int32Array<ArrayBufferLike> {
    if (need + 1 > this.buf.length) {
      const b = new Int32Array(2 * (need + 1));
      b.set(this.buf);
      this.buf = b;
    }
    return this.buf;
  }

  /** log10 P of the ids between the contexts, given them: left, then `mid` ids from `src`, then right. */
  private windowScore(src: ArrayLike<number>, from: number, to: number): number {
    const need = this.leftN + (to - from) + this.rightN;
    const b = this.room(need);
    let k = 0;
    for (let x = 0; x < this.leftN; x++) b[k++] = this.left[x]!;
    for (let x = from; x < to; x++) b[k++] = src[x]!;
    for (let x = 0; x < this.rightN; x++) b[k++] = this.right[x]!;
    return this.lm.logProbRange(b, this.leftN, k);
  }

  /** Model ids of the text as written at site i. */
  /** keepIds(i) into a scratch buffer (this.keep, valid until the next call); returns how many. */
  private keepInto(i: number): number {
    const s = this.sites;
    let n = 0;
    for (let t = s.tokFrom[i]!; t < s.tokTo[i]!; t++) {
      const one = this.lmOne[t]!;
      if (one !== MANY) {
        if (n === this.keep.length) this.keep = grow(this.keep);
        this.keep[n++] = one;
      } else {
        for (const id of this.lm.wordIds(this.tok.word[t]!)) {
          if (n === this.keep.length) this.keep = grow(this.keep);
          this.keep[n++] = id;
        }
      }
    }
    return n;
  }
  private keep: Int32Array = new Int32Array(16);

  keepIds(i: number): number[] {
    const out: number[] = [];
    const s = this.sites;
    for (let t = s.tokFrom[i]!; t < s.tokTo[i]!; t++) {
      const one = this.lmOne[t]!;
      if (one !== MANY) out.push(one);
      else for (const id of this.lm.wordIds(this.tok.word[t]!)) out.push(id);
    }
    return out;
  }

  /**
   * log10 change of P(sentence) for each candidate of site i against keeping the text, other sites as in `active`.
   * Thesaurus candidates are left at -Infinity unless `withThesaurus`.
   */
  siteDeltas(i: number, active: Int32Array, withThesaurus: boolean): void {
    // The buffer holds the contexts while they are gathered; take them before it is reused.
    this.contextLeft(i, active);
    this.contextRight(i, active);
    this.scoreSite(i, withThesaurus);
  }

  /**
   * As siteDeltas, but only when the site's context (two model ids each side) or the thesaurus setting differs from
   * the one its deltas were last computed in: the deltas would come out the same.
   */
  rescore(i: number, active: Int32Array, withThesaurus: boolean): void {
    this.contextLeft(i, active);
    this.contextRight(i, active);
    if (this.sameContext(i, withThesaurus)) return;
    this.scoreSite(i, withThesaurus);
  }

  private sameContext(i: number, withThesaurus: boolean): boolean {
    const c = this.ctx;
    const at = 4 * i;
    return (
      this.ctxN[i] === this.ctxCode(i, withThesaurus) &&
      c[at] === this.left[0] &&
      (this.leftN < 2 || c[at + 1] === this.left[1]) &&
      c[at + 2] === this.right[0] &&
      (this.rightN < 2 || c[at + 3] === this.right[1])
    );
  }

  /** leftN, rightN and the thesaurus setting (when the site has thesaurus candidates) in one byte, never 0 (not scored). */
  private ctxCode(i: number, withThesaurus: boolean): number {
    return this.leftN | (this.rightN << 2) | (withThesaurus && this.sites.list[i]!.thesaurus > 0 ? 16 : 0);
  }

  private recordContext(i: number, withThesaurus: boolean): void {
    const at = 4 * i;
    this.ctx[at] = this.left[0]!;
    this.ctx[at + 1] = this.left[1]!;
    this.ctx[at + 2] = this.right[0]!;
    this.ctx[at + 3] = this.right[1]!;
    this.ctxN[i] = this.ctxCode(i, withThesaurus);
  }

  /**
   * Per hash of a scoring context (sharedKey), the last site scored in it. Sites of a spun form in the same words
   * ("he stated that" twice) get the same deltas: they are copied (shareFrom) instead of scored again.
   */
  private readonly shared = new Map<number, number>();
  /** Off: every site is scored (tests compare both ways). */
  shareScores = true;
  /** Sites whose deltas were copied (tests see that sharing happened). */
  copied = 0;

  /**
   * A hash of what site i's deltas depend on, with the context just recorded: its words, the context ids and the
   * thesaurus setting (its candidate list is compared apart, in shareFrom).
   */
  private sharedKey(i: number): number {
    const s = this.sites;
    const at = 4 * i;
    const code = this.ctxN[i]!;
    let h = Math.imul(code + 0x9e3779b9, 0x85ebca6b);
    h = mixHash(h, this.ctx[at]!);
    if ((code & 3) === 2) h = mixHash(h, this.ctx[at + 1]!);
    h = mixHash(h, this.ctx[at + 2]!);
    if (((code >> 2) & 3) === 2) h = mixHash(h, this.ctx[at + 3]!);
    const word = this.tok.word;
    for (let t = s.tokFrom[i]!; t < s.tokTo[i]!; t++) h = mixHash(h, word[t]!);
    return h;
  }

  /** A site other than i whose deltas were computed in exactly i's context (just recorded), or -1. */
  private shareFrom(i: number, key: number): number {
    const j = this.shared.get(key);
    if (j === undefined || j === i) return -1;
    const s = this.sites;
    const code = this.ctxN[i]!;
    if (s.list[j] !== s.list[i] || this.ctxN[j] !== code) return -1;
    const a = 4 * i;
    const b = 4 * j;
    const c = this.ctx;
    if (c[a] !== c[b] || c[a + 2] !== c[b + 2]) return -1;
    if ((code & 3) === 2 && c[a + 1] !== c[b + 1]) return -1;
    if (((code >> 2) & 3) === 2 && c[a + 3] !== c[b + 3]) return -1;
    const len = s.tokTo[i]! - s.tokFrom[i]!;
    if (s.tokTo[j]! - s.tokFrom[j]! !== len) return -1;
    const word = this.tok.word;
    for (let x = 0; x < len; x++) if (word[s.tokFrom[i]! + x] !== word[s.tokFrom[j]! + x]) return -1;
    return j;
  }

  /** Copies site j's deltas (all, or the thesaurus candidates' only) and fit to site i, as scoring would set them. */
  private copyScores(i: number, j: number, onlyThesaurus: boolean): void {
    const list = this.sites.list[i]!;
    const at = this.dOff[i]!;
    const from = this.dOff[j]!;
    const d = this.deltas;
    this.copied++;
    let moved = false;
    for (let c = 0; c < list.n; c++) {
      if (onlyThesaurus && list.tier[c] !== "thesaurus") continue;
      const v = d[from + c]!;
      if (v !== d[at + c]) moved = true;
      d[at + c] = v;
    }
    if (moved) {
      this.touched[i] = 1;
      this.gainStale[i] = 1;
    }
    if (onlyThesaurus) return;
    const fit = this.fit[j]!;
    if (fit !== this.fit[i]) this.touched[i] = 1;
    this.fit[i] = fit;
  }

  /**
   * With shareScores: copies the deltas of an earlier site in the same context into site i (true), or records i as
   * the site its context copies from (false: score it).
   */
  private copiedShared(i: number, onlyThesaurus: boolean): boolean {
    if (!this.shareScores) return false;
    const key = this.sharedKey(i);
    const j = this.shareFrom(i, key);
    if (j >= 0) {
      this.copyScores(i, j, onlyThesaurus);
      return true;
    }
    this.shared.set(key, i);
    return false;
  }

  /** siteDeltas with the contexts gathered. */
  private scoreSite(i: number, withThesaurus: boolean): void {
    this.version++;
    this.recordContext(i, withThesaurus);
    if (this.copiedShared(i, false)) return;
    const keepN = this.keepInto(i);
    const keep = this.windowScore(this.keep, 0, keepN);
    const fit = keep / Math.max(1, keepN + this.rightN);
    if (fit !== this.fit[i]) this.touched[i] = 1;
    this.fit[i] = fit;
    const list = this.sites.list[i]!;
    const at = this.dOff[i]!;
    const d = this.deltas;
    const bias = list.fingerprint > 0 ? (this.bias[i] ??= this.fingerprintBias(list, Array.from(this.keep.subarray(0, keepN)))) : null;
    let moved = false;
    for (let c = 0; c < list.n; c++) {
      const thesaurus = list.tier[c] === "thesaurus";
      let v = !withThesaurus && thesaurus ? -Infinity : this.windowScore(list.ids, list.idFrom[c]!, list.idFrom[c + 1]!) - keep;
      if (bias !== null && list.tier[c] === "fingerprint") v = v - bias[c]!;
      // NaN never equals itself: such a site counts as moved, which only costs a rescoring.
      if (v !== d[at + c]) moved = true;
      d[at + c] = v;
    }
    if (moved) {
      this.touched[i] = 1;
      this.gainStale[i] = 1;
    }
  }

  /**
   * A fingerprint's term (tortured phrase → term of a field: "speech intelligence" → "speech intelligibility") is
   * judged by how well it fits its context, not by how common it is: a news-trained model finds most technical terms
   * unlikely in any sentence. The model's view of the two phrases on their own is taken off their evidence, so what
   * remains is what the surrounding words say (a literal use: "the puzzle has 192 pieces").
   */
  private fingerprintBias(list: CandList, keepIds: readonly number[]): Float64Array {
    const lm = this.lm;
    const keep = lm.logProbRange(keepIds, 0, keepIds.length);
    const bias = new Float64Array(list.n);
    for (let c = 0; c < list.n; c++) {
      if (list.tier[c] !== "fingerprint") continue;
      const ids = list.ids.subarray(list.idFrom[c]!, list.idFrom[c + 1]!);
      bias[c] = lm.logProbRange(ids, 0, ids.length) - keep;
    }
    return bias;
  }

  /** Delta of candidate c at site i, NaN when the site's own list is shorter (a form's sites with different lists). */
  delta(i: number, c: number): number {
    return c < this.sites.list[i]!.n ? this.deltas[this.dOff[i]! + c]! : NaN;
  }

  /** Deltas of the thesaurus candidates of site i only (the others as computed before, in the same context). */
  thesaurusDeltas(i: number, active: Int32Array): void {
    const list = this.sites.list[i]!;
    if (list.thesaurus === 0) return;
    this.contextLeft(i, active);
    this.contextRight(i, active);
    this.recordContext(i, true);
    this.version++;
    if (this.copiedShared(i, true)) return;
    const keep = this.windowScore(this.keep, 0, this.keepInto(i));
    const at = this.dOff[i]!;
    for (let c = 0; c < list.n; c++) {
      if (list.tier[c] !== "thesaurus") continue;
      const v = this.windowScore(list.ids, list.idFrom[c]!, list.idFrom[c + 1]!) - keep;
      if (v !== this.deltas[at + c]) this.touched[i] = 1;
      this.deltas[at + c] = v;
    }
  }

  /** For every site, the best gain of a non-thesaurus, non-closed candidate at the other places within three words. */
  neighbourEvidence(): void {
    const s = this.sites;
    const n = s.n;
    const best = this.gain;
    for (let i = 0; i < n; i++) {
      // Only a site whose deltas moved since (thesaurus candidates do not count here).
      if (this.gainStale[i] === 0) continue;
      this.gainStale[i] = 0;
      const list = s.list[i]!;
      const at = this.dOff[i]!;
      let b = 0;
      for (let c = 0; c < list.n; c++) {
        const tier = list.tier[c]!;
        if (tier !== "thesaurus" && tier !== "closed" && this.deltas[at + c]! > b) b = this.deltas[at + c]!;
      }
      best[i] = b;
    }
    const reach = 3;
    for (let i = 0; i < n; i++) {
      const from = s.tokFrom[i]!;
      const to = s.tokTo[i]!;
      let b = 0;
      // Sites are sorted by start token: scan both ways until out of reach.
      for (let j = i - 1; j >= 0 && s.tokFrom[j]! >= from - reach - 4; j--) {
        const oTo = s.tokTo[j]!;
        if (oTo <= from && oTo >= from - reach && best[j]! > b) b = best[j]!;
      }
      for (let j = i + 1; j < n && s.tokFrom[j]! <= to + reach; j++) {
        if (s.tokFrom[j]! >= to && best[j]! > b) b = best[j]!;
      }
      if (this.neighbour[i] !== b) this.touched[i] = 1;
      this.neighbour[i] = b;
    }
  }

  /** The keys present in the whole document when this Scoring sees a window of it (restore/windows.ts). */
  usePresence(present: Uint8Array): void {
    this.present = present;
  }

  /** Whether the document has a word of this key id (its tokens' keys). */
  hasKey(kid: number): boolean {
    if (!this.present) {
      const p = new Uint8Array(wordTable.keys.length + 1);
      const keyOf = wordTable.keyOf;
      for (let t = 0; t < this.tok.n; t++) p[keyOf[this.tok.word[t]!]!] = 1;
      this.present = p;
    }
    return kid < this.present.length && this.present[kid] === 1;
  }

  /**
   * Fills `e` with the evidence for candidate c at member site i of its form (the first member's spun words; `pooled`
   * the form's mean delta per candidate; `unigramSpun`, `spunOov` of the first member). The one place where a
   * feature's input is gathered: training (evidenceTable) and deciding both read it.
   */
  evidence(e: SiteEvidence, i: number, c: number, pooled: Float64Array, k: number, spun: SpunInfo, rate: number, list: CandList): SiteEvidence {
    // `list`: the form's (its first site's); a site's own list is the same but where fingerprints were kept apart
    // (fingerprintFilter, fingerprint-only spans): the candidate is described by the form's list, its words and
    // delta are the site's own.
    const own = this.sites.list[i]!;
    const at = this.dOff[i]!;
    const d = this.deltas;
    const ownN = own.n;
    const bestOther = this.bestOther(i, c, list);
    const inOwn = c < ownN;
    e.delta = inOwn ? d[at + c]! : NaN;
    e.pooled = pooled[c]!;
    e.sites = k;
    e.tier = list.tier[c]!;
    e.prior = list.prior[c]!;
    e.priorInList = list.prior[c]! - list.thesaurusPriorMass;
    e.sources = list.sources[c]!;
    e.unigramCandidate = inOwn ? own.unigram[c]! : NaN;
    e.unigramSpun = spun.unigram;
    e.spunOov = spun.oov;
    e.bestOther = bestOther;
    e.candidates = list.n;
    e.present = this.hasKey(textKeys(list)[c]!);
    e.wordsSpun = spun.words;
    e.wordsCandidate = inOwn ? own.idFrom[c + 1]! - own.idFrom[c]! : NaN;
    e.capitalised = spun.capitalised;
    e.documentRate = rate;
    e.neighbour = this.neighbour[i]!;
    e.fit = this.fit[i]!;
    return e;
  }

  /**
   * The best delta among the other candidates of site i (those of `list`, the form's, that the site's own list has;
   * -Infinity when none): the first maximum of the site's deltas, or for that candidate itself the first maximum of
   * the rest (what a scan of the others would find), worked out once per site and bound.
   */
  bestOther(i: number, c: number, list: CandList): number {
    this.topOf(i, list);
    return c === this.top1At ? this.top2 : this.top1;
  }

  /** Works out (or keeps) top1, top1At and top2 for site i and the bound of `list` (see bestOther). */
  topOf(i: number, list: CandList): void {
    const at = this.dOff[i]!;
    const d = this.deltas;
    const bound = Math.min(list.n, this.sites.list[i]!.n);
    if (this.topSite !== i || this.topBound !== bound || this.topVersion !== this.version) {
      let b1 = -Infinity;
      let i1 = -1;
      let b2 = -Infinity;
      for (let o = 0; o < bound; o++) {
        const v = d[at + o]!;
        if (v > b1) {
          if (b1 > b2) b2 = b1;
          b1 = v;
          i1 = o;
        } else if (v > b2) b2 = v;
      }
      this.topSite = i;
      this.topBound = bound;
      this.topVersion = this.version;
      this.top1 = b1;
      this.top1At = i1;
      this.top2 = b2;
    }
  }

  private share = -1;

  /**
   * The share of the document's places with a candidate of a specific source (any tier but the general thesaurus)
   * whose spun form a loaded candidate table lists (CandList.tableListed): 0 without a table; near 1 in a document
   * the table's spinner wrote, where nearly every such place is one of the forms it writes. Spintax is left out. A
   * text long enough to be restored in windows (windows.ts) has a share per window.
   */
  tableShare(): number {
    if (this.share >= 0) return this.share;
    const s = this.sites;
    let places = 0;
    let table = 0;
    for (let i = 0; i < s.n; i++) {
      if (s.forced[i]) continue;
      const list = s.list[i]!;
      if (list.thesaurus === list.n) continue;
      places++;
      if (list.tableListed) table++;
    }
    return (this.share = places === 0 ? 0 : table / places);
  }

  /** What the evidence of a form reads from its first site. */
  spunInfo(f: number): SpunInfo {
    const s = this.sites;
    const first = this.forms.members[this.forms.memberFrom[f]!]!;
    const ids = this.keepIds(first);
    let sum = 0;
    for (const id of ids) sum += this.lm.unigram(id);
    const p = s.pattern[first]!;
    return {
      unigram: ids.length === 0 ? -8 : sum / ids.length,
      oov: ids.some((id) => id < 0),
      words: s.tokTo[first]! - s.tokFrom[first]!,
      // PATTERNS: 1 first, 2 title.
      capitalised: p === 1 || p === 2,
    };
  }

  /** Mean delta per candidate over the members of form f. */
  pooled(f: number, out: Float64Array): Float64Array {
    const { memberFrom, members } = this.forms;
    const from = memberFrom[f]!;
    const to = memberFrom[f + 1]!;
    const k = to - from;
    const lists = this.sites.list;
    const n = lists[members[from]!]!.n;
    const d = this.deltas;
    // Member by member (each one's deltas side by side), each candidate's sum taken in member order as before.
    out.fill(0, 0, n);
    for (let m = from; m < to; m++) {
      const i = members[m]!;
      const at = this.dOff[i]!;
      const own = Math.min(n, lists[i]!.n);
      for (let c = 0; c < own; c++) out[c] = out[c]! + d[at + c]!;
      for (let c = own; c < n; c++) out[c] = NaN;
    }
    for (let c = 0; c < n; c++) out[c] = out[c]! / k;
    return out;
  }
}

export interface SpunInfo {
  unigram: number;
  oov: boolean;
  words: number;
  capitalised: boolean;
}

export function newEvidence(): SiteEvidence {
  return {
    delta: 0,
    pooled: 0,
    sites: 0,
    tier: "thesaurus" as Tier,
    prior: 0,
    priorInList: 0,
    sources: 1,
    unigramCandidate: 0,
    unigramSpun: 0,
    spunOov: false,
    bestOther: 0,
    candidates: 0,
    present: false,
    wordsSpun: 0,
    wordsCandidate: 0,
    capitalised: false,
    documentRate: 0,
    neighbour: 0,
    fit: 0,
  };
}

/**
 * What the table model adds to the log-odds of candidate c of `list` when it is not a table's own: TableModel.others by
 * whether the table lists this form, times the document's table share; 0 without a table model or share.
 */
export function otherOffset(table: TableModel | undefined, list: CandList, c: number, share: number): number {
  if (!table || share === 0 || list.tier[c] === "table") return 0;
  return share * table.others[list.tableListed ? 1 : 0];
}

/** Near-certain candidates (a user's corrections, fingerprints): the model only vetoes them. */
const CERTAIN_LOGIT = 4;

/**
 * The gate from the round-0 deltas of sites scored without thesaurus candidates (or with: they are no evidence).
 * `strongOut`, when given, receives the indices of the strong sites (for screening: which phrasings gave the evidence).
 */
export function gateOf(sc: Scoring, config: DecideConfig, assumeSpun: boolean, strongOut?: number[]): Gate {
  const counts = new PlaceCounts();
  const s = sc.sites;
  for (let i = 0; i < s.n; i++) if (!s.forced[i]) counts.add(s.list[i]!, sc.deltas, sc.dOff[i]!, s.poolKey[i]!, s.tokFrom[i]!, s.tokTo[i]!, config.gateStrongDelta, i, strongOut);
  const { keys, keyOf } = wordTable;
  let legal = 0;
  for (let t = 0; t < sc.tok.n; t++) if (isLegal(keys[keyOf[sc.tok.word[t]!]!]!)) legal++;
  return gateFrom(sc.tok.n, counts, config, assumeSpun, (form) => rareInEnglish(sc.lm, form), formalOf(sc.tok.n, legal));
}

/** Round-0 deltas of every site (spintax at its first alternative). */
export function initialChoices(sites: Sites): Int32Array {
  const active = new Int32Array(sites.n).fill(-1);
  for (let i = 0; i < sites.n; i++) if (sites.forced[i]) active[i] = 0;
  return active;
}

/**
 * Round-0 evidence for every site, as the scorer sees it: what the training script labels with the original text.
 * `gate`: the document gate (from the sites of the gate's dictionary).
 */
export function evidenceRows(sc: Scoring, gate: Gate): { deltas: Float64Array; features: Float64Array[] }[] {
  const active = initialChoices(sc.sites);
  sc.markActive(active);
  for (let i = 0; i < sc.n; i++) sc.siteDeltas(i, active, true);
  sc.neighbourEvidence();
  const rows: { deltas: Float64Array; features: Float64Array[] }[] = [];
  for (let i = 0; i < sc.n; i++) rows.push({ deltas: sc.deltas.slice(sc.dOff[i]!, sc.dOff[i + 1]!), features: [] });
  const { memberFrom, members } = sc.forms;
  const e = newEvidence();
  const independent = (sc.forms.documentSites ??= independentSites(sc.sites, sc.forms, sc.tok));
  for (let f = 0; f < sc.forms.count; f++) {
    const from = memberFrom[f]!;
    const to = memberFrom[f + 1]!;
    const list = sc.sites.list[members[from]!]!;
    const n = list.n;
    const pooled = sc.pooled(f, new Float64Array(n));
    const spun = sc.spunInfo(f);
    for (let m = from; m < to; m++) {
      const i = members[m]!;
      for (let c = 0; c < n; c++) rows[i]!.features.push(featureVector(sc.evidence(e, i, c, pooled, independent[f]!, spun, gate.rate, list), new Float64Array(FEATURE_COUNT)));
    }
  }
  return rows;
}

/**
 * The decider's per-form work: each form's log-odds per member and candidate, and its proposals (at most one per
 * member), kept from round to round. In later rounds a form whose pooled deltas are unchanged is scored again only at
 * the members that moved; the values are the same as scoring everything afresh. Apart from decide() so that this
 * hot part is compiled on its own (decide itself was slow to optimise and ran unoptimised meanwhile).
 */
class FormProposer {
  // A form's proposals (at most one per member) sit at its members' places: [memberFrom[f], + propCount[f]).
  readonly propSite: Int32Array;
  readonly propCand: Int32Array;
  readonly propK: Int32Array;
  readonly propScore: Float64Array;
  readonly propP: Float64Array;
  readonly propPooled: Float64Array;
  readonly propCount: Int32Array;
  /** 1 once a form has proposed (possibly nothing): what a form whose evidence did not move proposes again. */
  readonly proposed: Uint8Array;
  // Per form, at formAt[f] in flat arrays (one typed array each rather than one per form): the log-odds of the last
  // round (member × candidate); the learned scorer's sum without the pooled terms (features.ts LOGIT_ORDER); and 1
  // where the log-odds are that sum with them, so a member whose own evidence did not move adds only those again.
  private readonly formAt: Int32Array;
  private readonly zAll: Float64Array;
  private readonly partAll: Float64Array;
  private readonly learnedAll: Uint8Array;
  // Per form, at pooledAt[f]: its pooled deltas of the last round (formScored: once it has been scored).
  private readonly pooledAt: Int32Array;
  private readonly pooledAll: Float64Array;
  private readonly formScored: Uint8Array;
  private readonly spunInfos: (SpunInfo | undefined)[];
  private readonly e = newEvidence();
  // Scratch, grown as needed: mean log-odds, pooled deltas, tier kinds and the form's sum (formLogit) per candidate.
  private mean = new Float64Array(16);
  private pooled = new Float64Array(16);
  private kinds = new Uint8Array(16);
  private formSums = new Float64Array(16);
  private readonly formRow = new Float64Array(FEATURE_COUNT);
  /** One member's evidence for one candidate, as siteLogitPart reads it. */
  private readonly site = new Float64Array(SITE_INPUTS);

  constructor(
    private readonly sc: Scoring,
    private readonly config: DecideConfig,
  ) {
    const n = sc.sites.n;
    const count = sc.forms.count;
    const { memberFrom, members } = sc.forms;
    this.propSite = i32(n);
    this.propCand = i32(n);
    this.propK = i32(n);
    this.propScore = f64(n);
    this.propP = f64(n);
    this.propPooled = f64(n);
    this.propCount = i32(count);
    this.proposed = u8(count);
    const formAt = i32(count + 1);
    const pooledAt = i32(count + 1);
    for (let f = 0; f < count; f++) {
      const cn = sc.sites.list[members[memberFrom[f]!]!]!.n;
      formAt[f + 1] = formAt[f]! + (memberFrom[f + 1]! - memberFrom[f]!) * cn;
      pooledAt[f + 1] = pooledAt[f]! + cn;
    }
    this.formAt = formAt;
    this.pooledAt = pooledAt;
    this.zAll = f64(formAt[count]!);
    this.partAll = f64(formAt[count]!);
    this.learnedAll = u8(formAt[count]!);
    this.pooledAll = f64(pooledAt[count]!);
    this.formScored = u8(count);
    this.spunInfos = new Array(count);
  }

  /** Scores form f (`spun`: the gate is open; `rate`: the document's) and records its proposals. */
  propose(f: number, spun: boolean, rate: number): void {
    const { sc, config, propSite, propCand, propK, propScore, propP, propPooled, propCount, proposed, zAll, partAll, learnedAll, pooledAll, pooledAt, formAt, formScored, spunInfos, e, site } = this;
    const sites = sc.sites;
    const { memberFrom, members } = sc.forms;
    const from = memberFrom[f]!;
    const to = memberFrom[f + 1]!;
    proposed[f] = 1;
    propCount[f] = 0;
    const first = members[from]!;
    const forced = sites.forced[first] === 1;
    const list = sites.list[first]!;
    // A closed gate leaves the text alone, but for spintax with real alternatives ({a|b}), which no clean
    // text has (a lone {word} may be a template placeholder, so it waits for the gate too), and for the
    // near-certain tiers (a user's corrections, fingerprint lists) and unmistakable pairs (`recordsdata`), which
    // apply wherever they match.
    const onlyCertain = !spun && !forced;
    if (onlyCertain && !list.certain && list.unmistakable === null) return;
    if (!spun && forced && list.n < 2) return;
    const k = to - from;
    const cn = list.n;
    if (cn > this.mean.length) this.mean = new Float64Array(2 * cn);
    if (cn > this.pooled.length) this.pooled = new Float64Array(2 * cn);
    const mean = this.mean;
    const pooled = this.pooled;
    sc.pooled(f, pooled);
    const pa = pooledAt[f]!;
    const fresh = formScored[f] === 0;
    formScored[f] = 1;
    let all = fresh;
    for (let c = 0; c < cn && !all; c++) if (pooled[c] !== pooledAll[pa + c]) all = true;
    for (let c = 0; c < cn; c++) pooledAll[pa + c] = pooled[c]!;
    const fa = formAt[f]!;
    // Per candidate, the sum of the features that are the same at every member (formFeatures, formLogit), on first need.
    if (cn > this.formSums.length) this.formSums = new Float64Array(2 * cn);
    const formSums = this.formSums;
    const formRow = this.formRow;
    // Per member and candidate: the log-odds (the learned scorer's, or fixed for certain tiers and spintax).
    let kindsReady = false;
    if (cn > this.kinds.length) this.kinds = new Uint8Array(2 * cn);
    const kinds = this.kinds;
    let spunInfo: SpunInfo | null = null;
    // Read by pooledLogit with the pooled terms ("pooled+ × log sites"): the same for every member and candidate.
    const documentSites = (sc.forms.documentSites ??= independentSites(sites, sc.forms, sc.tok))[f]!;
    // A loaded candidate table's candidates are scored with its own weights (TableModel), the others as always.
    const tableWeights = config.table?.weights ?? config.weights;
    const share = config.table ? sc.tableShare() : 0;
    const keep = share === 0 ? 0 : share * config.table!.keep;
    site[SITE_INPUT.logSites] = Math.log(documentSites);
    for (let m = 0; m < k; m++) {
      const i = members[from + m]!;
      if (!all && !sc.touched[i]) continue;
      if (!fresh && !sc.touched[i]) {
        // Only the pooled evidence moved.
        for (let c = 0; c < cn; c++) {
          if (learnedAll[fa + m * cn + c] !== 1) continue;
          site[SITE_INPUT.sum] = partAll[fa + m * cn + c]!;
          site[SITE_INPUT.pooled] = pooled[c]!;
          pooledLogit(list.tier[c] === "table" ? tableWeights : config.weights, site);
          zAll[fa + m * cn + c] = site[SITE_INPUT.logit]!;
        }
        continue;
      }
      if (!kindsReady) {
        // Per candidate: 1 a near-certain tier (or, with the gate shut, an unmistakable pair), 0 another.
        kindsReady = true;
        for (let c = 0; c < cn; c++) kinds[c] = (onlyCertain ? appliesGateShut(list, c) : CERTAIN_TIERS.has(list.tier[c]!)) ? 1 : 0;
      }
      const at = sc.dOff[i]!;
      const ownList = sites.list[i]!;
      const ownN = ownList.n;
      const neighbour = sc.neighbour[i]!;
      const fit = sc.fit[i]!;
      let topReady = false;
      for (let c = 0; c < cn; c++) {
        const d = c < ownN ? sc.deltas[at + c]! : NaN;
        let zc: number;
        learnedAll[fa + m * cn + c] = 0;
        if (d === -Infinity) zc = -Infinity;
        else if (kinds[c] === 1) zc = CERTAIN_LOGIT;
        else if (onlyCertain) zc = -Infinity;
        // Spintax must be resolved: the model alone chooses among its alternatives.
        else if (forced) zc = d;
        else {
          // logit(featureVector(sc.evidence(…))), summed in LOGIT_ORDER: the form's features once per candidate, the site's here.
          if (spunInfo === null) {
            spunInfo = spunInfos[f] ??= sc.spunInfo(f);
            for (let c2 = 0; c2 < cn; c2++) {
              formFeatures(sc.evidence(e, first, c2, pooled, documentSites, spunInfo, rate, list), formRow);
              formSums[c2] = formLogit(list.tier[c2] === "table" ? tableWeights : config.weights, formRow, 0) + otherOffset(config.table, list, c2, share);
            }
          }
          const inOwn = c < ownN;
          site[SITE_INPUT.formSum] = formSums[c]!;
          site[SITE_INPUT.delta] = d;
          if (!topReady) {
            sc.topOf(i, list);
            topReady = true;
          }
          // As sc.bestOther(i, c, list), without a call that returns a number.
          site[SITE_INPUT.bestOther] = c === sc.top1At ? sc.top2 : sc.top1;
          site[SITE_INPUT.unigramCandidate] = inOwn ? ownList.unigram[c]! : NaN;
          site[SITE_INPUT.unigramSpun] = spunInfo.unigram;
          site[SITE_INPUT.wordsCandidate] = inOwn ? ownList.idFrom[c + 1]! - ownList.idFrom[c]! : NaN;
          site[SITE_INPUT.neighbour] = neighbour;
          site[SITE_INPUT.fit] = fit;
          site[SITE_INPUT.pooled] = pooled[c]!;
          siteLogitPart(list.tier[c] === "table" ? tableWeights : config.weights, list.tier[c]!, site);
          const sum = site[SITE_INPUT.sum]!;
          partAll[fa + m * cn + c] = sum;
          learnedAll[fa + m * cn + c] = 1;
          zc = site[SITE_INPUT.logit]!;
        }
        zAll[fa + m * cn + c] = zc;
      }
    }
    for (let c = 0; c < cn; c++) {
      let sum = 0;
      for (let m = 0; m < k; m++) sum += zAll[fa + m * cn + c]!;
      mean[c] = sum / k;
    }
    for (let m = 0; m < k; m++) {
      const i = members[from + m]!;
      const best = bestCandidate(zAll, fa + m * cn, mean, cn, config.siteWeight);
      if (best < 0) continue;
      const score = (1 - config.siteWeight) * mean[best]! + config.siteWeight * zAll[fa + m * cn + best]! - keep;
      if (!forced) {
        // The model vetoes a change it finds clearly worse. A near-certain entry that is also ordinary English
        // (a negative prior: "independent learning") needs less contradiction to be kept as written.
        const certainPrior = CERTAIN_TIERS.has(list.tier[best]!) ? Math.min(0, list.prior[best]!) : 0;
        if (sc.delta(i, best) + certainPrior < -config.veto) continue;
        if (sigmoid(score) < config.threshold) continue;
      }
      const r = from + propCount[f]!++;
      propSite[r] = i;
      propCand[r] = best;
      propScore[r] = score;
      propP[r] = sigmoid(score);
      propPooled[r] = pooled[best]!;
      propK[r] = k;
    }
  }
}

/**
 * The candidate of best score at a member, (1 - siteWeight) × the form's mean log-odds + siteWeight × its own (the
 * first of equal ones; -1 when every candidate is ruled out): its log-odds for candidate c at z[at + c].
 */
function bestCandidate(z: Float64Array, at: number, mean: Float64Array, cn: number, siteWeight: number): number {
  let best = -1;
  let score = -Infinity;
  for (let c = 0; c < cn; c++) {
    const zc = z[at + c]!;
    if (zc === -Infinity) continue;
    const s = (1 - siteWeight) * mean[c]! + siteWeight * zc;
    if (s > score) {
      score = s;
      best = c;
    }
  }
  return best;
}

/**
 * Decides every site. `gate`: the document gate when the caller has computed it already, with `scored` true when
 * `sc.deltas` already hold the round-0 deltas it was computed from (without thesaurus candidates).
 */
export function decide(sc: Scoring, config: DecideConfig, assumeSpun: boolean, gate?: Gate, scored = false): DecideResult {
  const sites = sc.sites;
  const n = sites.n;
  const tokN = sc.tok.n;
  let active: Int32Array = initialChoices(sites);
  let docGate = gate;
  const changedTokens = new Uint8Array(tokN);
  const { memberFrom, members } = sc.forms;
  const proposer = new FormProposer(sc, config);
  const { propSite, propCand, propK, propP, propPooled, propScore, propCount, proposed } = proposer;
  /** This round's proposals (their places), and those taken (the decisions of the last round). */
  const order: number[] = [];
  const accepted: number[] = [];
  let next: Int32Array = new Int32Array(n);
  const taken = new Uint8Array(tokN);
  /** Per site, 1 where its paragraph reads as clean text (paragraphVeto); null when no paragraph is. */
  let vetoed: Uint8Array | null = null;
  for (let round = 0; round < config.rounds; round++) {
    sc.markActive(active);
    if (round === 0) {
      if (docGate) {
        if (!scored || docGate.spun) {
          if (scored) for (let i = 0; i < n; i++) sc.thesaurusDeltas(i, active);
          else for (let i = 0; i < n; i++) sc.siteDeltas(i, active, docGate.spun);
        }
      } else {
        // The gate needs no thesaurus candidates (they are no evidence of spinning), and a clean document
        // needs nothing more: score those only once the gate is open.
        for (let i = 0; i < n; i++) sc.siteDeltas(i, active, false);
        docGate = gateOf(sc, config, assumeSpun);
        if (docGate.spun) for (let i = 0; i < n; i++) sc.thesaurusDeltas(i, active);
      }
    } else {
      // Only sites whose context changed in the last round need scoring again.
      for (let i = 0; i < n; i++) if (nearChange(sites, i, changedTokens)) sc.rescore(i, active, docGate!.spun);
    }
    const spun = docGate!.spun;
    if (round === 0 && spun && !assumeSpun) vetoed = paragraphVeto(sc, config);
    sc.neighbourEvidence();
    next.fill(-1);
    taken.fill(0);
    order.length = 0;
    for (let f = 0; f < sc.forms.count; f++) {
      const from = memberFrom[f]!;
      const to = memberFrom[f + 1]!;
      let moved = false;
      for (let m = from; m < to && !moved; m++) if (sc.touched[members[m]!]) moved = true;
      if (!moved && proposed[f] === 1) {
        for (let x = 0; x < propCount[f]!; x++) order.push(from + x);
        continue;
      }
      proposer.propose(f, spun, docGate!.rate);
      for (let x = 0; x < propCount[f]!; x++) order.push(from + x);
    }
    sc.touched.fill(0);
    // Best first; equal scores in the order proposed (places grow with it), as a stable sort leaves them.
    order.sort((a, b) => propScore[b]! - propScore[a]! || a - b);
    accepted.length = 0;
    for (let x = 0; x < order.length; x++) {
      const r = order[x]!;
      const i = propSite[r]!;
      if (overlapsTaken(sites, i, taken)) continue;
      if (vetoed?.[i] === 1 && !(sites.forced[i] === 1 || appliesGateShut(sites.list[i]!, propCand[r]!))) continue;
      taken.fill(1, sites.tokFrom[i]!, sites.reachTo[i]!);
      next[i] = propCand[r]!;
      accepted.push(r);
    }
    changedTokens.fill(0);
    let stable = true;
    for (let i = 0; i < n; i++) {
      if (next[i] === active[i]) continue;
      stable = false;
      changedTokens.fill(1, sites.tokFrom[i]!, sites.reachTo[i]!);
    }
    const last = active;
    active = next;
    next = last;
    if (stable) break;
  }
  // The last round's choices (no site was scored after it).
  const decisions: Decision[] = accepted.map((r) => {
    const i = propSite[r]!;
    const c = propCand[r]!;
    return { site: i, candidate: c, delta: sc.delta(i, c), pooled: propPooled[r]!, pooledSites: propK[r]!, probability: propP[r]!, documentProbability: docGate!.probability };
  });
  return {
    decisions: decisions.sort((a, b) => sites.start[a.site]! - sites.start[b.site]!),
    strongSites: docGate?.strongSites ?? 0,
    strongForms: docGate?.strongForms ?? 0,
    spun: docGate?.spun ?? assumeSpun,
    probability: docGate?.probability ?? (assumeSpun ? 1 : 0),
  };
}

/** One more 32-bit value mixed into a hash (Scoring.sharedKey). */
function mixHash(h: number, v: number): number {
  const x = Math.imul(h ^ v, 0x5bd1e995);
  return x ^ (x >>> 15);
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

function overlapsTaken(sites: Sites, i: number, taken: Uint8Array): boolean {
  const to = sites.reachTo[i]!;
  for (let t = sites.tokFrom[i]!; t < to; t++) if (taken[t]) return true;
  return false;
}

/**
 * Per site, 1 where the site's paragraph, read by the document gate's model as if it stood alone, is at most
 * PARAGRAPH_VETO_PROBABILITY likely to be spun (paragraphs.ts); null when no paragraph of PARAGRAPH_MIN_WORDS words or
 * more is. Read from the round-0 deltas, as the document gate is.
 */
export function paragraphVeto(sc: Scoring, config: DecideConfig): Uint8Array | null {
  const { of, count } = paragraphIndex(sc.tok);
  if (count < 2) return null;
  const words = new Int32Array(count);
  for (let t = 0; t < sc.tok.n; t++) words[of[t]!]!++;
  const counts: (PlaceCounts | undefined)[] = new Array(count);
  const s = sc.sites;
  for (let i = 0; i < s.n; i++) {
    if (s.forced[i]) continue;
    const p = of[s.tokFrom[i]!]!;
    if (words[p]! < PARAGRAPH_MIN_WORDS) continue;
    (counts[p] ??= new PlaceCounts()).add(s.list[i]!, sc.deltas, sc.dOff[i]!, s.poolKey[i]!, s.tokFrom[i]!, s.tokTo[i]!, config.gateStrongDelta);
  }
  const clean = new Uint8Array(count);
  let any = false;
  for (let p = 0; p < count; p++) {
    if (words[p]! < PARAGRAPH_MIN_WORDS) continue;
    if (gateFrom(words[p]!, counts[p] ?? new PlaceCounts(), config, false).probability > PARAGRAPH_VETO_PROBABILITY) continue;
    clean[p] = 1;
    any = true;
  }
  if (!any) return null;
  const out = new Uint8Array(s.n);
  for (let i = 0; i < s.n; i++) out[i] = clean[of[s.tokFrom[i]!]!]!;
  return out;
}

/**
 * Whether candidate c of a list applies with the gate shut: a near-certain tier (a user's corrections, fingerprints)
 * or an unmistakable pair. Spintax with real alternatives (a forced site) applies too.
 */
function appliesGateShut(list: CandList, c: number): boolean {
  return CERTAIN_TIERS.has(list.tier[c]!) || list.unmistakable?.[c] === 1;
}

/** Whether a change within the reach of a trigram (a few tokens) touched this site's context. */
function nearChange(sites: Sites, i: number, changedTokens: Uint8Array): boolean {
  const reach = 4;
  const to = Math.min(changedTokens.length, sites.reachTo[i]! + reach);
  for (let t = Math.max(0, sites.tokFrom[i]! - reach); t < to; t++) if (changedTokens[t]) return true;
  return false;
}

/**
 * Round-0 evidence for every site, as the scorer sees it, with the document gate, for sites and tokens as objects
 * (see restore.ts siteEvidence, which most callers want). `gateSites`: the sites of the gate's dictionary.
 */
export function evidenceTable(
  tokens: readonly WordToken[],
  sentences: readonly Sentence[],
  sites: Site[],
  gateSites: Site[],
  lm: LmView,
  config: DecideConfig,
): { gate: Gate; table: SiteTable[] } {
  const tok = tokenTableOf(tokens, sentences);
  const gsc = scoringOf(tok, gateSites, lm);
  const gate = gateOf(scoreRound0(gsc), config, false);
  const rows = evidenceRows(scoringOf(tok, sites, lm), gate);
  return { gate, table: sites.map((site, i) => ({ site, deltas: rows[i]!.deltas, features: rows[i]!.features })) };
}

/** Round-0 deltas without thesaurus candidates (what the gate reads). */
export function scoreRound0(sc: Scoring): Scoring {
  const active = initialChoices(sc.sites);
  sc.markActive(active);
  for (let i = 0; i < sc.n; i++) sc.siteDeltas(i, active, false);
  return sc;
}

function tokenTableOf(tokens: readonly WordToken[], sentences: readonly Sentence[]): TokenTable {
  const n = tokens.length;
  const flags = new Uint8Array(n);
  const sentence = new Int32Array(n);
  tokens.forEach((t, i) => {
    flags[i] = (t.joinsNext ? JOINS_NEXT : 0) | (t.hyphenBefore ? HYPHEN_BEFORE : 0) | (t.hyphenAfter ? HYPHEN_AFTER : 0) | (t.hyphenNext ? HYPHEN_NEXT : 0);
  });
  sentences.forEach((s, k) => sentence.fill(k, s.from, s.to));
  return {
    text: "",
    n,
    start: Int32Array.from(tokens, (t) => t.start),
    end: Int32Array.from(tokens, (t) => t.end),
    flags,
    word: Int32Array.from(tokens, (t) => wordId(t.text)),
    sentence,
    sentenceFrom: Int32Array.from(sentences, (s) => s.from),
    sentenceTo: Int32Array.from(sentences, (s) => s.to),
  };
}

function scoringOf(tok: TokenTable, objects: readonly Site[], lm: LmView): Scoring {
  const sites = new Sites(Math.max(1, objects.length));
  const lists = new Map<readonly SiteCandidate[], CandList>();
  const hidden = new Uint8Array(tok.n);
  for (const s of objects) {
    let list = lists.get(s.candidates);
    if (!list) {
      list = withModel(listOf(s.candidates), lm);
      lists.set(s.candidates, list);
    }
    const hid = s.hiddenTokens;
    if (hid) hidden.fill(1, hid[0], hid[1]);
    sites.push(s.tokFrom, s.tokTo, s.start, s.end, hid ? hid[0] : -1, Math.max(s.tokTo, hid?.[1] ?? 0), PATTERNS.indexOf(s.pattern), s.forced, list, s.poolKey, s.spun);
  }
  return new Scoring(tok, hidden, sites, assignForms(sites), lm);
}
