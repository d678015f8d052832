#!/usr/bin/env node
// Output identity check for engine work (issue 9): restores a fixed set of inputs and compares the restored text,
// the edits (offsets, line/column, before/after, entry, evidence, confidence to 3 decimals), the gate report, the
// candidate sites and the scorer's round-0 evidence tables (what scripts/train-scorer.mjs reads) with a saved
// baseline. Speed work must leave all of it unchanged.
//
//   node scripts/check-identical.mjs --save     record the baseline (.tmp/identical-baseline.jsonl) from dist/
//   node scripts/check-identical.mjs            compare dist/ with it; exit 1 on any difference
//
// Restores also report flags (unlisted tortured phrases), compared too, and screen() is compared where asked.
//
// Inputs: ../shared (seed and devset, spun and originals; legit sentences, both sides) for MEASURING only (set
// UNSPIN_SHARED to point elsewhere; the script says so and stops when it is missing), the project's fixtures, the
// clean corpus when built (.cache/clean-corpus), and a 1 MB mixed input generated here from the bench fixtures and
// the devset (spun and clean paragraphs shuffled with a fixed seed). Several paths of the engine are taken: the
// bundled resources (gate first, thesaurus only when spun), resources without a gate dictionary (eval's held-out
// path), the cautious and bold levels, assumeSpun, and a candidate table when .cache/spinner-table.txt exists.
// Tortured phrases: the list's examples, abstracts from scripts/lib/abstracts.mjs with listed phrases planted,
// abstracts written here for the edge cases (mixed case, hyphens, nested phrases, unlisted swaps, literal uses) and
// devset originals with phrases planted at run time (one, two, ordinary-English ones).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(process.env.UNSPIN_SHARED ?? join(root, "..", "shared"));
const baselinePath = join(root, ".tmp", "identical-baseline.jsonl");
const save = process.argv.includes("--save");
if (!existsSync(join(shared, "devset"))) {
  console.error(`check-identical: reference material not found at ${shared} (expected ../shared/devset); set UNSPIN_SHARED. Nothing was checked.`);
  process.exit(2);
}
const dist = (p) => import(join(root, "dist", p));
const { restore, restoreWith, screen, loadBundledResources } = await dist("index.js");
const { combineDictionaries } = await dist("dict/combine.js");
const { siteEvidence, candidateSites } = await dist("restore/restore.js");
const res = await dist("resources.js");
const shipped = loadBundledResources();
const noGate = { lm: shipped.lm, dictionary: combineDictionaries([res.loadCuratedDictionary(), (await dist("dict/mined.js")).buildMinedDictionary(readFileSync(res.bundledFiles.mined, "utf8")), res.loadBundledThesaurus()]) };

const read = (p) => readFileSync(p, "utf8");
const inputs = [];
const add = (name, text, modes) => inputs.push({ name, text, modes });
const ALL = ["default", "nogate", "bold", "cautious", "assume", "evidence", "sites"];

add("seed/spun", read(join(shared, "seed", "putin-beijing.spun.txt")), [...ALL, "screen"]);
add("seed/clean", read(join(shared, "seed", "putin-beijing.clean.txt")), [...ALL, "screen"]);
const devFiles = readdirSync(join(shared, "devset")).filter((f) => f.endsWith(".txt")).sort();
devFiles.forEach((f, i) => add(`devset/${f}`, read(join(shared, "devset", f)), i % 4 === 0 ? [...ALL, "screen"] : ["default", "nogate", "bold", "sites"]));
const fixtureFiles = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith(".txt")) fixtureFiles.push(join(dir, e.name));
  }
};
walk(join(root, "fixtures"));
for (const f of fixtureFiles) add(`fixtures/${f.slice(join(root, "fixtures").length + 1)}`, read(f), ["default", "nogate", "assume"]);
const legit = read(join(shared, "eval", "legit-sentences.txt")).split("\n").filter((l) => l.trim() && !l.startsWith("#"));
legit.forEach((line, i) => {
  add(`legit/${i}/as-written`, line.replace(/\{([^|}]*)\|[^}]*\}/g, "$1"), ["default", "nogate", "bold", "assume"]);
  add(`legit/${i}/naive`, line.replace(/\{[^|}]*\|([^}]*)\}/g, "$1"), ["default", "bold"]);
});
const corpusDir = process.env.UNSPIN_CLEAN_CORPUS ?? join(root, ".cache", "clean-corpus");
if (existsSync(join(corpusDir, "MANIFEST.tsv"))) {
  const files = read(join(corpusDir, "MANIFEST.tsv")).trim().split("\n").slice(1).map((l) => l.split("\t")[0]);
  files.forEach((f, i) => add(`corpus/${f}`, read(join(corpusDir, f)), i % 10 === 0 ? ["default", "nogate", "bold"] : ["default"]));
} else console.log("check-identical: no clean corpus (.cache/clean-corpus): those inputs are not checked");

