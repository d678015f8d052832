#!/usr/bin/env node
// Trains the scorer of a loaded candidate table (tier "table", `--dict candidates:TABLE`) and writes
// src/restore/table-weights.ts: a source with its own reliability gets its own weights (decide.ts TableModel).
//
// Nothing in the real spun pages shows how a spinner's own table behaves, so the even half of the clean corpus
// (scripts/build-clean-corpus.mjs; the odd half is what scripts/eval-table.mjs holds out) is spun with the
// spinner-like table (scripts/spinner-table.mjs, scripts/simulate-spin.mjs) and its round-0 evidence read with the
// table loaded, as restore() loads it. The fit is a conditional logit like the site scorer's (keep the text, or one
// candidate), where
//   - a table's candidate scores w_table · features (features.ts), w_table fitted here;
//   - any other candidate keeps the shipped site scorer's log-odds (SITE_WEIGHTS, fixed: nothing changes where no
//     table is loaded), plus the document's table share times one of two fitted offsets (TableModel.others: at a form
//     the table does not propose for, at a form it does).
// Figures are cross-validated with whole articles held out. Last, the keep offset (TableModel.keep) is chosen end to
// end: 40 of the same articles restored with the fitted model, the offset with the fewest word errors.
//
//   npm run build && node scripts/train-table-scorer.mjs [--articles N] [--dry-run]
//   node scripts/train-table-scorer.mjs --keep-only     only choose the keep offset for the weights in dist/
// Rerun it after scripts/train-scorer.mjs (the offsets are fitted against the site scorer's weights).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { siteLabels } from "./lib/labels.mjs";
import { fitChoice } from "./lib/logistic.mjs";
import { MISSING_CORPUS, readCleanCorpus, wordErrors } from "./lib/clean-corpus.mjs";
import { loadSpinTable, readSpinnerTable, rng, spin } from "./simulate-spin.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const keepOnly = args.includes("--keep-only");
const maxArticles = args.includes("--articles") ? Number(args[args.indexOf("--articles") + 1]) : Infinity;
const dist = (p) => import(join(root, "dist", p));
if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("train-table-scorer: dist/ is missing; run `npm run build` first.");
  process.exit(2);
}
const corpus = readCleanCorpus(root);
if (!corpus) {
  console.error(`train-table-scorer: ${MISSING_CORPUS}`);
  process.exit(2);
}
const { siteEvidence } = await dist("restore/restore.js");
const { FEATURE_NAMES } = await dist("restore/features.js");
const { SITE_WEIGHTS } = await dist("restore/scorer-weights.js");
const { loadBundledResources } = await dist("resources.js");
const { compileUserDictionary } = await dist("dict/user.js");
const { combineDictionaries } = await dist("dict/combine.js");

const tableText = readSpinnerTable(root);
const table = loadSpinTable(tableText);
const tableDict = compileUserDictionary(tableText, "table", "candidates").dictionary;
const bundled = loadBundledResources();
// As restore() adds an extra dictionary (src/index.ts resourcesFor).
const withTable = {
  lm: bundled.lm,
  dictionary: combineDictionaries([tableDict, bundled.dictionary]),
  ...(bundled.gateDictionary ? { gateDictionary: combineDictionaries([tableDict, bundled.gateDictionary]) } : {}),
};

const F = FEATURE_NAMES.length;
const dot = (w, x) => x.reduce((s, v, j) => s + v * w[j], 0);
// A candidate's row: [table features (F) | other: share × unlisted form, share × listed form], and its fixed offset.
function rowOf(features, tier, share, listed) {
  const x = new Float64Array(F + 2);
  if (tier === "table") x.set(features, 0);
  else x[F + (listed ? 1 : 0)] = share;
  return { x, offset: tier === "table" ? 0 : dot(SITE_WEIGHTS, features) };
}

const even = corpus.filter((_, i) => i % 2 === 0);
const sampleOf = (list, n) => (n >= list.length ? list : Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]));
const picked = sampleOf(even, maxArticles);

/** The keep offset with the fewest word errors over 40 of the articles, restored end to end with `model`. */
async function chooseKeep(model) {
  const { restoreWith } = await dist("index.js");
  const sample = sampleOf(picked, 40).map((a) => ({ a, spun: spin(a.text, table, rng(a.file)) }));
  const extra = { extraDictionaries: [{ text: tableText, kind: "candidates", name: "table" }] };
  let best = { keep: 0, errors: Infinity };
  for (const keep of [0, 0.25, 0.5, 0.75, 1, 1.5]) {
    let errors = 0;
    for (const { a, spun } of sample) errors += wordErrors(a.text, restoreWith(bundled, spun, extra, { table: { ...model, keep } }).text).errors;
    console.log(`keep ${keep}: ${errors} word errors on ${sample.length} articles restored end to end`);
    if (errors < best.errors) best = { keep, errors };
  }
  return best.keep;
}
if (keepOnly) {
  const { TABLE_MODEL } = await dist("restore/table-weights.js");
  const keep = await chooseKeep(TABLE_MODEL);
  const path = join(root, "src", "restore", "table-weights.ts");
  const text = readFileSync(path, "utf8");
  if (!/\n  keep: [-0-9.]+,\n/.test(text)) throw new Error(`no keep line in ${path}`);
  if (!dryRun) writeFileSync(path, text.replace(/\n  keep: [-0-9.]+,\n/, `\n  keep: ${keep.toFixed(2)},\n`));
  console.log(`keep ${keep}${dryRun ? "" : ": written to src/restore/table-weights.ts; run `npm run build` to use it"}`);
  process.exit(0);
}

