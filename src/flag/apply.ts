/**
 * Unlisted tortured phrases in a restore: candidates from findUnlisted become flags (reported, not changed), or, when
 * the evidence is overwhelming, edits. Pure.
 */
import { caseLike } from "../restore/case.js";
import type { LmView } from "../restore/lm-view.js";
import type { Sentence, WordToken } from "../text/tokenize.js";
import type { Edit, Flag } from "../types.js";
import { findUnlisted, resolveOverlaps, RESTORE_FEATURES, type FlagModel, type FlagWeights, type UnlistedCandidate } from "./unlisted.js";

export interface Flagger {
  model: FlagModel;
  weights: FlagWeights;
}

/** Whether the run is restored: the rule (restorableFeatures, from restoreAt) or the restore model, within the gate. */
export function restorable(c: UnlistedCandidate, weights: FlagWeights): boolean {
  return restorableBy(c.features, c.score, weights);
}

/**
 * How strongly the language model must bind the would-be term's words (mean association of its word pairs, log10
 * P(next | previous) − log10 P(next)) for a term the list does not know to be restored. Measured on a fifth of the
 * list held out (terms that are not any other entry's term): the right term 96 times against 4 wrong ones from 3,
 * 100 against 6 from 2.5, 109 against 8 from 2; known terms alone gave 83 against 4. In `npm run eval` (abstracts, five folds):
 * 524 restored at 92.0 % precision before, 582 at 92.1 % with 3 (605 at 90.2 % with 2.5).
 */
export const RESTORE_CHAIN = 3;

/**
 * What any restoration needs: no other known term fits, every swap is one the list shows for that word at least a
 * fifth of the time, every swapped word is mostly a spinner's word (not a word of correct terms), and the context
 * does not object.
 */
export function restoreGate(f: Record<string, number>): boolean {
  return (
    f.rivals === 0 &&
    f.thesaurusSwaps === 0 &&
    (f.listSwaps ?? 0) >= 1 &&
    (f.swapShare ?? 0) >= 0.2 &&
    (f.spunShare ?? 0) >= 0.2 &&
    (f.context ?? 0) >= -1
  );
}

/** The would-be term is a known term or a word chain the language model binds strongly. */
export function knownOrChain(f: Record<string, number>): boolean {
  return f.known === 1 || (f.chain ?? -1) >= RESTORE_CHAIN;
}

/** The rule, beyond the score: the gate and a known term or strongly bound chain. */
export function restorableFeatures(f: Record<string, number>): boolean {
  return knownOrChain(f) && restoreGate(f);
}

/** The values of the restore model's features for a run (its flag features and its flag score). */
export function restoreValues(f: Record<string, number>, score: number, features: readonly string[] = RESTORE_FEATURES): number[] {
  return features.map((name) => (name === "score" ? score : name === "knownOrChain" ? (knownOrChain(f) ? 1 : 0) : (f[name] ?? 0)));
}

/** The restore model's probability that the run's would-be term is the right one (0 without a model). */
export function restoreScore(f: Record<string, number>, score: number, weights: FlagWeights): number {
  const r = weights.restore;
  if (!r) return 0;
  let z = r.bias;
  restoreValues(f, score, r.features).forEach((v, k) => (z += v * r.w[k]!));
  return 1 / (1 + Math.exp(-z));
}

/** The rule's restore decision: its evidence (restorableFeatures) and a flag score from restoreAt. */
function restorableByRule(f: Record<string, number>, score: number, weights: FlagWeights): boolean {
  return score >= weights.restoreAt && restorableFeatures(f);
}

/** The restore decision on features and flag score: the rule, or the gate and the model from its threshold. */
export function restorableBy(f: Record<string, number>, score: number, weights: FlagWeights): boolean {
  if (restorableByRule(f, score, weights)) return true;
  return weights.restore !== undefined && restoreGate(f) && restoreScore(f, score, weights) >= weights.restore.at;
}

/** Whether the run swaps a word outside the given edits. */
function swapsOutside(c: UnlistedCandidate, tokens: readonly WordToken[], edits: readonly Edit[]): boolean {
  for (let t = c.from; t < c.to; t++) {
    const tok = tokens[t]!;
    if (edits.some((e) => e.start <= tok.start && tok.end <= e.end)) continue;
    if (c.termWords[t - c.from] !== tok.key) return true;
  }
  return false;
}