// The 1 MB mixed input: paragraphs of spun and clean sentences, shuffled with a fixed seed.
{
  const sentences = (texts) => texts.flatMap((t) => t.split(/\n+/)).map((s) => s.trim()).filter(Boolean);
  const bench = join(root, "fixtures", "bench");
  const benchFiles = readdirSync(bench).filter((f) => f.endsWith(".txt")).sort();
  const spun = sentences([...benchFiles.filter((f) => f.endsWith(".spun.txt")).map((f) => read(join(bench, f))), ...devFiles.filter((f) => f.endsWith(".spun.txt")).map((f) => read(join(shared, "devset", f)))]);
  const clean = sentences([...benchFiles.filter((f) => f.endsWith(".orig.txt")).map((f) => read(join(bench, f))), ...devFiles.filter((f) => f.endsWith(".orig.txt")).map((f) => read(join(shared, "devset", f)))]);
  let seed = 987654321;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const parts = [];
  let size = 0;
  while (size < 1 << 20) {
    const pool = rand() < 0.6 ? spun : clean;
    const n = 2 + Math.floor(rand() * 6);
    const p = [];
    for (let i = 0; i < n; i++) p.push(pool[Math.floor(rand() * pool.length)]);
    const para = p.join(rand() < 0.1 ? "\n" : " ") + (rand() < 0.2 ? "\r\n\r\n" : "\n\n");
    parts.push(para);
    size += para.length;
  }
  add("mixed-1mb", parts.join(""), ["default", "nogate", "sites"]);
}

