/**
 * restoreWith: text in, restored text and edits out. Pure: the model and dictionaries come in as resources.
 */
import type { PhraseDictionary } from "../dict/types.js";
import { splitSentences, tokenizeWords, type WordToken } from "../text/tokenize.js";
import type { Boldness, Edit, Flag, RestoreOptions, RestoreResult } from "../types.js";
import { unlistedFlags, type Flagger } from "../flag/apply.js";
import { agreeingArticle } from "./article.js";
import { applyCase, caseLike } from "./case.js";
import { decide, documentGate, evidenceTable, type DecideConfig, type Decision, type Gate, type SiteTable } from "./decide.js";
import { GATE_WEIGHTS, SITE_WEIGHTS } from "./scorer-weights.js";
import type { LmView } from "./lm-view.js";
import { findDictionarySites, findSpintaxSites, type Site, type SiteCandidate, type SiteOptions } from "./sites.js";
import { register } from "./register.js";
import { findNumberSites } from "./numbers.js";
import { rankThesaurusCandidates } from "./prune.js";

export interface Resources {
  lm: LmView;
  dictionary: PhraseDictionary;
  /**
   * Optional: the part of `dictionary` that decides the document gate (everything but a general thesaurus).
   * When given, the full dictionary is consulted only for documents the gate finds spun, so a large lazily
   * loaded thesaurus costs nothing on clean text.
   */
  gateDictionary?: PhraseDictionary;
  /**
   * Optional: what finds unlisted tortured phrases (word swaps and known terms, weights); called only for scientific
   * or technical text, so it may load lazily. Without it no flags are reported.
   */
  flagger?: () => Flagger | undefined;
}

const BASE: DecideConfig = {
  // Chosen by cross-validation in scripts/train-scorer.mjs (whole articles held out, scorer trained without them):
  // errors cut 48.9 % at 0.35, 49.3 % at 0.4 and 0.45, 48.8 % at 0.5, 48.3 % at 0.6, 46.9 % at 0.7.
  threshold: 0.45,
  weights: SITE_WEIGHTS,
  gate: { weights: GATE_WEIGHTS },
  gateThreshold: 0.5,
  gateStrongDelta: 2,
  veto: 2,
  siteWeight: 0.85,
  rounds: 3,
};

// A level is the probability a change must reach, and the probability of "spun" at which the document gate opens.
const LEVELS: Record<Boldness, { threshold: number; gateThreshold: number }> = {
  cautious: { threshold: 0.7, gateThreshold: 0.8 },
  normal: { threshold: BASE.threshold, gateThreshold: BASE.gateThreshold },
  bold: { threshold: 0.35, gateThreshold: 0.3 },
};

export function configFor(options: RestoreOptions): DecideConfig {
  const level = LEVELS[options.level ?? "normal"];
  return { ...BASE, ...level, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) };
}

/** Decision settings below the named levels, for research and calibration (see README "How it decides"). */
export type Tuning = Partial<DecideConfig>;

function tuned(config: DecideConfig, tuning: Tuning | undefined): DecideConfig {
  return tuning ? { ...config, ...tuning } : config;
}

/** Every candidate site of a text with the full dictionary, before any decision (for measuring recall). */
export function candidateSites(resources: Resources, text: string, options: RestoreOptions = {}): Site[] {
  return siteFinder(text, tokenizeWords(text), options, resources.lm).sitesFrom(resources.dictionary);
}

/** Options for site matching, and a finder of every site a dictionary proposes (spintax and digits included). */
/** A text's spintax and digit sites, and a finder of the sites a dictionary proposes (sorted, thesaurus ranked). */
export function siteFinder(text: string, tokens: readonly WordToken[], options: RestoreOptions, lm: LmView) {
  const siteOptions: SiteOptions = {
    neverTouch: new Set((options.neverTouch ?? []).map((w) => w.toLowerCase().replace(/[’‘]/g, "'").trim())),
    skip: options.skip ?? [],
  };
  const spintax = findSpintaxSites(text, tokens, siteOptions);
  const hidden = new Uint8Array(tokens.length);
  for (const s of spintax) {
    hidden.fill(1, s.tokFrom, s.hiddenTokens?.[1] ?? s.tokTo);
  }
  const isHidden = (i: number) => hidden[i] === 1;
  const numbers = findNumberSites(text, tokens, siteOptions, isHidden);
  // Fingerprints (tortured phrases) count wherever they match only in scientific text (fingerprintSites).
  const scientificText = register(tokens).scientific;
  const scientific = (options.assumeSpun ?? false) || scientificText;
  // A general thesaurus's candidates are ranked in context, and the best few per spun form kept (prune.ts).
  const sitesFrom = (dict: PhraseDictionary) =>
    rankThesaurusCandidates(
      fingerprintSites([...spintax, ...findDictionarySites(tokens, dict, siteOptions, isHidden), ...numbers], scientific).sort(
        (a, b) => a.tokFrom - b.tokFrom || a.tokTo - b.tokTo,
      ),
      tokens,
      lm,
    );
  return { siteOptions, sitesFrom, scientificText };
}

