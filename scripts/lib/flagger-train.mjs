// Fitting and measuring the unlisted-tortured-phrase flagger (src/flag/unlisted.ts) on the tortured-phrase list,
// by cross-validation over entries: a phrase is only ever scored by a model that has not seen its entry.
//   folds(entries, k)         deterministic split of the list's entries
//   examplesFor(...)          features of held-out phrases (positives), their terms and plain prose (negatives)
//   fit(examples)             logistic regression, with the flag and restore thresholds chosen on those examples
// Used by scripts/train-flagger.mjs (the shipped weights) and scripts/eval-tortured.mjs (the figures).
import { join } from "node:path";
import { SLOT_FRAMES, TRAINING_PROSE } from "./abstracts.mjs";

export async function load(root) {
  const dist = (p) => import(join(root, "dist", p));
  const [{ buildFlagModel, findUnlisted, FEATURES }, { tokenizeWords, splitSentences }] = await Promise.all([
    dist("flag/unlisted.js"),
    dist("text/tokenize.js"),
  ]);
  const apply = await dist("flag/apply.js");
  restorable = apply.restorableFeatures;
  const { RESTORE_FEATURES } = await dist("flag/unlisted.js");
  return { buildFlagModel, findUnlisted, FEATURES, RESTORE_FEATURES, tokenizeWords, splitSentences, restoreGate: apply.restoreGate, restoreValues: apply.restoreValues };
}

/** FNV-1a of a string, for a split that does not depend on file order. */
function hash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function folds(entries, k, salt = "") {
  const out = Array.from({ length: k }, () => []);
  for (const e of entries) out[hash(salt + e) % k].push(e);
  return out;
}

const ZERO = (FEATURES) => ({ features: FEATURES, w: FEATURES.map(() => 0), bias: 0, flagAt: 1, restoreAt: 1 });

/** Every candidate run of a text. */
function candidates(lib, lm, model, text, weights) {
  const tokens = lib.tokenizeWords(text);
  return lib.findUnlisted(tokens, lib.splitSentences(text, tokens), lm, model, weights);
}

/** Spelling variants of one term count as the same: case, hyphens, a final plural s. */
export const same = (t) => t.toLowerCase().replace(/-/g, " ").replace(/s$/, "");

/**
 * The would-be term is right when it is one of the entry's terms, holds one whole (the list gave part of it), or is a
 * whole part of one (the run restored part of the phrase: "strategic backslide" → "logistic regression").
 */
export function rightTerm(term, sameTerms) {
  const t = same(term);
  return sameTerms.some((x) => ` ${t} `.includes(` ${x} `) || ` ${x} `.includes(` ${t} `));
}

function framed(phrase, i) {
  const frame = SLOT_FRAMES[i % SLOT_FRAMES.length];
  const at = frame.indexOf("X");
  return { text: frame.replace("X", phrase), start: at, end: at + phrase.length };
}

/**
 * Examples for the entries `test`, scored by a model built from `rows` without `exclude` (which must contain `test`).
 * positives: the tortured phrase in a frame sentence (label 1; `right` when the would-be term is one of the entry's
 * terms); negatives: the entry's first term in a frame sentence, and every run of words of TRAINING_PROSE (never
 * the FILLER of the measured abstracts).
 */
