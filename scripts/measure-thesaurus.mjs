#!/usr/bin/env node
// Measure how well dictionaries/thesaurus/reverse.tsv explains real spins.
//
//   node scripts/measure-thesaurus.mjs [path/to/reverse.tsv]
//
// Reads ../shared (relative to the repository root): the devset pairs ../shared/devset/NN-*.spun.txt vs
// NN-*.orig.txt and the seed ../shared/seed/putin-beijing.spun.txt vs .clean.txt. Those texts are third-party
// and are only read here, never copied into the project. Each pair is aligned with a token-level LCS diff;
// a "substitution event" is a maximal run of changed tokens with 1–4 tokens on each side. An event is covered
// at cap k when the original side is among the first k candidates listed for the spun side ("exact"), or, for
// equal-length events, when every differing token is covered that way ("word by word").

import { readFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(ROOT, "../shared");
if (!existsSync(join(SHARED, "devset")) || !existsSync(join(SHARED, "seed"))) {
  console.error(`measure-thesaurus: ${SHARED}/devset and ${SHARED}/seed are needed (the shared measurement set); not found.`);
  process.exit(2);
}
const tsvPath = resolve(process.argv[2] ?? join(ROOT, "dictionaries/thesaurus/reverse.tsv"));
if (!existsSync(tsvPath)) {
  console.error(`measure-thesaurus: ${tsvPath} not found; build it with node scripts/build-thesaurus.mjs`);
  process.exit(2);
}

// ---------------------------------------------------------------- dictionary
const dict = new Map(); // key → [original…] in file order (prior desc)
let header = [];
for (const line of readFileSync(tsvPath, "utf8").split("\n")) {
  if (!line) continue;
  if (line.startsWith("#")) {
    header.push(line);
    continue;
  }
  const f = line.split("\t");
  dict.set(
    f[0],
    f.slice(1).map((c) => c.slice(0, c.indexOf(";"))),
  );
}

// ---------------------------------------------------------------- alignment
const tokenize = (text) =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .match(/[\p{L}\p{N}]+(?:['.\-][\p{L}\p{N}]+)*/gu) ?? [];

function diffEvents(spun, orig) {
  const n = spun.length;
  const m = orig.length;
  const W = m + 1;
  const L = new Int32Array((n + 1) * W);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      L[i * W + j] = spun[i] === orig[j] ? L[(i + 1) * W + j + 1] + 1 : Math.max(L[(i + 1) * W + j], L[i * W + j + 1]);
  const events = [];
  let i = 0;
  let j = 0;
  let s = [];
  let o = [];
  const flush = () => {
    if (s.length && o.length) events.push({ spun: s, orig: o });
    s = [];
    o = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && spun[i] === orig[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i >= n || L[i * W + j + 1] >= L[(i + 1) * W + j])) o.push(orig[j++]);
    else s.push(spun[i++]);
  }
  flush();
  return events.filter((e) => e.spun.length <= 4 && e.orig.length <= 4);
}

const pairs = [];
const devDir = join(SHARED, "devset");
for (const f of readdirSync(devDir).sort()) {
  const m = /^(\d+-.*)\.spun\.txt$/.exec(f);
  if (m && existsSync(join(devDir, `${m[1]}.orig.txt`)))
    pairs.push({ name: m[1], spun: join(devDir, f), orig: join(devDir, `${m[1]}.orig.txt`) });
}
pairs.push({
  name: "seed",
  spun: join(SHARED, "seed/putin-beijing.spun.txt"),
  orig: join(SHARED, "seed/putin-beijing.clean.txt"),
});

const CAPS = [1, 3, 5, 10, 20, 40, Infinity];
function rankOf(spunKey, origKey) {
  const c = dict.get(spunKey);
  if (!c) return -1;
  return c.indexOf(origKey);
}
function measure(group) {
  const events = [];
  for (const p of group) {
    const a = tokenize(readFileSync(p.spun, "utf8"));
    const b = tokenize(readFileSync(p.orig, "utf8"));
    events.push(...diffEvents(a, b));
  }
  const exact = CAPS.map(() => 0);
  const wbw = CAPS.map(() => 0);
  let keyed = 0;
  const candCounts = [];
  for (const e of events) {
    const sk = e.spun.join(" ");
    const ok = e.orig.join(" ");
    const c = dict.get(sk);
    if (c) {
      keyed++;
      candCounts.push(c.length);
    }
    const r = rankOf(sk, ok);
    CAPS.forEach((cap, k) => {
      const hit = r >= 0 && r < cap;
      if (hit) exact[k]++;
      let w = hit;
      if (!w && e.spun.length === e.orig.length) {
        w = e.spun.every((t, x) => {
          if (t === e.orig[x]) return true;
          const rr = rankOf(t, e.orig[x]);
          return rr >= 0 && rr < cap;
        });
      }
      if (w) wbw[k]++;
    });
  }
  candCounts.sort((x, y) => x - y);
  return { n: events.length, exact, wbw, keyed, medianCands: candCounts[candCounts.length >> 1] ?? 0 };
}

const pct = (x, n) => ((100 * x) / Math.max(1, n)).toFixed(1).padStart(5) + " %";
function report(label, r) {
  console.log(`\n${label}: ${r.n} substitution events; spun side is a key in ${pct(r.keyed, r.n)}; median candidates for those keys ${r.medianCands}`);
  console.log("  cap    exact   word-by-word");
  CAPS.forEach((cap, k) => console.log(`  ${String(cap).padStart(4)}  ${pct(r.exact[k], r.n)}  ${pct(r.wbw[k], r.n)}`));
}
const allCounts = [...dict.values()].map((c) => c.length).sort((x, y) => x - y);
console.log(`${tsvPath}: ${dict.size} keys; median candidates per key ${allCounts[allCounts.length >> 1]}`);
for (const h of header) if (h.startsWith("# params") || h.startsWith("# keys")) console.log(h);
report("devset news (01-11)", measure(pairs.filter((p) => /^(0\d|1[01])-/.test(p.name))));
report("devset keyword pages (12-21)", measure(pairs.filter((p) => /^(1[2-9]|2\d)-/.test(p.name))));
report("seed", measure(pairs.filter((p) => p.name === "seed")));
report("all", measure(pairs));
