#!/usr/bin/env node
// Quality figures: runs unspin over ../shared/seed and ../shared/devset (third-party reference texts, read
// here only to measure; never copied into the project) and scores it with ../shared/eval/score.py.
//
//   npm run eval              word error rate before/after per set, damage on clean text, legit sentences
//   npm run eval -- --verbose  the same, per pair
//
// Besides the shipped dictionaries ("as shipped"), it measures a "held out" figure: each pair is restored
// with the mined pairs that were seen ONLY in that pair (or in other spins of the same original, found by
// identical original text) removed, and their counts reduced accordingly. That is what a page the miner has
// never seen gets, and it is the honest estimate of how unspin does on new spun pages.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { damageOver, MISSING_BROWN, MISSING_CORPUS, passages, readBrownCorpus, readCleanCorpus, tokens as corpusTokens, tokensChanged } from "./lib/clean-corpus.mjs";
import { dist, heldOutResources, referencePairs, requireShared, root, shared } from "./lib/reference.mjs";

const verbose = process.argv.includes("--verbose");
requireShared("unspin eval");
const { restoreWith } = await dist("index.js");
const { combineDictionaries } = await dist("dict/combine.js");
const { bundledFiles } = await dist("resources.js");
const { shipped, curated, heldOut: heldOutForTraining, minedWithout } = await heldOutResources();
/**
 * Resources without what was mined from the given documents (ids as in spinner.tsv: devset:NN, seed). Without a gate
 * dictionary: the gate sees the sites of the whole dictionary (its thesaurus places count for nothing there).
 */
const heldOut = (docIds) => {
  const { lm, dictionary } = heldOutForTraining(docIds);
  return { lm, dictionary };
};