export function examplesFor(lib, lm, thesaurus, rows, byEntry, test, exclude, withFiller = true) {
  const model = lib.buildFlagModel(rows, thesaurus, exclude);
  const weights = ZERO(lib.FEATURES);
  const out = [];
  test.forEach((entry, i) => {
    const row = byEntry.get(entry);
    const terms = row.terms.map(same);
    // Positive: the run that is exactly the phrase. Negatives: every other run of the phrase's sentence that does not
    // touch it, and every run of the term's sentence (runs that reach past a term into its sentence included).
    const p = framed(entry, i);
    const cands = candidates(lib, lm, model, p.text, weights);
    const c = cands.find((x) => x.start === p.start && x.end === p.end);
    out.push({ label: 1, entry, found: !!c, features: c?.features, term: c?.term, right: !!c && rightTerm(c.term, terms) });
    for (const x of cands) if (x.end <= p.start || x.start >= p.end) out.push({ label: 0, kind: "prose", found: true, features: x.features, term: x.term });
    const n = framed(row.terms[0], i + 3);
    const nc = candidates(lib, lm, model, n.text, weights);
    const exact = nc.find((x) => x.start === n.start && x.end === n.end);
    out.push({ label: 0, kind: "term", entry, found: !!exact, features: exact?.features, term: exact?.term });
    for (const x of nc) if (x !== exact) out.push({ label: 0, kind: x.start < n.end && n.start < x.end ? "term" : "prose", entry, found: true, features: x.features, term: x.term });
  });
  if (withFiller) {
    for (const sentence of TRAINING_PROSE) {
      const tokens = lib.tokenizeWords(sentence);
      for (const c of lib.findUnlisted(tokens, lib.splitSentences(sentence, tokens), lm, model, weights)) {
        out.push({ label: 0, kind: "prose", found: true, features: c.features, term: c.term });
      }
    }
  }
  return out;
}

/** Logistic regression (L2), features standardised while fitting, weights returned on the raw scale. */
export function fit(examples, FEATURES, { l2 = 0.01, steps = 800, rate = 0.5, uniform = false } = {}) {
  const data = examples.filter((e) => e.found);
  const X = data.map((e) => e.values ?? FEATURES.map((f) => e.features[f] ?? 0));
  const y = data.map((e) => e.label);
  // Half the weight on the phrases, a quarter on their terms, a quarter on plain prose (where false flags would
  // be seen most in real use); or every example alike.
  const count = (k) => Math.max(1, data.filter((e) => (e.label === 1 ? "pos" : e.kind) === k).length);
  const share = { pos: 0.5 / count("pos"), term: 0.25 / count("term"), prose: 0.25 / count("prose") };
  const sw = data.map((e) => (uniform ? 1 : data.length * share[e.label === 1 ? "pos" : e.kind]));
  const d = FEATURES.length;
  const mean = Array(d).fill(0);
  const sd = Array(d).fill(0);
  for (const x of X) x.forEach((v, j) => (mean[j] += v / X.length));
  for (const x of X) x.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / X.length));
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) > 1e-6 ? Math.sqrt(sd[j]) : Infinity; // a constant feature gets weight 0
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
  let w = Array(d).fill(0);
  let b = 0;
  for (let step = 0; step < steps; step++) {
    const gw = Array(d).fill(0);
    let gb = 0;
    let tot = 0;
    Z.forEach((z, i) => {
      const p = 1 / (1 + Math.exp(-(b + z.reduce((s, v, j) => s + v * w[j], 0))));
      const g = (p - y[i]) * sw[i];
      z.forEach((v, j) => (gw[j] += g * v));
      gb += g;
      tot += sw[i];
    });
    w = w.map((wj, j) => wj - rate * (gw[j] / tot + l2 * wj));
    b -= rate * (gb / tot);
  }
  const raw = w.map((wj, j) => wj / sd[j]);
  const rawBias = b - w.reduce((s, wj, j) => s + (wj * mean[j]) / sd[j], 0);
  return { features: [...FEATURES], w: raw.map((v) => Number(v.toFixed(4))), bias: Number(rawBias.toFixed(4)) };
}

export function scoreWith(weights, features) {
  let z = weights.bias;
  weights.features.forEach((f, k) => (z += (features[f] ?? 0) * weights.w[k]));
  return 1 / (1 + Math.exp(-z));
}

/**
 * Thresholds chosen on the examples (never on the phrases measured later): flag from the lowest score at which at most
 * `maxTermFlags` of the terms are flagged; restore from the lowest score at which at least `precision` of the
 * positives at or above it have the right term (and none of the terms or prose is above it).
 */