/**
 * The round-0 evidence of every site and the document gate, as the learned scorer sees them (for
 * scripts/train-scorer.mjs, which labels it with original texts). Pure, like restoreWith.
 */
export function siteEvidence(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning): { gate: Gate; table: SiteTable[] } {
  const tokens = tokenizeWords(text);
  const sentences = splitSentences(text, tokens);
  const { sitesFrom } = siteFinder(text, tokens, options, resources.lm);
  const config = tuned(configFor(options), tuning);
  const sites = sitesFrom(resources.dictionary);
  return evidenceTable(tokens, sentences, sites, resources.gateDictionary ? sitesFrom(resources.gateDictionary) : sites, resources.lm, config);
}

export function restoreWith(resources: Resources, text: string, options: RestoreOptions = {}, tuning?: Tuning): RestoreResult {
  const tokens = tokenizeWords(text);
  const sentences = splitSentences(text, tokens);
  const { siteOptions, sitesFrom, scientificText } = siteFinder(text, tokens, options, resources.lm);
  const config = tuned(configFor(options), tuning);
  const assumeSpun = options.assumeSpun ?? false;
  let result;
  let sites: Site[];
  if (resources.gateDictionary && !assumeSpun) {
    const gateSites = sitesFrom(resources.gateDictionary);
    const gate = documentGate(tokens, sentences, gateSites, resources.lm, config, assumeSpun);
    sites = gate.spun ? sitesFrom(resources.dictionary) : gateSites;
    result = decide(tokens, sentences, sites, resources.lm, config, assumeSpun, gate);
  } else {
    sites = sitesFrom(resources.dictionary);
    result = decide(tokens, sentences, sites, resources.lm, config, assumeSpun);
  }
  let edits = toEdits(text, tokens, result.decisions, siteOptions.skip);
  // Unlisted tortured phrases, in scientific text only: flagged, or restored when the evidence is overwhelming.
  let flags: Flag[] = [];
  const flagger = scientificText ? resources.flagger?.() : undefined;
  if (flagger) {
    const listed = edits.filter((e) => e.entry.startsWith("tortured:"));
    const blocked = blockedTokens(tokens, sites, edits, listed, siteOptions);
    const found = unlistedFlags(text, tokens, sentences, resources.lm, flagger, blocked, positionIn(text), listed);
    flags = found.flags;
    if (found.edits.length) edits = [...edits.filter((e) => !found.replaced.includes(e)), ...found.edits].sort((a, b) => a.start - b.start);
  }
  return {
    text: applyEdits(text, edits),
    edits,
    flags,
    gate: {
      strongSites: result.strongSites,
      words: tokens.length,
      strongSitesPer1000: tokens.length ? (result.strongSites * 1000) / tokens.length : 0,
      spun: result.spun,
      probability: Number(result.probability.toFixed(4)),
    },
  };
}

/** Tokens no flag may touch: restored (but for listed fingerprints), skipped, never-touch words, listed fingerprints left as written. */
function blockedTokens(tokens: readonly WordToken[], sites: readonly Site[], edits: readonly Edit[], listed: readonly Edit[], options: SiteOptions): Uint8Array {
  const blocked = new Uint8Array(tokens.length);
  const spans = [...edits.filter((e) => !listed.includes(e)), ...options.skip];
  // Listed fingerprints that were not applied (a literal use) are decided: no flag either.
  for (const s of sites) {
    if (s.candidates.some((c) => c.tier === "fingerprint") && !edits.some((e) => e.start <= s.start && s.end <= e.end)) blocked.fill(1, s.tokFrom, s.tokTo);
  }
  tokens.forEach((t, i) => {
    if (options.neverTouch.has(t.key) || spans.some((e) => e.start < t.end && t.start < e.end)) blocked[i] = 1;
  });
  return blocked;
}

