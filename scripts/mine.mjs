#!/usr/bin/env node
// Mine spinner substitutions from aligned spun/original pairs.
//
//   node scripts/mine.mjs [DEVSET_DIR] [--seed DIR] [--out DIR]
//
// Reads every `NN-name.spun.txt` / `NN-name.orig.txt` pair in DEVSET_DIR (default ../shared/devset)
// and the seed pair (../shared/seed/putin-beijing.spun.txt vs .clean.txt), aligns them with
// alignSubstitutions (compiled into dist/ by `npx tsc -p tsconfig.build.json`), and writes
//   dictionaries/mined/proposals.tsv  every proposal, sorted by count
//   dictionaries/mined/spinner.tsv    the reviewed rows the runtime loads (rules: dictionaries/mined/README.md)
// Exit codes: 0 ok, 2 missing input or build.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let devset = resolve(root, "../shared/devset");
let seedDir = resolve(root, "../shared/seed");
let outDir = resolve(root, "dictionaries/mined");
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--seed") seedDir = resolve(args[++i] ?? "");
  else if (a === "--out") outDir = resolve(args[++i] ?? "");
  else if (a === "-h" || a === "--help") {
    console.log("usage: node scripts/mine.mjs [DEVSET_DIR] [--seed DIR] [--out DIR]");
    process.exit(0);
  } else devset = resolve(a);
}

if (!existsSync(devset)) {
  console.error(`mine: devset folder not found: ${devset}\n(the third-party reference set lives in ../shared beside the repo; pass a folder of *.spun.txt/*.orig.txt pairs)`);
  process.exit(2);
}
const alignJs = join(root, "dist/learn/align.js");
const reviewJs = join(root, "dist/learn/review.js");
if (!existsSync(alignJs) || !existsSync(reviewJs)) {
  console.error("mine: dist/learn/*.js missing: run `npx tsc -p tsconfig.build.json` first");
  process.exit(2);
}
const { mineEntries, formatProposals, tokenize } = await import(alignJs);
const { reviewProposals } = await import(reviewJs);

const pairs = [];
for (const f of readdirSync(devset).sort()) {
  const m = /^(\d+)-(.+)\.spun\.txt$/.exec(f);
  if (!m) continue;
  const orig = join(devset, f.replace(/\.spun\.txt$/, ".orig.txt"));
  if (!existsSync(orig)) continue;
  pairs.push({ id: `devset:${m[1]}`, spun: readFileSync(join(devset, f), "utf8"), original: readFileSync(orig, "utf8") });
}
const seedSpun = join(seedDir, "putin-beijing.spun.txt");
const seedClean = join(seedDir, "putin-beijing.clean.txt");
if (existsSync(seedSpun) && existsSync(seedClean)) {
  pairs.push({ id: "seed", spun: readFileSync(seedSpun, "utf8"), original: readFileSync(seedClean, "utf8") });
} else {
  console.error(`mine: seed pair not found in ${seedDir}; continuing without it`);
}
if (pairs.length === 0) {
  console.error(`mine: no *.spun.txt/*.orig.txt pairs in ${devset}`);
  process.exit(2);
}

// Regions of several adjacent swaps are split where the thesaurus or the curated entries know a pair.
const { loadBundledThesaurus } = await import(join(root, "dist/resources.js"));
const { buildCuratedDictionary } = await import(join(root, "dist/dict/curated.js"));
const sources = [
  loadBundledThesaurus(),
  buildCuratedDictionary(readFileSync(join(root, "dictionaries/curated/signature.json"), "utf8")),
];
const knownPair = (spunKey, originalKey) => sources.some((d) => (d.lookup(spunKey) ?? []).some((c) => c.original === originalKey));
// Words the spinner adds around a head word ("content material" ← "content") are mined with their head.
const rows = mineEntries(pairs, { knownPair, headWords: true });
const { kept, dropped } = reviewProposals(rows);
const reasons = new Map();
for (const { reason } of dropped) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "proposals.tsv"), formatProposals(rows));
// How often each kept spun form stands for itself in the spun texts (the spinner did not produce it there):
// occurrences as a word sequence, minus the times it was a substitution. This turns counts into a prior
// that weighs "restore" against "leave it".
const occurrences = new Map();
const spunForms = new Set(kept.map((r) => r.spun));
for (const p of pairs) {
  const keys = tokenize(p.spun).filter((t) => t.word).map((t) => t.key);
  for (let i = 0; i < keys.length; i++) {
    let k = "";
    for (let n = 1; n <= 4 && i + n <= keys.length; n++) {
      k = n === 1 ? keys[i] : `${k} ${keys[i + n - 1]}`;
      if (spunForms.has(k)) occurrences.set(k, (occurrences.get(k) ?? 0) + 1);
    }
  }
}
const swaps = new Map();
for (const r of rows) swaps.set(r.spun, (swaps.get(r.spun) ?? 0) + r.count);
const withKept = formatProposals(kept)
  .split("\n")
  .map((line) => {
    if (line === "" ) return line;
    if (line.startsWith("#")) return `${line}\tkept`;
    const spun = line.split("\t")[0];
    return `${line}\t${Math.max(0, (occurrences.get(spun) ?? 0) - (swaps.get(spun) ?? 0))}`;
  })
  .join("\n");
// Originals that are names keep their capitals: how the phrase is written in the original texts when it
// does not start a sentence, if every such sighting is capitalised the same way.
const escape = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function casedOriginal(original) {
  const re = new RegExp(`(?<=[a-z,;]\\s+)${escape(original).replace(/'/g, "['’]").replace(/ /g, "\\s+")}(?![\\p{L}])`, "giu");
  const seen = new Set();
  for (const p of pairs) for (const m of p.original.matchAll(re)) seen.add(m[0].replace(/\s+/g, " ").replace(/’/g, "'"));
  if (seen.size !== 1) return original;
  const [form] = seen;
  // ALL-CAPS sightings are shouting, not a name's spelling.
  return form !== form.toLowerCase() && form !== form.toUpperCase() ? form : original;
}
const cased = withKept
  .split("\n")
  .map((line) => {
    if (line === "" || line.startsWith("#")) return line;
    const cols = line.split("\t");
    cols[1] = casedOriginal(cols[1]);
    return cols.join("\t");
  })
  .join("\n");
writeFileSync(join(outDir, "spinner.tsv"), cased);
console.log(`mine: ${pairs.length} pairs, ${rows.length} proposals, ${kept.length} kept`);
for (const [reason, n] of [...reasons].sort((x, y) => y[1] - x[1])) console.log(`  dropped ${n}: ${reason}`);