// Tortured phrases (fingerprint tier, the register, the unlisted-phrase flagger, screening): the project's own
// examples (dictionaries/tortured/examples.json), abstracts built from its templates (scripts/lib/abstracts.mjs) with
// listed phrases planted, abstracts written here for the edge cases, and news text (../shared, at run time only)
// with one or two phrases planted.
{
  const SCI = ["default", "nogate", "assume", "bold", "evidence", "sites", "screen"];
  const examples = JSON.parse(read(join(root, "dictionaries", "tortured", "examples.json")));
  for (const kind of ["fix", "keep"]) examples[kind].forEach((e, i) => add(`tortured/examples/${kind}/${i}`, e.text, ["default", "assume", "sites", "screen"]));
  const { makeAbstract } = await import(join(root, "scripts", "lib", "abstracts.mjs"));
  const rows = read(join(root, "dictionaries", "tortured", "tortured.tsv"))
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"));
  const term = (r) => r[1].split("|")[0];
  for (let k = 0; k < 48; k++) {
    const a = rows[(k * 113) % rows.length];
    const b = rows[(k * 113 + 57) % rows.length];
    const c = rows[(k * 113 + 29) % rows.length];
    const planted = k % 3 === 0 ? [a[0]] : [a[0], b[0]];
    const { text } = makeAbstract(planted, [term(c)], 1000 + k, k % 4 === 0 ? 120 : 220);
    add(`tortured/abstract/${k}`, text, k % 4 === 0 ? SCI : ["default", "assume", "sites", "screen"]);
  }
  const own = [
    // Mixed case and acronyms kept inside swapped terms; the same form written twice; hyphenated after a phrase.
    "We trained a Profound CNN and then a profound CNN on the proposed dataset. The DNA harm in the samples was measured with a novel classifier. A profound learning-based framework achieved significant accuracy, and the bosom-shaped regions were segmented with an arbitrary timber model.",
    // A listed phrase inside a longer one; a phrase repeated; the shorter one alone elsewhere.
    "This paper proposes a method for bosom tumor detection in mammography images. The bosom tumor regions were segmented first. The extracted features of each bosom image were classified, and the results show that the proposed method is robust. The Innocent Bayes classifier and the arbitrary timber classifier were compared on the test dataset.",
    // Unlisted combinations of documented swaps, beside listed phrases.
    "We trained a profound neural organization on the images of the dataset. Results of discourse recognition and picture acknowledgment were compared with the baseline. The proposed framework uses fake knowledge for the classification of signals, and the evaluation metrics show significant improvement.",
    "The proposed algorithm combines counterfeit brain organization layers with a kind I error analysis. The signal to commotion ratio of the sensors was measured, and the PC helped design was validated on the dataset. The K-closest neighbors classifier achieved the best accuracy in the experiments.",
    "Deep studying methods have attracted attention. The information mining framework was evaluated on three datasets, and the speech intelligence of the participants was measured. Fake neural organizations are widely used for prediction and classification tasks, and the results were statistically significant.",
    // Literal uses and ordinary English in scientific text.
    "The puzzle has 192 pieces, and the model was trained on the pieces of the image. On the off chance that the sensor fails, the proposed method uses the previous measurement. The results of the experiments are reported in the third section.",
    // Not scientific: one phrase, two distinct phrases, phrases that are also ordinary English.
    "My grandmother kept her letters close to her bosom for years. She said the garden was her fake knowledge of the world, and she laughed about it.",
    "He read about fake knowledge in a magazine, and later about the arbitrary timber sold at the market. Both stories were strange, his friends said.",
    "On the off chance that you visit, bring the 192 pieces of the old puzzle. We will finish it together over the holidays.",
  ];
  own.forEach((t, i) => add(`tortured/own/${i}`, t, SCI));
  // News text with phrases planted (reference material, read at run time, never stored).
  const news = devFiles.filter((f) => f.endsWith(".orig.txt")).slice(0, 3).map((f) => read(join(shared, "devset", f)));
  const plant = (t, phrases) => {
    const paras = t.split("\n\n");
    phrases.forEach((p, j) => {
      const at = Math.min(paras.length - 1, 1 + j * 2);
      paras[at] = `${paras[at]} Some called it ${p}, others did not.`;
    });
    return paras.join("\n\n");
  };
  news.forEach((t, i) => {
    add(`tortured/news/${i}/one`, plant(t, ["fake knowledge"]), ["default", "assume", "sites", "screen"]);
    add(`tortured/news/${i}/two`, plant(t, ["fake knowledge", "arbitrary timber"]), ["default", "assume", "sites", "screen"]);
    add(`tortured/news/${i}/ordinary`, plant(t, ["her bosom", "192 pieces", "arbitrary timber"]), ["default", "assume", "sites", "screen"]);
  });
}

const table = join(root, ".cache", "spinner-table.txt");
const tableText = existsSync(table) ? read(table) : null;
if (tableText) {
  add("table/seed", read(join(shared, "seed", "putin-beijing.spun.txt")), ["table"]);
  add("table/devset-03", read(join(shared, "devset", devFiles.find((f) => f.startsWith("03")))), ["table"]);
  add("table/clean-03", read(join(shared, "devset", devFiles.find((f) => f.startsWith("03") && f.endsWith(".orig.txt")))), ["table"]);
}