const choices = []; // { article, X, O, y }
const t0 = Date.now();
for (const a of picked) {
  const spun = spin(a.text, table, rng(a.file));
  const { table: evidence, tableShare, tableListed } = siteEvidence(withTable, spun, { assumeSpun: true });
  const labels = siteLabels(spun, a.text, evidence.map((t) => t.site));
  evidence.forEach((t, i) => {
    if (t.site.forced) return;
    const listed = tableListed[i];
    const X = [];
    const O = [];
    let y = -1;
    t.site.candidates.forEach((c, ci) => {
      if (!Number.isFinite(t.deltas[ci])) return;
      if (labels[i].right === ci) y = X.length;
      const r = rowOf(t.features[ci], c.tier, tableShare, listed);
      X.push(r.x);
      O.push(r.offset);
    });
    // Sites inside a substitution no candidate restores say nothing about choosing (as in train-scorer.mjs).
    if (X.length === 0 || (y < 0 && labels[i].spunHere)) return;
    choices.push({ article: a.file, X, O, y });
  });
}
const positives = choices.filter((c) => c.y >= 0).length;
console.log(`${picked.length} even-half articles spun with the ${table.lines.length}-line table: ${choices.length} sites, ${positives} where a candidate is the original [${((Date.now() - t0) / 1000).toFixed(0)} s]`);

// Tier indicators are constant here (every table row has "tier table" = 1): only the bias of the table's rows, which
// is its own feature 0, stays unpenalised; the others' offsets are barely penalised (two numbers, many sites).
const penalty = Array.from({ length: F + 2 }, (_, j) => (j >= F ? 0.01 : 1));
/** Errors of the best choice against keep (p ≥ 0.45 applies) on held-out folds: wrong changes and missed originals. */
function crossValidate(lambda, folds = 4) {
  const articles = [...new Set(choices.map((c) => c.article))];
  let loss = 0, wrong = 0, missed = 0, right = 0;
  for (let f = 0; f < folds; f++) {
    const test = new Set(articles.filter((_, i) => i % folds === f));
    // lambda null: no fit, the shipped site scorer for the table's candidates too (what this model replaces).
    const w = lambda === null ? [...SITE_WEIGHTS, 0, 0] : fitChoice(choices.filter((c) => !test.has(c.article)), { lambda, penalty });
    for (const c of choices.filter((c) => test.has(c.article))) {
      const z = c.X.map((x, k) => dot(w, x) + c.O[k]);
      const mz = Math.max(0, ...z);
      loss += mz + Math.log(Math.exp(-mz) + z.reduce((s, v) => s + Math.exp(v - mz), 0)) - (c.y >= 0 ? z[c.y] : 0);
      const best = z.indexOf(Math.max(...z));
      const applies = 1 / (1 + Math.exp(-z[best])) >= 0.45;
      if (applies && best === c.y) right++;
      else if (applies) wrong++;
      else if (c.y >= 0) missed++;
    }
  }
  return { loss: loss / choices.length, wrong, missed, right };
}
{
  const cv = crossValidate(null);
  console.log(`the site scorer alone: choice log loss ${cv.loss.toFixed(4)}; sites restored right ${cv.right}, wrongly changed ${cv.wrong}, originals missed ${cv.missed}`);
}
const LAMBDAS = (process.env.TABLE_LAMBDAS ?? "1,10").split(",").map(Number);
let lambda = LAMBDAS[0];
let bestLoss = Infinity;
for (const l of LAMBDAS) {
  const cv = crossValidate(l);
  console.log(`lambda ${l}: cross-validated choice log loss ${cv.loss.toFixed(4)}; sites restored right ${cv.right}, wrongly changed ${cv.wrong}, originals missed ${cv.missed}`);
  if (cv.loss < bestLoss) [bestLoss, lambda] = [cv.loss, l];
}
const w = fitChoice(choices, { lambda, penalty });
const keep = await chooseKeep({ weights: w.slice(0, F), others: [w[F], w[F + 1]] });
const fmt = (names, ws) => names.map((n, i) => `  ${ws[i].toFixed(4)}, // ${n}`).join("\n");
const out = `// Generated by scripts/train-table-scorer.mjs on ${new Date().toISOString().slice(0, 10)}: do not edit by hand.
// The scorer of a loaded candidate table (decide.ts TableModel): conditional logit (lambda ${lambda}) on ${choices.length} sites of
// ${picked.length} even-half clean-corpus articles spun with the spinner-like table (${table.lines.length} lines), the other
// candidates at their site scorer log-odds (SITE_WEIGHTS, fixed).
import type { TableModel } from "./decide.js";

export const TABLE_MODEL: TableModel = {
  /** Weights for a table's candidates, in the order of FEATURE_NAMES (features.ts). */
  weights: [
${fmt(FEATURE_NAMES, w).replace(/^/gm, "  ")}
  ],
  /** Added to the other candidates' log-odds, times the document's table share: at a form the table does not list, at one it does (CandList.tableListed). */
  others: [${w[F].toFixed(4)}, ${w[F + 1].toFixed(4)}],
  /** Taken from every choice's log-odds, times the table share, before the threshold (chosen end to end). */
  keep: ${keep.toFixed(2)},
};
`;
if (dryRun) console.log(out);
else {
  writeFileSync(join(root, "src", "restore", "table-weights.ts"), out);
  console.log("wrote src/restore/table-weights.ts; run `npm run build` to use it");
}
