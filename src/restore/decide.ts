/**
 * Deciding: which candidate, if any, replaces each site.
 *
 * 1. Every site's candidates are scored against the text as written with the trigram model: the change in
 *    log10 P(sentence), computed only on the n-grams that touch the span.
 * 2. Evidence is pooled per spun form (the spinner maps a form the same way throughout one document).
 * 3. A document gate looks at how many sites win clearly: clean text has few, spun text many. When the gate
 *    is closed nothing changes but spintax with alternatives ({a|b}).
 * 4. Rounds repeat with the accepted choices as context, so neighbouring restorations support each other.
 */
import { CERTAIN_TIERS, type Tier } from "../dict/types.js";
import type { Sentence, WordToken } from "../text/tokenize.js";
import type { LmView } from "./lm-view.js";
import type { Site } from "./sites.js";

export interface DecideConfig {
  /** Margin (log10) the pooled evidence for a candidate must beat, per tier, in a spun document. */
  bars: Record<Tier, number>;
  /** A site is "strong" for the gate when its best candidate wins by more than this. */
  gateStrongDelta: number;
  /** Strong sites per 1000 words at which the gate opens. */
  gateRate: number;
  /** Fewest strong sites that can open the gate. */
  gateMinSites: number;
  /** A pooled choice is not applied at a site where it loses by more than this. */
  veto: number;
  /** Penalty when the candidate original also appears, unspun, elsewhere in the document. */
  presentPenalty: number;
  /** Added to the thesaurus bar for a pair that only one of the thesauri lists. */
  thesaurusSingleSource: number;
  /** Thesaurus originals more frequent than this (log10 unigram probability) are not proposed. */
  thesaurusMaxUnigram: number;
  /** 0: every site of a spun form takes the document's choice; 1: each site decides on its own evidence. */
  siteWeight: number;
  rounds: number;
}

export interface Decision {
  site: Site;
  candidate: number;
  /** Evidence at this site (log10 change). */
  delta: number;
  /** Pooled evidence over all sites of the same form, prior and bar included: > 0 means accepted. */
  margin: number;
  pooled: number;
  pooledSites: number;
}