const hash = (s) => createHash("sha256").update(s).digest("hex").slice(0, 16);
const editsOf = (r) => ({
  text: hash(r.text),
  gate: r.gate,
  edits: r.edits.map((e) => [e.start, e.end, e.line, e.column, e.before, e.after, e.entry, e.confidence.toFixed(3), e.evidence]),
  flags: (r.flags ?? []).map((f) => [f.start, f.end, f.line, f.column, f.phrase, f.likely, f.score, f.evidence]),
});
const exact = (x) => (Number.isFinite(x) ? x.toString() : String(x));
function run(input, mode) {
  const t = input.text;
  switch (mode) {
    case "default": return editsOf(restore(t));
    case "nogate": return editsOf(restoreWith(noGate, t));
    case "bold": return editsOf(restore(t, { level: "bold" }));
    case "cautious": return editsOf(restore(t, { level: "cautious" }));
    case "assume": return editsOf(restore(t, { assumeSpun: true }));
    case "table": return editsOf(restore(t, { extraDictionaries: [{ text: tableText, kind: "candidates" }] }));
    case "screen": {
      const r = screen(t);
      return { ...r, fingerprints: r.fingerprints.map((f) => [f.kind, f.phrase, f.original, f.start, f.end, f.line, f.column]), probability: exact(r.probability), gateProbability: exact(r.gateProbability) };
    }
    case "sites":
      return hash(JSON.stringify(candidateSites(shipped, t).map((s) => [s.start, s.end, s.tokFrom, s.tokTo, s.poolKey, s.spun, s.pattern, s.forced, s.candidates.map((c) => [c.text, c.tier, c.prior, c.entry, c.sources])])));
    case "evidence": {
      const { gate, table: rows } = siteEvidence(shipped, t);
      return {
        gate: [gate.strongSites, gate.spun, exact(gate.probability), exact(gate.rate), [...gate.features].map(exact)],
        table: hash(JSON.stringify(rows.map((r) => [r.site.start, r.site.end, r.site.candidates.length, [...r.deltas].map(exact), r.features.map((f) => [...f].map(exact))]))),
      };
    }
  }
  throw new Error(mode);
}

const lines = [];
const t0 = performance.now();
for (const input of inputs) for (const mode of input.modes) lines.push(JSON.stringify({ input: input.name, mode, out: run(input, mode) }));
const secs = ((performance.now() - t0) / 1000).toFixed(1);
if (save) {
  mkdirSync(dirname(baselinePath), { recursive: true });
  writeFileSync(baselinePath, lines.join("\n") + "\n");
  console.log(`check-identical: baseline saved (${lines.length} results, ${inputs.length} inputs, ${secs} s) to ${baselinePath}`);
  process.exit(0);
}
if (!existsSync(baselinePath)) {
  console.error(`check-identical: no baseline at ${baselinePath}; record one with --save on the code before the change.`);
  process.exit(2);
}
const base = read(baselinePath).trim().split("\n");
let diffs = 0;
const byKey = new Map(base.map((l) => { const o = JSON.parse(l); return [`${o.input}\t${o.mode}`, l]; }));
for (const l of lines) {
  const o = JSON.parse(l);
  const b = byKey.get(`${o.input}\t${o.mode}`);
  if (b === l) continue;
  diffs++;
  if (diffs <= 10) {
    console.log(`DIFFERENT: ${o.input} (${o.mode})`);
    if (!b) { console.log("  not in the baseline"); continue; }
    const bo = JSON.parse(b).out;
    if (bo && typeof bo === "object" && Array.isArray(bo.edits)) {
      const n = Math.max(bo.edits.length, o.out.edits.length);
      let shown = 0;
      for (let i = 0; i < n && shown < 5; i++) {
        if (JSON.stringify(bo.edits[i]) === JSON.stringify(o.out.edits[i])) continue;
        shown++;
        console.log(`  baseline: ${JSON.stringify(bo.edits[i])}\n  now:      ${JSON.stringify(o.out.edits[i])}`);
      }
      if (JSON.stringify(bo.gate) !== JSON.stringify(o.out.gate)) console.log(`  gate ${JSON.stringify(bo.gate)} -> ${JSON.stringify(o.out.gate)}`);
    } else console.log(`  baseline: ${JSON.stringify(bo).slice(0, 300)}\n  now:      ${JSON.stringify(o.out).slice(0, 300)}`);
  }
}
if (lines.length !== base.length) console.log(`results: ${base.length} in the baseline, ${lines.length} now`);
console.log(`check-identical: ${lines.length} results over ${inputs.length} inputs in ${secs} s: ${diffs === 0 && lines.length === base.length ? "all identical" : `${diffs} different`}`);
process.exit(diffs === 0 && lines.length === base.length ? 0 : 1);