export function thresholds(weights, examples, { maxTermFlags = 0.07, precision = 0.92 } = {}) {
  const s = examples.map((e) => ({ ...e, score: e.found ? scoreWith(weights, e.features) : 0 }));
  // The share of terms flagged: a term counts once, at the best score of the runs that touch it.
  const byTerm = new Map();
  for (const e of s.filter((e) => e.kind === "term")) byTerm.set(e.entry ?? e, Math.max(byTerm.get(e.entry ?? e) ?? 0, e.score));
  const terms = [...byTerm.values()].sort((a, b) => b - a);
  const flagAt = Math.max(0.5, (terms[Math.floor(maxTermFlags * terms.length)] ?? 0) + 1e-6);
  const ranked = s.filter((e) => e.found && restorable(e.features)).sort((a, b) => b.score - a.score);
  let restoreAt = 1;
  let right = 0;
  let n = 0;
  for (const e of ranked) {
    n++;
    if (e.label === 1 && e.right) right++;
    if (n >= 40 && right / n >= precision) restoreAt = e.score;
  }
  return { flagAt: Number(flagAt.toFixed(4)), restoreAt: Number(Math.max(restoreAt, flagAt).toFixed(4)) };
}

export let restorable = () => false;

/** Fits weights for a set of training entries, by an inner cross-validation of their own (features never self-seen). */
export function trainOn(lib, lm, thesaurus, rows, byEntry, train, alsoExclude = new Set(), inner = 4, options = {}) {
  const parts = folds(train, inner, "inner");
  const examples = [];
  parts.forEach((part, k) => {
    const exclude = new Set([...alsoExclude, ...part]);
    examples.push(...examplesFor(lib, lm, thesaurus, rows, byEntry, part, exclude, true));
  });
  // options.flagWeights: keep these flag weights and thresholds, fit the restore model only.
  const flagWeights = options.flagWeights ?? (() => {
    const weights = fit(examples, lib.FEATURES, options);
    return { ...weights, ...thresholds(weights, examples, options) };
  })();
  return { ...flagWeights, restore: restoreModel(lib, flagWeights, examples, options) };
}

/**
 * The restore model (src/flag/apply.ts restorableBy): a logistic model over RESTORE_FEATURES, fitted on the runs that
 * pass the restore gate (label 1: a held-out phrase with the right would-be term; 0: a wrong term, a correct term,
 * prose), each prose run counted once however often its frame sentence recurs. Its threshold is the lowest score at
 * which the runs restored (by the rule from restoreAt, and by the model from the most probable down) keep at least
 * `restorePrecision` right. In `npm run eval` (with termBigrams and termHead): with 0.92, 708 of 3,882 held-out phrases
 * restored at 90.7 % precision; with 0.925, 650 at 91.4 %; with 0.93, 622 at 91.2 % (610 at 90.2 % without those two
 * features). The frame sentences here flatter precision by a point or two.
 */
export function restoreModel(lib, weights, examples, { restorePrecision = 0.92 } = {}) {
  const seen = new Set();
  const data = [];
  for (const e of examples) {
    if (!e.found || !lib.restoreGate(e.features)) continue;
    if (e.label === 0 && e.kind === "prose") {
      if (seen.has(e.term)) continue;
      seen.add(e.term);
    }
    const score = scoreWith(weights, e.features);
    data.push({
      found: true,
      label: e.label === 1 && e.right ? 1 : 0,
      kind: e.kind ?? "pos",
      values: lib.restoreValues(e.features, score, lib.RESTORE_FEATURES),
      rule: restorable(e.features) && score >= weights.restoreAt,
    });
  }
  const model = fit(data, lib.RESTORE_FEATURES, { uniform: true, steps: 1500 });
  const scored = data.map((e) => ({ ...e, p: scoreWith(model, Object.fromEntries(lib.RESTORE_FEATURES.map((f, k) => [f, e.values[k]]))) }));
  let right = scored.filter((e) => e.rule && e.label === 1).length;
  let n = scored.filter((e) => e.rule).length;
  let at = 1;
  for (const e of scored.filter((e) => !e.rule).sort((a, b) => b.p - a.p)) {
    n++;
    if (e.label === 1) right++;
    if (right / n >= restorePrecision) at = e.p;
  }
  return { features: model.features, w: model.w, bias: model.bias, at: Number(Math.min(1, at + 1e-6).toFixed(6)) };
}
