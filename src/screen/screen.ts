/**
 * Screening: how likely is a document spun, and which fingerprints does it hold? Built on the document gate's
 * evidence (strong places: phrasings a spinner writes where the model clearly prefers a known original) and on the
 * tortured-phrase list, without deciding any change: several times faster than restoring. Pure: resources come in.
 */
import { positionIn } from "../text/position.js";
import { textOfTier } from "../restore/candidates.js";
import { gateOf, scoreRound0, type Gate } from "../restore/decide.js";
import { spunOf } from "../restore/engine.js";
import { configFor, prepareRun, type Resources } from "../restore/restore.js";
import { screenWindowsWith, type ScreenedSite, type WindowSettings } from "../restore/windows.js";

export type Verdict = "clean" | "suspicious" | "spun";

export interface Fingerprint {
  /** "tortured": a listed tortured phrase; "signature": a spinner's signature phrasing (curated) that the model reads as spun here. */
  kind: "tortured" | "signature";
  /** As written. */
  phrase: string;
  /** What it stands for. */
  original: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface ScreenEvidence {
  words: number;
  /** The document gate's probability that the text is spun (the learned gate of README "How it decides"). */
  gateProbability: number;
  /** Strong places of the document gate (see README "How it decides"), and per 1000 words. */
  strongSites: number;
  strongSitesPer1000: number;
  /** Distinct listed tortured phrases, and all their occurrences per 1000 words. */
  tortured: number;
  torturedPer1000: number;
  /** Signature phrasings among the strong places, per 1000 words. */
  signaturePer1000: number;
  /** Whether the text reads as scientific or technical (where tortured phrases count most). */
  scientific: boolean;
}

export interface ScreenResult extends ScreenEvidence {
  /** 0..1. */
  probability: number;
  verdict: Verdict;
  fingerprints: Fingerprint[];
}

export interface ScreenOptions {
  /** Spans that are not prose (code, tags): ignored. */
  skip?: ReadonlyArray<{ start: number; end: number }>;
}

/** Verdict thresholds on the probability. */
export const SUSPICIOUS_AT = 0.4;
export const SPUN_AT = 0.8;

/**
 * The spin probability: the document gate's (learned from spun and clean articles, calibrated; it sees the
 * spinner's phrasings but not tortured phrases) combined with the listed tortured phrases, each of which is strong
 * evidence on its own in scientific text, as independent evidence.
 */
export function spinProbability(e: ScreenEvidence): number {
  const perPhrase = e.scientific ? 0.6 : 0.35;
  const fromTortured = 1 - Math.pow(1 - perPhrase, e.tortured);
  return 1 - (1 - e.gateProbability) * (1 - fromTortured);
}

export function verdictOf(probability: number): Verdict {
  return probability >= SPUN_AT ? "spun" : probability >= SUSPICIOUS_AT ? "suspicious" : "clean";
}

/** Screen a text with the given resources (the gate dictionary, which holds the tortured list, and the model). */
export function screenWith(resources: Resources, text: string, options: ScreenOptions = {}, settings: WindowSettings = {}): ScreenResult {
  // A long text window by window (windows.ts): the same document gate, fingerprints and places, in a window's memory.
  const windowed = screenWindowsWith(resources, text, options.skip ?? [], settings);
  if (windowed) {
    const { plan, sites } = windowed;
    return screenedResult(text, { words: plan.report.words, gate: plan.gate, scientific: plan.scientificText }, sites);
  }
  // The same sites as the gate of restoreWith sees (the gate dictionary holds the tortured list, not the thesaurus).
  const run = prepareRun(resources.lm, text, { skip: options.skip ?? [] });
  const found = run.sitesFrom(resources.gateDictionary ?? resources.dictionary);
  const sites = found.sites;
  const strong: number[] = [];
  const gate = gateOf(scoreRound0(run.scoring(found)), configFor({}), false, strong);
  const isStrong = new Uint8Array(sites.n);
  for (const i of strong) isStrong[i] = 1;
  const screened: ScreenedSite[] = [];
  for (let i = 0; i < sites.n; i++) {
    const list = sites.list[i]!;
    const tortured = list.fingerprint !== 0 ? textOfTier(list, "fingerprint") : undefined;
    const signature = isStrong[i] ? textOfTier(list, "signature") : undefined;
    if (tortured === undefined && signature === undefined) continue;
    screened.push({ start: sites.start[i]!, end: sites.end[i]!, phrase: spunOf(sites, i, run.tok), form: sites.poolKey[i]!.replace(/^\^/, ""), tortured, signature });
  }
  return screenedResult(text, { words: run.tok.n, gate, scientific: run.scientificText }, screened);
}

/**
 * The screen from its sites (a whole text's, or a long text's window after window): the listed tortured phrases,
 * the signature phrasings among the strong places, and the document gate's evidence.
 */
function screenedResult(text: string, doc: { words: number; gate: Gate; scientific: boolean }, sites: readonly ScreenedSite[]): ScreenResult {
  const where = positionIn(text);
  const fingerprints: Fingerprint[] = [];
  const distinct = new Set<string>();
  let torturedCount = 0;
  let signatures = 0;
  for (const site of sites) {
    if (site.tortured === undefined) continue;
    torturedCount++;
    distinct.add(site.form);
    fingerprints.push({ kind: "tortured", phrase: site.phrase, original: site.tortured, start: site.start, end: site.end, ...where(site.start) });
  }
  for (const site of sites) {
    if (site.signature === undefined) continue;
    signatures++;
    fingerprints.push({ kind: "signature", phrase: site.phrase, original: site.signature, start: site.start, end: site.end, ...where(site.start) });
  }
  fingerprints.sort((a, b) => a.start - b.start);
  const { words, gate } = doc;
  const per1000 = (n: number) => (words ? (n * 1000) / words : 0);
  const evidence: ScreenEvidence = {
    words,
    gateProbability: gate.probability,
    strongSites: gate.strongSites,
    strongSitesPer1000: per1000(gate.strongSites),
    tortured: distinct.size,
    torturedPer1000: per1000(torturedCount),
    signaturePer1000: per1000(signatures),
    scientific: doc.scientific,
  };
  const probability = spinProbability(evidence);
  return { ...evidence, probability, verdict: verdictOf(probability), fingerprints };
}