export interface DecideResult {
  decisions: Decision[];
  strongSites: number;
  spun: boolean;
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
  thesaurusMaxUnigram: number;
  /** Per token, the active site covering it (-1 if none); rebuilt each round. */
  coverAt: Int32Array;
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
    thesaurusMaxUnigram: config.thesaurusMaxUnigram,
    keepIds,
    bias: sites.map((s, i) => fingerprintBias(s, candIds[i]!, keepIds[i]!, lm)),
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

export interface Gate {
  strongSites: number;
  spun: boolean;
}

function gateFrom(
  tokens: readonly WordToken[],
  sites: readonly Site[],
  deltas: readonly Float64Array[],
  config: DecideConfig,
  assumeSpun: boolean,
  strongOut?: number[],
): Gate {
  const strongSites = countStrong(sites, deltas, config.gateStrongDelta, strongOut);
  const rate = tokens.length > 0 ? (strongSites * 1000) / tokens.length : 0;
  return { strongSites, spun: assumeSpun || (strongSites >= config.gateMinSites && rate >= config.gateRate) };
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
  let strongSites = gate?.strongSites ?? 0;
  let spun = gate?.spun ?? assumeSpun;
  let decisions: Decision[] = [];
  let deltas: Float64Array[] = [];
  const changedTokens = new Uint8Array(tokens.length);
  for (let round = 0; round < config.rounds; round++) {
    markActive(ctx, active);
    if (round === 0) {
      if (gate) {
        deltas = sites.map((_, i) => siteDeltas(ctx, i, active, spun));
      } else {
        // The gate needs no thesaurus candidates (they are no evidence of spinning), and a clean document
        // needs nothing more: score those only once the gate is open.
        deltas = sites.map((_, i) => siteDeltas(ctx, i, active, false));
        ({ strongSites, spun } = gateFrom(tokens, sites, deltas, config, assumeSpun));
        if (spun) deltas = sites.map((_, i) => siteDeltas(ctx, i, active, true));
      }
    } else {
      // Only sites whose context changed in the last round need scoring again.
      for (let i = 0; i < sites.length; i++) if (nearChange(sites[i]!, changedTokens)) deltas[i] = siteDeltas(ctx, i, active, spun);
    }
    const next = new Int32Array(sites.length).fill(-1);
    const taken = new Uint8Array(tokens.length);
    decisions = [];
    // Each site takes the candidate with the best blend of document-level evidence (all sites of its form)
    // and its own: several originals can share one spun form, so a site may still go its own way.
    const proposals: { i: number; c: number; score: number; g: GroupScore }[] = [];
    for (const members of groups.values()) {
      const first = sites[members[0]!]!;
      // A closed gate leaves the text alone, but for spintax with real alternatives ({a|b}), which no clean
      // text has (a lone {word} may be a template placeholder, so it waits for the gate too), and for the
      // near-certain tiers (a user's corrections, fingerprint lists), which apply wherever they match.
      const onlyCertain = !spun && !first.forced;
      if (onlyCertain && !first.candidates.some((c) => CERTAIN_TIERS.has(c.tier))) continue;
      if (!spun && first.forced && first.candidates.length < 2) continue;
      const g = scoreGroup(members, sites, deltas, config, present, onlyCertain);
      for (const i of members) {
        let best = -1;
        let bestScore = -Infinity;
        for (let c = 0; c < g.margins.length; c++) {
          const local = g.margins[c]! - g.means[c]! + deltas[i]![c]!;
          const score = (1 - config.siteWeight) * g.margins[c]! + config.siteWeight * local;
          if (score > bestScore) {
            bestScore = score;
            best = c;
          }
        }
        if (best < 0 || (bestScore <= 0 && !first.forced)) continue;
        if (!first.forced && deltas[i]![best]! < -config.veto) continue;
        proposals.push({ i, c: best, score: bestScore, g });
      }
    }
    proposals.sort((a, b) => b.score - a.score);
    for (const { i, c, score, g } of proposals) {
      const site = sites[i]!;
      if (overlapsTaken(site, taken)) continue;
      taken.fill(1, site.tokFrom, Math.max(site.tokTo, site.hiddenTokens?.[1] ?? 0));
      next[i] = c;
      decisions.push({ site, candidate: c, delta: deltas[i]![c]!, margin: score, pooled: g.pooled[c]!, pooledSites: g.members.length });
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
  return { decisions: decisions.sort((a, b) => a.site.start - b.site.start), strongSites, spun };
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

function groupSites(sites: readonly Site[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  sites.forEach((s, i) => {
    const g = groups.get(s.poolKey);
    if (g) g.push(i);
    else groups.set(s.poolKey, [i]);
  });
  return groups;
}

/** Lower-case words of the document, for the "the original is already here, unspun" evidence. */
function wordsPresent(tokens: readonly WordToken[]): Set<string> {
  return new Set(tokens.map((t) => t.key));
}

/** Strong places: spans where a candidate wins clearly; overlapping sites (a phrase and a word in it) count once. */
function countStrong(sites: readonly Site[], deltas: readonly Float64Array[], strong: number, strongOut?: number[]): number {
  let n = 0;
  let lastEnd = -1;
  sites.forEach((s, i) => {
    if (s.forced) return;
    const d = deltas[i]!;
    // The thesaurus proposes for ordinary words: it is no evidence of spinning. The near-certain tiers apply
    // whether or not the gate opens, so they need not open it (a large list would open it on clean text).
    let isStrong = false;
    for (let c = 0; c < d.length; c++) {
      const tier = s.candidates[c]!.tier;
      if (tier !== "thesaurus" && !CERTAIN_TIERS.has(tier) && d[c]! > strong) isStrong = true;
    }
    if (!isStrong) return;
    strongOut?.push(i);
    if (s.tokFrom >= lastEnd) n++;
    lastEnd = Math.max(lastEnd, s.tokTo);
  });
  return n;
}

interface GroupScore {
  members: number[];
  /** Per candidate: summed site deltas, their mean, and the group margin (evidence + prior − bar). */
  pooled: Float64Array;
  means: Float64Array;
  margins: Float64Array;
}

function scoreGroup(
  members: number[],
  sites: readonly Site[],
  deltas: readonly Float64Array[],
  config: DecideConfig,
  present: ReadonlySet<string>,
  onlyCertain = false,
): GroupScore {
  const first = sites[members[0]!]!;
  const n = first.candidates.length;
  const k = members.length;
  const pooled = new Float64Array(n);
  const means = new Float64Array(n);
  const margins = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (const i of members) pooled[c] = pooled[c]! + deltas[i]![c]!;
    const cand = first.candidates[c]!;
    if (onlyCertain && !CERTAIN_TIERS.has(cand.tier)) {
      margins[c] = -Infinity;
      continue;
    }
    const mean = pooled[c]! / k;
    means[c] = mean;
    // Pooled evidence grows with the number of sites only slowly: the model's bias towards common words is
    // the same at every site, so summing would turn a small systematic preference into certainty.
    const evidence = mean + 0.5 * Math.log(k) * Math.min(1, Math.max(0, mean));
    let margin = evidence + cand.prior;
    if (!first.forced) {
      margin -= config.bars[cand.tier];
      // A pair only one general thesaurus lists (mostly Moby's long lines) is a looser synonym.
      if (cand.tier === "thesaurus" && cand.sources < 2) margin -= config.thesaurusSingleSource;
      if (present.has(cand.text)) margin -= config.presentPenalty;
    }
    margins[c] = margin;
  }
  return { members, pooled, means, margins };
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
  const out = new Float64Array(site.candidates.length);
  const candIds = ctx.candIds[i]!;
  for (let c = 0; c < out.length; c++) {
    const thesaurus = site.candidates[c]!.tier === "thesaurus";
    const ids = candIds[c]!;
    // The model's favourite words (be, has, all, new, make) fit almost anywhere: from a general thesaurus
    // they are nearly always wrong, and a spinner's table does not swap them.
    const tooCommon = thesaurus && ids.length === 1 && ctx.lm.unigram(ids[0]!) > ctx.thesaurusMaxUnigram;
    out[c] = (!withThesaurus && thesaurus) || tooCommon ? -Infinity : windowScore(ctx.lm, left, ids, right) - keep;
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
