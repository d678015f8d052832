#!/usr/bin/env node
// Fits the weights of the unlisted-tortured-phrase flagger (src/flag/unlisted.ts) on the bundled tortured-phrase list
// and writes dictionaries/tortured/flagger.json. Every example is scored by a model that has not seen its own entry
// (5-fold cross-validation inside the list), so the weights learn what an UNLISTED phrase looks like.
//
//   npm run build && node scripts/train-flagger.mjs
//   node scripts/train-flagger.mjs --restore-only    refit the restore model alone (the flags stay as they are)
//
// Needs only the repository. `npm run eval` measures the same procedure with a fifth of the list held out at a time.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { load, trainOn } from "./lib/flagger-train.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = await load(root);
const { loadBundledResources } = await import(join(root, "dist", "index.js"));
const { parseTorturedRows } = await import(join(root, "dist", "dict", "tortured.js"));
const { loadBundledThesaurus } = await import(join(root, "dist", "resources.js"));
const rows = parseTorturedRows(readFileSync(join(root, "dictionaries", "tortured", "tortured.tsv"), "utf8"));
// The thesaurus the flagger uses at run time (dictionaries/thesaurus/reverse.bin).
const thesaurus = loadBundledThesaurus();
const { lm } = loadBundledResources();
const byEntry = new Map(rows.filter((r) => r.key === r.entry).map((r) => [r.entry, r]));
const t0 = performance.now();
// --restore-only: keep the flag weights and thresholds of the current flagger.json (flags unchanged) and refit the
// restore model alone, on the same examples.
const out0 = join(root, "dictionaries", "tortured", "flagger.json");
const keep = process.argv.includes("--restore-only") ? JSON.parse(readFileSync(out0, "utf8")) : undefined;
const flagWeights = keep && { features: keep.features, w: keep.w, bias: keep.bias, flagAt: keep.flagAt, restoreAt: keep.restoreAt };
const weights = trainOn(lib, lm, thesaurus, rows, byEntry, [...byEntry.keys()], new Set(), 5, flagWeights ? { flagWeights } : {});
const out = {
  description:
    "Weights of the unlisted-tortured-phrase flagger (src/flag/unlisted.ts), fitted by scripts/train-flagger.mjs on dictionaries/tortured/tortured.tsv " +
    "with 5-fold cross-validation inside the list. score = logistic(bias + sum w[i] * feature[i]); flagged from flagAt, restored from restoreAt " +
    "(known terms and strongly bound chains, src/flag/apply.ts) or where the restore model (restore: the same form over its features) reaches restore.at.",
  ...weights,
};
writeFileSync(out0, JSON.stringify(out, null, 2) + "\n");
console.log(`train-flagger: ${byEntry.size} entries, ${((performance.now() - t0) / 1000).toFixed(0)} s; flagAt ${weights.flagAt}, restoreAt ${weights.restoreAt}`);
console.log(weights.features.map((f, i) => `${f} ${weights.w[i]}`).join(", ") + `, bias ${weights.bias}`);
const r = weights.restore;
console.log(`restore model from ${r.at}: ` + r.features.map((f, i) => `${f} ${r.w[i]}`).join(", ") + `, bias ${r.bias}`);
