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
import { CERTAIN_TIERS } from "../dict/types.js";
import type { Sentence, WordToken } from "../text/tokenize.js";
import { FEATURE_COUNT, featureVector, logit, type SiteEvidence } from "./features.js";
import { ASSUMED_SPUN_RATE } from "./scorer-weights.js";
import type { LmView } from "./lm-view.js";
import type { Site, SiteCandidate } from "./sites.js";

export interface GateModel {
  /** Weights over GATE_FEATURE_NAMES. */
  weights: readonly number[];
}

export interface DecideConfig {
  /** Probability a candidate must reach to replace the text (the level). */
  threshold: number;
  /** Weights of the site scorer over FEATURE_NAMES (features.ts). */
  weights: readonly number[];
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
  site: Site;
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
  spun: boolean;
  probability: number;
}

interface Ctx {
  tokens: readonly WordToken[];
  sentences: readonly Sentence[];
  tokSentence: Int32Array;
  hidden: Uint8Array;
  lm: LmView;
  sites: Site[];
  candIds: (readonly number[])[][];
  /** Per site, the model ids of the text as written. */
  keepIds: number[][];
  /** Per site with fingerprint candidates, what the model thinks of each candidate out of context (see fingerprintBias). */
  bias: (Float64Array | undefined)[];
  /** Per token, the active site covering it (-1 if none); rebuilt each round. */
  coverAt: Int32Array;
  /** Per site, mean log10 probability per word of the text as written in its window (set by siteDeltas). */
  fit: Float64Array;
  /** Per site, the best non-thesaurus gain at the places within three words (set by neighbourEvidence). */
  neighbour: Float64Array;
}

function makeCtx(tokens: readonly WordToken[], sentences: readonly Sentence[], sites: Site[], lm: LmView, config: DecideConfig): Ctx {
  const tokSentence = new Int32Array(tokens.length);
  sentences.forEach((s, i) => tokSentence.fill(i, s.from, s.to));
  const hidden = new Uint8Array(tokens.length);
  for (const s of sites) if (s.hiddenTokens) hidden.fill(1, s.hiddenTokens[0], s.hiddenTokens[1]);
  const candIds = candidateIds(sites, lm);
  const keepIds = sites.map((s) => {
    const ids: number[] = [];
    for (let t = s.tokFrom; t < s.tokTo; t++) for (const id of lm.tokenIds(tokens[t]!.text)) ids.push(id);
    return ids;
  });
  return {
    tokens,
    sentences,
    tokSentence,
    hidden,
    lm,
    sites,
    candIds,
    coverAt: new Int32Array(tokens.length).fill(-1),
    keepIds,
    bias: sites.map((s, i) => fingerprintBias(s, candIds[i]!, keepIds[i]!, lm)),
    fit: new Float64Array(sites.length),
    neighbour: new Float64Array(sites.length),
  };
}

/**
 * A fingerprint's term (tortured phrase → term of a field: "speech intelligence" → "speech intelligibility") is judged
 * by how well it fits its context, not by how common it is: a news-trained model finds most technical terms
 * unlikely in any sentence. The model's view of the two phrases on their own is taken off their evidence, so
 * what remains is what the surrounding words say (a literal use: "the puzzle has 192 pieces").
 */
function fingerprintBias(site: Site, candIds: (readonly number[])[], keepIds: readonly number[], lm: LmView): Float64Array | undefined {
  if (!site.candidates.some((c) => c.tier === "fingerprint")) return undefined;
  const alone = (ids: readonly number[]) => lm.logProbRange(ids, 0, ids.length);
  const keep = alone(keepIds);
  return Float64Array.from(site.candidates, (c, k) => (c.tier === "fingerprint" ? alone(candIds[k]!) - keep : 0));
}

/** Records which active site covers each token: the context other sites are scored in. */
function markActive(ctx: Ctx, active: Int32Array): void {
  ctx.coverAt.fill(-1);
  active.forEach((c, j) => {
    if (c >= 0) ctx.coverAt.fill(j, ctx.sites[j]!.tokFrom, ctx.sites[j]!.tokTo);
  });
}

