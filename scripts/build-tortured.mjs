#!/usr/bin/env node
// Builds the bundled tortured-phrase dictionary, dictionaries/tortured/tortured.tsv, from
// ../shared/tortured/pairs-dev.tsv: documented pairs of the Problematic Paper Screener's list (G. Cabanac,
// C. Labbé, A. Magazinov; CC BY 4.0) and a few from press coverage. That file is the one piece of ../shared that
// may be bundled (as cleaned data, with its attribution and licence beside it); everything else there is for
// measuring only.
//
//   npm run build && node scripts/build-tortured.mjs [pairs.tsv] [--verbose]
//
// The expected side of the list is noisy (curator notes, "?", brackets, acronyms, alternatives "a/b", URLs). Each row
// is cleaned, checked against the project's own tokeniser (a phrase must be matchable as one run of words), and
// kept only when the result is unambiguous. Rules that drop rows are counted and printed; --verbose lists them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const shared = resolve(process.env.UNSPIN_SHARED ?? join(root, "..", "shared"));
const input = resolve(args.find((a) => !a.startsWith("--")) ?? join(shared, "tortured", "pairs-dev.tsv"));
if (!existsSync(input)) {
  console.error(`build-tortured: the tortured-phrase list was not found at ${input}.`);
  console.error("It lives in ../shared/tortured/pairs-dev.tsv beside the repository (or pass a path, or set UNSPIN_SHARED). Nothing was built.");
  process.exit(2);
}
if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("build-tortured: dist/ is missing; run `npm run build` first.");
  process.exit(2);
}
const { tokenizeWords } = await import(join(root, "dist", "text", "tokenize.js"));
const { cleanTortured, cleanExpected, entryPos, pluralPhrase, agreeInNumber } = await import(join(root, "dist", "dict", "tortured-clean.js"));
const { loadBundledModel } = await import(join(root, "dist", "resources.js"));

/** One TSV line; fields in double quotes may hold tabs and doubled quotes (CSV style). */
function splitRow(line) {
  const out = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') (s += '"'), (i += 2);
        else if (line[i] === '"') break;
        else s += line[i++];
      }
      i++;
      const tab = line.indexOf("\t", i);
      out.push(s + (tab < 0 ? line.slice(i) : line.slice(i, tab)));
      i = tab < 0 ? line.length + 1 : tab + 1;
    } else {
      const tab = line.indexOf("\t", i);
      out.push(tab < 0 ? line.slice(i) : line.slice(i, tab));
      i = tab < 0 ? line.length + 1 : tab + 1;
    }
  }
  return out;
}

// Short source ids, expanded in the header: each entry names where it was documented.
const sourceIds = new Map();
function sourceId(url) {
  let id = sourceIds.get(url);
  if (!id) {
    id = `s${sourceIds.size + 1}`;
    sourceIds.set(url, id);
  }
  return id;
}

/** True when the tokeniser reads the phrase as one run of words (spaces or single hyphens between them). */
function matchable(phrase) {
  const tokens = tokenizeWords(phrase);
  if (tokens.length === 0) return false;
  const covered = tokens.map((t) => t.text).join("");
  if (covered.length !== phrase.replace(/[\s-]/g, "").length) return false;
  return tokens.every((t, i) => i === tokens.length - 1 || t.joinsNext || t.hyphenNext);
}

const lines = readFileSync(input, "utf8").split(/\r?\n/);
const dropped = new Map();
const drop = (reason, row) => {
  if (!dropped.has(reason)) dropped.set(reason, []);
  dropped.get(reason).push(row);
};
/** key (lower case) → { tortured (as cleaned), terms: string[], sources: Set } */
const entries = new Map();
let rows = 0;
for (const [n, line] of lines.entries()) {
  if (!line.trim() || line.startsWith("#")) continue;
  const [rawT = "", rawE = "", url = ""] = splitRow(line);
  if (n === 0 && /^tortured$/i.test(rawT.trim())) continue;
  rows++;
  const row = `${rawT}\t${rawE}`;
  const t = cleanTortured(rawT);
  if (!t.ok) {
    drop(`tortured side: ${t.reason}`, row);
    continue;
  }
  if (!matchable(t.phrase)) {
    drop("tortured side: not one run of words (punctuation inside)", row);
    continue;
  }
  const e = cleanExpected(rawE, t.phrase);
  if (!e.ok) {
    drop(`expected side: ${e.reason}`, row);
    continue;
  }
  const key = t.phrase.toLowerCase();
  const terms = e.terms.filter((x) => x.toLowerCase() !== key && matchable(x));
  if (terms.length === 0) {
    drop("expected side: same as the tortured phrase, or not one run of words", row);
    continue;
  }
  const entry = entries.get(key) ?? { tortured: key, terms: [], sources: new Set() };
  for (const x of terms) if (!entry.terms.some((y) => y.toLowerCase() === x.toLowerCase())) entry.terms.push(x);
  if (url.trim()) entry.sources.add(sourceId(url.trim()));
  entries.set(key, entry);
}

const lm = loadBundledModel();
const known = (w) => lm.scorer.model.has(w);
// Number: a plural phrase listed with a singular term gets the plural term.
for (const e of entries.values()) e.terms = agreeInNumber(e.tortured, e.terms, known);