const tmp = mkdtempSync(join(tmpdir(), "unspin-eval-"));
const py = (args) => {
  const r = spawnSync("python3", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};
const score = (gold, text) => {
  const f = join(tmp, "out.txt");
  writeFileSync(f, text);
  const [errors, tokens] = py([join(shared, "eval", "score.py"), gold, f]).split(/\s+/).map(Number);
  return { errors, tokens };
};
const TOKEN = /[A-Za-z0-9\u00C0-\u024F]+(?:'[A-Za-z]+)?|[^\sA-Za-z0-9\u00C0-\u024F]/g;
const damage = (resources, clean) => {
  const f = join(tmp, "clean-out.txt");
  const text = readFileSync(clean, "utf8");
  writeFileSync(f, restoreWith(resources, text).text);
  const per1000 = Number(py([join(shared, "eval", "score.py"), "--changes", clean, f]));
  const tokens = (text.replace(/[’‘]/g, "'").match(TOKEN) ?? []).length;
  return { changed: (per1000 * tokens) / 1000, tokens };
};

function runSet(name, pairs, label, resourcesFor) {
  let before = 0, after = 0, tokens = 0, changed = 0, cleanTokens = 0;
  const worse = [];
  const pages = [];
  for (const pair of pairs) {
    const resources = resourcesFor(pair);
    const spunText = readFileSync(pair.spun, "utf8");
    const b = score(pair.gold, spunText);
    const a = score(pair.gold, restoreWith(resources, spunText).text);
    before += b.errors; after += a.errors; tokens += b.tokens;
    pages.push({ name: pair.name, words: spunText.split(/\s+/).filter(Boolean).length, before: b.errors, after: a.errors });
    if (a.errors > b.errors) worse.push(pair.name);
    const d = damage(resources, pair.clean);
    changed += d.changed; cleanTokens += d.tokens;
    if (verbose) {
      console.log(`  ${pair.name.padEnd(40)} wer ${(b.errors / b.tokens).toFixed(3)} -> ${(a.errors / b.tokens).toFixed(3)}  clean tokens changed ${d.changed.toFixed(0)}`);
    }
  }
  const cut = before ? 1 - after / before : 0;
  console.log(`${name.padEnd(7)} ${label.padEnd(12)} wer ${(before / tokens).toFixed(4)} -> ${(after / tokens).toFixed(4)}  ` +
    `(errors ${before} -> ${after}, cut ${(cut * 100).toFixed(1)} %)  damage ${((changed * 1000) / cleanTokens).toFixed(2)}/1000 clean tokens  ` +
    `made worse: ${worse.length ? worse.join(", ") : "none"}`);
  return { before, after, tokens, changed, cleanTokens, pages };
}

const seedDir = join(shared, "seed");
const { seed: seedPairs, dev: devPairs } = referencePairs();

const total = (sets) => sets.reduce((a, b) => ({ before: a.before + b.before, after: a.after + b.after, tokens: a.tokens + b.tokens, changed: a.changed + b.changed, cleanTokens: a.cleanTokens + b.cleanTokens }));
const report = (label, sets) => {
  const all = total(sets);
  console.log(`total   ${label.padEnd(12)} wer ${(all.before / all.tokens).toFixed(4)} -> ${(all.after / all.tokens).toFixed(4)}  cut ${((1 - all.after / all.before) * 100).toFixed(1)} %  damage ${((all.changed * 1000) / all.cleanTokens).toFixed(2)}/1000`);
};
const asShipped = () => shipped;
report("as shipped", [runSet("seed", seedPairs, "as shipped", asShipped), runSet("devset", devPairs, "as shipped", asShipped)]);
const held = (pair) => heldOut(pair.ids);
const heldOutSets = [runSet("seed", seedPairs, "held out", held), runSet("devset", devPairs, "held out", held)];
report("held out", heldOutSets);
// Issue 6 asks that the short pages (under 100 words) be restored, held out, at least as well as the long ones.
{
  const pages = heldOutSets.flatMap((set) => set.pages);
  const cutOf = (list) => {
    const b = list.reduce((x, p) => x + p.before, 0);
    const a = list.reduce((x, p) => x + p.after, 0);
    return `cut ${b ? ((1 - a / b) * 100).toFixed(1) : "0.0"} % (errors ${b} -> ${a})`;
  };
  const short = pages.filter((p) => p.words < 100);
  console.log(`short   held out: pages under 100 words (${short.map((p) => p.name.split("-")[0]).join(", ")}) ${cutOf(short)}; the other ${pages.length - short.length} pages ${cutOf(pages.filter((p) => p.words >= 100))}`);
}

// Short texts: every paragraph (line) of the seed and devset pages restored alone, held out, as a user pasting one
// paragraph would; their originals cut alike must come out unchanged.
{
  let before = 0, after = 0, paragraphs = 0, opened = 0, cleanEdits = 0;
  for (const pair of [...seedPairs, ...devPairs]) {
    const resources = heldOut(pair.ids);
    const alone = (text, onEach) => text.split("\n").map((line) => {
      if (!line.trim()) return line;
      const r = restoreWith(resources, line);
      onEach(r);
      return r.text;
    }).join("\n");
    const spunText = readFileSync(pair.spun, "utf8");
    before += score(pair.gold, spunText).errors;
    after += score(pair.gold, alone(spunText, (r) => { paragraphs++; if (r.gate.spun) opened++; })).errors;
    alone(readFileSync(pair.clean, "utf8"), (r) => { cleanEdits += r.edits.length; });
  }
  console.log(
    `short   held out: each of the ${paragraphs} paragraphs alone (gate open on ${opened}) cut ${((1 - after / before) * 100).toFixed(1)} % ` +
      `(errors ${before} -> ${after}); their originals' paragraphs alone: ${cleanEdits} edits`,
  );
}

// Hard-wrapped text (e-mail, plain-text articles): every paragraph of the pages wrapped at 72 columns, restored held
// out, the output unwrapped and scored; it should do as well as the pages as they are.
{
  const wrap = (line) => {
    const out = [];
    let cur = "";
    for (const w of line.split(" ")) {
      if (cur && `${cur} ${w}`.length > 72) {
        out.push(cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) out.push(cur);
    return out.join("\n");
  };
  let before = 0, after = 0;
  for (const pair of [...seedPairs, ...devPairs]) {
    const spunText = readFileSync(pair.spun, "utf8");
    const wrapped = spunText.split("\n").map(wrap).join("\n\n");
    const restored = restoreWith(heldOut(pair.ids), wrapped).text.split("\n\n").map((p) => p.replace(/\r?\n/g, " ")).join("\n");
    before += score(pair.gold, spunText).errors;
    after += score(pair.gold, restored).errors;
  }
  const { before: b, after: a } = total(heldOutSets);
  console.log(`wrapped held out: the pages hard-wrapped at 72 columns cut ${((1 - after / before) * 100).toFixed(1)} % (errors ${before} -> ${after}); as they are: ${((1 - a / b) * 100).toFixed(1)} %`);
}

// Partly spun pages: the paragraphs of each spun page interleaved with those of another article's original (the
// fifth page on), both articles' mined pairs held out. The gate is open, so every edit inside an original paragraph
// is a correct word changed: what a page that kept some text unspun (quotes, boilerplate) would suffer.
{
  const pairs = [...seedPairs, ...devPairs];
  const paragraphsOf = (text) => text.split(/\n\s*\n|\n/).map((x) => x.trim()).filter((x) => x.split(/\s+/).length >= 12);
  let words = 0, edits = 0;
  const tiers = new Map();
  for (let i = 0; i < pairs.length; i++) {
    const other = pairs[(i + 5) % pairs.length];
    const spunParts = paragraphsOf(readFileSync(pairs[i].spun, "utf8"));
    const cleanParts = paragraphsOf(readFileSync(other.clean, "utf8"));
    const parts = [];
    const clean = [];
    let at = 0;
    for (let k = 0; k < Math.max(spunParts.length, cleanParts.length); k++) {
      for (const [list, isClean] of [[spunParts, false], [cleanParts, true]]) {
        const part = list[k];
        if (!part) continue;
        if (isClean) {
          clean.push([at, at + part.length]);
          words += part.split(/\s+/).length;
        }
        parts.push(part);
        at += part.length + 2;
      }
    }
    const r = restoreWith(heldOut([...pairs[i].ids, ...other.ids]), parts.join("\n\n"));
    for (const e of r.edits) {
      if (!clean.some(([a, b]) => e.start >= a && e.end <= b)) continue;
      edits++;
      const tier = e.entry.slice(0, e.entry.indexOf(":"));
      tiers.set(tier, (tiers.get(tier) ?? 0) + 1);
    }
  }
  const byTier = [...tiers].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ");
  console.log(`mixed   held out: original paragraphs (${words} words) between spun ones: ${edits} edits, ${((1000 * edits) / words).toFixed(2)}/1000 (${byTier})`);
}

// Long documents: the devset's spun pages joined into one text (about 4,300 words), and their originals joined.
// The gate must judge a long spun document as it judges its pages, and a long clean one as clean.
{
  const joinAll = (key) => devPairs.map((p) => readFileSync(p[key], "utf8").trim()).join("\n\n") + "\n";
  const spunText = joinAll("spun");
  const goldText = joinAll("gold");
  const goldPath = join(tmp, "long-gold.txt");
  writeFileSync(goldPath, goldText);
  const restored = restoreWith(shipped, spunText);
  const b = score(goldPath, spunText);
  const a = score(goldPath, restored.text);
  const clean = restoreWith(shipped, goldText);
  console.log(
    `long    devset pages joined (${restored.gate.words} words): gate p ${restored.gate.probability.toFixed(3)}, wer ${(b.errors / b.tokens).toFixed(4)} -> ${(a.errors / b.tokens).toFixed(4)} ` +
      `(cut ${((1 - a.errors / b.errors) * 100).toFixed(1)} %); their originals joined: gate p ${clean.gate.probability.toFixed(3)}, ${clean.edits.length} edits`,
  );
}

// Candidate recall on the held-out runs (issue 7): is the original among the candidates for each spun span?
{
  const { candidateSites } = await dist("restore/restore.js");
  const { alignSubstitutions } = await dist("learn/align.js");
  const { measureRecall, formatRecall, errorClasses, formatErrorClasses } = await import("./lib/recall.mjs");
  const pairs = [...seedPairs, ...devPairs].map((p) => ({ ...p, spun: readFileSync(p.spun, "utf8"), original: readFileSync(p.clean, "utf8") }));
  const align = (a, b) => alignSubstitutions(a, b, { maxTokens: 4 });
  const r = measureRecall(pairs, (p) => candidateSites(heldOut(p.ids), p.spun), align);
  console.log(formatRecall("held out", r));
  const classes = errorClasses(pairs, (p) => {
    const resources = heldOut(p.ids);
    const { edits, gate } = restoreWith(resources, p.spun);
    return { sites: candidateSites(resources, p.spun), edits, gate };
  }, align);
  console.log(formatErrorClasses("held out", classes));
  // The ceiling of deciding: a perfect choice among the same candidates (the page's gate taken as open).
  const { siteEvidence } = await dist("restore/restore.js");
  const { caseLike } = await dist("restore/case.js");
  const { siteLabels, oracleText } = await import("./lib/labels.mjs");
  // The scorer's figure is the held-out runs' above.
  const { before, after } = total(heldOutSets);
  let oracle = 0;
  for (const p of [...seedPairs, ...devPairs]) {
    const spun = readFileSync(p.spun, "utf8");
    const clean = readFileSync(p.clean, "utf8");
    const sites = siteEvidence(heldOut(p.ids), spun, { assumeSpun: true }).table.map((t) => t.site);
    oracle += score(p.gold, oracleText(spun, sites, siteLabels(spun, clean, sites), caseLike)).errors;
  }
  console.log(
    `oracle  held out     a perfect choice among the candidates: errors ${before} -> ${oracle} (cut ${((1 - oracle / before) * 100).toFixed(1)} %); ` +
      `the scorer: ${after} (cut ${((1 - after / before) * 100).toFixed(1)} %)`,
  );
  if (verbose) for (const m of r.missed) console.log(`    missed ${m.kind.padEnd(8)} ${m.spun} <- ${m.original}   (${m.pair})`);
}

// Legitimate sentences: the left side of {as written|naive proposal} must come out unchanged when given alone.
const legit = readFileSync(join(shared, "eval", "legit-sentences.txt"), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
let kept = 0;
const changedLegit = [];
for (const line of legit) {
  const sentence = line.replace(/\{([^|}]*)\|[^}]*\}/g, "$1");
  const out = restoreWith(shipped, sentence).text;
  if (out === sentence) kept++;
  else changedLegit.push(`${sentence}\n      -> ${out}`);
}
console.log(`legit   ${kept}/${legit.length} sentences unchanged when given alone`);
for (const c of changedLegit) console.log(`    ${c}`);

// Damage on the clean corpus (ordinary prose never spun; scripts/build-clean-corpus.mjs), as shipped.
const corpus = readCleanCorpus(root);
if (!corpus) console.log(`corpus  ${MISSING_CORPUS}`);
else {
  let changed = 0, ctokens = 0, touched = 0, edits = 0;
  let heldChanged = 0, heldTokens = 0;
  const kinds = new Map();
  for (const [i, a] of corpus.entries()) {
    const r = restoreWith(shipped, a.text);
    const n = corpusTokens(a.text).length;
    ctokens += n;
    // The even articles train the document gate (scripts/train-scorer.mjs): the odd ones are the honest figure.
    if (i % 2 === 1) {
      heldTokens += n;
      heldChanged += tokensChanged(r.edits);
    }
    if (r.edits.length === 0) continue;
    touched++;
    edits += r.edits.length;
    changed += tokensChanged(r.edits);
    for (const e of r.edits) {
      const k = `${e.before.toLowerCase()} -> ${e.after.toLowerCase()}`;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
  }
  const words = corpus.reduce((s, a) => s + a.words, 0);
  console.log(`corpus  clean corpus (${corpus.length} articles, ${words} words) as shipped: damage ${((changed * 1000) / ctokens).toFixed(2)}/1000 tokens ` +
    `(${edits} edits in ${touched} articles); held-out half (odd articles, not used to train the gate): ${((heldChanged * 1000) / heldTokens).toFixed(2)}/1000`);
  if (verbose) for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`    ${n}x ${k}`);
  // The same articles cut as a user may pipe them: paragraphs of 60-150 words and runs of one to three sentences.
  // Short texts hold little evidence, which is where a gate is easiest to fool.
  const cut = corpus.flatMap((a) => passages(a.text).slice(1));
  const p = damageOver((t) => restoreWith(shipped, t), cut);
  console.log(`corpus  the same cut into ${cut.length} passages (paragraphs and 1-3 sentences) as shipped: damage ${p.per1000}/1000 tokens (${p.edits} edits in ${p.touched.length} passages)`);
  // A spinner-like table loaded as candidates, on simulated spins of held-out articles (a sample here, to keep
  // eval short; `node scripts/eval-table.mjs` runs the whole held-out half).
  const r = spawnSync(process.execPath, [join(root, "scripts", "eval-table.mjs"), "--articles", process.env.UNSPIN_TABLE_ARTICLES ?? "80"], { stdio: "inherit" });
  if (r.status !== 0) console.log("table   eval-table.mjs failed (see above)");
}

// The Brown Corpus (scripts/build-brown-corpus.mjs): edited American English of 15 genres, news among them, never
// used to train or tune anything. Each sample as one text, then each paragraph of 25 words or more on its own.
const brown = readBrownCorpus(root);
if (!brown) console.log(`brown   ${MISSING_BROWN}`);
else {
  const line = (pieces) => {
    const d = damageOver((t) => restoreWith(shipped, t), pieces.map((x) => x.text));
    const where = d.touched.map((i) => `${pieces[i].from.file.slice(0, 4)} ${pieces[i].from.source}`);
    return `${d.per1000}/1000 tokens (${d.edits} edits in ${where.length}${where.length ? `: ${where.join(", ")}` : ""})`;
  };
  const samples = brown.map((a) => ({ text: a.text, from: a }));
  const paragraphs = brown.flatMap((a) => a.text.split("\n\n").filter((p) => p.split(/\s+/).length >= 25).map((text) => ({ text, from: a })));
  const words = brown.reduce((s, a) => s + a.words, 0);
  console.log(`brown   Brown Corpus (${brown.length} samples, ${words} words, 15 genres; never trained on) as shipped: damage ${line(samples)}`);
  console.log(`brown   the same as ${paragraphs.length} paragraphs of 25 words or more, each alone: damage ${line(paragraphs)}`);
}
rmSync(tmp, { recursive: true, force: true });

// `unspin scan`: how well the spin probability separates the devset's spun pages from their originals, and from a
// clean corpus (.cache/clean-corpus/*.txt, built by scripts/build-clean-corpus.mjs; without it, the devset originals
// and the seed's clean text). ROC AUC = the chance that a spun page scores above a clean one (ties count half).
{
  const { screenWith } = await dist("index.js");
  const { torturedDictionary, parseTorturedRows } = await dist("dict/tortured.js");
  const tortured = torturedDictionary(parseTorturedRows(readFileSync(bundledFiles.tortured, "utf8")));
  const auc = (pos, neg) => {
    let s = 0;
    for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
    return s / (pos.length * neg.length);
  };
  const heldGate = (ids) => {
    const gateDictionary = combineDictionaries([curated, minedWithout(ids), tortured]);
    return { lm: shipped.lm, dictionary: gateDictionary, gateDictionary };
  };
  const corpusDir = join(root, ".cache", "clean-corpus");
  const corpus = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith(".txt")).map((f) => join(corpusDir, f)) : [];
  const cleanNote = corpus.length
    ? `clean corpus: ${corpus.length} texts in .cache/clean-corpus`
    : "clean corpus: .cache/clean-corpus is missing (run scripts/build-clean-corpus.mjs); using the devset originals and the seed's clean text";
  const cleanFiles = corpus.length ? corpus : [...devPairs.map((p) => p.gold), join(seedDir, "putin-beijing.clean.txt")];
  const cleanScores = cleanFiles.map((f) => screenWith(shipped, readFileSync(f, "utf8")).probability);
  for (const [label, resFor] of [["as shipped", () => shipped], ["held out", (p) => heldGate(p.ids)]]) {
    const spun = devPairs.map((p) => screenWith(resFor(p), readFileSync(p.spun, "utf8")).probability);
    const orig = devPairs.map((p) => screenWith(resFor(p), readFileSync(p.gold, "utf8")).probability);
    console.log(
      `scan    ${label.padEnd(12)} ROC AUC spun pages vs their originals ${auc(spun, orig).toFixed(3)}, vs the clean corpus ${auc(spun, cleanScores).toFixed(3)} ` +
        `(${spun.filter((x) => x >= 0.8).length}/${spun.length} spun pages and ${cleanScores.filter((x) => x >= 0.8).length}/${cleanScores.length} clean texts judged spun)`,
    );
  }
  console.log(`        ${cleanNote}`);
}

// Tortured phrases (the bundled list in generated abstracts, unlisted ones by cross-validation) and `unspin scan`:
// a separate script, which needs only the repository (and ../shared for the scan's devset figures).
const tortured = spawnSync(process.execPath, [join(root, "scripts", "eval-tortured.mjs")], { stdio: "inherit" });
if (tortured.status !== 0) process.exitCode = tortured.status ?? 1;