function describe(c: UnlistedCandidate): string {
  const f = c.features;
  const parts = [
    f.known ? `"${c.term}" is a known term` : f.chain !== -1 ? `"${c.term}" is a phrase the language model knows` : `"${c.term}" by swaps seen in tortured phrases`,
    `${Math.round((f.odd ?? 0) * 100)} % of the word pairs as written are unknown to the language model`,
  ];
  if ((f.listSwaps ?? 0) > 0) parts.push("its swaps are documented in tortured phrases");
  if ((f.thesaurusSwaps ?? 0) > 0) parts.push(`${f.thesaurusSwaps} swap(s) from a thesaurus only`);
  parts.push(`context ${(f.context ?? 0) >= 0 ? "+" : ""}${(f.context ?? 0).toFixed(2)}`);
  return parts.join("; ");
}

/**
 * Flags (and overwhelming restorations) for a text. `blocked`: tokens that must not be part of a flag (restored
 * already, skipped, listed fingerprints, never-touch words). `position`: line and column of an offset.
 */
export function unlistedFlags(
  text: string,
  tokens: readonly WordToken[],
  sentences: readonly Sentence[],
  lm: LmView,
  flagger: Flagger,
  blocked: Uint8Array,
  position: (offset: number) => { line: number; column: number },
  listed: readonly Edit[] = [],
): { flags: Flag[]; edits: Edit[]; replaced: Edit[] } {
  // A listed fingerprint restored inside a longer run ("bosom" of "bosom peril") may be taken over by the run, but a
  // run may not cut through one.
  const cuts = (from: number, to: number) => {
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    return listed.some((e) => e.start < end && start < e.end && (e.start < start || e.end > end));
  };
  const isBlocked = (from: number, to: number) => {
    for (let t = from; t < to; t++) if (blocked[t]) return true;
    return cuts(from, to);
  };
  const { weights } = flagger;
  const cands = findUnlisted(tokens, sentences, lm, flagger.model, weights, { blocked: isBlocked });
  const flags: Flag[] = [];
  const edits: Edit[] = [];
  const replaced: Edit[] = [];
  // Restoring needs the document's word too: a listed tortured phrase in it, or a second phrase restorable on its own
  // evidence. One unlisted match in an otherwise clean text ("fundamental components" in a software article) is
  // reported, never changed.
  // Restorations by the restore model count as no evidence of their own: in a clean paper two of them ("signal
  // handling", "hereditary conditions") would vouch for each other. A listed phrase or two phrases the rule restores do.
  const strong = (c: UnlistedCandidate) => restorable(c, weights);
  const byRule = (c: UnlistedCandidate) => restorableByRule(c.features, c.score, weights);
  const strongOnes = resolveOverlaps(cands.filter(strong), 0);
  const ruleOnes = resolveOverlaps(cands.filter(byRule), weights.restoreAt);
  // Two different terms: "signal handling" and "signal-handling" are one phrase written twice.
  const documentSpun = listed.length > 0 || new Set(ruleOnes.map((c) => c.term.toLowerCase().replace(/-/g, " "))).size >= 2;
  // Runs that can be restored go first; the others fill the rest of the text.
  const first = documentSpun ? strongOnes.filter((c) => !cuts(c.from, c.to)) : [];
  const rest = resolveOverlaps(
    cands.filter((c) => !first.some((f) => f.from < c.to && c.from < f.to)),
    weights.flagAt,
  );
  const kept = [...first, ...rest].sort((a, b) => a.from - b.from);
  for (const c of kept) {
    const phrase = text.slice(c.start, c.end);
    const likely = caseLike(c.term, phrase);
    const evidence = describe(c);
    const score = Number(c.score.toFixed(3));
    const pos = position(c.start);
    const inside = listed.filter((e) => c.start <= e.start && e.end <= c.end);
    const restore = documentSpun && strong(c) && likely.toLowerCase() !== phrase.toLowerCase();
    // A run holding a restored listed phrase takes it over only to restore more than it did ("bosom" → "breast" within
    // "bosom peril" → "breast cancer"); otherwise the listed restoration stands and the run is not reported.
    if (inside.length && (!restore || !swapsOutside(c, tokens, inside))) continue;
    replaced.push(...inside);
    if (restore) {
      edits.push({
        start: c.start,
        end: c.end,
        ...pos,
        before: phrase,
        after: likely,
        confidence: score,
        entry: `unlisted:${phrase.toLowerCase()}→${c.term}`,
        evidence: `unlisted tortured phrase, score ${score}: ${evidence}`,
      });
    } else {
      flags.push({ start: c.start, end: c.end, ...pos, phrase, likely, score, evidence });
    }
  }
  return { flags, edits, replaced };
}