// A term the list gives as correct is never itself a tortured phrase, nor part of one's match: a key that is a
// correct term (or a run of words inside one) would rewrite correct text ("vector machine" inside "support vector
// machine"). Such rows are contradictions or fragments in the list; they are dropped.
const termWords = [...entries.values()].flatMap((e) => e.terms.map((x) => ` ${x.toLowerCase().replace(/-/g, " ")} `));
for (const [key, e] of entries) {
  const k = ` ${key.replace(/-/g, " ")} `;
  if (termWords.some((t) => t.includes(k))) {
    drop("tortured phrase is (part of) a term the list gives as correct", `${e.tortured}\t${e.terms.join(" | ")}`);
    entries.delete(key);
  }
}

// Every form is a line, sorted by key, so the runtime can binary-search the file without parsing it. Plurals are
// generated for noun phrases ("bosom peril" → "bosom perils" → "breast cancers"), unless the plural is itself listed.
const rowsOut = new Map();
// Literal risk: a phrase the language model knows as ordinary English (a common single word, or a chain of word
// pairs it has seen with a clearly positive association: "on the off chance", "elderly folks", "malignant growth")
// is often used literally. Such entries get a lower prior, and restoring applies them only in scientific or technical
// text (src/restore/register.ts) that also holds a listed phrase which is not (src/restore/engine.ts fingerprintFilter).
const model = lm.scorer.model;
function literal(phrase) {
  const ids = tokenizeWords(phrase).flatMap((t) => [...lm.tokenIds(t.text)]);
  if (ids.length === 0 || ids.some((id) => id < 0)) return false;
  if (ids.length === 1) return model.unigramLogProb(ids[0]) >= LITERAL_UNIGRAM;
  let association = 0;
  for (let i = 1; i < ids.length; i++) {
    if (model.ngramOrder(ids[i], ids[i - 1], -1) < 2) return false;
    association += model.logProb(ids[i], ids[i - 1], i >= 2 ? ids[i - 2] : -1) - model.unigramLogProb(ids[i]);
  }
  return association / (ids.length - 1) >= LITERAL_ASSOCIATION;
}
const LITERAL_UNIGRAM = -7;
const LITERAL_ASSOCIATION = 0.5;
const LITERAL_PRIOR = -1.5;
let literalCount = 0;
for (const e of entries.values()) {
  const prior = literal(e.tortured) ? LITERAL_PRIOR : 0;
  if (prior < 0) literalCount++;
  const sources = [...e.sources].sort().join(",");
  rowsOut.set(e.tortured, [e.tortured, e.terms.join("|"), e.tortured, prior.toFixed(2), sources]);
}
// A plural is generated only when the language model's vocabulary has the plural of the last word on both sides:
// mass nouns and adjectives ("big datas", "bosom malignants") are not English.
const pluralKnown = (phrase) => lm.scorer.model.has(pluralPhrase(phrase.toLowerCase()).split(" ").at(-1));
for (const e of entries.values()) {
  if (entryPos(e.tortured, e.terms) !== "n" || ![e.tortured, ...e.terms].every(pluralKnown)) continue;
  const plural = pluralPhrase(e.tortured);
  const k = ` ${plural.replace(/-/g, " ")} `;
  if (rowsOut.has(plural) || termWords.some((t) => t.includes(k))) continue;
  const [, , , prior, sources] = rowsOut.get(e.tortured);
  rowsOut.set(plural, [plural, e.terms.map(pluralPhrase).join("|"), e.tortured, prior, sources]);
}
const keys = [...rowsOut.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const body = keys.map((k) => rowsOut.get(k).join("\t"));
const maxWords = Math.max(...keys.map((k) => k.split(" ").length));
const sourceLines = [...sourceIds.entries()].map(([url, id]) => `# source ${id}\t${url}`);
const header = [
  "# unspin tortured-phrase dictionary (tier fingerprint): tortured phrase -> the term it replaced.",
  `# Built by scripts/build-tortured.mjs from the documented pairs of the Problematic Paper Screener's tortured-phrase list`,
  "# (G. Cabanac, C. Labbé, A. Magazinov; https://www.irit.fr/~Guillaume.Cabanac/problematic-paper-screener), as copied",
  "# in the public repositories below, and press coverage. Licence of the list: CC BY 4.0 (see LICENSE.md beside this file).",
  "# Cleaned for unspin: curator notes, question marks, brackets, acronyms and alternatives resolved; see README.md.",
  "# line: key<TAB>term|alternative…<TAB>entry (the listed phrase; plurals are generated)<TAB>prior (log10)<TAB>sources",
  `# prior ${LITERAL_PRIOR} (applied only in scientific text beside another listed phrase): the phrase is also ordinary English (language model: a word with`,
  `#   log10 unigram probability >= ${LITERAL_UNIGRAM}, or every word pair attested with mean association >= ${LITERAL_ASSOCIATION}); 0 otherwise.`,
  ...sourceLines,
  `# entries=${entries.size} forms=${body.length} maxPhraseWords=${maxWords}`,
];
mkdirSync(join(root, "dictionaries", "tortured"), { recursive: true });
writeFileSync(join(root, "dictionaries", "tortured", "tortured.tsv"), header.join("\n") + "\n" + body.join("\n") + "\n");

console.log(`build-tortured: ${rows} rows read from ${input}`);
console.log(`  ${entries.size} entries (${body.length} forms with plurals) written to dictionaries/tortured/tortured.tsv; ${literalCount} also ordinary English (prior ${LITERAL_PRIOR})`);
for (const [reason, list] of [...dropped.entries()].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  dropped ${String(list.length).padStart(4)}: ${reason}`);
  if (verbose) for (const r of list) console.log(`      ${r}`);
}