/** Spintax has no "keep": it starts from its first alternative. */
function initialChoices(sites: readonly Site[]): Int32Array {
  const active = new Int32Array(sites.length).fill(-1);
  sites.forEach((s, i) => {
    if (s.forced) active[i] = 0;
  });
  return active;
}

export const GATE_FEATURE_NAMES = [
  "bias",
  "log strong places per 1000 words (smoothed)",
  // Counts and length as a Poisson model of strong places has them: each place is evidence, each word without
  // one is evidence against (capped so that one long document does not dominate).
  "strong places",
  "strong curated places",
  "words / 100",
  "places where a candidate wins / 10",
  "log mean of the best gains",
  "strong places of a loaded candidate table per 1000 words (smoothed) / 10",
] as const;

/** A document needs at least this many strong places before the gate may open: one or two odd phrases, which a
 * correct sentence can hold, are never enough. */
export const MIN_GATE_PLACES = 3;

export interface Gate {
  strongSites: number;
  spun: boolean;
  /** Probability that the document is spun (1 when assumed). */
  probability: number;
  /** Strong places per 1000 words, smoothed for short texts (feeds the site scorer). */
  rate: number;
  features: Float64Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const RATE_PRIOR_WORDS = 200;

function gateFrom(
  tokens: readonly WordToken[],
  sites: readonly Site[],
  deltas: readonly Float64Array[],
  config: DecideConfig,
  assumeSpun: boolean,
  strongOut?: number[],
): Gate {
  const { strong, strongCurated, strongTable, winning, bestGains } = placeCounts(sites, deltas, config.gateStrongDelta, strongOut);
  const words = Math.max(1, tokens.length);
  // Rates are smoothed with 200 words of no evidence: one strong place in a ten-word sentence is not a rate of 100.
  const rate = (strong * 1000) / (words + RATE_PRIOR_WORDS);
  bestGains.sort((a, b) => b - a);
  const top = bestGains.slice(0, 5);
  const meanTop = top.length ? top.reduce((a, b) => a + b, 0) / top.length : 0;
  const features = Float64Array.from([
    1,
    Math.log1p(rate),
    Math.min(strong, 30),
    Math.min(strongCurated, 15),
    Math.min(words, 3000) / 100,
    Math.min(winning, 60) / 10,
    Math.log1p(Math.max(0, meanTop)),
    // Linear, not logarithmic: with a table loaded, clean articles reach about 20 such places per 1000 words and
    // spun ones 40 to 110, and the gate must be able to draw that line sharply.
    Math.min((strongTable * 1000) / (words + RATE_PRIOR_WORDS), 200) / 10,
  ]);
  const probability = tokens.length === 0 ? 0 : sigmoid(logit(config.gate.weights, features));
  const open = strong + strongTable >= MIN_GATE_PLACES && probability >= config.gateThreshold;
  // A document the caller declares spun is scored as a typical spun page is, however little evidence it shows.
  const siteRate = assumeSpun ? Math.max(rate, ASSUMED_SPUN_RATE) : rate;
  return { strongSites: strong, rate: siteRate, features, probability: assumeSpun ? 1 : probability, spun: assumeSpun || open };
}

/**
 * The document gate on its own, from sites that need no thesaurus: lets a caller find the thesaurus's sites
 * (and load it) only for a document that turns out to be spun.
 */
export function documentGate(
  tokens: readonly WordToken[],
  sentences: readonly Sentence[],
  sites: Site[],
  lm: LmView,
  config: DecideConfig,
  assumeSpun: boolean,
  /** When given, receives the indices of the strong sites (for screening: which phrasings gave the evidence). */
  strongOut?: number[],
): Gate {
  const ctx = makeCtx(tokens, sentences, sites, lm, config);
  const active = initialChoices(sites);
  markActive(ctx, active);
  return gateFrom(tokens, sites, sites.map((_, i) => siteDeltas(ctx, i, active, false)), config, assumeSpun, strongOut);
}

/** Everything the scorer saw at one site: for training the weights (scripts/train-scorer.mjs) and for reports. */
export interface SiteTable {
  site: Site;
  /** Per candidate, its feature vector (round 0: the text as written around it). */
  features: Float64Array[];
  deltas: Float64Array;
}

/**
 * Round-0 evidence for every site, as the scorer sees it, with the document gate: what the training script
 * labels with the original text. `gateSites`: the sites of the gate's dictionary (no thesaurus).
 */
export function evidenceTable(
  tokens: readonly WordToken[],
  sentences: readonly Sentence[],
  sites: Site[],
  gateSites: Site[],
  lm: LmView,
  config: DecideConfig,
): { gate: Gate; table: SiteTable[] } {
  const gate = documentGate(tokens, sentences, gateSites, lm, config, false);
  const ctx = makeCtx(tokens, sentences, sites, lm, config);
  const active = initialChoices(sites);
  markActive(ctx, active);
  const deltas = sites.map((_, i) => siteDeltas(ctx, i, active, true));
  neighbourEvidence(ctx, deltas);
  const groups = groupSites(sites);
  const present = wordsPresent(tokens);
  const table: SiteTable[] = sites.map((site, i) => ({ site, deltas: deltas[i]!, features: [] }));
  for (const members of groups.values()) {
    const f = groupFeatures(ctx, members, deltas, present, gate.rate);
    members.forEach((i, m) => (table[i]!.features = f[m]!));
  }
  return { gate, table };
}

/** `gate`: the document gate when the caller has computed it already (see documentGate). */
export function decide(
  tokens: readonly WordToken[],
  sentences: readonly Sentence[],
  sites: Site[],
  lm: LmView,
  config: DecideConfig,
  assumeSpun: boolean,
  gate?: Gate,
): DecideResult {
  const ctx = makeCtx(tokens, sentences, sites, lm, config);

  const groups = groupSites(sites);
  const present = wordsPresent(tokens);
  let active = initialChoices(sites);
  let docGate = gate;
  let decisions: Decision[] = [];
  let deltas: Float64Array[] = [];
  const changedTokens = new Uint8Array(tokens.length);
  for (let round = 0; round < config.rounds; round++) {
    markActive(ctx, active);
    if (round === 0) {
      if (docGate) {
        deltas = sites.map((_, i) => siteDeltas(ctx, i, active, docGate!.spun));
      } else {
        // The gate needs no thesaurus candidates (they are no evidence of spinning), and a clean document
        // needs nothing more: score those only once the gate is open.
        deltas = sites.map((_, i) => siteDeltas(ctx, i, active, false));
        docGate = gateFrom(tokens, sites, deltas, config, assumeSpun);
        if (docGate.spun) deltas = sites.map((_, i) => siteDeltas(ctx, i, active, true));
      }
    } else {
      // Only sites whose context changed in the last round need scoring again.
      for (let i = 0; i < sites.length; i++) if (nearChange(sites[i]!, changedTokens)) deltas[i] = siteDeltas(ctx, i, active, docGate!.spun);
    }
    const spun = docGate!.spun;
    neighbourEvidence(ctx, deltas);
    const next = new Int32Array(sites.length).fill(-1);
    const taken = new Uint8Array(tokens.length);
    decisions = [];
    const proposals: { i: number; c: number; score: number; p: number; pooled: number; k: number }[] = [];
    for (const members of groups.values()) {
      const first = sites[members[0]!]!;
      // A closed gate leaves the text alone, but for spintax with real alternatives ({a|b}), which no clean
      // text has (a lone {word} may be a template placeholder, so it waits for the gate too), and for the
      // near-certain tiers (a user's corrections, fingerprint lists), which apply wherever they match.
      const onlyCertain = !spun && !first.forced;
      if (onlyCertain && !first.candidates.some((c) => CERTAIN_TIERS.has(c.tier))) continue;
      if (!spun && first.forced && first.candidates.length < 2) continue;
      const scores = groupScores(ctx, config, members, deltas, present, docGate!.rate, onlyCertain);
      members.forEach((i, m) => {
        const { best, score, pooled } = scores[m]!;
        if (best < 0) return;
        if (!first.forced) {
          // The model vetoes a change it finds clearly worse. A near-certain entry that is also ordinary English
          // (a negative prior: "independent learning") needs less contradiction to be kept as written.
          const cand = first.candidates[best]!;
          const certainPrior = CERTAIN_TIERS.has(cand.tier) ? Math.min(0, cand.prior) : 0;
          if (deltas[i]![best]! + certainPrior < -config.veto) return;
          if (sigmoid(score) < config.threshold) return;
        }
        proposals.push({ i, c: best, score, p: sigmoid(score), pooled, k: members.length });
      });
    }
    proposals.sort((a, b) => b.score - a.score);
    for (const { i, c, p, pooled, k } of proposals) {
      const site = sites[i]!;
      if (overlapsTaken(site, taken)) continue;
      taken.fill(1, site.tokFrom, Math.max(site.tokTo, site.hiddenTokens?.[1] ?? 0));
      next[i] = c;
      decisions.push({ site, candidate: c, delta: deltas[i]![c]!, pooled, pooledSites: k, probability: p, documentProbability: docGate!.probability });
    }
    changedTokens.fill(0);
    let stable = true;
    next.forEach((v, i) => {
      if (v === active[i]) return;
      stable = false;
      const s = sites[i]!;
      changedTokens.fill(1, s.tokFrom, Math.max(s.tokTo, s.hiddenTokens?.[1] ?? 0));
    });
    active = next;
    if (stable) break;
  }
  return {
    decisions: decisions.sort((a, b) => a.site.start - b.site.start),
    strongSites: docGate?.strongSites ?? 0,
    spun: docGate?.spun ?? assumeSpun,
    probability: docGate?.probability ?? (assumeSpun ? 1 : 0),
  };
}

/** Near-certain candidates (a user's corrections, fingerprints): the model only vetoes them. */
const CERTAIN_LOGIT = 4;

/**
 * Per member site of a group: the candidate with the best blend of the group's mean log-odds (the spinner's one
 * choice per form) and the site's own, and that score.
 */
function groupScores(
  ctx: Ctx,
  config: DecideConfig,
  members: readonly number[],
  deltas: readonly Float64Array[],
  present: ReadonlySet<string>,
  rate: number,
  onlyCertain: boolean,
): { best: number; score: number; pooled: number }[] {
  const first = ctx.sites[members[0]!]!;
  const n = first.candidates.length;
  const features = groupFeatures(ctx, members, deltas, present, rate);
  const z = members.map((_, m) =>
    Float64Array.from({ length: n }, (_, c) => {
      const cand = first.candidates[c]!;
      const d = deltas[members[m]!]![c]!;
      if (d === -Infinity) return -Infinity;
      if (CERTAIN_TIERS.has(cand.tier)) return CERTAIN_LOGIT;
      if (onlyCertain) return -Infinity;
      // Spintax must be resolved: the model alone chooses among its alternatives.
      if (first.forced) return d;
      return logit(config.weights, features[m]![c]!);
    }),
  );
  const mean = new Float64Array(n);
  const pooled = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let m = 0; m < members.length; m++) {
      mean[c] = mean[c]! + z[m]![c]!;
      pooled[c] = pooled[c]! + deltas[members[m]!]![c]!;
    }
    mean[c] = mean[c]! / members.length;
    pooled[c] = pooled[c]! / members.length;
  }
  return members.map((_, m) => {
    let best = -1;
    let score = -Infinity;
    for (let c = 0; c < n; c++) {
      const zc = z[m]![c]!;
      if (zc === -Infinity) continue;
      const s = (1 - config.siteWeight) * mean[c]! + config.siteWeight * zc;
      if (s > score) {
        score = s;
        best = c;
      }
    }
    return { best, score, pooled: best >= 0 ? pooled[best]! : 0 };
  });
}

