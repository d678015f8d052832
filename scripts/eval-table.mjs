#!/usr/bin/env node
/**
 * How much a spinner's own table helps (issue 6, "Done when"): the clean corpus (scripts/build-clean-corpus.mjs) is
 * split by article into halves; the held-out half is spun with scripts/simulate-spin.mjs and a spinner-like table
 * (scripts/spinner-table.mjs), then restored as shipped and with the table loaded as `--dict` kind candidates.
 * Prints the share of the spin's word errors removed, and the damage the table causes on the whole clean corpus.
 *
 *   npm run build && node scripts/eval-table.mjs [--articles N] [--verbose]
 *
 * Targets the decider works towards: ≥ 90 % of the errors removed, ≤ 0.3 changed tokens per 1000 of clean text.
 * Scoring: a JavaScript equivalent of ../shared/eval/score.py (same tokens, same edit distance, line by line),
 * checked against score.py on one article when ../shared is present: score.py on 200,000 words takes minutes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MISSING_CORPUS, readCleanCorpus, tokens, tokensChanged, wordErrors } from "./lib/clean-corpus.mjs";
import { loadSpinTable, readSpinnerTable, rng, spin } from "./simulate-spin.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const maxArticles = args.includes("--articles") ? Number(args[args.indexOf("--articles") + 1]) : Infinity;
const prefix = "table   ";

const corpus = readCleanCorpus(root);
if (!corpus) {
  console.log(`${prefix}${MISSING_CORPUS}`);
  process.exit(2);
}
if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("eval-table: dist/ is missing; run `npm run build` first.");
  process.exit(2);
}
const tableText = readSpinnerTable(root);
const table = loadSpinTable(tableText);
const { restore } = await import(join(root, "dist", "index.js"));
const withTable = { extraDictionaries: [{ text: tableText, kind: "candidates", name: "table" }] };

// Held out: every other article in file order (each source is split evenly).
const half = corpus.filter((_, i) => i % 2 === 1);
// A sample (--articles N) is spread evenly over the half, so every source stays represented.
const heldOut = maxArticles >= half.length ? half : Array.from({ length: maxArticles }, (_, i) => half[Math.floor((i * half.length) / maxArticles)]);

// Check the scorer against score.py on one spun article.
const shared = resolve(process.env.UNSPIN_SHARED ?? join(root, "..", "shared"));
let scorerNote = "score.py not found: JavaScript scorer unchecked";
if (existsSync(join(shared, "eval", "score.py"))) {
  const tmp = mkdtempSync(join(tmpdir(), "unspin-table-"));
  const a = heldOut[0];
  const spun = spin(a.text, table, rng(a.file));
  writeFileSync(join(tmp, "gold.txt"), a.text);
  writeFileSync(join(tmp, "hyp.txt"), spun);
  const py = spawnSync("python3", [join(shared, "eval", "score.py"), join(tmp, "gold.txt"), join(tmp, "hyp.txt")], { encoding: "utf8" });
  const ours = wordErrors(a.text, spun);
  const [e, t] = py.stdout.trim().split(/\s+/).map(Number);
  rmSync(tmp, { recursive: true, force: true });
  if (py.status !== 0) scorerNote = `score.py failed (${py.stderr.trim()}): JavaScript scorer unchecked`;
  else if (e !== ours.errors || t !== ours.tokens) {
    console.error(`eval-table: the JavaScript scorer disagrees with score.py on ${a.file}: ${ours.errors}/${ours.tokens} vs ${e}/${t}`);
    process.exit(1);
  } else scorerNote = `scorer checked against score.py on ${a.file}`;
}

// Where the spins go once restored with the table: each substitution the spinner made (spun vs original, aligned
// as the miner does) is fixed, left as spun, or given a wrong candidate; a left or wrong one either had the right
// original among the table's candidates for that form or had none (digits, {braces}, words the table reversed to
// another key). For the decider's work: what a better chooser or gate could still win.
const { alignSubstitutions, normalizeKey } = await import(join(root, "dist", "learn", "align.js"));
const { compileUserDictionary } = await import(join(root, "dist", "index.js"));
const tableDict = compileUserDictionary(tableText, "table", "candidates").dictionary;
const classes = { fixed: 0, "kept, candidate listed": 0, "kept, no candidate": 0, "wrong, candidate listed": 0, "wrong, no candidate": 0 };
function classify(spun, original, edits) {
  const knownPair = (sk, ok) => (tableDict.lookup(sk) ?? []).some((c) => c.original === ok);
  for (const ev of alignSubstitutions(spun, original, { knownPair })) {
    const e = edits.find((x) => x.start < ev.spunEnd && ev.spunStart < x.end);
    const listed = (tableDict.lookup(normalizeKey(ev.spun)) ?? []).some((c) => c.original === normalizeKey(ev.original));
    if (e && e.start <= ev.spunStart && e.end >= ev.spunEnd && normalizeKey(e.after).endsWith(normalizeKey(ev.original))) classes.fixed++;
    else classes[`${e ? "wrong" : "kept"}, ${listed ? "candidate listed" : "no candidate"}`]++;
  }
}

let before = 0, shipped = 0, assumed = 0, tabled = 0, ref = 0, words = 0;
const t0 = Date.now();
for (const a of heldOut) {
  const spun = spin(a.text, table, rng(a.file));
  const b = wordErrors(a.text, spun);
  const s = wordErrors(a.text, restore(spun).text);
  // Declared spun (--assume-spun), without the table: what the shipped dictionaries do once the gate is not asked.
  const d = wordErrors(a.text, restore(spun, { assumeSpun: true }).text);
  const restored = restore(spun, withTable);
  classify(spun, a.text, restored.edits);
  const w = wordErrors(a.text, restored.text);
  before += b.errors;
  shipped += s.errors;
  assumed += d.errors;
  tabled += w.errors;
  ref += b.tokens;
  words += a.words;
  if (verbose) console.log(`  ${a.file.padEnd(48)} errors ${b.errors} -> ${s.errors} shipped, ${d.errors} declared spun, ${w.errors} with the table`);
}
const cut = (after) => (before ? ((1 - after / before) * 100).toFixed(1) : "0.0");
console.log(
  `${prefix}spun held-out ${heldOut.length === half.length ? "half" : "sample"} (${heldOut.length} articles, ${words} words; ${table.lines.length}-line table): wer ${(before / ref).toFixed(4)} -> ` +
    `${(shipped / ref).toFixed(4)} as shipped (cut ${cut(shipped)} %), -> ${(assumed / ref).toFixed(4)} declared spun (cut ${cut(assumed)} %), ` +
    `-> ${(tabled / ref).toFixed(4)} with the table as candidates (cut ${cut(tabled)} %)`,
);

const events = Object.values(classes).reduce((x, y) => x + y, 0);
console.log(`${prefix}substitutions with the table (${events}): ${Object.entries(classes).map(([k, n]) => `${k} ${((n * 100) / events).toFixed(1)} %`).join(", ")}`);

// Damage on the whole clean corpus with the table loaded.
let changed = 0, ctokens = 0, edits = 0, touched = 0;
const kinds = new Map();
for (const a of corpus) {
  const r = restore(a.text, withTable);
  ctokens += tokens(a.text).length;
  if (!r.edits.length) continue;
  touched++;
  edits += r.edits.length;
  changed += tokensChanged(r.edits);
  for (const e of r.edits) kinds.set(`${e.before} -> ${e.after} (${e.entry.split(":")[0]})`, (kinds.get(`${e.before} -> ${e.after} (${e.entry.split(":")[0]})`) ?? 0) + 1);
}
console.log(
  `${prefix}clean corpus with the table as candidates (${corpus.length} articles): damage ${((changed * 1000) / ctokens).toFixed(2)}/1000 tokens ` +
    `(${edits} edits in ${touched} articles)   [${scorerNote}; ${((Date.now() - t0) / 1000).toFixed(0)} s]`,
);
if (verbose) for (const [k, n] of [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`    ${n}x ${k}`);