/** Line and column (1-based) of an offset. */
function positionIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/**
 * Fingerprint candidates where they count. Tortured phrases are the mark of paper-mill spinners, which rewrite
 * scientific and technical text: there they apply wherever they match (`scientific`, or the caller assumes the text
 * is spun). Elsewhere one listed phrase is more likely plain English ("years of deep studying", "fake knowledge"):
 * fingerprints then apply only when the text holds two different ones. Those that are also ordinary English
 * (prior < 0: "her bosom", "on the off chance") never count outside scientific text. A phrase inside a longer
 * fingerprint match ("bosom" inside "bosom milk") is left to the longer, more specific one.
 */
export function fingerprintSites(sites: Site[], scientific: boolean): Site[] {
  const fp = (s: Site) => s.candidates.some((c) => c.tier === "fingerprint");
  const outer = sites.filter(fp);
  if (outer.length === 0) return sites;
  const isInside = (s: Site) => outer.some((o) => o !== s && o.tokFrom <= s.tokFrom && s.tokTo <= o.tokTo && o.tokTo - o.tokFrom > s.tokTo - s.tokFrom);
  const inside = new Set(outer.filter(isInside));
  const distinct = new Set(
    outer.filter((s) => !inside.has(s) && s.candidates.some((c) => c.tier === "fingerprint" && c.prior >= 0)).map((s) => s.poolKey.replace(/^\^/, "")),
  );
  const anywhere = scientific || distinct.size >= 2;
  const filtered = new Map<string, SiteCandidate[]>();
  const out: Site[] = [];
  for (const s of sites) {
    if (!fp(s)) {
      out.push(s);
      continue;
    }
    const within = inside.has(s);
    const drop = (c: SiteCandidate) => c.tier === "fingerprint" && (within || !anywhere || (!scientific && c.prior < 0));
    if (!s.candidates.some(drop)) {
      out.push(s);
      continue;
    }
    const key = `${within ? 1 : 0}${s.poolKey}`;
    let list = filtered.get(key);
    if (!list) filtered.set(key, (list = s.candidates.filter((c) => !drop(c))));
    if (list.length) out.push({ ...s, candidates: list });
  }
  return out;
}

function toEdits(
  text: string,
  tokens: readonly WordToken[],
  decisions: readonly Decision[],
  skip: ReadonlyArray<{ start: number; end: number }>,
): Edit[] {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const edits: Edit[] = [];
  let lastEnd = 0;
  for (const d of decisions) {
    const site = d.site;
    const cand = site.candidates[d.candidate]!;
    // A fingerprint term replaces a phrase word by word and may carry acronyms ("profound CNN" → "deep CNN").
    let after = site.forced ? cand.text : cand.tier === "fingerprint" ? caseLike(cand.text, site.spun) : applyCase(cand.text, site.pattern);
    if (text.slice(site.start, site.end).includes("’")) after = after.replace(/'/g, "’");
    let start = site.start;
    let before = text.slice(site.start, site.end);
    // a/an before the span follows the restored word.
    const prev = tokens[site.tokFrom - 1];
    const articleSkipped = prev !== undefined && skip.some((s) => s.start < prev.end && prev.start < s.end);
    if (prev && !site.forced && !articleSkipped && /^an?$/i.test(prev.text) && /^[ \t]+$/.test(text.slice(prev.end, site.start))) {
      const article = agreeingArticle(prev.text, after);
      if (article !== prev.text) {
        const gap = text.slice(prev.end, site.start);
        start = prev.start;
        before = text.slice(prev.start, site.end);
        after = article + gap + after;
      }
    }
    if (after === before || start < lastEnd) continue;
    lastEnd = site.end;
    let line = 0;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lineStarts[mid]! <= start) {
        line = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const sign = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(2);
    edits.push({
      start,
      end: site.end,
      line: line + 1,
      column: start - lineStarts[line]! + 1,
      before,
      after,
      confidence: site.forced ? 1 : Number(d.probability.toFixed(3)),
      entry: cand.entry,
      evidence: site.forced
        ? `spintax artefact; language model ${sign(d.delta)} for this choice`
        : `p ${d.probability.toFixed(2)}: language model ${sign(d.delta)} here, ${sign(d.pooled)} on average over ${d.pooledSites} site(s) of "${site.spun}"; ${cand.tier} prior ${cand.prior.toFixed(2)}; document spun p ${d.documentProbability.toFixed(2)}`,
    });
  }
  return edits;
}

/** Apply non-overlapping edits (sorted by start) to the text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.after;
    at = e.end;
  }
  return out + text.slice(at);
}