/** Feature vectors of every candidate at every member site of a group (one spun form). */
function groupFeatures(
  ctx: Ctx,
  members: readonly number[],
  deltas: readonly Float64Array[],
  present: ReadonlySet<string>,
  rate: number,
): Float64Array[][] {
  const first = ctx.sites[members[0]!]!;
  const n = first.candidates.length;
  const k = members.length;
  const pooled = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let sum = 0;
    for (const i of members) sum += deltas[i]![c]!;
    pooled[c] = sum / k;
  }
  const spunIds = ctx.keepIds[members[0]!]!;
  const unigramSpun = meanUnigram(ctx.lm, spunIds);
  const spunOov = spunIds.some((id) => id < 0);
  const wordsSpun = first.tokTo - first.tokFrom;
  const capitalised = first.pattern === "first" || first.pattern === "title";
  return members.map((i) => {
    const d = deltas[i]!;
    const candIds = ctx.candIds[i]!;
    return first.candidates.map((cand, c) => {
      let bestOther = -Infinity;
      for (let o = 0; o < n; o++) if (o !== c && d[o]! > bestOther) bestOther = d[o]!;
      const e: SiteEvidence = {
        delta: d[c]!,
        pooled: pooled[c]!,
        sites: k,
        tier: cand.tier,
        prior: cand.prior,
        sources: cand.sources,
        unigramCandidate: meanUnigram(ctx.lm, candIds[c]!),
        unigramSpun,
        spunOov,
        bestOther,
        candidates: n,
        present: present.has(cand.text),
        wordsSpun,
        wordsCandidate: candIds[c]!.length,
        capitalised,
        documentRate: rate,
        neighbour: ctx.neighbour[i]!,
        fit: ctx.fit[i]!,
      };
      return featureVector(e, new Float64Array(FEATURE_COUNT));
    });
  });
}

function meanUnigram(lm: LmView, ids: readonly number[]): number {
  if (ids.length === 0) return -8;
  let sum = 0;
  for (const id of ids) sum += lm.unigram(id);
  return sum / ids.length;
}

/** Model ids of every site's candidates; sites sharing a candidate list share the ids too. */
function candidateIds(sites: readonly Site[], lm: LmView): (readonly number[])[][] {
  const byList = new Map<readonly unknown[], (readonly number[])[]>();
  return sites.map((s) => {
    let ids = byList.get(s.candidates);
    if (!ids) {
      ids = s.candidates.map((c) => lm.phraseIds(c.text));
      byList.set(s.candidates, ids);
    }
    return ids;
  });
}

/**
 * Sites pooled by spun form. A form's sites share one candidate list, except where a site's list was narrowed
 * (fingerprints only at a hyphen or in mixed case, a fingerprint left to a longer match): such sites pool apart,
 * since the group's evidence is read candidate by candidate.
 */
function groupSites(sites: readonly Site[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const listOf = new Map<string, readonly SiteCandidate[]>();
  const variant = new Map<readonly SiteCandidate[], number>();
  sites.forEach((s, i) => {
    let key = s.poolKey;
    const first = listOf.get(key);
    if (first === undefined) listOf.set(key, s.candidates);
    else if (first !== s.candidates && !sameCandidates(first, s.candidates)) {
      let v = variant.get(s.candidates);
      if (v === undefined) variant.set(s.candidates, (v = variant.size + 1));
      key = `${key}\u0000${v}`;
    }
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

const sameCandidates = (a: readonly SiteCandidate[], b: readonly SiteCandidate[]) =>
  a.length === b.length && a.every((c, k) => c.text === b[k]!.text && c.tier === b[k]!.tier);

/** Lower-case words of the document, for the "the original is already here, unspun" evidence. */
function wordsPresent(tokens: readonly WordToken[]): Set<string> {
  return new Set(tokens.map((t) => t.key));
}

/**
 * Evidence of spinning from the places where a candidate beats the text: how many win clearly (overlapping sites,
 * a phrase and a word in it, count once), how many of those are curated, how many win at all, and each place's
 * best gain. A general thesaurus and closed-class swaps propose for ordinary words and are no evidence; the
 * near-certain tiers apply anyway. A candidate table a user loads (tier table) is counted apart: a large table
 * proposes for so many ordinary words that its places mean something else than the spinner's own forms.
 */
function placeCounts(sites: readonly Site[], deltas: readonly Float64Array[], strongDelta: number, strongOut?: number[]) {
  let strong = 0;
  let strongCurated = 0;
  let strongTable = 0;
  let winning = 0;
  const bestGains: number[] = [];
  let lastEnd = -1;
  sites.forEach((s, i) => {
    if (s.forced) return;
    const d = deltas[i]!;
    let best = -Infinity;
    let bestTable = -Infinity;
    let curated = false;
    for (let c = 0; c < d.length; c++) {
      const tier = s.candidates[c]!.tier;
      if (tier === "thesaurus" || tier === "closed" || CERTAIN_TIERS.has(tier)) continue;
      if (tier === "table") bestTable = Math.max(bestTable, d[c]!);
      else if (d[c]! > best) {
        best = d[c]!;
        curated = tier === "signature";
      }
    }
    if (best <= 0 && bestTable <= strongDelta) return;
    // Every strong site, overlapping ones too (screening lists the phrasings that gave the evidence).
    if (best > strongDelta) strongOut?.push(i);
    if (s.tokFrom < lastEnd) return;
    lastEnd = Math.max(lastEnd, s.tokTo);
    if (best > 0) {
      winning++;
      bestGains.push(Math.min(8, best));
    }
    if (best > strongDelta) {
      strong++;
      if (curated) strongCurated++;
    } else if (bestTable > strongDelta) strongTable++;
  });
  return { strong, strongCurated, strongTable, winning, bestGains };
}

/** For every site, the best gain of a non-thesaurus, non-closed candidate at the other places within three words. */
function neighbourEvidence(ctx: Ctx, deltas: readonly Float64Array[]): void {
  const { sites } = ctx;
  const best = sites.map((s, i) => {
    let b = 0;
    s.candidates.forEach((c, ci) => {
      if (c.tier !== "thesaurus" && c.tier !== "closed" && deltas[i]![ci]! > b) b = deltas[i]![ci]!;
    });
    return b;
  });
  const reach = 3;
  for (let i = 0; i < sites.length; i++) {
    const s = sites[i]!;
    let b = 0;
    // Sites are sorted by start token: scan both ways until out of reach.
    for (let j = i - 1; j >= 0 && sites[j]!.tokFrom >= s.tokFrom - reach - 4; j--) {
      const o = sites[j]!;
      if (o.tokTo <= s.tokFrom && o.tokTo >= s.tokFrom - reach && best[j]! > b) b = best[j]!;
    }
    for (let j = i + 1; j < sites.length && sites[j]!.tokFrom <= s.tokTo + reach; j++) {
      const o = sites[j]!;
      if (o.tokFrom >= s.tokTo && best[j]! > b) b = best[j]!;
    }
    ctx.neighbour[i] = b;
  }
}

function overlapsTaken(site: Site, taken: Uint8Array): boolean {
  const to = Math.max(site.tokTo, site.hiddenTokens?.[1] ?? 0);
  for (let t = site.tokFrom; t < to; t++) if (taken[t]) return true;
  return false;
}

/** Whether a change within the reach of a trigram (a few tokens) touched this site's context. */
function nearChange(site: Site, changedTokens: Uint8Array): boolean {
  const reach = 4;
  const to = Math.min(changedTokens.length, Math.max(site.tokTo, site.hiddenTokens?.[1] ?? 0) + reach);
  for (let t = Math.max(0, site.tokFrom - reach); t < to; t++) if (changedTokens[t]) return true;
  return false;
}

/**
 * log10 change of P(sentence) for each candidate of site `i` against keeping the text, other sites as in
 * `active`. Thesaurus candidates are left at -Infinity unless `withThesaurus`.
 */
function siteDeltas(ctx: Ctx, i: number, active: Int32Array, withThesaurus: boolean): Float64Array {
  const site = ctx.sites[i]!;
  const left = contextLeft(ctx, site, active);
  const right = contextRight(ctx, site, active);
  const keep = windowScore(ctx.lm, left, ctx.keepIds[i]!, right);
  ctx.fit[i] = keep / Math.max(1, ctx.keepIds[i]!.length + right.length);
  const out = new Float64Array(site.candidates.length);
  const candIds = ctx.candIds[i]!;
  for (let c = 0; c < out.length; c++) {
    const thesaurus = site.candidates[c]!.tier === "thesaurus";
    out[c] = !withThesaurus && thesaurus ? -Infinity : windowScore(ctx.lm, left, candIds[c]!, right) - keep;
  }
  const bias = ctx.bias[i];
  if (bias) for (let c = 0; c < out.length; c++) out[c] = out[c]! - bias[c]!;
  return out;
}

const scratch: number[] = [];
function windowScore(lm: LmView, left: readonly number[], mid: readonly number[], right: readonly number[]): number {
  scratch.length = 0;
  for (const x of left) scratch.push(x);
  for (const x of mid) scratch.push(x);
  for (const x of right) scratch.push(x);
  return lm.logProbRange(scratch, left.length, scratch.length);
}

/** Which active site (other than `site` and those overlapping it) covers token t, or -1. */
function coverOf(ctx: Ctx, site: Site, active: Int32Array, t: number): number {
  const j = ctx.coverAt[t]!;
  if (j < 0 || active[j]! < 0) return -1;
  const s = ctx.sites[j]!;
  if (s === site || (s.tokFrom < site.tokTo && site.tokFrom < s.tokTo)) return -1;
  return j;
}

function contextLeft(ctx: Ctx, site: Site, active: Int32Array): number[] {
  const sentence = ctx.sentences[ctx.tokSentence[site.tokFrom]!]!;
  const out: number[] = [];
  let t = site.tokFrom - 1;
  while (out.length < 2 && t >= sentence.from) {
    if (ctx.hidden[t]) {
      t--;
      continue;
    }
    const j = coverOf(ctx, site, active, t);
    if (j >= 0) {
      out.unshift(...ctx.candIds[j]![active[j]!]!);
      t = ctx.sites[j]!.tokFrom - 1;
    } else {
      out.unshift(...ctx.lm.tokenIds(ctx.tokens[t]!.text));
      t--;
    }
  }
  if (out.length < 2) out.unshift(ctx.lm.bos);
  return out.slice(-2);
}

function contextRight(ctx: Ctx, site: Site, active: Int32Array): number[] {
  const sentence = ctx.sentences[ctx.tokSentence[site.tokFrom]!]!;
  const out: number[] = [];
  let t = Math.max(site.tokTo, site.hiddenTokens?.[1] ?? 0);
  while (out.length < 2 && t < sentence.to) {
    if (ctx.hidden[t]) {
      t++;
      continue;
    }
    const j = coverOf(ctx, site, active, t);
    if (j >= 0) {
      out.push(...ctx.candIds[j]![active[j]!]!);
      t = Math.max(ctx.sites[j]!.tokTo, ctx.sites[j]!.hiddenTokens?.[1] ?? 0);
    } else {
      out.push(...ctx.lm.tokenIds(ctx.tokens[t]!.text));
      t++;
    }
  }
  if (out.length < 2) out.push(ctx.lm.eos);
  return out.slice(0, 2);
}
